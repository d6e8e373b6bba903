/**
 * What the rules on one version read from the current code's snapshot: no comparison with the committed
 * snapshot, except that `zodDefaults` lists only keys it lacks (when there is one). Pure.
 */
import { END, START, type GraphSnapshot, type Snapshot } from "@langgraph-compat/snapshot";
import { parallelWriters, reachable, successors } from "@langgraph-compat/diff";
import type { AliasPlan, CheckResponse } from "./check-types.js";

type Facts = Required<Pick<CheckResponse, "unresolved" | "parallel" | "gotoOutsideEnds" | "unreachable" | "zodDefaults" | "unusedKeys">>;

/** Every graph of the snapshot and the subgraphs nested in its nodes, with its id (`graph/nodes/node` when nested). */
function* graphsOf(graphs: Record<string, GraphSnapshot>, prefix = ""): Generator<[string, GraphSnapshot]> {
  for (const [id, graph] of Object.entries(graphs)) {
    yield [`${prefix}${id}`, graph];
    const nested = Object.fromEntries(Object.values(graph.nodes).flatMap((n) => (n.subgraph ? [[n.name, n.subgraph]] : [])));
    yield* graphsOf(nested, `${prefix}${id}/nodes/`);
  }
}

/** Unresolved kinds that may hide a route, so that a node no known route reaches may still be reached. */
const HIDES_ROUTES = new Set(["graph", "node-name", "node", "edge", "router-target", "goto-target", "send-target"]);

export function currentFacts(after: Snapshot, before: Snapshot | undefined): Facts {
  const facts: Facts = { unresolved: [], parallel: [], gotoOutsideEnds: [], unreachable: [], zodDefaults: [], unusedKeys: [] };
  const earlier = new Map(before ? [...graphsOf(before.graphs)] : []);
  for (const [id, g] of graphsOf(after.graphs)) {
    if (!id.includes("/nodes/")) facts.unresolved.push(...g.unresolved.map(({ kind, reason, text, location }) => ({ kind, reason, text, location })));
    for (const c of Object.values(g.state.channels)) {
      if (c.reducer.kind !== "none" || c.untracked) continue;
      const nodes = parallelWriters(g, c.name);
      if (nodes.length > 0) facts.parallel.push({ key: c.name, graph: id, nodes, locations: nodes.map((node) => ({ node, location: g.nodes[node].location })) });
    }
    for (const n of Object.values(g.nodes)) {
      const missing = n.ends === undefined ? [] : n.gotos.filter((t) => t !== END && !n.ends!.includes(t));
      if (missing.length > 0) facts.gotoOutsideEnds.push({ node: n.name, missing, location: n.location });
    }
    facts.unusedKeys.push(...unusedKeys(g).map((c) => ({ graph: id, key: c.name, location: c.location })));
    if (!g.unresolved.some((u) => HIDES_ROUTES.has(u.kind))) {
      const reached = reachable(successors(g), [START]);
      for (const n of Object.values(g.nodes)) if (!reached.has(n.name)) facts.unreachable.push({ graph: id, node: n.name, location: n.location });
    }
    // Without a committed snapshot every key may be new to the threads in flight; with one, the keys it lacks
    // are, in graphs it has (a new graph has no old threads).
    const old = earlier.get(id);
    if (before !== undefined && old === undefined) continue;
    for (const c of Object.values(g.state.channels)) {
      if (c.default.kind === "zod" && old?.state.channels[c.name] === undefined) facts.zodDefaults.push({ graph: id, key: c.name, location: c.location });
    }
  }
  return facts;
}

/**
 * What keeping `from` registered next to its new name `to` takes (row 2c): the same function, and the same
 * routes out (static edges, conditional edges, `ends`). Undefined when the new node joins others
 * (`addEdge([a, b], c)`): no alias can stand in for one source of a join.
 */
export function aliasPlan(graph: GraphSnapshot | undefined, from: string, to: string): AliasPlan | undefined {
  const node = graph?.nodes[to];
  if (graph === undefined || node === undefined || graph.joins.some((j) => j.sources.includes(to))) return undefined;
  const plan: AliasPlan = { from, to, edges: graph.edges.filter((e) => e.from === to).map((e) => e.to), branches: graph.branches.filter((b) => b.from === to).map((b) => b.location) };
  if (node.ends !== undefined) plan.ends = node.ends;
  return plan;
}

/**
 * State keys that no node and no router reads or writes: they only carry what a caller passes in. Judged
 * only where every reader and writer is known: every node has a function the extractor read (no subgraph,
 * prebuilt or unreadable node, whose reads and writes are not listed), every router was read, nothing reads
 * the whole state (`*`), and nothing about the state is unresolved.
 */
function unusedKeys(g: GraphSnapshot) {
  const nodes = Object.values(g.nodes);
  const known =
    nodes.every((n) => n.kind === "function" && n.function !== undefined && !n.reads.includes("*") && !n.writes.includes("*")) &&
    g.branches.every((b) => b.reads !== undefined && !b.reads.includes("*")) &&
    !g.unresolved.some((u) => u.kind === "state" || u.kind === "state-key" || u.kind === "node") &&
    g.kind === "graph";
  if (!known) return [];
  const used = new Set([...nodes.flatMap((n) => [...n.reads, ...n.writes]), ...g.branches.flatMap((b) => b.reads ?? [])]);
  return Object.values(g.state.channels).filter((c) => !used.has(c.name));
}
