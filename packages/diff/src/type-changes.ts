/** Type comparison of every kept state key, computed once per graph pair and shared by the type rules. */
import type { ChannelSnapshot } from "@langgraph-compat/snapshot";
import type { TypeComparison } from "./schema-compare.js";
import type { GraphContext } from "./types.js";

export interface TypeChange {
  before: ChannelSnapshot;
  after: ChannelSnapshot;
  comparison: TypeComparison;
  /** The key has a reducer before or after: the reducer touches the stored value. */
  hasReducer: boolean;
}

const cache = new WeakMap<GraphContext, Promise<TypeChange[]>>();

export function typeChanges(ctx: GraphContext): Promise<TypeChange[]> {
  let pending = cache.get(ctx);
  if (!pending) {
    pending = Promise.all(
      ctx.match.channels.kept.map(async ([before, after]) => ({
        before,
        after,
        comparison: await ctx.compareTypes(before, after),
        hasReducer: before.reducer.kind !== "none" || after.reducer.kind !== "none",
      })),
    ).then((all) => all.filter((c) => c.comparison.changed));
    cache.set(ctx, pending);
  }
  return pending;
}
