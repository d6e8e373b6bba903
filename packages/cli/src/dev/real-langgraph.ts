/**
 * `dev --runtime langgraph`: the project's own installed `@langchain/langgraph`, found the way Node finds it
 * from the graph's file, and its graphs rebuilt with the dev host's checkpointer (the real `MemorySaver`).
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { UserError } from "@langgraph-compat/snapshot";

type Conditions = string | { [condition: string]: Conditions } | null | undefined;

/** The file an export target names for `import` (conditions `node`, `import`, `default`, in the package's order). */
function importTarget(target: Conditions): string | undefined {
  if (typeof target === "string") return target;
  if (target === null || typeof target !== "object") return undefined;
  for (const [condition, value] of Object.entries(target)) {
    if (["node", "import", "default"].includes(condition)) {
      const found = importTarget(value);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The installed `@langchain/langgraph` seen from `fromFile`: its ESM entry and version. */
export function findLangGraph(fromFile: string): { entry: string; version: string } {
  for (let dir = dirname(fromFile); ; dir = dirname(dir)) {
    const manifest = join(dir, "node_modules", "@langchain", "langgraph", "package.json");
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, "utf8")) as { version: string; exports?: Record<string, Conditions>; module?: string; main?: string };
      const target = importTarget(pkg.exports?.["."]) ?? pkg.module ?? pkg.main ?? "index.js";
      return { entry: realpathSync(join(dirname(manifest), target)), version: pkg.version };
    }
    if (dirname(dir) === dir) break;
  }
  throw new UserError("usage", `dev --runtime langgraph: @langchain/langgraph is not installed for ${fromFile}; install it, or leave out --runtime to use the reference runtime`);
}

/** The real package's module (the very instance the project's imports get). */
export async function importLangGraph(fromFile: string): Promise<{ module: Record<string, unknown>; version: string }> {
  const { entry, version } = findLangGraph(fromFile);
  return { module: (await import(pathToFileURL(entry).href)) as Record<string, unknown>, version };
}

interface RealGraph {
  invoke?: unknown;
  getState?: unknown;
  compile?: (options: Record<string, unknown>) => unknown;
  builder?: { compile?: (options: Record<string, unknown>) => unknown };
  checkpointer?: unknown;
  [key: string]: unknown;
}

/**
 * The same real graph built with `checkpointer` instead of its own: a `StateGraph` builder is compiled with it; a
 * compiled `StateGraph` is compiled again from its builder with the same breakpoints and name; any other compiled
 * graph (a functional `entrypoint`) is copied with the checkpointer replaced. `undefined` for anything else.
 */
export function rebuildReal(exported: unknown, checkpointer: unknown): unknown {
  const graph = exported as RealGraph | null;
  if (graph === null || typeof graph !== "object") return undefined;
  if (typeof graph.compile === "function" && typeof graph.invoke !== "function") return graph.compile({ checkpointer });
  if (typeof graph.invoke !== "function" || typeof graph.getState !== "function") return undefined;
  if (typeof graph.builder?.compile === "function") {
    return graph.builder.compile({ checkpointer, interruptBefore: graph.interruptBefore, interruptAfter: graph.interruptAfter, store: graph.store, name: graph.name });
  }
  return Object.assign(Object.create(Object.getPrototypeOf(graph) as object), graph, { checkpointer });
}
