/**
 * Matching old and new elements, done once for every rule (graphql-inspector's `compareLists`, buf's
 * previous/current pairs). A rule never re-implements matching. Elements under a removed or added parent
 * are left out here, so that only the parent's rule reports them.
 */
import {
  END,
  START,
  canonicalJson,
  type BranchSnapshot,
  type ChannelSnapshot,
  type EdgeSnapshot,
  type GraphSnapshot,
  type JoinSnapshot,
  type NodeSnapshot,
} from "@langgraph-compat/snapshot";
import { reachable, successors } from "./graph-walk.js";

/** A removed and an added element paired as one rename. */
export interface Rename<T> {
  before: T;
  after: T;
  /** Declared in config `renames`: the user vouches for it, and it may lower the severity. */
  declared: boolean;
  /** The old element is still registered and reachable next to the new one (row 2c). */
  alias: boolean;
}

/** The outcome of pairing two lists by key. */
export interface Pairing<T> {
  removed: T[];
  added: T[];
  kept: Array<[T, T]>;
}

/** Renames the user declared in config for one graph (or nested subgraph), old name -> new name. */
export interface DeclaredRenames {
  nodes: Record<string, string>;
  stateKeys: Record<string, string>;
}

export interface GraphMatch {
  nodes: Pairing<NodeSnapshot> & { renamed: Array<Rename<NodeSnapshot>> };
  channels: Pairing<ChannelSnapshot> & { renamed: Array<Rename<ChannelSnapshot>> };
  /** Static edges whose endpoints both survive, keyed `from->to` in after-graph names. */
  edges: Pairing<EdgeSnapshot>;
  /** Joins keyed by target and the *set* of sources, so a reorder shows up as a kept pair. */
  joins: Pairing<JoinSnapshot>;
  /** Conditional edges keyed by source and occurrence. */
  branches: Pairing<BranchSnapshot>;
  /** The after-graph name of a before-graph node: itself, its new name, or undefined when removed. */
  nodeName(beforeName: string): string | undefined;
  /** True when the after-graph node did not exist in before under any name. */
  isNewNode(afterName: string): boolean;
}

/** Pair two keyed lists. Order of the result follows `before`, then `after`. */
export function pairBy<T>(
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string | undefined,
  afterKey: (item: T) => string | undefined = key,
): Pairing<T> {
  const afterByKey = new Map<string, T>();
  for (const item of after) {
    const k = afterKey(item);
    if (k !== undefined && !afterByKey.has(k)) afterByKey.set(k, item);
  }
  const removed: T[] = [];
  const kept: Array<[T, T]> = [];
  const used = new Set<string>();
  for (const item of before) {
    const k = key(item);
    const match = k === undefined ? undefined : afterByKey.get(k);
    if (k !== undefined && match !== undefined && !used.has(k)) {
      kept.push([item, match]);
      used.add(k);
    } else removed.push(item);
  }
  const added = after.filter((item) => {
    const k = afterKey(item);
    return k === undefined || afterByKey.get(k) !== item || !used.has(k);
  });
  return { removed, added, kept };
}

// One serializer for the whole project; re-exported so the rules keep importing it from here.
export { canonicalJson };

/**
 * Deep equality that ignores `location` fields (and undefined properties): true when two graphs differ
 * only in where things are written. No rule looks at a location except to attach it to a finding.
 */
export function sameShape(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameShape(a[i], other[i])) return false;
    return true;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let count = 0;
  for (const key in ra) {
    const va = ra[key];
    if (va === undefined) continue;
    count++;
    if (key === "location" && isLocation(va) && isLocation(rb[key])) continue;
    if (!sameShape(va, rb[key])) return false;
  }
  for (const key in rb) if (rb[key] !== undefined) count--;
  return count === 0;
}

const isLocation = (v: unknown) => v !== null && typeof v === "object" && "file" in v && "line" in v;

/** Pair removed and added elements that share a unique evidence key (same function, same type+reducer). */
function inferRenames<T>(removed: T[], added: T[], evidence: (item: T) => string | undefined): Array<[T, T]> {
  const group = (items: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) {
      const e = evidence(item);
      if (e !== undefined) map.set(e, [...(map.get(e) ?? []), item]);
    }
    return map;
  };
  const removedBy = group(removed);
  const addedBy = group(added);
  const pairs: Array<[T, T]> = [];
  for (const [key, olds] of removedBy) {
    const news = addedBy.get(key);
    // Only a one-to-one match is strong evidence; two candidates would be a guess.
    if (olds.length === 1 && news?.length === 1) pairs.push([olds[0], news[0]]);
  }
  return pairs;
}

function withRenames<T extends { name: string }>(
  pairing: Pairing<T>,
  declared: Record<string, string>,
  evidence: (item: T) => string | undefined,
): Pairing<T> & { renamed: Array<Rename<T>> } {
  const renamed: Array<Rename<T>> = [];
  let removed = [...pairing.removed];
  let added = [...pairing.added];
  for (const [oldName, newName] of Object.entries(declared)) {
    const old = removed.find((r) => r.name === oldName);
    const neu = added.find((a) => a.name === newName);
    if (old && neu) {
      renamed.push({ before: old, after: neu, declared: true, alias: false });
      removed = removed.filter((r) => r !== old);
      added = added.filter((a) => a !== neu);
    }
  }
  for (const [old, neu] of inferRenames(removed, added, evidence)) {
    renamed.push({ before: old, after: neu, declared: false, alias: false });
    removed = removed.filter((r) => r !== old);
    added = added.filter((a) => a !== neu);
  }
  return { ...pairing, removed, added, renamed };
}

