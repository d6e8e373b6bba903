/**
 * Helpers several rules share: how position-sensitive sequences (interrupt calls, task calls) changed,
 * reducer names, and changed target lists. Who a change endangers is not decided here: rules state what
 * they need and the verdict (positions/verdict.ts, positions/endangers.ts) decides over positions.
 */
import { align, sameMultiset } from "./sequence.js";
import type { GraphContext } from "./types.js";

/** One change in a position-matched list (interrupt calls). */
export interface SequenceChange {
  kind: "added" | "removed" | "reordered" | "changed";
  /** Index in before (removed, changed, reordered) or after (added). */
  index: number;
  /** True when a later, kept element shifts position because of this change. */
  shifts: boolean;
}

/** How a list matched purely by position (interrupt() calls) changed. */
export function sequenceChanges(a: readonly string[], b: readonly string[]): SequenceChange[] {
  if (a.length === b.length && a.every((x, i) => x === b[i])) return [];
  if (sameMultiset(a, b)) {
    const first = a.findIndex((x, i) => x !== b[i]);
    return [{ kind: "reordered", index: first, shifts: true }];
  }
  const { kept, removed, added } = align(a, b);
  const substituted = removed.length === added.length && removed.every((i, k) => added[k] === i);
  if (substituted) return removed.map((i) => ({ kind: "changed" as const, index: i, shifts: false }));
  return [
    ...removed.map((i) => ({ kind: "removed" as const, index: i, shifts: kept.some(([ka]) => ka > i) })),
    ...added.map((j) => ({ kind: "added" as const, index: j, shifts: kept.some(([, kb]) => kb > j) })),
  ];
}

export { flatten } from "./flow.js";

/** A short name for a reducer, for messages. */
export function describeReducer(reducer: import("@langgraph-compat/snapshot").Reducer): string {
  if (reducer.kind === "none") return "no reducer (last value wins)";
  if (reducer.kind === "known") return reducer.name;
  return reducer.name ? `custom reducer ${reducer.name}` : "an inline reducer";
}

/** The identity of a reducer, ignoring its body: same identity with another body is a change, not a replacement. */
export function reducerIdentity(reducer: import("@langgraph-compat/snapshot").Reducer): string {
  if (reducer.kind === "none") return "none";
  if (reducer.kind === "known") return `known:${reducer.name}`;
  return reducer.name ? `custom:${reducer.name}` : "custom:<inline>";
}

/** Targets a kept node's `gotos` or `sends` list gained or lost (old names mapped through renames). */
export function targetListChanges(ctx: GraphContext, field: "gotos" | "sends") {
  const out = [];
  for (const [b, a] of ctx.match.nodes.kept) {
    const before = b[field].map((n) => ctx.match.nodeName(n) ?? n);
    const removed = before.filter((n) => !a[field].includes(n));
    const added = a[field].filter((n) => !before.includes(n));
    if (removed.length === 0 && added.length === 0) continue;
    // Whether a thread can be paused after the node's routes fired is the verdict's (endangers).
    out.push({ subject: { kind: "node-field" as const, node: b.name, field }, meta: { node: b.name, removed, added }, before: b.location, after: a.location });
  }
  return out;
}

/** One line for a changed target list: what is gone, what is new, and why it matters. */
export function targetListMessage(what: string, m: { node: string; removed: string[]; added: string[] }): string {
  return (
    `${what} of "${m.node}" changed` +
    (m.removed.length ? `; no longer ${m.removed.join(", ")}` : "") +
    (m.added.length ? `; now ${m.added.join(", ")}` : "")
  );
}
