/**
 * The rest of the API, compared with the real runtime on one graph: `stream` (updates mode),
 * `getStateHistory`, `getState` at a past checkpoint, `updateState` with `asNode`, `addSequence`.
 */
import { describe, expect, it } from "vitest";
import * as real from "@langchain/langgraph";
import * as ours from "../src/index.js";
import { stripIds, type LG } from "./harness.js";

function build(lg: LG, saver: unknown) {
  const State = lg.Annotation.Root({
    log: lg.Annotation({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }),
    answer: lg.Annotation(),
  });
  return new lg.StateGraph(State)
    .addSequence([
      ["prep", () => ({ log: ["prep"] })],
      ["ask", () => ({ answer: lg.interrupt("ok?"), log: ["ask"] })],
    ])
    .addNode("side", () => ({ log: ["side"] }))
    .addNode("done", () => new lg.Command({ update: { log: ["done"] }, goto: "final" }), { ends: ["final"] })
    .addNode("final", () => ({ log: ["final"] }))
    .addEdge(lg.START, "prep")
    .addEdge("prep", "side")
    .addEdge("ask", "done")
    .addEdge("final", lg.END)
    .addEdge("side", lg.END)
    .compile({ checkpointer: saver });
}

/** Everything observable through the API for one scripted conversation. */
async function script(lg: LG) {
  const saver = new lg.MemorySaver();
  const graph = build(lg, saver);
  const config = { configurable: { thread_id: "api" } };
  const streamed: string[][] = [];
  const collect = async (input: unknown) => {
    const chunks: string[] = [];
    for await (const chunk of await graph.stream(input, { ...config, streamMode: "updates" })) chunks.push(JSON.stringify(stripIds(chunk)));
    streamed.push(chunks.sort());
  };
  await collect({ log: [] });
  await collect(new lg.Command({ resume: "yes" }));
  await graph.updateState(config, { log: ["edited"] }, "side");
  const history = [];
  for await (const s of graph.getStateHistory(config)) {
    history.push({ next: [...s.next].sort(), values: s.values, source: s.metadata?.source, step: s.metadata?.step, tasks: s.tasks.map((t: any) => [t.name, t.interrupts.map((i: any) => i.value)]) });
  }
  const past = history.length > 2 ? await graph.getState({ configurable: { ...config.configurable, checkpoint_id: (await nth(graph.getStateHistory(config), 2)).config.configurable.checkpoint_id } }) : undefined;
  return { streamed, history, past: past && { next: past.next, values: past.values } };
}

async function nth(iterable: AsyncIterable<any>, n: number) {
  let i = 0;
  for await (const item of iterable) if (i++ === n) return item;
  throw new Error("history too short");
}

describe("API parity", () => {
  it("stream, updateState(asNode), getStateHistory and getState(checkpoint_id) match the real runtime", async () => {
    const expected = await script(real);
    const actual = await script(ours);
    expect(actual).toEqual(expected);
    expect(expected.streamed[0]).toContain(JSON.stringify({ __interrupt__: [{ value: "ok?" }] }));
    expect(expected.streamed[1]).toContain(JSON.stringify({ done: { log: ["done"] } }));
  });
});
