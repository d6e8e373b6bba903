/**
 * Exposure analysis: where, in the BEFORE graph, a persisted thread can be waiting. A rule whose danger
 * needs a thread in a given state asks this module; when the graph proves no thread can be in that state,
 * the rule lowers its severity and records why (e.g. rows 4b/4c/4d/4g for a node that never holds a
 * paused thread).
 */
import { START, type GraphSnapshot } from "@langgraph-compat/snapshot";
import { predecessors, reachable, successors } from "./graph-walk.js";

export interface Exposure {
  /** True when some thread can be paused in this graph at all (interrupts, breakpoints, opaque nodes). */
  hasPausePoints: boolean;
  /** Nodes that can hold a paused thread (resume points), each with the reason. Removing one halts threads. */
  pausable: Map<string, string>;
  /** Nodes whose outgoing edges may already have fired when a thread pauses, each with the reason. */
  lastBeforePause: Map<string, string>;
  /**
   * Why a thread can be paused with the edge `from -> to` fired but `to` not yet run (its `branch:to:` write
   * persisted), or undefined when no thread can. Finer than {@link lastBeforePause}: a sibling of the paused
   * node runs in the same superstep and is done by the time the thread pauses.
   */
  persistedEdge(from: string, to: string): string | undefined;
  /** Nodes that can run after a thread resumes (the pausable nodes and everything reachable from a pause). */
  runsAfterPause: Set<string>;
  /** Nodes reachable from START in before: a node outside it never ran on any thread. */
  reachable: Set<string>;
  /**
   * The AFTER graph has a static `interruptBefore`: then removing or renaming any node or written key
   * makes threads re-pause forever (M8, rows 14j, 14k, 14n, 14o). Dropping the breakpoint avoids it (14l).
   */
  staticInterruptBefore: boolean;
}

const listed = (list: string[] | "*", name: string) => list === "*" || list.includes(name);

