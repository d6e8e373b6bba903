/**
 * When a concrete position (read from a checkpoint) lies in an abstract one (from `staticPositions`).
 *
 * The shape of the wait is compared exactly, as sets: `pausedIn`, `pending`, `finishedSiblings`, `sends`.
 * An abstract position is one real shape, so "is it paused", "is it finished" and "who finished beside
 * whom" stay exact; that matters because a verdict is not monotone in them (a finished thread is one with
 * nothing paused or pending). What the thread holds is compared as may-sets: the concrete `channels`,
 * `changedSinceResume` and `firedFrom` are subsets of the abstract ones, and the abstract `mustChannels`
 * a subset of the concrete `channels`. Counts are upper bounds: the concrete `answered` of each paused node,
 * and `tasksDone`, are at most the abstract ones (a verdict only gets worse as more is answered). A paused
 * subgraph's position is covered recursively; an abstract position with no entry for a paused subgraph
 * node stands for any position inside it.
 */
import type { ThreadPosition } from "./position.js";
import type { StaticPositions } from "./static.js";

const sameSet = (a: readonly string[], b: readonly string[]): boolean => {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
};
const missing = (small: readonly string[], big: readonly string[]): string[] => {
  const b = new Set(big);
  return small.filter((v) => !b.has(v));
};

/** Why `concrete` does not lie in `abstract` (the first difference found, in words), or undefined when it does. */
export function coverMismatch(abstract: ThreadPosition, concrete: ThreadPosition): string | undefined {
  if (abstract.exists !== concrete.exists) return `exists: ${abstract.exists} vs ${concrete.exists}`;
  for (const field of ["pausedIn", "pending", "finishedSiblings", "sends"] as const) {
    if (!sameSet(abstract[field], concrete[field])) return `${field}: [${abstract[field].join(",")}] vs [${concrete[field].join(",")}]`;
  }
  for (const node of concrete.pausedIn) {
    const a = abstract.answered[node] ?? 0;
    const c = concrete.answered[node] ?? 0;
    if (c > a) return `answered[${node}]: ${c} > ${a}`;
  }
  if ((concrete.tasksDone ?? 0) > (abstract.tasksDone ?? 0)) return `tasksDone: ${concrete.tasksDone} > ${abstract.tasksDone ?? 0}`;
  for (const field of ["channels", "changedSinceResume", "firedFrom"] as const) {
    const extra = missing(concrete[field], abstract[field]);
    if (extra.length > 0) return `${field}: concrete has ${extra.join(",")}`;
  }
  const lacking = missing(abstract.mustChannels ?? [], concrete.channels);
  if (lacking.length > 0) return `mustChannels: concrete lacks ${lacking.join(",")}`;
  for (const [node, child] of Object.entries(concrete.subgraphs)) {
    const inner = abstract.subgraphs[node];
    if (inner === undefined) {
      if (!abstract.pausedIn.includes(node)) return `subgraphs: no abstract position inside ${node}`;
      continue;
    }
    const why = coverMismatch(inner, child);
    if (why !== undefined) return `inside ${node}: ${why}`;
  }
  return undefined;
}

/** True when the concrete position lies in the abstract one (see the module comment for the relation). */
export function covers(abstract: ThreadPosition, concrete: ThreadPosition): boolean {
  return coverMismatch(abstract, concrete) === undefined;
}

/**
 * True when some position of the static set covers `concrete`, or the thread has no checkpoint. This is
 * membership in the listed positions only: when `set.truncated`, a thread may stand outside them, and a
 * caller deciding a verdict must assume the worst whatever this says.
 */
export function inStaticSet(set: StaticPositions, concrete: ThreadPosition): boolean {
  return !concrete.exists || set.positions.some((p) => covers(p, concrete));
}
