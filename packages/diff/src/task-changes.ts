/**
 * How the task calls of a functional-API entrypoint changed. A task call's cache id is its name plus its
 * global call index; arguments are not part of it (M9). So a call keeping name and index replays the cached
 * value even when its arguments changed (12h), same-name calls swapping places swap values (12g), and any
 * call whose index shifts is re-executed (12a, 12b, 12d, 12f).
 */
import { fingerprint, type FlowItem, type Location } from "@langgraph-compat/snapshot";
import { flattenPlaced, loopHeaderChanged, type Placed } from "./flow.js";
import { align, sameMultiset } from "./sequence.js";
import type { Subject } from "./subject.js";
import type { GraphContext, Severity } from "./types.js";

type TaskItem = Extract<FlowItem, { kind: "task" }>;

export interface TaskChange {
  kind: "reordered" | "inserted" | "removed" | "renamed" | "arguments-changed" | "same-name-reordered";
  /** Index of the task call (before for removed/changed, after for inserted). */
  index: number;
  name: string;
  newName?: string;
  /** A later kept call changes its index because of this change (so it is re-executed). */
  shifts: boolean;
  /**
   * For renamed: the old task calls `interrupt()` (a resume by interrupt id is then lost, 12m). For
   * inserted: the new task calls `interrupt()`.
   */
  pausesInside?: boolean;
  /**
   * For inserted: an `interrupt()` (in the entrypoint or in a later task) follows the new call, so a thread
   * paused there runs the new task on resume, and its answer also answers the new task's question (12n).
   */
  asksBeforePause?: boolean;
  before?: Location;
  after?: Location;
}

const tasksOf = (body: readonly FlowItem[] | undefined): Placed<TaskItem>[] =>
  flattenPlaced(body ?? []).filter((p): p is Placed<TaskItem> => p.item.kind === "task");

/** `argsFingerprint` of a call without arguments. */
const NO_ARGUMENTS = fingerprint("");

/**
 * A call at a kept position whose arguments read the same but whose loop iterates over something else
 * (`for (const item of items)` -> `of [...items].sort(...)`): the loop's calls of this task are matched by
 * index against other items, so each replays a value cached for another (12g). A call without arguments
 * gets the same value whatever the item.
 */
const iteratesOtherwise = (a: Placed<TaskItem>, b: Placed<TaskItem>) =>
  a.item.argsFingerprint === b.item.argsFingerprint && a.item.argsFingerprint !== NO_ARGUMENTS && loopHeaderChanged(a, b);

/** Compare the task calls of the entrypoints of a functional graph pair (empty when not functional or renamed). */
export function taskChanges(ctx: GraphContext): TaskChange[] {
  const eb = ctx.before.entrypoint;
  const ea = ctx.after.entrypoint;
  // A renamed entrypoint re-executes every task (12j); entrypoint-renamed reports it, not each task.
  if (!eb || !ea || eb.name !== ea.name) return [];
  const pa = tasksOf(eb.body);
  const pb = tasksOf(ea.body);
  const a = pa.map((p) => p.item);
  const b = pb.map((p) => p.item);
  const na = a.map((t) => t.name);
  const nb = b.map((t) => t.name);
  const changes: TaskChange[] = [];
  const same = na.length === nb.length && na.every((n, i) => n === nb[i]);

  if (same || sameMultiset(na, nb)) {
    if (!same) {
      const first = na.findIndex((n, i) => n !== nb[i]);
      changes.push({ kind: "reordered", index: first, name: na[first], shifts: true, before: a[first].location, after: b[first].location });
    }
    // Positions keeping their name replay the cache: a changed argument there is a stale value.
    for (const i of a.map((_, i) => i).filter((i) => na[i] === nb[i] && iteratesOtherwise(pa[i], pb[i])))
      changes.push({ kind: "same-name-reordered", index: i, name: na[i], shifts: false, before: a[i].location, after: b[i].location });
    const differing = a.map((t, i) => i).filter((i) => na[i] === nb[i] && a[i].argsFingerprint !== b[i].argsFingerprint);
    const byName = new Map<string, number[]>();
    for (const i of differing) byName.set(na[i], [...(byName.get(na[i]) ?? []), i]);
    for (const [name, positions] of byName) {
      const argsA = positions.map((i) => a[i].argsFingerprint);
      const argsB = positions.map((i) => b[i].argsFingerprint);
      if (positions.length > 1 && sameMultiset(argsA, argsB)) {
        const i = positions[0];
        changes.push({ kind: "same-name-reordered", index: i, name, shifts: false, before: a[i].location, after: b[i].location });
      } else {
        for (const i of positions)
          changes.push({ kind: "arguments-changed", index: i, name, shifts: false, before: a[i].location, after: b[i].location });
      }
    }
    return changes;
  }

  const { kept, removed, added } = align(na, nb);
  for (const [i, j] of kept) {
    if (i === j && a[i].argsFingerprint !== b[j].argsFingerprint)
      changes.push({ kind: "arguments-changed", index: i, name: na[i], shifts: false, before: a[i].location, after: b[j].location });
    else if (i === j && iteratesOtherwise(pa[i], pb[j]))
      changes.push({ kind: "same-name-reordered", index: i, name: na[i], shifts: false, before: a[i].location, after: b[j].location });
  }
  let addedLeft = [...added];
  for (const i of removed) {
    const shifts = kept.some(([ka]) => ka > i);
    const moved = addedLeft.find((j) => nb[j] === na[i]);
    const renamedAt = addedLeft.find((j) => j === i);
    if (moved !== undefined) {
      addedLeft = addedLeft.filter((j) => j !== moved);
      changes.push({ kind: "reordered", index: i, name: na[i], shifts: true, before: a[i].location, after: b[moved].location });
    } else if (renamedAt !== undefined) {
      addedLeft = addedLeft.filter((j) => j !== renamedAt);
      const pausesInside = (a[i].interrupts?.length ?? 0) > 0;
      changes.push({ kind: "renamed", index: i, name: na[i], newName: nb[renamedAt], shifts, pausesInside, before: a[i].location, after: b[renamedAt].location });
    } else changes.push({ kind: "removed", index: i, name: na[i], shifts, before: a[i].location });
  }
  const starts = runtimeStarts(ea.body);
  for (const j of addedLeft) {
    const pausesInside = pauses(b[j]);
    const asksBeforePause = pausesInside && pauseFollows(ea.body, b[j]);
    // In a branch arm the call runs at the arm's index, not at its place in source order: an arm that
    // takes an old call's index re-executes it when taken (the other arm's call is then skipped).
    const start = starts.get(b[j]) ?? j;
    const shifts = kept.some(([, kb]) => kb > j) || kept.some(([ka]) => ka >= start);
    changes.push({ kind: "inserted", index: j, name: nb[j], shifts, pausesInside, asksBeforePause, after: b[j].location });
  }
  return changes;
}