/** Compute the exposure of `before`; `after` is only consulted for its static `interruptBefore`. */
export function analyzeExposure(before: GraphSnapshot, after: GraphSnapshot): Exposure {
  const next = successors(before);
  const prev = predecessors(before);
  const names = Object.keys(before.nodes);
  const pausable = new Map<string, string>();
  const lastBeforePause = new Map<string, string>();
  const mark = (map: Map<string, string>, name: string, why: string) => {
    if (!map.has(name)) map.set(name, why);
  };

  // Nodes a thread can be paused *in*: the edge into them has fired (their trigger is persisted).
  const pausedIn = new Set<string>();
  const unresolvedInterrupt = new Set(
    before.unresolved.filter((u) => u.kind === "interrupt" && u.node !== undefined).map((u) => u.node as string),
  );
  for (const node of Object.values(before.nodes)) {
    if (node.interrupts.length > 0) mark(pausable, node.name, "it calls interrupt() (row 1a)");
    if (unresolvedInterrupt.has(node.name)) mark(pausable, node.name, "it may call interrupt() (unresolved, row 1a)");
    if (listed(before.interruptBefore, node.name)) mark(pausable, node.name, "it is an interruptBefore target (row 3a)");
    if (node.kind === "subgraph") mark(pausable, node.name, "it is a subgraph node (row 13a)");
    if (node.kind !== "subgraph" && node.subgraph) mark(pausable, node.name, "it runs a compiled graph, which can pause inside it (rows 13a, 13d)");
    if (node.kind === "prebuilt" || node.kind === "unknown")
      mark(pausable, node.name, `it is a ${node.kind} node whose body cannot be checked for interrupts`);
    if (pausable.has(node.name)) pausedIn.add(node.name);
  }
  for (const name of names) {
    if (!listed(before.interruptAfter, name)) continue;
    mark(lastBeforePause, name, "it is an interruptAfter node (row 5d)");
    for (const succ of next.get(name) ?? [])
      mark(pausable, succ, `it follows interruptAfter node "${name}" (row 3a)`);
  }
  // Targets of dynamic routing: a thread paused after the router holds their trigger (rows 6c, 7a, 8a).
  // They only matter when the graph can pause at all; a graph with no pause point only has finished threads.
  const hasPausePoints =
    pausable.size > 0 ||
    before.interruptBefore === "*" ||
    before.interruptBefore.length > 0 ||
    before.interruptAfter === "*" ||
    before.interruptAfter.length > 0;
  if (hasPausePoints) {
    for (const node of Object.values(before.nodes)) {
      for (const t of node.gotos) mark(pausable, t, `it is a Command.goto target of "${node.name}" (row 8a)`);
      for (const t of node.ends ?? []) mark(pausable, t, `it is in the ends of "${node.name}" (row 8a)`);
      for (const t of node.sends) mark(pausable, t, `it is a Send target of "${node.name}" (rows 7a, 7d)`);
    }
    for (const branch of before.branches) {
      for (const t of branch.targets) mark(pausable, t, `it is a conditional target of "${branch.from}" (row 6c)`);
      for (const t of branch.sendTargets) mark(pausable, t, `it is a Send target of "${branch.from}" (rows 7a, 7d)`);
    }
    const dynamicUnresolved = before.unresolved.filter((u) =>
      ["router-target", "goto-target", "send-target", "node-name", "edge"].includes(u.kind),
    );
    if (dynamicUnresolved.length > 0) {
      for (const name of names) mark(pausable, name, "an unresolved router, goto or Send may target it");
    }
  }
  if (before.unresolved.some((u) => u.kind === "breakpoint")) {
    for (const name of names) mark(pausable, name, "an unresolved interruptBefore/interruptAfter may name it (row 3a)");
  }
  // A sibling that finished in the superstep where another node paused loses its saved writes (4e/4f).
  const fanOuts = new Map<string, Set<string>>();
  const fan = (from: string, to: string) => fanOuts.set(from, (fanOuts.get(from) ?? new Set()).add(to));
  for (const edge of before.edges) fan(edge.from, edge.to);
  for (const branch of before.branches) for (const t of branch.sendTargets) fan(branch.from, t);
  for (const node of Object.values(before.nodes)) for (const t of node.sends) fan(node.name, t);
  const parallelWithPause = new Map<string, string>();
  for (const [, targets] of fanOuts) {
    const fanOut = [...targets];
    if (fanOut.length < 2) continue;
    const paused = fanOut.filter((t) => pausedIn.has(t));
    for (const sibling of fanOut) {
      const other = paused.find((p) => p !== sibling);
      if (other !== undefined) {
        mark(pausable, sibling, `it runs in parallel with "${other}", which can pause (rows 4e/4f)`);
        mark(lastBeforePause, sibling, `it runs in parallel with "${other}", which can pause (row 5d)`);
        mark(parallelWithPause, sibling, `"${sibling}" runs in parallel with "${other}", which can pause, so its writes are replayed on resume (rows 4e, 5d)`);
      }
    }
  }
  // Siblings further down parallel branches (4e) and beside a conditional edge (4f): see concurrentGroups.
  for (const [sibling, why] of concurrentWithPause(before, next, pausedIn)) {
    mark(pausable, sibling, `${why} (rows 4e/4f)`);
    mark(lastBeforePause, sibling, `${why} (row 5d)`);
    mark(parallelWithPause, sibling, `${why}, so its writes are replayed on resume (rows 4e, 5d)`);
  }
  const persistedEdge = (from: string, to: string): string | undefined => {
    if (listed(before.interruptAfter, from)) return `a thread can be paused after interruptAfter node "${from}" (row 5d)`;
    if (to !== START && listed(before.interruptBefore, to)) return `a thread can be paused before "${to}" with the edge fired (row 5h)`;
    if (pausedIn.has(to)) return `a thread paused in "${to}" came through this edge (${pausable.get(to)})`;
    return parallelWithPause.get(from);
  };
  for (const target of pausedIn) {
    for (const p of prev.get(target) ?? []) mark(lastBeforePause, p, `its edges fire before "${target}" pauses (row 5d)`);
  }
  if (before.interruptBefore === "*") for (const name of [START, ...names]) mark(lastBeforePause, name, "interruptBefore is \"*\" (row 5d)");

  const resumeFrom = [...pausable.keys()];
  for (const name of lastBeforePause.keys()) for (const succ of next.get(name) ?? []) resumeFrom.push(succ);
  const runsAfterPause = reachable(next, resumeFrom);

  return {
    hasPausePoints,
    pausable,
    lastBeforePause,
    persistedEdge,
    runsAfterPause,
    reachable: reachable(next, [START]),
    // A breakpoint list the extractor could not read (an env flag, say) may name any node: assume it does.
    staticInterruptBefore:
      after.interruptBefore === "*" || after.interruptBefore.length > 0 || after.unresolved.some((u) => u.kind === "breakpoint"),
  };
}