/** A nested graph without its locations and without its id (which is the node's name): its shape. */
function subgraphShape(graph: GraphSnapshot): string {
  return JSON.stringify({ ...graph, id: "" }, (key, value) => (key === "location" ? undefined : value));
}

/** Same function, or for a subgraph node the same nested graph: strong evidence of a rename. */
const nodeEvidence = (node: NodeSnapshot) => {
  if (node.kind === "subgraph" && node.subgraph) return `subgraph\u0000${subgraphShape(node.subgraph)}`;
  return node.function ? `${node.kind}\u0000${node.function.fingerprint}` : undefined;
};

/** Same type, optionality, nullability and reducer: strong evidence that a key was only renamed. */
export const channelEvidence = (channel: ChannelSnapshot) => {
  const reducer =
    channel.reducer.kind === "custom" ? { kind: "custom", fingerprint: channel.reducer.fingerprint } : channel.reducer;
  return canonicalJson([channel.type, channel.optional, channel.nullable, reducer, channel.untracked]);
};

/**
 * An added node with the same function as a kept node that is still reachable: the old node stays
 * registered as an alias, which is LangGraph's safe migration pattern (row 2c).
 */
function findAliases(nodes: Pairing<NodeSnapshot> & { renamed: Array<Rename<NodeSnapshot>> }, after: GraphSnapshot) {
  const reachable = reachableFromStart(after);
  const aliases: Array<Rename<NodeSnapshot>> = [];
  let added = nodes.added;
  for (const [old, kept] of nodes.kept) {
    const evidence = nodeEvidence(old);
    if (evidence === undefined || !reachable.has(kept.name)) continue;
    const candidates = added.filter((a) => nodeEvidence(a) === evidence);
    if (candidates.length !== 1) continue;
    aliases.push({ before: old, after: candidates[0], declared: false, alias: true });
    added = added.filter((a) => a !== candidates[0]);
  }
  return { ...nodes, added, renamed: [...nodes.renamed, ...aliases] };
}

/** Nodes reachable from START through every kind of edge the snapshot knows. */
export function reachableFromStart(graph: GraphSnapshot): Set<string> {
  return reachable(successors(graph), [START]);
}

/** Match every element of two versions of one graph. */
export function matchGraphs(before: GraphSnapshot, after: GraphSnapshot, declared: DeclaredRenames): GraphMatch {
  const nodePairs = pairBy(Object.values(before.nodes), Object.values(after.nodes), (n) => n.name);
  const nodes = findAliases(withRenames(nodePairs, declared.nodes, nodeEvidence), after);
  const channelPairs = pairBy(
    Object.values(before.state.channels),
    Object.values(after.state.channels),
    (c) => c.name,
  );
  const channels = withRenames(channelPairs, declared.stateKeys, channelEvidence);

  const renameMap = new Map<string, string>();
  for (const r of nodes.renamed) if (!r.alias) renameMap.set(r.before.name, r.after.name);
  const removedNames = new Set(nodes.removed.map((n) => n.name));
  const nodeName = (name: string): string | undefined => {
    if (name === START || name === END) return name;
    if (removedNames.has(name)) return undefined;
    return renameMap.get(name) ?? (name in before.nodes ? name : undefined);
  };
  // An alias (row 2c) is a new node too: its own edges belong to it, not to the graph's routing changes.
  const newNames = new Set([...nodes.added, ...nodes.renamed.filter((r) => r.alias).map((r) => r.after)].map((n) => n.name));
  const isNewNode = (name: string) => newNames.has(name);

  // Edges touching a removed node belong to node-removed; edges leaving an added node to node-added.
  const edgeKey = (from: string | undefined, to: string | undefined) =>
    from === undefined || to === undefined ? undefined : `${from}->${to}`;
  const beforeEdges = before.edges.filter((e) => nodeName(e.from) !== undefined && nodeName(e.to) !== undefined);
  const afterEdges = after.edges.filter((e) => !isNewNode(e.from));
  const edges = pairBy(
    beforeEdges,
    afterEdges,
    (e) => edgeKey(nodeName(e.from), nodeName(e.to)),
    (e) => edgeKey(e.from, e.to),
  );

  const joinKey = (sources: Array<string | undefined>, to: string | undefined) =>
    sources.some((s) => s === undefined) || to === undefined ? undefined : `${[...sources].sort().join("+")}->${to}`;
  const beforeJoins = before.joins.filter(
    (j) => nodeName(j.to) !== undefined && j.sources.every((source) => nodeName(source) !== undefined),
  );
  const joins = pairBy(
    beforeJoins,
    after.joins,
    (j) => joinKey(j.sources.map(nodeName), nodeName(j.to)),
    (j) => joinKey(j.sources, j.to),
  );

  const branchKeys = (list: BranchSnapshot[], rename: (n: string) => string | undefined) => {
    const seen = new Map<string, number>();
    const keys = new Map<BranchSnapshot, string | undefined>();
    for (const b of list) {
      const from = rename(b.from);
      if (from === undefined) {
        keys.set(b, undefined);
        continue;
      }
      const n = seen.get(from) ?? 0;
      seen.set(from, n + 1);
      keys.set(b, `${from}#${n}`);
    }
    return keys;
  };
  const beforeBranches = before.branches.filter((b) => nodeName(b.from) !== undefined);
  const afterBranches = after.branches.filter((b) => !isNewNode(b.from));
  const beforeBranchKeys = branchKeys(beforeBranches, nodeName);
  const afterBranchKeys = branchKeys(afterBranches, (n) => n);
  const branches = pairBy(
    beforeBranches,
    afterBranches,
    (b) => beforeBranchKeys.get(b),
    (b) => afterBranchKeys.get(b),
  );

  return { nodes, channels, edges, joins, branches, nodeName, isNewNode };
}
