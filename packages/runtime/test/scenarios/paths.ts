/**
 * Extra scenarios (not rows of semantics.md) for API paths the rows do not reach: Command without a
 * resume, goto on a finished thread, parallel interrupts, resume maps, map-reduce order, recursion limit.
 */
import { expect } from "vitest";
import { outcome, type Harness, type LG, type Scenario, sorted } from "../harness.js";

const append = (a: unknown[], b: unknown[]) => a.concat(b);

function state(lg: LG) {
  return lg.Annotation.Root({ log: lg.Annotation({ reducer: append, default: () => [] }), answer: lg.Annotation(), n: lg.Annotation() });
}

/** START -> ask (interrupt) -> done. */
function linear(lg: LG, h: Harness) {
  return new lg.StateGraph(state(lg))
    .addNode("ask", () => (h.ran("ask"), { answer: lg.interrupt("ok?"), log: ["ask"] }))
    .addNode("done", () => (h.ran("done"), { log: ["done"] }))
    .addEdge(lg.START, "ask")
    .addEdge("ask", "done")
    .addEdge("done", lg.END)
    .compile({ checkpointer: h.saver });
}

/** START -> q1, START -> q2, both interrupting; both -> END. */
function twoQuestions(lg: LG, h: Harness) {
  const ask = (name: string) => () => (h.ran(name), { log: [`${name}:${lg.interrupt(`${name}?`)}`] });
  return new lg.StateGraph(state(lg))
    .addNode("q1", ask("q1"))
    .addNode("q2", ask("q2"))
    .addEdge(lg.START, "q1")
    .addEdge(lg.START, "q2")
    .addEdge("q1", lg.END)
    .addEdge("q2", lg.END)
    .compile({ checkpointer: h.saver });
}