const pauses = (task: TaskItem) => (task.interrupts?.length ?? 0) > 0;

/**
 * The call index each task call runs at, as far as it is fixed: every arm of a branch starts at the same
 * index, and the calls after a branch start after its longest arm. Loops count their body once, as in
 * `flattenPlaced`.
 */
function runtimeStarts(body: readonly FlowItem[], base = 0, out = new Map<TaskItem, number>()): Map<TaskItem, number> {
  let at = base;
  for (const item of body) {
    if (item.kind === "task") out.set(item, at++);
    else if (item.kind === "loop") {
      runtimeStarts(item.body, at, out);
      at += countTasks(item.body);
    } else if (item.kind === "branch") {
      for (const arm of item.arms) runtimeStarts(arm, at, out);
      at += Math.max(0, ...item.arms.map(countTasks));
    }
  }
  return out;
}

const countTasks = (body: readonly FlowItem[]) => flattenPlaced(body).filter((p) => p.item.kind === "task").length;

/** Is there a pause point (an `interrupt()` of the entrypoint, or a task that calls one) after `call` in `body`? */
function pauseFollows(body: readonly FlowItem[], call: TaskItem): boolean {
  const items = flattenPlaced(body).map((p) => p.item);
  const at = items.indexOf(call);
  return items.slice(at + 1).some((item) => item.kind === "interrupt" || (item.kind === "task" && pauses(item)));
}

/** What every task rule's finding carries in `meta` (a type alias, so it is a `FindingMeta`). */
export type TaskMeta = {
  entrypoint: string;
  /** The call index: in before for a removed or changed call, in after for an inserted one. */
  index: number;
  name: string;
  /** For renamed: the new task name. */
  newName?: string;
  /** For inserted and removed: a later kept call changes its index (so it is re-executed). */
  shifts?: boolean;
  /** For renamed: the old task calls `interrupt()`; for inserted: the new one does. */
  pausesInside?: boolean;
  /** For inserted: the new task asks its question before a later pause point of old threads (12n). */
  asksBeforePause?: boolean;
};

/** A rule's own re-levelling of one task change, with the reason it must give. */
export type TaskJudgement = { severity?: Severity; reasons?: string[] };

/**
 * The reports of one kind of task change, shared by every task rule: the subject of the call, its meta,
 * locations, and the rule's own judgement (`judge`; the rule's default severity when it returns `{}`).
 */
export function taskReports(ctx: GraphContext, kind: TaskChange["kind"], judge: (change: TaskChange) => TaskJudgement = () => ({})) {
  const entrypoint = ctx.before.entrypoint?.name ?? "";
  return taskChanges(ctx)
    .filter((c) => c.kind === kind)
    .map((c) => {
      const meta: TaskMeta = { entrypoint, index: c.index, name: c.name };
      if (c.newName !== undefined) meta.newName = c.newName;
      if (kind === "inserted" || kind === "removed") meta.shifts = c.shifts;
      if (kind === "renamed" || kind === "inserted") meta.pausesInside = c.pausesInside === true;
      if (kind === "inserted") meta.asksBeforePause = c.asksBeforePause === true;
      const subject: Subject = { kind: "task", entrypoint, index: c.index };
      return { subject, meta, before: c.before, after: c.after, ...judge(c) };
    });
}
