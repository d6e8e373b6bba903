/**
 * What the abstract execution needs from a snapshot, prepared once: each node's outgoing routes as a list
 * of alternative effects (a router is a nondeterministic choice), how it can pause, and the breakpoints.
 * Unresolved elements widen the choices; what cannot be named at all makes the result `truncated`.
 */
import { END, START, type BranchSnapshot, type GraphSnapshot } from "@langgraph-compat/snapshot";

/** A count we cannot bound (an unresolved interrupt, a prebuilt agent, a loop): every index may be answered. */
export const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/** One way a finished task's routes can come out: nodes triggered through `branch:to:*`, and Send targets. */
export interface Effect {
  pull: string[];
  push: string[];
}

/** The prepared graph. */
export interface Model {
  graph: GraphSnapshot;
  nodes: string[];
  /** Per task name (`__start__` included): the alternative effects of its routes (static edges always fire). */
  effects: Map<string, Effect[]>;
  /** Per node: the join channels it writes into, as `[channel, sources, to]`. */
  joinsOf: Map<string, Array<{ channel: string; sources: string[]; to: string }>>;
  /** Per node: the `answered` counts it can be paused at (empty: it cannot pause by itself). */
  pauses: Map<string, number[]>;
  before: (node: string) => boolean;
  after: (node: string) => boolean;
  /** State keys any run's input may write (they may hold a value from the first superstep on). */
  inputKeys: string[];
  /** State keys with a channel default: they hold a value from the first checkpoint on. */
  defaultKeys: string[];
  /** Every persisted state key. */
  stateKeys: string[];
  /** Nodes whose routes (names or Sends) are unresolved: they may lead anywhere. */
  anyRoute: Set<string>;
  /** Something in the graph cannot be named (an unresolved node or edge): positions outside the set exist. */
  unnamed: boolean;
}

const sortedSet = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/** Every subset of `xs` (sorted lists), the empty one first; `xs` is small (the caller caps it). */
export function subsets(xs: readonly string[]): string[][] {
  let out: string[][] = [[]];
  for (const x of xs) out = [...out, ...out.map((s) => [...s, x])];
  return out.map((s) => s.slice().sort());
}

/** Named targets are triggered, END triggers nothing. */
const pullOf = (targets: readonly string[]): string[] => sortedSet(targets.filter((t) => t !== END));

/**
 * A router's alternatives. With a path map it returns ONE value (a target, or END); without one it may return
 * a list of names. Its Send targets come as a list of Sends (possibly empty) that never holds a name: a
 * router returns either names or Sends (issue 9 class 3). Two assumptions, for want of a snapshot field:
 * a path-map router returns one value, not a list (one that does pends two of its targets at once, which
 * this set lacks); and without a path map, a node the router reaches by Send is not also returned by name
 * (`targets` holds both kinds, so they cannot be told apart).
 */
function branchEffects(b: BranchSnapshot, maxSubset: number): Effect[] | undefined {
  const sends = sortedSet(b.sendTargets);
  const mapped = b.pathMap === undefined ? b.targets.filter((t) => !sends.includes(t)) : Array.isArray(b.pathMap) ? b.pathMap : Object.values(b.pathMap);
  const named = sortedSet(mapped);
  if (sends.length > maxSubset || (b.pathMap === undefined && named.length > maxSubset)) return undefined;
  const out: Effect[] = [];
  if (b.pathMap !== undefined) for (const t of named) out.push({ pull: pullOf([t]), push: [] });
  else for (const s of subsets(named)) if (s.length > 0) out.push({ pull: pullOf(s), push: [] });
  if (sends.length > 0) for (const s of subsets(sends)) out.push({ pull: [], push: s });
  if (out.length === 0) out.push({ pull: [], push: [] });
  return out;
}

/** The sorted union of two sorted lists without duplicates (what `sortedSet([...a, ...b])` gives them). */
function sortedUnion(a: readonly string[], b: readonly string[]): string[] {
  if (b.length === 0) return a.slice();
  if (a.length === 0) return b.slice();
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) out.push(a[i++]);
    else if (b[j] < a[i]) out.push(b[j++]);
    else {
      out.push(a[i++]);
      j++;
    }
  }
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/** True when `xs` is sorted and has no duplicates (what every effect list holds). */
const isSortedSet = (xs: readonly string[]): boolean => xs.every((x, i) => i === 0 || xs[i - 1] < x);

/**
 * The product of alternative lists: every way to pick one effect from each, merged, the first of equal
 * effects kept. Effects hold sorted lists without duplicates (anything else is sorted first). `from` is the
 * product so far (combine(b, combine(a)) is combine([...a, ...b])).
 */
export function combine(lists: readonly Effect[][], from: readonly Effect[] = [{ pull: [], push: [] }]): Effect[] {
  let out = [...from];
  for (const list of lists) {
    const seen = new Map<string, Effect>();
    const sorted = list.map((e) => (isSortedSet(e.pull) && isSortedSet(e.push) ? e : { pull: sortedSet(e.pull), push: sortedSet(e.push) }));
    for (const a of out)
      for (const b of sorted) {
        const e = { pull: sortedUnion(a.pull, b.pull), push: sortedUnion(a.push, b.push) };
        const key = JSON.stringify([e.pull, e.push]);
        if (!seen.has(key)) seen.set(key, e);
      }
    out = [...seen.values()];
  }
  return out;
}

