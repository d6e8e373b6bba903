/** Graph builders shared by the topology and routing scenarios. */
import { node, type Harness, type LG } from "../harness.js";

export const append = (a: string[], b: string[]) => a.concat(b);

export function state(lg: LG) {
  return lg.Annotation.Root({
    log: lg.Annotation({ reducer: append, default: () => [] }),
    results: lg.Annotation({ reducer: append, default: () => [] }),
    answer: lg.Annotation(),
    sideResult: lg.Annotation(),
  });
}

export function graph(lg: LG) {
  return new lg.StateGraph(state(lg));
}

/** A node that logs and appends its name to `log`. */
export const step = (h: Harness, name: string, extra: Record<string, unknown> = {}) => node(h, name, { log: [name], ...extra });

/** A node that asks through interrupt(). */
export function asker(lg: LG, h: Harness, name: string) {
  return () => {
    h.ran(name);
    return { answer: lg.interrupt("approve?"), log: [name] };
  };
}

/** START -> prep -> <x> -> END; `x` undefined means prep -> END. */
export function prepThen(lg: LG, h: Harness, x: string | undefined, opts: Record<string, unknown>) {
  let g = graph(lg).addNode("prep", step(h, "prep")).addEdge(lg.START, "prep");
  if (x) g = g.addNode(x, step(h, x)).addEdge("prep", x).addEdge(x, lg.END);
  else g = g.addEdge("prep", lg.END);
  return g.compile({ checkpointer: h.saver, ...opts });
}

/** Parallel siblings: START -> ask (interrupt) and START -> <side>; ask -> done. */
export function siblings(lg: LG, h: Harness, side: string | undefined) {
  let g = graph(lg).addNode("ask", asker(lg, h, "ask")).addNode("done", step(h, "done")).addEdge(lg.START, "ask").addEdge("ask", "done").addEdge("done", lg.END);
  if (side) g = g.addNode(side, step(h, side, { sideResult: `from ${side}` })).addEdge(lg.START, side).addEdge(side, lg.END);
  return g.compile({ checkpointer: h.saver });
}

/** Fan-out: START -> prep; prep routes to Send("worker") x2 and to ask; worker appends to results. */
export function fanOut(lg: LG, h: Harness, worker: string | undefined, opts: { workerAsks?: boolean; liveSend?: boolean } = {}) {
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
export function gotoGraph(lg: LG, h: Harness, targets: string[], goto: string, opts: { askFirst?: boolean; staticEdge?: string; reachable?: string[]; interruptAfter?: string[] } = {}) {
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
export function routed(lg: LG, h: Harness, targets: string[], pick: string, opts: { pathMap?: boolean; askFirst?: boolean; interruptAfter?: string[]; extraReachable?: string[] } = {}) {
  let g = graph(lg).addNode("route", step(h, "route"));
  if (opts.askFirst) g = g.addNode("ask", asker(lg, h, "ask")).addEdge(lg.START, "ask").addEdge("ask", "route");
  else g = g.addEdge(lg.START, "route");
  for (const t of [...targets, ...(opts.extraReachable ?? [])]) g = g.addNode(t, step(h, t)).addEdge(t, lg.END);
  g = g.addConditionalEdges("route", () => pick, opts.pathMap ? targets : undefined);
  return g.compile({ checkpointer: h.saver, interruptAfter: opts.interruptAfter });
}

/** Join: START -> a, START -> b -> b2 (interrupt), join [..] -> c; paused in b2 with the barrier half-filled. */
export function joinGraph(lg: LG, h: Harness, join: string[] | "plain", side = "a") {
  let g = graph(lg).addNode(side, step(h, side)).addNode("b", step(h, "b")).addNode("b2", asker(lg, h, "b2")).addNode("c", step(h, "c"));
  g = g.addEdge(lg.START, side).addEdge(lg.START, "b").addEdge("b", "b2").addEdge("c", lg.END);
  if (join === "plain") g = g.addEdge(side, "c").addEdge("b2", "c");
  else g = g.addEdge(join, "c");
  return g.compile({ checkpointer: h.saver });
}

export async function start(h: Harness, g: any, input: unknown = { log: [] }) {
  const config = h.thread();
  await h.invoke(g, input, config);
  return config;
}

/** A graph whose node `x` is only reachable through `ends` that no longer lists it. */
export function gotoGraphUnreachable(lg: LG, h: Harness) {
  return graph(lg)
    .addNode("A", () => new lg.Command({ goto: "x" }), { ends: ["y"] })
    .addNode("x", step(h, "x"))
    .addNode("y", step(h, "y"))
    .addEdge(lg.START, "A")
    .addEdge("x", lg.END)
    .addEdge("y", lg.END)
    .compile({ checkpointer: h.saver });
}
