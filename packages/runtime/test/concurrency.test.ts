/**
 * 200 threads interleaved on one saver: each is paused, then all are resumed concurrently in a
 * shuffled order; no thread sees another's values, questions or answers.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Annotation, Command, END, MemorySaver, START, SqliteSaver, StateGraph, interrupt, type BaseCheckpointSaver } from "../src/index.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

const THREADS = 200;

function graphOn(saver: BaseCheckpointSaver) {
  const State = Annotation.Root({
    who: Annotation<string>,
    log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
    answer: Annotation<string>,
  });
  return new StateGraph(State)
    .addNode("greet", async (s: { who: string }) => {
      await new Promise((resolve) => setImmediate(resolve));
      return { log: [`greet:${s.who}`] };
    })
    .addNode("ask", (s: { who: string }) => ({ answer: interrupt(`question for ${s.who}`) as string, log: [`ask:${s.who}`] }))
    .addNode("side", (s: { who: string }) => ({ log: [`side:${s.who}`] }))
    .addEdge(START, "greet")
    .addEdge("greet", "ask")
    .addEdge("greet", "side")
    .addEdge("ask", END)
    .addEdge("side", END)
    .compile({ checkpointer: saver });
}

/** A fixed permutation (deterministic, but not in thread order). */
const shuffled = Array.from({ length: THREADS }, (_, i) => (i * 73) % THREADS);

describe.each([
  ["MemorySaver", () => new MemorySaver()],
  ["SqliteSaver", () => new SqliteSaver(join(tempDir("lgc-conc-"), "c.sqlite"))],
])("%s: %i threads interleaved", (_name, makeSaver) => {
  it("keeps values and interrupts per thread", async () => {
    const saver = makeSaver();
    const graph = graphOn(saver);
    const config = (i: number) => ({ configurable: { thread_id: `thread-${i}` } });
    const paused = await Promise.all(shuffled.map((i) => graph.invoke({ who: `u${i}` }, config(i)).then((r) => [i, r] as const)));
    for (const [i, result] of paused) {
      expect(result.__interrupt__.map((x: { value: string }) => x.value)).toEqual([`question for u${i}`]);
      expect(result.log).toEqual([`greet:u${i}`, `side:u${i}`]);
    }
    const order = [...shuffled].reverse();
    const resumed = await Promise.all(order.map((i) => graph.invoke(new Command({ resume: `answer ${i}` }), config(i)).then((r) => [i, r] as const)));
    for (const [i, result] of resumed) {
      expect(result.answer).toBe(`answer ${i}`);
      expect([...result.log].sort()).toEqual([`ask:u${i}`, `greet:u${i}`, `side:u${i}`]);
      expect(result.who).toBe(`u${i}`);
    }
    const states = await Promise.all(order.map((i) => graph.getState(config(i))));
    for (const state of states) expect(state.next).toEqual([]);
    if (saver instanceof SqliteSaver) saver.close();
  });
});
