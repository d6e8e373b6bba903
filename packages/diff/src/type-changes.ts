/** Type comparison of every kept state key, computed once per graph pair and shared by the type rules. */
import { START, type ChannelSnapshot } from "@langgraph-compat/snapshot";
import { successors } from "./graph-walk.js";
import { canPause, runsAfterResume } from "./positions/reach.js";
import { combinesStoredValue, overwrites } from "./stored-value.js";
import type { TypeComparison } from "./schema-compare.js";
import { disjointTypes } from "./type-disjoint.js";
import type { ChannelTypeView, GraphContext } from "./types.js";

export interface TypeChange {
  before: ChannelSnapshot;
  after: ChannelSnapshot;
  comparison: TypeComparison;
  /** The key has a reducer before or after. */
  hasReducer: boolean;
  /**
   * v2's reducer combines the stored value with each update (it is not replace-style, `(_, u) => u`), so
   * it meets old stored values on the next write (rows 11e, 11e2).
   */
  combines: boolean;
  /** No (non-null) old value is a value of the new type: a stored value is unusable to v2 (rows 9a, 10f). */
  disjoint: boolean;
}

const cache = new WeakMap<GraphContext, Promise<TypeChange[]>>();

/**
 * The values a write of the key may carry. A zod `.default()` turns a missing value into the default on
 * every validated write, so it neither adds nor removes `undefined`: that side takes the other's flag, and
 * what old threads read instead (the default is not applied to them, row 10c) is default-changed's finding.
 */
function views(before: ChannelSnapshot, after: ChannelSnapshot): [ChannelTypeView, ChannelTypeView] {
  const b: ChannelTypeView = { type: before.type, optional: before.optional, nullable: before.nullable };
  const a: ChannelTypeView = { type: after.type, optional: after.optional, nullable: after.nullable };
  if (after.default.kind === "zod") a.optional = b.optional;
  else if (before.default.kind === "zod") b.optional = a.optional;
  return [b, a];
}

/** The kept state keys whose type changed, with how (memoised per graph pair). */
export function typeChanges(ctx: GraphContext): Promise<TypeChange[]> {
  let pending = cache.get(ctx);
  if (!pending) {
    pending = Promise.all(
      ctx.match.channels.kept.map(async ([before, after]) => {
        const comparison = await ctx.compareTypes(...views(before, after));
        return {
          before,
          after,
          comparison,
          hasReducer: before.reducer.kind !== "none" || after.reducer.kind !== "none",
          combines: combinesStoredValue(after),
          disjoint: comparison.narrowed && !comparison.unmodelled && disjointTypes(before.type, after.type),
        };
      }),
    ).then((all) => all.filter((c) => c.comparison.changed));
    cache.set(ctx, pending);
  }
  return pending;
}

/** Nodes that meet the value stored in a key: after a resume, or on a finished thread's next turn. */
export interface StoredValueReaders {
  /** Readers that can run after a thread resumes from a pause (before names; a node new in v2 by its own). */
  afterPause: string[];
  /** Readers (after names) a new turn from START reaches before any node writes the key. */
  nextTurn: string[];
}

/** Which nodes read the value a thread already holds in `before`'s key (read as `after` in v2). */
export function storedValueReaders(ctx: GraphContext, before: ChannelSnapshot, after: ChannelSnapshot): StoredValueReaders {
  const runsAfterPause = runsAfterResume(ctx.positions(), ctx.before);
  const beforeName = new Map(Object.keys(ctx.before.nodes).map((n) => [ctx.match.nodeName(n) ?? n, n]));
  const afterPause = new Set<string>();
  for (const node of Object.values(ctx.after.nodes)) {
    if (!node.reads.includes(after.name)) continue;
    const old = beforeName.get(node.name);
    if (old === undefined ? canPause(ctx.positions()) : runsAfterPause.has(old)) afterPause.add(old ?? node.name);
  }
  // A new turn starts at START; a node that writes the key first replaces the stored value for those after it.
  // A key no node writes is the caller's input, which a new turn passes again in v2's shape: only keys the
  // graph itself produces carry an old value into the next turn.
  const next = successors(ctx.after);
  const nextTurn = new Set<string>();
  const seen = new Set<string>();
  const queue = after.writtenBy.length > 0 ? [...(next.get(START) ?? [])] : [];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const node = ctx.after.nodes[name];
    if (!node) continue;
    if (node.reads.includes(after.name)) nextTurn.add(name);
    if (overwrites(ctx.after, node, after.name)) continue;
    queue.push(...(next.get(name) ?? []));
  }
  return { afterPause: [...afterPause].sort(), nextTurn: [...nextTurn].sort() };
}

/**
 * Writers of the key in v2 that may write an old value back: those that can run after a resume (before
 * names; a node new in v2 counts, under its own name, whenever the old graph can pause at all), and those
 * that read the stored value on a finished thread's next turn before anything else writes it.
 */
export function oldValueWriters(ctx: GraphContext, before: ChannelSnapshot, after: ChannelSnapshot): string[] {
  const runsAfterPause = runsAfterResume(ctx.positions(), ctx.before);
  const beforeName = new Map(Object.keys(ctx.before.nodes).map((n) => [ctx.match.nodeName(n) ?? n, n]));
  const nextTurn = new Set(storedValueReaders(ctx, before, after).nextTurn);
  const out = new Set<string>();
  for (const writer of after.writtenBy) {
    const old = beforeName.get(writer);
    if ((old === undefined ? canPause(ctx.positions()) : runsAfterPause.has(old)) || nextTurn.has(writer)) out.add(old ?? writer);
  }
  return [...out].sort();
}