/** One-line description of a static interruptBefore list, for reasons. */
export function describeInterruptBefore(graph: GraphSnapshot): string {
  return graph.interruptBefore === "*" ? `interruptBefore "*"` : `interruptBefore [${graph.interruptBefore.join(", ")}]`;
}

/** Deepest distance from a fan-out point at which branches are compared. */
const MAX_PARALLEL_DEPTH = 12;

/**
 * Nodes that can run in the same superstep as a node that pauses, through a fan-out: at each node, its
 * successors fall into groups that run together (each static edge, each Send, each conditional branch
 * as one group of alternatives, the gotos as one group). Nodes at the same distance from the fan-out in
 * different groups can share a superstep; when one of them pauses, the other's saved writes are what a
 * rename or removal loses (rows 4e, 4f).
 */
function concurrentWithPause(graph: GraphSnapshot, next: Map<string, Set<string>>, pausedIn: Set<string>): Map<string, string> {
  const found = new Map<string, string>();
  const groupsOf = new Map<string, string[][]>();
  const group = (from: string, targets: string[]) => {
    const list = targets.filter((t) => t !== "__end__");
    if (list.length > 0) groupsOf.set(from, [...(groupsOf.get(from) ?? []), list]);
  };
  for (const edge of graph.edges) group(edge.from, [edge.to]);
  for (const branch of graph.branches) {
    group(branch.from, branch.targets.filter((t) => !branch.sendTargets.includes(t)));
    for (const t of branch.sendTargets) group(branch.from, [t]);
  }
  for (const node of Object.values(graph.nodes)) {
    group(node.name, [...new Set([...node.gotos, ...(node.ends ?? [])])]);
    for (const t of node.sends) group(node.name, [t]);
  }
  for (const [from, groups] of groupsOf) {
    if (groups.length < 2) continue;
    // Distance of every node from `from`, per group.
    const depths = groups.map((members) => {
      const depth = new Map<string, Set<number>>();
      let frontier = members;
      for (let d = 1; d <= MAX_PARALLEL_DEPTH && frontier.length > 0; d++) {
        const upcoming: string[] = [];
        for (const name of frontier) {
          const seen = depth.get(name) ?? new Set<number>();
          if (seen.has(d)) continue;
          seen.add(d);
          depth.set(name, seen);
          for (const succ of next.get(name) ?? []) upcoming.push(succ);
        }
        frontier = upcoming;
      }
      return depth;
    });
    depths.forEach((depth, g) => {
      for (const [paused, pausedDepths] of depth) {
        if (!pausedIn.has(paused)) continue;
        depths.forEach((other, h) => {
          if (h === g) return;
          for (const [sibling, siblingDepths] of other) {
            if (sibling === paused || found.has(sibling)) continue;
            if ([...siblingDepths].some((d) => pausedDepths.has(d))) {
              found.set(sibling, `it can run in the same superstep as "${paused}", which can pause (both follow "${from}")`);
            }
          }
        });
      }
    });
  }
  return found;
}