/** Prepares `graph` for the exploration. `maxSubset` bounds "any set of nodes" for unresolved routes. */
export function buildModel(graph: GraphSnapshot, maxSubset = 6): Model {
  const nodes = Object.keys(graph.nodes).sort();
  let unnamed = false;
  const anyRoute = new Set<string>();
  const anySend = new Set<string>();
  const extraPause = new Set<string>();
  let allPause = false;
  let before = graph.interruptBefore;
  let after = graph.interruptAfter;
  let allKeys = false;
  for (const u of graph.unresolved) {
    if (u.kind === "router-target" || u.kind === "goto-target" || u.kind === "send-target" || u.kind === "edge") {
      if (u.node !== undefined && (u.node === START || graph.nodes[u.node] !== undefined)) (u.kind === "send-target" ? anySend : anyRoute).add(u.node);
      else unnamed = true;
    } else if (u.kind === "interrupt") {
      if (u.node !== undefined) extraPause.add(u.node);
      else allPause = true;
    } else if (u.kind === "breakpoint") {
      before = "*";
      after = "*";
    } else if (u.kind === "state" || u.kind === "state-key" || u.kind === "reducer") allKeys = true;
    else if (u.kind === "node" && u.node !== undefined && graph.nodes[u.node] !== undefined) extraPause.add(u.node);
    else unnamed = true;
  }
  if ((anyRoute.size > 0 || anySend.size > 0) && nodes.length > maxSubset) unnamed = true;

  const effects = new Map<string, Effect[]>();
  for (const from of [START, ...nodes]) {
    const lists: Effect[][] = [];
    const edges = graph.edges.filter((e) => e.from === from).map((e) => e.to);
    lists.push([{ pull: pullOf(edges), push: [] }]);
    for (const b of graph.branches.filter((x) => x.from === from)) {
      const alternatives = branchEffects(b, maxSubset);
      if (alternatives === undefined) unnamed = true;
      lists.push(alternatives ?? [{ pull: pullOf(b.targets), push: [] }]);
    }
    const node = graph.nodes[from];
    if (node !== undefined) {
      // A Command may go to any of its gotos or `ends`, as a name, a list, or Sends; or return no Command.
      const gotos = sortedSet([...node.gotos, ...(node.ends ?? [])]);
      if (gotos.length > maxSubset || node.sends.length > maxSubset) unnamed = true;
      // A node whose every Command names one node (`singleGoto`) starts one of them, or none.
      const named = gotos.filter((g) => g !== END);
      const names = node.singleGoto === true ? [[], ...named.map((g) => [g])] : gotos.length > maxSubset ? [[]] : subsets(named);
      const sends = node.sends.length > maxSubset ? [[]] : subsets(sortedSet(node.sends));
      lists.push(combine([names.map((pull) => ({ pull, push: [] })), sends.map((push) => ({ pull: [], push }))]));
    }
    // An unresolved target may be any set of nodes: by name (edge, router, goto), or by Send.
    const any = nodes.length <= maxSubset ? subsets(nodes) : [[]];
    if (anyRoute.has(from)) lists.push(any.map((pull) => ({ pull, push: [] })));
    if (anySend.has(from)) lists.push(any.map((push) => ({ pull: [], push })));
    effects.set(from, combine(lists));
  }

  const joinsOf = new Map<string, Array<{ channel: string; sources: string[]; to: string }>>();
  for (const j of graph.joins) {
    const channel = `join:${j.sources.join("+")}:${j.to}`;
    for (const s of new Set(j.sources)) joinsOf.set(s, [...(joinsOf.get(s) ?? []), { channel, sources: j.sources, to: j.to }]);
  }

  const pauses = new Map<string, number[]>();
  for (const name of nodes) {
    const node = graph.nodes[name];
    const counts = node.interrupts.map((_, k) => k);
    // A node that answered all its interrupts and finished with no output (no key, no route) left only its
    // `__resume__` write: LangGraph does not count that as done and re-runs it, so it stays paused, all answered.
    if (counts.length > 0 && (effects.get(name) ?? []).some((e) => e.pull.length === 0 && e.push.length === 0)) counts.push(counts.length);
    // A prebuilt or unreadable node, or one with an unresolved interrupt, may pause any number of times.
    // A ToolNode whose tools were all read pauses only at the interrupt() calls listed.
    if ((node.kind === "prebuilt" && node.toolsFollowed !== true) || node.kind === "unknown" || extraPause.has(name) || allPause) counts.push(UNBOUNDED);
    pauses.set(name, counts);
  }

  const channels = Object.values(graph.state.channels).filter((c) => !c.untracked);
  const stateKeys = sortedSet(channels.map((c) => c.name));
  const input = graph.state.input;
  const inputKeys = allKeys || input === undefined ? stateKeys : stateKeys.filter((k) => k in input);
  const defaultKeys = sortedSet(channels.filter((c) => c.default.kind === "channel" || c.reducer.kind === "known").map((c) => c.name));
  const breakpoint = (list: string[] | "*") => (node: string) => list === "*" || list.includes(node);
  for (const n of anySend) anyRoute.add(n);
  return { graph, nodes, effects, joinsOf, pauses, before: breakpoint(before), after: breakpoint(after), inputKeys, defaultKeys, stateKeys, anyRoute, unnamed };
}
