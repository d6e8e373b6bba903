/**
 * The version stamp of the LangGraph docs (issue 9, class 19): a thread writes `flow_version` as it starts
 * and a router later branches on it, so old threads (an old stamp, or none) keep the old route and only new
 * threads take the step inserted behind the router. A thread's stamp restricts which route it can take:
 * {@link withStamps} puts what a thread of the before graph carries into its positions, and
 * {@link stampKeepsRoute} (asked by `endangers`) says when the route such a thread holds is the very route
 * v2 gives it, so nothing is stale. Recognised only from facts in the snapshot; anything else decides as before.
 */
import { START, type BranchGate, type BranchSnapshot, type GraphSnapshot, type StampValue } from "@langgraph-compat/snapshot";
import type { ThreadPosition } from "./position.js";

/** A thread's possible value of a stamp key: a literal, or `null` for no value at all (read as undefined). */
export type StampOf = StampValue | null;

/** How the threads of a graph are stamped in `key`. */
export type ThreadStamp =
  /** Every run starts in `node` (START's one route), which writes `value` on every run; nothing else writes the key. */
  | { kind: "written"; node: string; value: StampValue }
  /** The graph has no such key: its threads hold no value in it. */
  | { kind: "absent" };

const FLOW_UNRESOLVED: ReadonlySet<string> = new Set(["graph", "node", "node-name", "edge", "router-target", "goto-target", "send-target", "state", "state-key", "reducer"]);

/**
 * How `graph`'s threads carry `key`, when the snapshot proves it: START has one route, a static edge to the
 * node that writes the key with one literal on every run and cannot pause before it does (no `interrupt()`,
 * no `interruptBefore`), the key is a plain last-value channel, and no other node (every node readable)
 * writes it; or the state, fully known, has no such key. Undefined otherwise.
 */
export function threadStamp(graph: GraphSnapshot, key: string): ThreadStamp | undefined {
  if (graph.kind !== "graph" || graph.unresolved.some((u) => FLOW_UNRESOLVED.has(u.kind))) return undefined;
  if (graph.state.form === "unknown") return undefined;
  const channel = graph.state.channels[key];
  if (channel === undefined) return { kind: "absent" };
  if (channel.reducer.kind !== "none" || channel.untracked) return undefined;
  const starts = graph.edges.filter((e) => e.from === START);
  const startRoutes = graph.branches.some((b) => b.from === START) || graph.joins.some((j) => j.sources.includes(START));
  if (starts.length !== 1 || startRoutes) return undefined;
  const node = graph.nodes[starts[0].to];
  const value = node?.constantWrites?.[key];
  if (node === undefined || value === undefined) return undefined;
  // Written as the thread starts, before any pause: a thread paused before the stamp is written would be
  // stamped by whichever version resumes it, so it is not told apart (the stamp after a pause is no stamp).
  const pauses = (list: string[] | "*") => list === "*" || list.includes(node.name);
  if (node.kind !== "function" || node.subgraph !== undefined || node.interrupts.length > 0 || pauses(graph.interruptBefore)) return undefined;
  if (graph.unresolved.some((u) => (u.kind === "interrupt" && (u.node === undefined || u.node === node.name)) || u.kind === "breakpoint")) return undefined;
  const others = Object.values(graph.nodes).filter((n) => n.name !== node.name);
  if (others.some((n) => n.kind !== "function" || n.subgraph !== undefined || n.writes.includes(key) || n.writes.includes("*"))) return undefined;
  return { kind: "written", node: node.name, value };
}

/** JavaScript's comparison of a thread's stamp (null: no value, so undefined) with the gate's literal. */
export function gateHolds(gate: Pick<BranchGate, "op" | "value">, stamp: StampOf): boolean {
  const a = (stamp === null ? undefined : stamp) as never;
  const b = gate.value as never;
  switch (gate.op) {
    case "===": return a === b;
    case "!==": return a !== b;
    // eslint-disable-next-line eqeqeq
    case "==": return a == b;
    // eslint-disable-next-line eqeqeq
    case "!=": return a != b;
    case "<": return a < b;
    case "<=": return a <= b;
    case ">": return a > b;
    case ">=": return a >= b;
  }
}

/** The target a gate sends a thread with `stamp` to. */
export const gateTarget = (gate: BranchGate, stamp: StampOf): string => (gateHolds(gate, stamp) ? gate.then : gate.else);

/**
 * The stamps of the before graph's threads, put into its abstract positions: for each key some router of
 * `after` gates on, what a thread at the position carries, where the snapshot proves it. A thread waiting
 * to run (or paused in) the stamping node has not stamped this run yet: it gets none.
 */
export function withStamps(positions: readonly ThreadPosition[], before: GraphSnapshot, after: GraphSnapshot | undefined): ThreadPosition[] {
  const keys = [...new Set((after?.branches ?? []).flatMap((b) => (b.gate === undefined ? [] : [b.gate.key])))].sort();
  // A key old threads lack reads as undefined on v2 only when v2 gives it no channel default (rows 10a-10c).
  const noDefault = (key: string) => after?.state.channels[key]?.default.kind === "none";
  const stamps = keys
    .map((key) => [key, threadStamp(before, key)] as const)
    .filter((s): s is readonly [string, ThreadStamp] => s[1] !== undefined && (s[1].kind === "written" || noDefault(s[0])));
  if (stamps.length === 0) return [...positions];
  return positions.map((p) => {
    if (!p.exists) return p;
    const own: Record<string, StampOf[]> = { ...(p.stamps ?? {}) };
    for (const [key, stamp] of stamps) {
      if (own[key] !== undefined) continue;
      if (stamp.kind === "absent") own[key] = [null];
      else if (![...p.pausedIn, ...p.pending, ...p.sends].includes(stamp.node)) own[key] = [stamp.value];
    }
    return Object.keys(own).length === 0 ? p : { ...p, stamps: own };
  });
}

