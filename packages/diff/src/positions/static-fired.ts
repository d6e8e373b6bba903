/**
 * `firedFrom` as one function of the graph and the thread's active nodes, shared by the static positions and
 * by checkpoint readers, so an abstract position and a concrete one compute it the same way.
 */
import { END, type GraphSnapshot } from "@langgraph-compat/snapshot";
import { parseJoin } from "./position.js";

/**
 * Nodes of `graph` (and `__start__`) with a route (edge, router, goto, `ends`, Send, join) to a node in
 * `active` (paused in, pending or finished beside the pause), plus every source that already wrote into a
 * join barrier (`values` holds the barrier channels and their seen sources). Sorted, without duplicates.
 */
export function firedTowards(graph: GraphSnapshot, active: ReadonlySet<string>, values: Readonly<Record<string, unknown>>): string[] {
  const fired = new Set<string>();
  const route = (from: string, to: string) => {
    if (to !== END && active.has(to)) fired.add(from);
  };
  for (const e of graph.edges) route(e.from, e.to);
  for (const b of graph.branches) for (const t of [...b.targets, ...b.sendTargets]) route(b.from, t);
  for (const n of Object.values(graph.nodes)) for (const t of [...n.gotos, ...n.sends, ...(n.ends ?? [])]) route(n.name, t);
  for (const j of graph.joins) for (const s of j.sources) route(s, j.to);
  for (const [name, value] of Object.entries(values)) {
    if (parseJoin(name) && Array.isArray(value)) for (const s of value) if (typeof s === "string") fired.add(s);
  }
  fired.delete(END);
  return [...fired].sort();
}
