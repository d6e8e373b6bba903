/**
 * Test helpers for the GraphHost suites: a graph version is written once as TypeScript source, the
 * extractor reads it from a temp project (so the verdict is the real one), and the same source, with its
 * `@langchain/langgraph` import pointed at the reference runtime (or left on the real package), is imported to
 * build the compiled graph.
 */
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { extractProject } from "@langgraph-compat/extract";
import type { GraphVersion, HostedGraph } from "../src/index.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

const runtimeIndex = fileURLToPath(new URL("../../runtime/src/index.ts", import.meta.url));
/** The real `@langchain/langgraph` this package's tests run on (a dev dependency). */
const realLangGraph = realpathSync(fileURLToPath(new URL("../node_modules/@langchain/langgraph", import.meta.url)));

/** Header every graph source starts with. */
export const HEADER = `import { Annotation, StateGraph, START, END, interrupt, Send, Command } from "@langchain/langgraph";\n`;

/**
 * A version of graph `agent` from `source`, which must export `graph` (compiled, for the extractor) and
 * `make(checkpointer)` (compiled with the host's checkpointer).
 */
export async function versionFromSource(id: string, source: string, graphId = "agent", runtime: "reference" | "langgraph" = "reference"): Promise<GraphVersion> {
  const dir = tempDir(`lgc-host-${id}-`);
  writeFileSync(join(dir, "langgraph.json"), JSON.stringify({ graphs: { [graphId]: "./graph.ts:graph" } }));
  writeFileSync(join(dir, "graph.ts"), source);
  const snapshot = extractProject({ projectDir: dir });
  const runnable = join(dir, "graph.run.ts");
  if (runtime === "langgraph") {
    // The real package, the very copy the tests import (so `Command` and the savers are the graph's own).
    mkdirSync(join(dir, "node_modules", "@langchain"), { recursive: true });
    symlinkSync(realLangGraph, join(dir, "node_modules", "@langchain", "langgraph"));
  }
  writeFileSync(runnable, runtime === "langgraph" ? source : source.replace(/"@langchain\/langgraph"/g, JSON.stringify(runtimeIndex)));
  const mod = (await import(/* @vite-ignore */ pathToFileURL(runnable).href)) as { make(checkpointer: unknown): HostedGraph };
  return { id, graphId, snapshot, build: (checkpointer) => mod.make(checkpointer) };
}

/** Options of {@link reviewGraph}. */
export interface ReviewGraphOptions {
  /** Name of the approval node (false: no approval node, write goes straight to publish). */
  review?: string | false;
  /** Prefix publish writes into `notes` (changing it is a safe node-function change). */
  published?: string;
}

/**
 * START → prep → clarify (interrupt "topic?") → write → review (interrupt "approve?") → publish → END.
 * `write` awaits `globalThis.__hostGate(topic)` when a test sets it, so a run can be held in flight.
 */
export function reviewGraph(options: ReviewGraphOptions = {}): string {
  const review = options.review ?? "review";
  const published = options.published ?? "publish";
  return `${HEADER}
const State = Annotation.Root({
  topic: Annotation<string>(),
  draft: Annotation<string>(),
  verdict: Annotation<string>(),
  notes: Annotation<string[]>({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }),
});
async function write(s: typeof State.State) {
  await (globalThis as any).__hostGate?.(s.topic);
  return { draft: \`draft:\${s.topic}\`, notes: ["write"] };
}
const builder = new StateGraph(State)
  .addNode("prep", () => ({ notes: ["prep"] }))
  .addNode("clarify", () => ({ topic: interrupt("topic?") as string, notes: ["clarify"] }))
  .addNode("write", write)
  ${review ? `.addNode("${review}", () => ({ verdict: interrupt("approve?") as string, notes: ["review"] }))` : ""}
  .addNode("publish", (s: typeof State.State) => ({ notes: [\`${published}:\${s.verdict}\`] }))
  .addEdge(START, "prep")
  .addEdge("prep", "clarify")
  .addEdge("clarify", "write")
  ${review ? `.addEdge("write", "${review}").addEdge("${review}", "publish")` : `.addEdge("write", "publish")`}
  .addEdge("publish", END);
export const graph = builder.compile();
export const make = (checkpointer: any) => builder.compile({ checkpointer });
`;
}

/** A gate for `write`: `hold(topic)` makes runs with that topic wait in `write` until `release()`. */
export function gate(topic: string): { entered: Promise<void>; release(): void; dispose(): void } {
  let release!: () => void;
  let entered!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  const enteredP = new Promise<void>((resolve) => (entered = resolve));
  (globalThis as any).__hostGate = (t: string) => {
    if (t !== topic) return undefined;
    entered();
    return opened;
  };
  return { entered: enteredP, release, dispose: () => delete (globalThis as any).__hostGate };
}