/**
 * The stamps of one real thread, read from its checkpoint's `values`: for each key a router of `after`
 * gates on, where `after` proves how it stamps threads (one writer, at thread start), the value the thread
 * holds, which is what v2's router will read unless the thread is about to run (or paused in) the stamping
 * node, which would stamp it anew. A missing value reads as undefined only where v2 gives the key no
 * channel default; a value that is no literal (or null) is left out, so nothing is assumed from it.
 */
export function withCheckpointStamps(position: ThreadPosition, values: Record<string, unknown> | undefined, after: GraphSnapshot | undefined): ThreadPosition {
  if (!position.exists || values === undefined || after === undefined) return position;
  const keys = [...new Set(after.branches.flatMap((b) => (b.gate === undefined ? [] : [b.gate.key])))].sort();
  const own: Record<string, StampOf[]> = { ...(position.stamps ?? {}) };
  for (const key of keys) {
    const stamp = threadStamp(after, key);
    if (stamp?.kind !== "written" || [...position.pausedIn, ...position.pending, ...position.sends].includes(stamp.node)) continue;
    const value = values[key];
    if (value === undefined) {
      if (after.state.channels[key]?.default.kind === "none") own[key] = [null];
    } else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") own[key] = [value];
  }
  return Object.keys(own).length === 0 ? position : { ...position, stamps: own };
}

/** What the gate at one router proves for old threads: the key, their stamps, the old and the new route. */
export interface StampProof {
  branch: BranchSnapshot;
  key: string;
  stamps: StampOf[];
  /** The stamp new threads get (v2's stamping node writes it). */
  fresh: StampValue;
  writer: string;
  /** The route every old stamp takes, and the one the new stamp takes. */
  oldRoute: string;
  newRoute: string;
}

/**
 * The gate of v2's router out of `afterFrom` when it proves, for a thread carrying `stamps`, that old
 * threads take one old route and only the new stamp (written by v2's stamping node at thread start, and by
 * nothing after) takes the other. Undefined when any part is not proven.
 */
export function stampGate(after: GraphSnapshot, afterFrom: string, stamps: Record<string, StampOf[]> | undefined): StampProof | undefined {
  const gated = after.branches.filter((b) => b.from === afterFrom);
  const branch = gated.length === 1 ? gated[0] : undefined;
  const gate = branch?.gate;
  if (branch === undefined || gate === undefined || branch.sendTargets.length > 0) return undefined;
  const carried = stamps?.[gate.key];
  if (carried === undefined || carried.length === 0) return undefined;
  const stamp = threadStamp(after, gate.key);
  if (stamp?.kind !== "written") return undefined;
  const newRoute = gateTarget(gate, stamp.value);
  const routes = new Set(carried.map((s) => gateTarget(gate, s)));
  const oldRoute = [...routes][0];
  if (routes.size !== 1 || oldRoute === newRoute) return undefined;
  return { branch, key: gate.key, stamps: carried, fresh: stamp.value, writer: stamp.node, oldRoute, newRoute };
}

/** The finding's part `stampKeepsRoute` reads. */
interface RouteFinding {
  ruleId: string;
  subject: { kind: string; from?: string; to?: string };
}

/**
 * True when the route a thread at `position` holds out of `from` (its routes fired under v1) is the route
 * v2's version gate gives it, for the finding's part of that route: the router added or changed (it sends
 * the thread's stamp where v1's static edge, or v1's own gate on the key, already sent it), or a static edge
 * removed whose target is the old route. Other routing changes are not the pattern.
 */
export function stampKeepsRoute(
  finding: RouteFinding,
  from: string,
  position: ThreadPosition,
  before: GraphSnapshot | undefined,
  after: GraphSnapshot | undefined,
  nodeName: (name: string) => string | undefined,
): StampProof | undefined {
  if (before === undefined || after === undefined) return undefined;
  const afterFrom = nodeName(from);
  if (afterFrom === undefined) return undefined;
  const proof = stampGate(after, afterFrom, position.stamps);
  if (proof === undefined) return undefined;
  const toAfter = (n: string) => nodeName(n);
  if (finding.ruleId === "edge-removed" && finding.subject.kind === "edge" && finding.subject.to !== undefined)
    return toAfter(finding.subject.to) === proof.oldRoute ? proof : undefined;
  if ((finding.ruleId === "branch-added" || finding.ruleId === "branch-changed") && finding.subject.kind === "branch") {
    // The old route is surely held: a static edge of v1 always fired with `from`, or v1's own gate sent
    // every one of these stamps there. And nothing else v1's router may have fired is held.
    const oldBranches = before.branches.filter((b) => b.from === from);
    const viaEdge = before.edges.some((e) => e.from === from && toAfter(e.to) === proof.oldRoute);
    const oldGate = oldBranches.length === 1 ? oldBranches[0].gate : undefined;
    const viaGate = oldGate !== undefined && oldGate.key === proof.key && oldBranches[0].sendTargets.length === 0 && proof.stamps.every((s) => toAfter(gateTarget(oldGate, s)) === proof.oldRoute);
    if (viaGate) return proof;
    return viaEdge && oldBranches.length === 0 ? proof : undefined;
  }
  return undefined;
}

/** `1`, `"v2"` or no value, as the reason shows a stamp. */
export const showStamp = (s: StampOf): string => (s === null ? "no value" : JSON.stringify(s));
