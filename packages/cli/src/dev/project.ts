/** Which graph `langgraph-compat dev` serves: the `langgraph.json` entry, and `--graph` when there are several. */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { UserError } from "@langgraph-compat/snapshot";
import { resolveSourceFile } from "./resolve-ts.js";

/** One graph entry of `langgraph.json`, resolved to a source file. */
export interface GraphEntry {
  /** The graph id (key of `graphs`). */
  id: string;
  /** Absolute path of the module. */
  file: string;
  /** The export name (`default` when the entry has no `:name`). */
  exportName: string;
}

/** Read `projectDir/langgraph.json` and pick the graph to serve; bad input is a `UserError`. */
export function selectGraph(projectDir: string, graphId: string | undefined): GraphEntry {
  const configPath = join(projectDir, "langgraph.json");
  if (!existsSync(configPath)) throw new UserError("no-graphs", `dev: ${configPath} not found; dev serves a graph listed in langgraph.json`);
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(configPath, "utf8"));
  } catch (error) {
    throw new UserError("config-invalid", `dev: ${configPath}: ${(error as Error).message.split("\n")[0]}`);
  }
  const graphs = (config as { graphs?: unknown })?.graphs;
  const entries = graphs && typeof graphs === "object" ? Object.entries(graphs as Record<string, unknown>) : [];
  if (entries.length === 0) throw new UserError("no-graphs", `dev: ${configPath} lists no graphs`);
  const ids = entries.map(([id]) => `"${id}"`).join(", ");
  let chosen: [string, unknown] | undefined;
  if (graphId !== undefined) {
    chosen = entries.find(([id]) => id === graphId);
    if (!chosen) throw new UserError("unknown-graph", `dev: no graph "${graphId}" in langgraph.json (graphs: ${ids})`);
  } else if (entries.length > 1) {
    throw new UserError("usage", `dev: langgraph.json lists several graphs (${ids}); pick one with --graph ID`);
  } else {
    chosen = entries[0];
  }
  const [id, spec] = chosen!;
  const path = typeof spec === "string" ? spec : (spec as { path?: unknown })?.path;
  if (typeof path !== "string") throw new UserError("config-invalid", `dev: graph "${id}" in langgraph.json has no "path:export" string`);
  const colon = path.lastIndexOf(":");
  const modulePath = colon > 1 ? path.slice(0, colon) : path;
  const exportName = colon > 1 ? path.slice(colon + 1) : "default";
  const file = resolveSourceFile(resolve(projectDir, modulePath));
  if (!file) throw new UserError("graph-missing", `dev: graph "${id}": ${modulePath} not found in ${projectDir}`);
  return { id, file, exportName };
}
