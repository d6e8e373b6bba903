/** Rows about nodes, edges, routers, Sends and gotos changing under a paused thread (3*-8*, 15*, 18d). */
import { expect } from "vitest";
import { node, outcome, type Harness, type LG, type Scenario } from "../harness.js";

const append = (a: string[], b: string[]) => a.concat(b);

function state(lg: LG) {
  return lg.Annotation.Root({
    log: lg.Annotation({ reducer: append, default: () => [] }),
    results: lg.Annotation({ reducer: append, default: () => [] }),
    answer: lg.Annotation(),
    sideResult: lg.Annotation(),
  });
}

function graph(lg: LG) {
  return new lg.StateGraph(state(lg));
}

/** A node that logs and appends its name to `log`. */
const step = (h: Harness, name: string, extra: Record<string, unknown> = {}) => node(h, name, { log: [name], ...extra });

/** A node that asks through interrupt(). */
function asker(lg: LG, h: Harness, name: string) {
  return () => {
    h.ran(name);
    return { answer: lg.interrupt("approve?"), log: [name] };
  };
}

/** START -> prep -> <x> -> END; `x` undefined means prep -> END. */
function prepThen(lg: LG, h: Harness, x: string | undefined, opts: Record<string, unknown>) {
  let g = graph(lg).addNode("prep", step(h, "prep")).addEdge(lg.START, "prep");
  if (x) g = g.addNode(x, step(h, x)).addEdge("prep", x).addEdge(x, lg.END);
  else g = g.addEdge("prep", lg.END);
  return g.compile({ checkpointer: h.saver, ...opts });
}

/** Parallel siblings: START -> ask (interrupt) and START -> <side>; ask -> done. */
function siblings(lg: LG, h: Harness, side: string | undefined) {
  let g = graph(lg).addNode("ask", asker(lg, h, "ask")).addNode("done", step(h, "done")).addEdge(lg.START, "ask").addEdge("ask", "done").addEdge("done", lg.END);
  if (side) g = g.addNode(side, step(h, side, { sideResult: `from ${side}` })).addEdge(lg.START, side).addEdge(side, lg.END);
  return g.compile({ checkpointer: h.saver });
}

/** Fan-out: START -> prep; prep routes to Send("worker") x2 and to ask; worker appends to results. */
function fanOut(lg: LG, h: Harness, worker: string | undefined, opts: { workerAsks?: boolean; liveSend?: boolean } = {}) {
  let g = graph(lg).addNode("prep", step(h, "prep")).addNode("ask", asker(lg, h, "ask")).addEdge(lg.START, "prep").addEdge("ask", lg.END);
  if (worker) {
    const work = (s: { item: string }) => {
      h.ran(worker);
      const approved = opts.workerAsks ? lg.interrupt(`ok ${s.item}?`) : "auto";
      return { results: [`${s.item}:${approved}`] };
    };
    g = g.addNode(worker, work).addEdge(worker, lg.END);
  }
  const sendTo = opts.liveSend ? "worker" : worker;
  g = g.addConditionalEdges("prep", () => (sendTo ? [new lg.Send(sendTo, { item: "a" }), new lg.Send(sendTo, { item: "b" }), "ask"] : ["ask"]));
  return g.compile({ checkpointer: h.saver });
}

/** A -> Command({goto}) with `ends`; optionally paused before A by an interrupting `ask`. */
function gotoGraph(lg: LG, h: Harness, targets: string[], goto: string, opts: { askFirst?: boolean; staticEdge?: string; reachable?: string[]; interruptAfter?: string[] } = {}) {
  let g = graph(lg);
  if (opts.askFirst) g = g.addNode("ask", asker(lg, h, "ask"));
  g = g.addNode(
    "A",
    () => {
      h.ran("A");
      return new lg.Command({ goto, update: { log: ["A"] } });
    },
    { ends: targets },
  );
  for (const t of new Set([...targets, ...(opts.reachable ?? [])])) g = g.addNode(t, step(h, t)).addEdge(t, lg.END);
  if (opts.staticEdge) g = g.addEdge("A", opts.staticEdge);
  if (opts.askFirst && opts.reachable?.length) g = g.addEdge(lg.START, "ask").addConditionalEdges("ask", () => "A", ["A", ...opts.reachable]);
  else if (opts.askFirst) g = g.addEdge(lg.START, "ask").addEdge("ask", "A");
  else if (opts.reachable?.length) g = g.addConditionalEdges(lg.START, () => "A", ["A", ...opts.reachable]);
  else g = g.addEdge(lg.START, "A");
  return g.compile({ checkpointer: h.saver, interruptAfter: opts.interruptAfter });
}

