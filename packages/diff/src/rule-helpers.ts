/**
 * Judgements several rules share: how bad it is to lose a node or a key given the exposure of the graph,
 * and how position-sensitive sequences (interrupt calls, task calls) changed.
 */
import { describeInterruptBefore } from "./exposure.js";
import { align, sameMultiset } from "./sequence.js";
import type { GraphContext, Severity } from "./types.js";

export interface Judgement {
  severity: Severity;
  reasons?: string[];
  /** Why the element is endangered (shown in the message). */
  why?: string;
}

/**
 * Removing or renaming a node: breaking when it can hold a paused thread; safe when no thread ever reached
 * it; breaking when the after graph keeps a static interruptBefore (a thread that ran it re-pauses
 * forever, M8); risky otherwise.
 */
export function judgeNodeLoss(ctx: GraphContext, beforeName: string): Judgement {
  const why = ctx.exposure.pausable.get(beforeName);
  if (why !== undefined) return { severity: "breaking", why: `a thread can be paused there: ${why}` };
  if (!ctx.exposure.reachable.has(beforeName))
    return {
      severity: "safe",
      reasons: [`lowered to safe: "${beforeName}" is not reachable from START, so no thread ever ran it (row 4a)`],
    };
  if (ctx.exposure.staticInterruptBefore)
    return {
      severity: "breaking",
      why: `the graph keeps a static ${describeInterruptBefore(ctx.after)}, so threads that ran it re-pause forever (rows 14j, 14o)`,
    };
  return {
    severity: "risky",
    reasons: [
      `lowered to risky: no thread can be paused in or waiting for "${beforeName}" and the graph has no static interruptBefore; ` +
        `updateState without asNode still throws on threads whose last writer it was (rows 4b, 4d, 4g)`,
    ],
  };
}

/** Removing or renaming a state key: breaking when a node that can run after a pause reads it. */
export function judgeKeyLoss(ctx: GraphContext, beforeKey: string, afterKey?: string): Judgement {
  const channel = ctx.before.state.channels[beforeKey];
  if (channel.untracked)
    return { severity: "safe", reasons: ["lowered to safe: an UntrackedValue is never checkpointed"] };
  const readers = new Set(channel.readBy);
  for (const node of Object.values(ctx.after.nodes)) {
    if (node.reads.includes(beforeKey) || (afterKey !== undefined && node.reads.includes(afterKey))) {
      const beforeName = Object.values(ctx.before.nodes).find((n) => ctx.match.nodeName(n.name) === node.name)?.name;
      readers.add(beforeName ?? node.name);
    }
  }
  const exposed = [...readers].filter((r) => ctx.exposure.runsAfterPause.has(r)).sort();
  if (exposed.length > 0)
    return { severity: "breaking", why: `read by ${exposed.map((r) => `"${r}"`).join(", ")}, which can run after a pause` };
  // Any key can hold a value (invoke input writes it even when no node does): with a static interruptBefore,
  // its version in old checkpoints makes the breakpoint re-fire forever (M8, row 14k).
  if (ctx.exposure.staticInterruptBefore)
    return {
      severity: "breaking",
      why: `the graph keeps a static ${describeInterruptBefore(ctx.after)}, so threads whose checkpoint holds it re-pause forever (row 14k)`,
    };
  return {
    severity: "risky",
    reasons: [
      "lowered to risky: no node that can run after a pause point reads it; the stored value is still dropped (rows 9a, 17b)",
    ],
  };
}

/** A node reroute matters only when a thread can be paused after the node's edges fired. */
export function judgeRouting(ctx: GraphContext, beforeName: string): Judgement {
  const why = ctx.exposure.lastBeforePause.get(beforeName);
  if (why !== undefined) return { severity: "risky", why: `a thread can be paused after it: ${why}` };
  return {
    severity: "safe",
    reasons: [
      `lowered to safe: no thread can be paused after "${beforeName}" fired its edges, so no old route is persisted (rows 5b, 5c)`,
    ],
  };
}

/**
 * A changed or removed static edge matters only when a thread can be paused with that very edge fired and
 * its target not yet run; a target that ran beside the paused node is done (rows 5b, 5c, 5d, 5h).
 */
export function judgeEdge(ctx: GraphContext, from: string, to: string): Judgement {
  const why = ctx.exposure.persistedEdge(from, to);
  if (why !== undefined) return { severity: "risky", why };
  return {
    severity: "safe",
    reasons: [
      `lowered to safe: no thread can be paused with ${from} -> ${to} fired and "${to}" still to run, so no old route is persisted (rows 5b, 5c)`,
    ],
  };
}

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
    const { why, ...judgement } = judgeRouting(ctx, b.name);
    out.push({ subject: { kind: "node-field" as const, node: b.name, field }, meta: { node: b.name, removed, added, why }, before: b.location, after: a.location, ...judgement });
  }
  return out;
}

/** One line for a changed target list: what is gone, what is new, and why it matters. */
export function targetListMessage(what: string, m: { node: string; removed: string[]; added: string[]; why?: string }): string {
  return (
    `${what} of "${m.node}" changed` +
    (m.removed.length ? `; no longer ${m.removed.join(", ")}` : "") +
    (m.added.length ? `; now ${m.added.join(", ")}` : "") +
    (m.why ? `; ${m.why}` : "")
  );
}
