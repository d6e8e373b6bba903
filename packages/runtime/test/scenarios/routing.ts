/** Rows about routers, Sends, Command.goto and node input schemas (6*, 7*, 8*, 15*). */
import { expect } from "vitest";
import { outcome, type Scenario, sorted } from "../harness.js";
import { graph, step, asker, fanOut, gotoGraph, routed, start, gotoGraphUnreachable } from "./common.js";

export const routingScenarios: Scenario[] = [
  {
    row: "6a",
    title: "live router returns a node removed in v2, no pathMap: write dropped, run ends",
    async run(lg, h) {
      const config = await start(h, routed(lg, h, ["legacy", "modern"], "legacy", { askFirst: true }));
      return h.invoke(routed(lg, h, ["modern"], "legacy", { askFirst: true }), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["ask", "route"]);
    },
  },
  {
    row: "6b",
    title: "same with a pathMap: throws 'Branch condition returned unknown or null destination'",
    async run(lg, h) {
      const config = await start(h, routed(lg, h, ["legacy", "modern"], "legacy", { askFirst: true, pathMap: true }));
      return h.invoke(routed(lg, h, ["modern"], "legacy", { askFirst: true, pathMap: true }), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      expect(o.threw).toBe("Error");
      expect(o.next).toEqual([]);
    },
  },
  {
    row: "6c",
    title: "branch resolved to legacy (paused by interruptAfter); v2 removes legacy",
    async run(lg, h) {
      const config = await start(h, routed(lg, h, ["legacy", "modern"], "legacy", { interruptAfter: ["route"] }));
      return h.invoke(routed(lg, h, ["modern"], "modern", { interruptAfter: ["route"] }), null, config);
    },
    documented: (o) => outcome.silentHalt(o),
  },
  {
    row: "6d",
    title: "branch resolved to legacy; v2's router would pick modern: legacy runs",
    async run(lg, h) {
      const config = await start(h, routed(lg, h, ["legacy", "modern"], "legacy", { interruptAfter: ["route"] }));
      return h.invoke(routed(lg, h, ["legacy", "modern"], "modern", { interruptAfter: ["route"] }), null, config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["legacy"]);
    },
  },
  {
    row: "7a",
    title: "Send targets finished in the paused superstep; v2 removes worker: results lost, only a warning",
    async run(lg, h) {
      const config = await start(h, fanOut(lg, h, "worker"));
      return h.invoke(fanOut(lg, h, undefined), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.results).toEqual([]);
      expect(o.warnings).toBeGreaterThan(0);
    },
  },
  {
    row: "7b",
    title: "Send targets finished in the paused superstep; v2 renames worker",
    async run(lg, h) {
      const config = await start(h, fanOut(lg, h, "worker"));
      return h.invoke(fanOut(lg, h, "worker2"), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.results).toEqual([]);
    },
  },
  {
    row: "7ctl",
    title: "Send targets finished in the paused superstep, worker kept: results kept",
    async run(lg, h) {
      const config = await start(h, fanOut(lg, h, "worker"));
      return h.invoke(fanOut(lg, h, "worker"), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.results).toEqual(["a:auto", "b:auto"]);
    },
  },
  {
    row: "7d",
    title: "the Send targets are paused in interrupt(); v2 removes worker: silent halt and a warning",
    async run(lg, h) {
      const v1 = graph(lg)
        .addNode("prep", step(h, "prep"))
        .addNode("worker", (s: { item: string }) => {
          h.ran("worker");
          return { results: [`${s.item}:${lg.interrupt(`ok ${s.item}?`)}`] };
        })
        .addEdge(lg.START, "prep")
        .addConditionalEdges("prep", () => [new lg.Send("worker", { item: "a" })])
        .addEdge("worker", lg.END)
        .compile({ checkpointer: h.saver });
      const config = await start(h, v1);
      const v2 = graph(lg).addNode("prep", step(h, "prep")).addEdge(lg.START, "prep").addEdge("prep", lg.END).compile({ checkpointer: h.saver });
      return h.invoke(v2, new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.silentHalt(o);
      expect(o.warnings).toBeGreaterThan(0);
    },
  },
  {
    row: "7e",
    title: "v2 removed worker but the live router still emits Send('worker'): throws InvalidUpdateError",
    async run(lg, h) {
      const build = (withWorker: boolean) => {
        let g = graph(lg).addNode("ask", asker(lg, h, "ask")).addEdge(lg.START, "ask").addConditionalEdges("ask", () => [new lg.Send("worker", { item: "a" })]);
        if (withWorker) g = g.addNode("worker", step(h, "worker")).addEdge("worker", lg.END);
        else g = g.addNode("other", step(h, "other")).addEdge("other", lg.END);
        return g.compile({ checkpointer: h.saver });
      };
      const config = await start(h, build(true));
      return h.invoke(build(false), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      expect(o.threw).toBe("InvalidUpdateError");
    },
  },
  {
    row: "8a",
    title: "A returned goto x, paused by interruptAfter A; v2 removes x",
    async run(lg, h) {
      const config = await start(h, gotoGraph(lg, h, ["x", "y"], "x", { interruptAfter: ["A"] }));
      return h.invoke(gotoGraph(lg, h, ["y"], "y", { interruptAfter: ["A"] }), null, config);
    },
    documented: (o) => outcome.silentHalt(o),
  },
  {
    row: "8b",
    title: "A returned goto x, paused after A; v2's A goes to y: stale route, x runs",
    async run(lg, h) {
      const config = await start(h, gotoGraph(lg, h, ["x", "y"], "x", { interruptAfter: ["A"] }));
      return h.invoke(gotoGraph(lg, h, ["x", "y"], "y", { interruptAfter: ["A"] }), null, config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["x"]);
    },
  },
  {
    row: "8c",
    title: "v2 removed x but the live A still returns goto x: the goto write is dropped",
    async run(lg, h) {
      const config = await start(h, gotoGraph(lg, h, ["x", "y"], "x", { askFirst: true }));
      return h.invoke(gotoGraph(lg, h, ["y"], "x", { askFirst: true }), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["A", "ask"]);
    },
  },
  {
    row: "8d",
    title: "invoke(Command({goto: 'x', resume})) with x removed: goto ignored, graph resumes normally",
    async run(lg, h) {
      const config = await start(h, gotoGraph(lg, h, ["x", "y"], "y", { askFirst: true }));
      return h.invoke(gotoGraph(lg, h, ["y"], "y", { askFirst: true }), new lg.Command({ goto: "x", resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["A", "ask", "y"]);
    },
  },
  {
    row: "15a",
    title: "change a node's input schema: the node sees the new projection",
    async run(lg, h) {
      const build = (projected: boolean) => {
        const Input = lg.Annotation.Root({ answer: lg.Annotation() });
        const done = (s: Record<string, unknown>) => {
          h.ran("done");
          return { log: [`keys:${Object.keys(s).sort().join(",")}`] };
        };
        return graph(lg)
          .addNode("ask", asker(lg, h, "ask"))
          .addNode("done", done, projected ? { input: Input } : {})
          .addEdge(lg.START, "ask")
          .addEdge("ask", "done")
          .addEdge("done", lg.END)
          .compile({ checkpointer: h.saver });
      };
      const config = await start(h, build(false));
      return h.invoke(build(true), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.log).toContain("keys:answer");
    },
  },
  {
    row: "15b",
    title: "drop keys from a node's input schema / add a private key: the node sees the new projection",
    async run(lg, h) {
      const build = (input: "all" | "private") => {
        const Input = lg.Annotation.Root({ answer: lg.Annotation(), privateNote: lg.Annotation() });
        const done = (s: Record<string, unknown>) => {
          h.ran("done");
          return { log: [`keys:${Object.keys(s).sort().join(",")}`] };
        };
        return graph(lg)
          .addNode("ask", asker(lg, h, "ask"))
          .addNode("done", done, input === "private" ? { input: Input } : {})
          .addEdge(lg.START, "ask")
          .addEdge("ask", "done")
          .addEdge("done", lg.END)
          .compile({ checkpointer: h.saver });
      };
      const config = await start(h, build("all"));
      return h.invoke(build("private"), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.values.log).toContain("keys:answer");
    },
  },
  {
    row: "15d",
    title: "narrow ends so a target becomes unreachable: compile throws UnreachableNodeError",
    async run(lg, h) {
      return h.observe(undefined, undefined, async () => gotoGraphUnreachable(lg, h));
    },
    documented(o) {
      expect(o.threw).toBe("UnreachableNodeError");
    },
  },
  {
    row: "15e",
    title: "narrow ends but the node still does goto x (reachable elsewhere): works, ends not enforced",
    async run(lg, h) {
      const config = await start(h, gotoGraph(lg, h, ["x", "y"], "x", { askFirst: true }));
      return h.invoke(gotoGraph(lg, h, ["y"], "x", { askFirst: true, reachable: ["x"] }), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["A", "ask", "x"]);
    },
  },
  {
    row: "15f",
    title: "paused after A's goto x; v2 adds a static edge A -> y: stale route, x runs, y does not",
    async run(lg, h) {
      const config = await start(h, gotoGraph(lg, h, ["x", "y"], "x", { interruptAfter: ["A"] }));
      return h.invoke(gotoGraph(lg, h, ["x", "y"], "x", { interruptAfter: ["A"], staticEdge: "y" }), null, config);
    },
    documented(o) {
      outcome.completed(o);
      expect(sorted(o.ran)).toEqual(["x"]);
    },
  },
];
