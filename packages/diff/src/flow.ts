/**
 * A functional-API entrypoint body as the runtime replays it: task calls and interrupt() calls matched by
 * position (M9). Loops are walked once; each item keeps the headers of the loops around it, because a loop
 * over a new order (or a new list) hands the calls it repeats other items at the same indices (12g, 18b).
 */
import type { FlowItem } from "@langgraph-compat/snapshot";

/** A flow item with the headers of its enclosing loops, outermost first (undefined: an older snapshot). */
export interface Placed<T extends FlowItem = FlowItem> {
  item: T;
  loops: Array<string | undefined>;
}

/** Flatten an entrypoint body in source order (loop bodies once, branch arms one after another). */
export function flattenPlaced(body: readonly FlowItem[], loops: Array<string | undefined> = []): Placed[] {
  const out: Placed[] = [];
  for (const item of body) {
    if (item.kind === "loop") out.push(...flattenPlaced(item.body, [...loops, item.header]));
    else if (item.kind === "branch") for (const arm of item.arms) out.push(...flattenPlaced(arm, loops));
    else out.push({ item, loops });
  }
  return out;
}

/** Flatten an entrypoint body, dropping the loop context. */
export function flatten(body: readonly FlowItem[]): FlowItem[] {
  return flattenPlaced(body).map((p) => p.item);
}

/**
 * True when two items at the same position sit in loops of the same depth and some loop now iterates over
 * something else. Unknown headers (snapshots made before headers were recorded) and a change of depth (a
 * loop body moved into plain statements) make no claim.
 */
export function loopHeaderChanged(a: Placed, b: Placed): boolean {
  if (a.loops.length !== b.loops.length) return false;
  return a.loops.some((h, k) => h !== undefined && b.loops[k] !== undefined && h !== b.loops[k]);
}

/** True when every loop of the body records its header (a snapshot from an extractor that records them). */
export function headersKnown(body: readonly FlowItem[]): boolean {
  return body.every((item) =>
    item.kind === "loop"
      ? item.header !== undefined && headersKnown(item.body)
      : item.kind === "branch"
        ? item.arms.every(headersKnown)
        : true,
  );
}
