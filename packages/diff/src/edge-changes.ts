/**
 * Static edges grouped by source: a source that lost an edge and gained another was rerouted (or had a
 * node inserted on the edge); leftovers are plain removals and additions. Shared by the three edge rules
 * so that one change is reported once.
 */
import type { EdgeSnapshot } from "@langgraph-compat/snapshot";
import type { GraphContext } from "./types.js";

export interface EdgeChanges {
  rerouted: Array<{ before: EdgeSnapshot; after: EdgeSnapshot; source: string }>;
  removed: Array<{ edge: EdgeSnapshot; source: string }>;
  added: Array<{ edge: EdgeSnapshot; source: string }>;
}

const cache = new WeakMap<GraphContext, EdgeChanges>();

/** `source` is the before-graph name of the edge's source node (what exposure is keyed by). */
export function edgeChanges(ctx: GraphContext): EdgeChanges {
  const cached = cache.get(ctx);
  if (cached) return cached;
  const beforeNameOf = new Map<string, string>();
  for (const name of [...Object.keys(ctx.before.nodes), "__start__"]) {
    const afterName = ctx.match.nodeName(name);
    if (afterName !== undefined) beforeNameOf.set(afterName, name);
  }
  const out: EdgeChanges = { rerouted: [], removed: [], added: [] };
  const sources = new Set<string>();
  const removedBy = new Map<string, EdgeSnapshot[]>();
  const addedBy = new Map<string, EdgeSnapshot[]>();
  for (const e of ctx.match.edges.removed) {
    const from = ctx.match.nodeName(e.from) as string;
    removedBy.set(from, [...(removedBy.get(from) ?? []), e]);
    sources.add(from);
  }
  // An edge into a removed node is that node's finding, unless its source now leads elsewhere: then the
  // source was rerouted around the removed node, which matters for threads paused after the source.
  const intoRemoved = new Map<string, EdgeSnapshot[]>();
  for (const e of ctx.before.edges) {
    const from = ctx.match.nodeName(e.from);
    if (from !== undefined && ctx.match.nodeName(e.to) === undefined)
      intoRemoved.set(from, [...(intoRemoved.get(from) ?? []), e]);
  }
  for (const e of ctx.match.edges.added) {
    addedBy.set(e.from, [...(addedBy.get(e.from) ?? []), e]);
    sources.add(e.from);
  }
  for (const from of [...sources].sort()) {
    const source = beforeNameOf.get(from) ?? from;
    const removed = removedBy.get(from) ?? [];
    const added = addedBy.get(from) ?? [];
    const candidates = [...removed, ...(intoRemoved.get(from) ?? [])];
    const pairs = Math.min(candidates.length, added.length);
    for (let i = 0; i < pairs; i++) out.rerouted.push({ before: candidates[i], after: added[i], source });
    for (const edge of removed.slice(pairs)) out.removed.push({ edge, source });
    for (const edge of added.slice(pairs)) out.added.push({ edge, source });
  }
  cache.set(ctx, out);
  return out;
}