export const pathScenarios: Scenario[] = [
  {
    row: "x-update-only",
    title: "Command({ update }) without resume on a paused thread: the update lands, the node asks again",
    async run(lg, h) {
      const g = linear(lg, h);
      const config = h.thread();
      await h.invoke(g, { log: [] }, config);
      return h.invoke(g, new lg.Command({ update: { log: ["edited"] } }), config);
    },
    documented(o) {
      expect(o.values.log).toEqual(["edited"]);
      expect(o.interrupts).toEqual({ ask: ["ok?"] });
    },
  },
  {
    row: "x-resume-update",
    title: "Command({ resume, update }): both applied",
    async run(lg, h) {
      const g = linear(lg, h);
      const config = h.thread();
      await h.invoke(g, { log: [] }, config);
      return h.invoke(g, new lg.Command({ resume: "yes", update: { n: 1 } }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values).toMatchObject({ n: 1, answer: "yes" });
    },
  },
  {
    row: "x-goto-finished",
    title: "Command({ goto }) on a finished thread runs the named node",
    async run(lg, h) {
      const g = linear(lg, h);
      const config = h.thread();
      await h.invoke(g, { log: [] }, config);
      await h.invoke(g, new lg.Command({ resume: "yes" }), config);
      return h.invoke(g, new lg.Command({ goto: "done" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["done"]);
    },
  },
  {
    row: "x-parallel-interrupts",
    title: "two parallel interrupts, resumed with one value: both take it",
    async run(lg, h) {
      const g = twoQuestions(lg, h);
      const config = h.thread();
      await h.invoke(g, { log: [] }, config);
      return h.invoke(g, new lg.Command({ resume: "v" }), config);
    },
    documented(o) {
      expect(o.threw).toBeUndefined();
    },
  },
  {
    row: "x-resume-map",
    title: "two parallel interrupts, resumed by id map: each gets its own answer",
    async run(lg, h) {
      const g = twoQuestions(lg, h);
      const config = h.thread();
      const first = await g.invoke({ log: [] }, config);
      const byQuestion = Object.fromEntries(first.__interrupt__.map((i: { id: string; value: string }) => [i.value, i.id]));
      return h.invoke(g, new lg.Command({ resume: { [byQuestion["q1?"]]: "a1", [byQuestion["q2?"]]: "a2" } }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect([...o.values.log].sort()).toEqual(["q1:a1", "q2:a2"]);
    },
  },
  {
    row: "x-map-reduce",
    title: "Sends fan out and their results are reduced in Send order",
    async run(lg, h) {
      const g = new lg.StateGraph(state(lg))
        .addNode("work", (s: { i: number }) => (h.ran("work"), { log: [`w${s.i}`] }))
        .addConditionalEdges(lg.START, () => [3, 1, 2].map((i) => new lg.Send("work", { i })))
        .addEdge("work", lg.END)
        .compile({ checkpointer: h.saver });
      return h.invoke(g, { log: [] }, h.thread());
    },
    documented(o) {
      expect(o.values.log).toEqual(["w3", "w1", "w2"]);
    },
  },
  {
    row: "x-recursion",
    title: "a loop without a stop condition hits the recursion limit",
    async run(lg, h) {
      const g = new lg.StateGraph(state(lg))
        .addNode("spin", () => (h.ran("spin"), { log: ["s"] }))
        .addEdge(lg.START, "spin")
        .addConditionalEdges("spin", () => "spin")
        .compile({ checkpointer: h.saver });
      return h.invoke(g, { log: [] }, h.thread());
    },
    documented(o) {
      expect(o.threw).toBe("GraphRecursionError");
    },
  },
  {
    row: "x-recursion-limit",
    title: "recursionLimit in the config: 30 iterations pass with 40, fail with 20",
    async run(lg, h) {
      const g = new lg.StateGraph(state(lg))
        .addNode("spin", (s: any) => (h.ran("spin"), { n: (s.n ?? 0) + 1 }))
        .addEdge(lg.START, "spin")
        .addConditionalEdges("spin", (s: any) => (s.n < 30 ? "spin" : lg.END))
        .compile({ checkpointer: h.saver });
      const ok = h.thread();
      await h.observe(g, ok, () => g.invoke({ n: 0 }, { ...ok, recursionLimit: 40 }));
      const low = h.thread();
      return h.observe(g, low, () => g.invoke({ n: 0 }, { ...low, recursionLimit: 20 }));
    },
    documented(o) {
      expect(o.threw).toBe("GraphRecursionError");
    },
  },
  {
    row: "x-pathmap-object",
    title: "a router with an object path map, including END",
    async run(lg, h) {
      const g = new lg.StateGraph(state(lg))
        .addNode("route", () => (h.ran("route"), { log: ["route"] }))
        .addNode("yes", () => (h.ran("yes"), { log: ["yes"] }))
        .addEdge(lg.START, "route")
        .addConditionalEdges("route", (s: any) => (s.n > 0 ? "go" : "stop"), { go: "yes", stop: lg.END })
        .addEdge("yes", lg.END)
        .compile({ checkpointer: h.saver });
      await h.invoke(g, { n: 1 }, h.thread());
      return h.invoke(g, { n: 0 }, h.thread());
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["route"]);
    },
  },
  {
    row: "x-goto-send",
    title: "a node returns Command({ goto: [Send, Send] }) with an update",
    async run(lg, h) {
      const g = new lg.StateGraph(state(lg))
        .addNode("plan", () => (h.ran("plan"), new lg.Command({ update: { log: ["plan"] }, goto: [new lg.Send("work", { i: 1 }), new lg.Send("work", { i: 2 })] })), { ends: ["work"] })
        .addNode("work", (s: { i: number }) => (h.ran("work"), { log: [`w${s.i}`] }))
        .addEdge(lg.START, "plan")
        .addEdge("work", lg.END)
        .compile({ checkpointer: h.saver });
      return h.invoke(g, { log: [] }, h.thread());
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.log).toEqual(["plan", "w1", "w2"]);
    },
  },
  {
    row: "x-interrupt-before-all",
    title: "interruptBefore '*' on a fresh run pauses before the first node, then before the next",
    async run(lg, h) {
      const g = new lg.StateGraph(state(lg))
        .addNode("a", () => (h.ran("a"), { log: ["a"] }))
        .addNode("b", () => (h.ran("b"), { log: ["b"] }))
        .addEdge(lg.START, "a")
        .addEdge("a", "b")
        .addEdge("b", lg.END)
        .compile({ checkpointer: h.saver, interruptBefore: "*" });
      const config = h.thread();
      await h.invoke(g, { log: [] }, config);
      await h.invoke(g, null, config);
      return h.invoke(g, null, config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.log).toEqual(["a", "b"]);
    },
  },
  {
    row: "x-no-checkpointer",
    title: "a graph compiled without a checkpointer runs; getState reports that no checkpointer is set",
    async run(lg, h) {
      const g = new lg.StateGraph(state(lg))
        .addNode("a", () => (h.ran("a"), { log: ["a"] }))
        .addEdge(lg.START, "a")
        .addEdge("a", lg.END)
        .compile();
      return h.invoke(g, { log: [] }, {});
    },
    documented(o) {
      expect(o.result).toEqual({ log: ["a"] });
    },
  },
];
