import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { FORMAT_VERSION, UserError, canonicalize, type GraphSnapshot, type Snapshot } from "@langgraph-compat/snapshot";
import { ExtractContext } from "./context.js";
import type { ExtractCache } from "./source-cache.js";
import { discoverGraphs, type GraphChoice, type GraphEntry } from "./discover.js";
import { findGraphDefinition } from "./builder.js";
import { extractGraph } from "./graph.js";

export interface ExtractOptions extends GraphChoice {
  /** The project root: where `langgraph.json` and `tsconfig.json` are looked for. */
  projectDir: string;
  /**
   * Told the absolute paths of every source file the extraction parsed (only what the graph entry points
   * reach), so a caller that keeps the result (the ESLint plugin) knows which files can change it.
   */
  onFilesRead?: (files: string[]) => void;
  /**
   * What to reuse from earlier extractions: a process that extracts the same project again and again (the
   * ESLint plugin in an editor) passes one cache to every call. Files whose text did not change are not
   * parsed again, and a graph none of whose files changed is not extracted again. The result is the same.
   */
  cache?: ExtractCache;
}

/**
 * Extract every graph of a project into a canonical snapshot, statically: source files are parsed, never
 * run. Throws a `UserError` for bad input (no graphs, missing file or export, syntax error).
 */
export function extractProject(options: ExtractOptions): Snapshot {
  const projectDir = resolve(options.projectDir);
  if (!existsSync(projectDir) || !statSync(projectDir).isDirectory()) {
    throw new UserError("project-missing", `${options.projectDir}: no such project directory`);
  }
  const cache = options.cache;
  cache?.sources.newRound();
  const ctx = new ExtractContext(projectDir, cache);
  const snapshot: Snapshot = { formatVersion: FORMAT_VERSION, graphs: {} };
  const found: string[] = [];
  const read = new Set<string>();
  for (const entry of discoverGraphs(ctx, options)) {
    if (entry.auto) found.push(entry.id);
    snapshot.graphs[entry.id] = cache ? keptGraph(cache, ctx, entry, read) : graphAt(ctx, entry);
  }
  dropNestedGraphs(snapshot, found);
  options.onFilesRead?.([...new Set([...ctx.modules.files(), ...read])].sort());
  return canonicalize(snapshot);
}

/** The graph declared at `entry`. */
function graphAt(ctx: ExtractContext, entry: GraphEntry): GraphSnapshot {
  const definition = findGraphDefinition(ctx, entry.declaration);
  if (definition) return extractGraph(ctx, entry.id, definition);
  const graph = extractGraph(ctx, entry.id, { kind: "builder", constructorCall: entry.declaration, calls: [], anchor: entry.declaration });
  graph.unresolved.push(ctx.unresolved("graph", "the export is not a graph we can follow statically", entry.declaration));
  return graph;
}

/**
 * The graph declared at `entry`, from the cache when none of the files its last extraction read changed and
 * no import it could not resolve names a file now. Otherwise it is extracted in a context of its own, so
 * that everything it reads is recorded (a shared context would answer from what another graph read).
 * `read` gains the graph's files.
 */
function keptGraph(cache: ExtractCache, discovery: ExtractContext, entry: GraphEntry, read: Set<string>): GraphSnapshot {
  const kept = cache.graphs.get(entry.declaration);
  const fresh =
    kept !== undefined &&
    kept.id === entry.id &&
    cache.stillValid(kept, discovery.modules);
  if (!fresh) {
    cache.extractions++;
    const ctx = new ExtractContext(discovery.projectDir, cache);
    // Tracked, not just the files this context loaded: answers kept from earlier extractions read files too.
    const [graph, deps] = ctx.modules.track(() => graphAt(ctx, entry));
    deps.files.add(entry.declaration.getSourceFile().getFilePath());
    const versions = new Map([...deps.files].map((path) => [path, cache.sources.version(path)]));
    cache.graphs.set(entry.declaration, { id: entry.id, versions, misses: deps.misses, value: graph });
  }
  const graph = cache.graphs.get(entry.declaration)!;
  for (const path of graph.versions.keys()) read.add(path);
  // Not copied: canonicalize copies what it returns.
  return graph.value;
}

/** Where a graph is defined, as a key: a graph found twice (alone and as a subgraph) has one. */
const whereKey = (graph: GraphSnapshot) => `${graph.location.file}:${graph.location.line}:${graph.location.column}`;

function collectNested(graph: GraphSnapshot, into: Set<string>): void {
  for (const node of Object.values(graph.nodes)) {
    if (!node.subgraph) continue;
    into.add(whereKey(node.subgraph));
    collectNested(node.subgraph, into);
  }
}

/**
 * A graph found among the exports that another graph holds as a subgraph (a factory of a child graph that
 * the parent's factory calls) is reported inside its parent only, not twice.
 */
function dropNestedGraphs(snapshot: Snapshot, found: string[]): void {
  for (const id of found) {
    const key = whereKey(snapshot.graphs[id]);
    const holder = Object.keys(snapshot.graphs).find((other) => {
      if (other === id) return false;
      const nested = new Set<string>();
      collectNested(snapshot.graphs[other], nested);
      return nested.has(key) && whereKey(snapshot.graphs[other]) !== key;
    });
    if (holder !== undefined) delete snapshot.graphs[id];
  }
}
