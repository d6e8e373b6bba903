import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { FORMAT_VERSION, UserError, canonicalize, type GraphSnapshot, type Snapshot } from "@langgraph-compat/snapshot";
import { ExtractContext } from "./context.js";
import { discoverGraphs, type GraphChoice } from "./discover.js";
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
  const ctx = new ExtractContext(projectDir);
  const snapshot: Snapshot = { formatVersion: FORMAT_VERSION, graphs: {} };
  const found: string[] = [];
  for (const entry of discoverGraphs(ctx, options)) {
    if (entry.auto) found.push(entry.id);
    const definition = findGraphDefinition(ctx, entry.declaration);
    if (definition) {
      snapshot.graphs[entry.id] = extractGraph(ctx, entry.id, definition);
      continue;
    }
    const graph = extractGraph(ctx, entry.id, { kind: "builder", constructorCall: entry.declaration, calls: [], anchor: entry.declaration });
    graph.unresolved.push(ctx.unresolved("graph", "the export is not a graph we can follow statically", entry.declaration));
    snapshot.graphs[entry.id] = graph;
  }
  dropNestedGraphs(snapshot, found);
  options.onFilesRead?.(ctx.modules.project.getSourceFiles().map((f) => f.getFilePath() as string).sort());
  return canonicalize(snapshot);
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
