/** Rows about nodes and edges changing under a paused thread (3*, 4*, 5*, 18d). */
import { expect } from "vitest";
import { outcome, type Scenario, sorted } from "../harness.js";
import { graph, step, asker, prepThen, siblings, joinGraph, start } from "./common.js";

export const topologyScenarios: Scenario[] = [
  {
    row: "3a",
    title: "paused by interruptBefore X; v2 removes X; resume null",
    async run(lg, h) {
      const config = await start(h, prepThen(lg, h, "X", { interruptBefore: ["X"] }));
      return h.invoke(prepThen(lg, h, undefined, {}), null, config);
    },
    documented: (o) => outcome.silentHalt(o),
  },
  {
    row: "3b",
    title: "paused by interruptBefore X; v2 renames X -> Y; resume with Command",
    async run(lg, h) {
      const config = await start(h, prepThen(lg, h, "X", { interruptBefore: ["X"] }));
      return h.invoke(prepThen(lg, h, "Y", { interruptBefore: ["Y"] }), new lg.Command({ resume: "go" }), config);
    },
    documented: (o) => outcome.silentHalt(o),
  },
  {
    row: "3c",
    title: "paused by interruptAfter prep with X pending; v2 removes X",
    async run(lg, h) {
      const config = await start(h, prepThen(lg, h, "X", { interruptAfter: ["prep"] }));
      return h.invoke(prepThen(lg, h, undefined, { interruptAfter: ["prep"] }), null, config);
    },
    documented: (o) => outcome.silentHalt(o),
  },
  {
    row: "3d",
    title: "paused by interruptAfter prep with X pending; v2 renames X",
    async run(lg, h) {
      const config = await start(h, prepThen(lg, h, "X", { interruptAfter: ["prep"] }));
      return h.invoke(prepThen(lg, h, "Y", { interruptAfter: ["prep"] }), null, config);
    },
    documented: (o) => outcome.silentHalt(o),
  },
  {
    row: "3f",
    title: "paused by interruptAfter prep with X pending; v2 renames X; resume with Command (our reading of 3f)",
    async run(lg, h) {
      const config = await start(h, prepThen(lg, h, "X", { interruptAfter: ["prep"] }));
      return h.invoke(prepThen(lg, h, "Y", { interruptAfter: ["prep"] }), new lg.Command({ resume: "go" }), config);
    },
    documented: (o) => outcome.silentHalt(o),
  },
  {
    row: "4a",
    title: "remove a node never on the thread's path",
    async run(lg, h) {
      const v1 = graph(lg)
        .addNode("prep", step(h, "prep"))
        .addNode("ask", asker(lg, h, "ask"))
        .addNode("unused", step(h, "unused"))
        .addEdge(lg.START, "prep")
        .addConditionalEdges("prep", () => "ask", ["ask", "unused"])
        .addEdge("ask", lg.END)
        .addEdge("unused", lg.END)
        .compile({ checkpointer: h.saver });
      const config = await start(h, v1);
      const v2 = graph(lg).addNode("prep", step(h, "prep")).addNode("ask", asker(lg, h, "ask")).addEdge(lg.START, "prep").addConditionalEdges("prep", () => "ask", ["ask"]).addEdge("ask", lg.END).compile({ checkpointer: h.saver });
      return h.invoke(v2, new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["ask"]);
    },
  },
  {
    row: "4b",
    title: "rename a node that already ran in an earlier superstep (no breakpoint): resume works",
    async run(lg, h) {
      const build = (first: string) =>
        graph(lg).addNode(first, step(h, first)).addNode("ask", asker(lg, h, "ask")).addEdge(lg.START, first).addEdge(first, "ask").addEdge("ask", lg.END).compile({ checkpointer: h.saver });
      const config = await start(h, build("prep"));
      return h.invoke(build("prepare"), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["ask"]);
    },
  },
  {
    row: "4d",
    title: "remove a downstream node not yet pending: the flow ends earlier",
    async run(lg, h) {
      const build = (withDone: boolean) => {
        let g = graph(lg).addNode("ask", asker(lg, h, "ask")).addEdge(lg.START, "ask");
        g = withDone ? g.addNode("done", step(h, "done")).addEdge("ask", "done").addEdge("done", lg.END) : g.addEdge("ask", lg.END);
        return g.compile({ checkpointer: h.saver });
      };
      const config = await start(h, build(true));
      return h.invoke(build(false), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["ask"]);
    },
  },
  {
    row: "4e",
    title: "rename a sibling that finished in the paused superstep: its writes are lost",
    async run(lg, h) {
      const config = await start(h, siblings(lg, h, "side"));
      return h.invoke(siblings(lg, h, "side2"), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.sideResult).toBeUndefined();
      expect(o.values.log).not.toContain("side");
      expect(o.ran).not.toContain("side2");
    },
  },
  {
    row: "4f",
    title: "remove a sibling that finished in the paused superstep: its writes are lost",
    async run(lg, h) {
      const config = await start(h, siblings(lg, h, "side"));
      return h.invoke(siblings(lg, h, undefined), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.sideResult).toBeUndefined();
    },
  },
  {
    row: "4ctl",
    title: "sibling kept: its saved writes are re-applied on resume",
    async run(lg, h) {
      const config = await start(h, siblings(lg, h, "side"));
      return h.invoke(siblings(lg, h, "side"), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.sideResult).toBe("from side");
      expect(o.ran).not.toContain("side");
    },
  },
  {
    row: "5a",
    title: "add a node downstream of the paused node: it runs on old threads",
    async run(lg, h) {
      const build = (extra: boolean) => {
        let g = graph(lg).addNode("ask", asker(lg, h, "ask")).addNode("done", step(h, "done")).addEdge(lg.START, "ask").addEdge("done", lg.END);
        g = extra ? g.addNode("extra", step(h, "extra")).addEdge("ask", "extra").addEdge("extra", "done") : g.addEdge("ask", "done");
        return g.compile({ checkpointer: h.saver });
      };
      const config = await start(h, build(false));
      return h.invoke(build(true), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["ask", "done", "extra"]);
    },
  },
  {
    row: "5b",
    title: "reroute an edge that has not fired yet (ask -> done becomes ask -> alt): v2 topology applies",
    async run(lg, h) {
      const build = (target: string) =>
        graph(lg).addNode("ask", asker(lg, h, "ask")).addNode(target, step(h, target)).addEdge(lg.START, "ask").addEdge("ask", target).addEdge(target, lg.END).compile({ checkpointer: h.saver });
      const config = await start(h, build("done"));
      return h.invoke(build("alt"), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["alt", "ask"]);
    },
  },
  {
    row: "5c",
    title: "remove an edge that has not fired yet (ask -> done): v2 topology applies, done does not run",
    async run(lg, h) {
      const build = (edge: boolean) => {
        let g = graph(lg).addNode("ask", asker(lg, h, "ask")).addNode("done", step(h, "done")).addEdge("done", lg.END);
        g = edge ? g.addEdge(lg.START, "ask").addEdge("ask", "done") : g.addConditionalEdges(lg.START, () => "ask", ["ask", "done"]).addEdge("ask", lg.END);
        return g.compile({ checkpointer: h.saver });
      };
      const config = await start(h, build(true));
      return h.invoke(build(false), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["ask"]);
    },
  },
  {
    row: "5d",
    title: "reroute prep -> A to prep -> B while paused after prep: stale route, A runs",
    async run(lg, h) {
      const v1 = graph(lg).addNode("prep", step(h, "prep")).addNode("A", step(h, "A")).addEdge(lg.START, "prep").addEdge("prep", "A").addEdge("A", lg.END).compile({ checkpointer: h.saver, interruptAfter: ["prep"] });
      const config = await start(h, v1);
      const v2 = graph(lg)
        .addNode("prep", step(h, "prep"))
        .addNode("A", step(h, "A"))
        .addNode("B", step(h, "B"))
        .addConditionalEdges(lg.START, () => "prep", ["prep", "A"])
        .addEdge("prep", "B")
        .addEdge("A", lg.END)
        .addEdge("B", lg.END)
        .compile({ checkpointer: h.saver, interruptAfter: ["prep"] });
      return h.invoke(v2, null, config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["A"]);
    },
  },
  {
    row: "5e",
    title: "reorder a join's sources while the barrier is half-filled: c never runs",
    async run(lg, h) {
      const config = await start(h, joinGraph(lg, h, ["a", "b2"]));
      return h.invoke(joinGraph(lg, h, ["b2", "a"]), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.silentHalt(o);
      expect(sorted(o.ran)).toEqual(["b2"]);
    },
  },
  {
    row: "5ectl",
    title: "join unchanged: c runs after b2",
    async run(lg, h) {
      const config = await start(h, joinGraph(lg, h, ["a", "b2"]));
      return h.invoke(joinGraph(lg, h, ["a", "b2"]), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["b2", "c"]);
    },
  },
  {
    row: "5f",
    title: "join replaced by plain edges: c fires from b2's edge",
    async run(lg, h) {
      const config = await start(h, joinGraph(lg, h, ["a", "b2"]));
      return h.invoke(joinGraph(lg, h, "plain"), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["b2", "c"]);
    },
  },
  {
    row: "5h",
    title: "insert audit on prep -> X while paused before X: audit never runs for this thread",
    async run(lg, h) {
      const config = await start(h, prepThen(lg, h, "X", { interruptBefore: ["X"] }));
      const v2 = graph(lg)
        .addNode("prep", step(h, "prep"))
        .addNode("audit", step(h, "audit"))
        .addNode("X", step(h, "X"))
        .addEdge(lg.START, "prep")
        .addEdge("prep", "audit")
        .addEdge("audit", "X")
        .addEdge("X", lg.END)
        .compile({ checkpointer: h.saver, interruptBefore: ["X"] });
      return h.invoke(v2, null, config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["X"]);
    },
  },
  {
    row: "18d",
    title: "rename a sibling of the paused node that feeds a join: the join never completes",
    async run(lg, h) {
      const build = (side: string) =>
        graph(lg)
          .addNode("ask", asker(lg, h, "ask"))
          .addNode(side, step(h, side, { sideResult: side }))
          .addNode("c", step(h, "c"))
          .addEdge(lg.START, "ask")
          .addEdge(lg.START, side)
          .addEdge(["ask", side], "c")
          .addEdge("c", lg.END)
          .compile({ checkpointer: h.saver });
      const config = await start(h, build("side"));
      return h.invoke(build("side2"), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.silentHalt(o);
      expect(sorted(o.ran)).toEqual(["ask"]);
      expect(o.values.sideResult).toBeUndefined();
    },
  },
];