/** START -> route; route's router picks `pick` among `targets` (with or without a path map). */
function routed(lg: LG, h: Harness, targets: string[], pick: string, opts: { pathMap?: boolean; askFirst?: boolean; interruptAfter?: string[]; extraReachable?: string[] } = {}) {
  let g = graph(lg).addNode("route", step(h, "route"));
  if (opts.askFirst) g = g.addNode("ask", asker(lg, h, "ask")).addEdge(lg.START, "ask").addEdge("ask", "route");
  else g = g.addEdge(lg.START, "route");
  for (const t of [...targets, ...(opts.extraReachable ?? [])]) g = g.addNode(t, step(h, t)).addEdge(t, lg.END);
  g = g.addConditionalEdges("route", () => pick, opts.pathMap ? targets : undefined);
  return g.compile({ checkpointer: h.saver, interruptAfter: opts.interruptAfter });
}

/** Join: START -> a, START -> b -> b2 (interrupt), join [..] -> c; paused in b2 with the barrier half-filled. */
function joinGraph(lg: LG, h: Harness, join: string[] | "plain", side = "a") {
  let g = graph(lg).addNode(side, step(h, side)).addNode("b", step(h, "b")).addNode("b2", asker(lg, h, "b2")).addNode("c", step(h, "c"));
  g = g.addEdge(lg.START, side).addEdge(lg.START, "b").addEdge("b", "b2").addEdge("c", lg.END);
  if (join === "plain") g = g.addEdge(side, "c").addEdge("b2", "c");
  else g = g.addEdge(join, "c");
  return g.compile({ checkpointer: h.saver });
}

async function start(h: Harness, g: any, input: unknown = { log: [] }) {
  const config = h.thread();
  await h.invoke(g, input, config);
  return config;
}

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
      expect(o.ran).toEqual(["ask"]);
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
      expect(o.ran).toEqual(["ask"]);
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
      expect(o.ran).toEqual(["ask"]);
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
      expect(o.ran).toEqual(["ask", "done", "extra"]);
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
      expect(o.ran).toEqual(["alt", "ask"]);
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
      expect(o.ran).toEqual(["A"]);
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
      expect(o.ran).toEqual(["b2"]);
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
      expect(o.ran).toEqual(["b2", "c"]);
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
      expect(o.ran).toEqual(["b2", "c"]);
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
      expect(o.ran).toEqual(["X"]);
    },
  },
  {
    row: "6a",
    title: "live router returns a node removed in v2, no pathMap: write dropped, run ends",
    async run(lg, h) {
      const config = await start(h, routed(lg, h, ["legacy", "modern"], "legacy", { askFirst: true }));
      return h.invoke(routed(lg, h, ["modern"], "legacy", { askFirst: true }), new lg.Command({ resume: "yes" }), config);
    },
    documented(o) {
      outcome.completed(o);
      expect(o.ran).toEqual(["ask", "route"]);
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
      expect(o.ran).toEqual(["legacy"]);
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
      expect(o.ran).toEqual(["x"]);
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
      expect(o.ran).toEqual(["A", "ask"]);
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
      expect(o.ran).toEqual(["A", "ask", "y"]);
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
      expect(o.ran).toEqual(["A", "ask", "x"]);
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
      expect(o.ran).toEqual(["x"]);
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
      expect(o.ran).toEqual(["ask"]);
      expect(o.values.sideResult).toBeUndefined();
    },
  },
];

/** A graph whose node `x` is only reachable through `ends` that no longer lists it. */
function gotoGraphUnreachable(lg: LG, h: Harness) {
  return graph(lg)
    .addNode("A", () => new lg.Command({ goto: "x" }), { ends: ["y"] })
    .addNode("x", step(h, "x"))
    .addNode("y", step(h, "y"))
    .addEdge(lg.START, "A")
    .addEdge("x", lg.END)
    .addEdge("y", lg.END)
    .compile({ checkpointer: h.saver });
}
