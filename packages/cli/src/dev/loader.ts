/**
 * Main-thread side of the dev loader: registers the module hooks once per project and imports a fresh copy
 * of the project (`?v=N`) as a {@link GraphVersion} the host can build with its shared checkpointer.
 * This is the only place where langgraph-compat runs user code; the analyzer (`snapshot`, `check`) never does.
 */
import { register } from "node:module";
import { pathToFileURL } from "node:url";
import type { Snapshot } from "@langgraph-compat/snapshot";
import type { BaseCheckpointSaver } from "@langgraph-compat/runtime";
import { rebuildWithCheckpointer } from "./langgraph.js";
import { rebuildReal } from "./real-langgraph.js";
import type { HookData } from "./hooks.js";
import type { GraphEntry } from "./project.js";
import type { GraphVersion, HostedGraph } from "./host.js";

const registered = new Set<string>();

/** Install the dev module hooks for `projectDir` (idempotent; one runtime per project and process). */
export function registerLoader(projectDir: string, runtime: DevRuntime = "reference"): void {
  if (registered.has(projectDir)) return;
  const data: HookData = { projectDir, shimUrl: new URL("./langgraph.js", import.meta.url).href, runtime };
  register(new URL("./hooks.js", import.meta.url), { data });
  registered.add(projectDir);
}

/** What `dev` runs graphs on: the reference runtime (default) or the project's installed `@langchain/langgraph`. */
export type DevRuntime = "reference" | "langgraph";

/** The first line of an error's message, for one-line reports. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n").find((line) => line.trim() !== "")?.trim() ?? String(error);
}

/**
 * Import version `n` of the project's graph module (fresh copies of every project module) and wrap its
 * export as a deployable version. Throws when the module fails to load or does not export a graph.
 */
export async function loadVersion(entry: GraphEntry, n: number, snapshot: Snapshot, runtime: DevRuntime = "reference"): Promise<GraphVersion> {
  const url = pathToFileURL(entry.file);
  url.searchParams.set("v", String(n));
  const module = (await import(url.href)) as Record<string, unknown>;
  if (!(entry.exportName in module)) {
    throw new Error(`${entry.file} has no export "${entry.exportName}" (graph "${entry.id}" in langgraph.json)`);
  }
  // LangGraph also accepts a Promise of the graph, or a factory that returns it (or a Promise of it).
  let exported = await module[entry.exportName];
  if (typeof exported === "function" && !/^class\b/.test(Function.prototype.toString.call(exported))) {
    exported = await (exported as () => unknown)();
  }
  const rebuild = (checkpointer: unknown) => (runtime === "langgraph" ? rebuildReal(exported, checkpointer) : rebuildWithCheckpointer(exported, checkpointer as BaseCheckpointSaver));
  const probe = rebuild(undefined);
  if (!probe) {
    throw new Error(`export "${entry.exportName}" of ${entry.file} is not a StateGraph, a compiled graph or an entrypoint of @langchain/langgraph`);
  }
  return {
    id: `v${n}`,
    graphId: entry.id,
    snapshot,
    build(checkpointer: unknown): HostedGraph {
      const graph = rebuild(checkpointer);
      if (!graph) throw new Error(`export "${entry.exportName}" is not a graph`);
      return graph as HostedGraph;
    },
  };
}
