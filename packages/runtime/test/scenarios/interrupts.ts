/** Rows about nodes paused in `interrupt()`: removal, rename, and changed interrupt calls (1*, 2*, 18*). */
import { expect } from "vitest";
import { node, outcome, type Harness, type LG, type Scenario } from "../harness.js";

/** v1: START -> prep -> ask (interrupt) -> done -> END, paused in ask. */
async function pausedInAsk(lg: LG, h: Harness) {
  const State = lg.Annotation.Root({ log: lg.Annotation({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }), answer: lg.Annotation() });
  const ask = (s: any) => {
    h.ran("ask");
    const answer = lg.interrupt("approve?");
    return { answer, log: ["ask"] };
  };
  const v1 = new lg.StateGraph(State)
    .addNode("prep", node(h, "prep", { log: ["prep"] }))
    .addNode("ask", ask)
    .addNode("done", node(h, "done", { log: ["done"] }))
    .addEdge(lg.START, "prep")
    .addEdge("prep", "ask")
    .addEdge("ask", "done")
    .addEdge("done", lg.END)
    .compile({ checkpointer: h.saver });
  const config = h.thread();
  await h.invoke(v1, { log: [] }, config);
  return { State, ask, v1, config };
}

export const interruptScenarios: Scenario[] = [
  {
    row: "1a",
    title: "remove node paused in interrupt(); resume with Command",
    async run(lg, h) {
      const { State, config } = await pausedInAsk(lg, h);
      const v2 = new lg.StateGraph(State)
        .addNode("prep", node(h, "prep", { log: ["prep"] }))
        .addNode("done", node(h, "done", { log: ["done"] }))
        .addEdge(lg.START, "prep")
        .addEdge("prep", "done")
        .addEdge("done", lg.END)
        .compile({ checkpointer: h.saver });
      return h.invoke(v2, new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.silentHalt(o);
      expect(o.ran).toEqual([]);
    },
  },
];
