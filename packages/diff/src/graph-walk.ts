import { END, type GraphSnapshot } from "@langgraph-compat/snapshot";

/**
 * Every node a node can hand control to: static edges, joins, conditional targets (path map, literal
 * returns, Send), `Command.goto` targets, `ends`, and `Send` targets created in the body.
 */
export function successors(graph: GraphSnapshot): Map<string, Set<string>> {
  const next = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    if (to === END) return;
    let set = next.get(from);
    if (!set) next.set(from, (set = new Set()));
    set.add(to);
  };
  for (const edge of graph.edges) add(edge.from, edge.to);
  for (const join of graph.joins) for (const source of join.sources) add(source, join.to);
  for (const branch of graph.branches) {
    for (const target of branch.targets) add(branch.from, target);
    for (const target of branch.sendTargets) add(branch.from, target);
  }
  for (const node of Object.values(graph.nodes)) {
    for (const target of node.gotos) add(node.name, target);
    for (const target of node.ends ?? []) add(node.name, target);
    for (const target of node.sends) add(node.name, target);
  }
  return next;
}

/** The inverse of {@link successors}. */
export function predecessors(graph: GraphSnapshot): Map<string, Set<string>> {
  const prev = new Map<string, Set<string>>();
  for (const [from, tos] of successors(graph)) {
    for (const to of tos) {
      let set = prev.get(to);
      if (!set) prev.set(to, (set = new Set()));
      set.add(from);
    }
  }
  return prev;
}

/** Nodes reachable from `starts` (the starts included). */
export function reachable(next: Map<string, Set<string>>, starts: Iterable<string>): Set<string> {
  const seen = new Set<string>(starts);
  const queue = [...seen];
  while (queue.length > 0) {
    const current = queue.pop() as string;
    for (const succ of next.get(current) ?? []) {
      if (!seen.has(succ)) {
        seen.add(succ);
        queue.push(succ);
      }
    }
  }
  return seen;
}

/** Static targets a node's plain edges lead to (what `edges/<from>->*` describes). */
export function staticTargets(graph: GraphSnapshot, from: string): string[] {
  return graph.edges.filter((e) => e.from === from).map((e) => e.to);
}

/**
 * Writers of `key` that can run in the same superstep: Send targets (several instances run at once) and
 * siblings of one static fan-out. Two writes of one superstep into a key with no reducer throw
 * `InvalidUpdateError` (row 11f).
 */
export function parallelWriters(graph: GraphSnapshot, key: string): string[] {
  const writers = new Set(Object.values(graph.nodes).filter((n) => n.writes.includes(key)).map((n) => n.name));
  const parallel = new Set<string>();
  const sendTargets = [...graph.branches.flatMap((b) => b.sendTargets), ...Object.values(graph.nodes).flatMap((n) => n.sends)];
  for (const t of sendTargets) if (writers.has(t)) parallel.add(t);
  const fanOut = new Map<string, string[]>();
  for (const e of graph.edges) fanOut.set(e.from, [...(fanOut.get(e.from) ?? []), e.to]);
  for (const targets of fanOut.values()) {
    const written = targets.filter((t) => writers.has(t));
    if (written.length > 1) for (const t of written) parallel.add(t);
  }
  return [...parallel].sort();
}

