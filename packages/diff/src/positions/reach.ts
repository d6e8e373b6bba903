/**
 * Questions about a set of positions that rules phrasing a message may need ("which readers run after a
 * resume"), answered from the positions themselves so no rule re-derives where threads can stand.
 */
import type { GraphSnapshot } from "@langgraph-compat/snapshot";
import { reachable, successors } from "../graph-walk.js";
import { isPaused } from "./position.js";
import type { PositionSet } from "./verdict.js";

/** True when some thread of the graph can be paused (or the exploration was cut short: assume it can). */
export function canPause(set: PositionSet): boolean {
  return set.truncated || set.positions.some(isPaused);
}

/**
 * Nodes of `graph` that can run after some paused thread resumes: the nodes it is paused in, waiting for or
 * sending to, and everything reachable from them. Every node when the exploration was cut short.
 */
export function runsAfterResume(set: PositionSet, graph: GraphSnapshot): Set<string> {
  if (set.truncated) return new Set(Object.keys(graph.nodes));
  const starts = set.positions.filter(isPaused).flatMap((p) => [...p.pausedIn, ...p.pending, ...p.sends]);
  return reachable(successors(graph), starts);
}
