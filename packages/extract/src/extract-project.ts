import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { FORMAT_VERSION, UserError, canonicalize, type Snapshot } from "@langgraph-compat/snapshot";
import { ExtractContext } from "./context.js";
import { discoverGraphs } from "./discover.js";
import { findGraphDefinition } from "./builder.js";
import { extractGraph } from "./graph.js";

export interface ExtractOptions {
  /** The project root: where `langgraph.json` and `tsconfig.json` are looked for. */
  projectDir: string;
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
  for (const entry of discoverGraphs(ctx)) {
    const definition = findGraphDefinition(ctx, entry.declaration);
    if (definition) {
      snapshot.graphs[entry.id] = extractGraph(ctx, entry.id, definition);
      continue;
    }
    const graph = extractGraph(ctx, entry.id, { kind: "builder", constructorCall: entry.declaration, calls: [], anchor: entry.declaration });
    graph.unresolved.push(ctx.unresolved("graph", "the export is not a graph we can follow statically", entry.declaration));
    snapshot.graphs[entry.id] = graph;
  }
  return canonicalize(snapshot);
}
