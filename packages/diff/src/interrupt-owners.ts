/**
 * Where sequences of interrupt() calls live, each matched by position on resume (M9): a kept node, the
 * entrypoint of a functional graph, and each task (a task call has its own interrupt counter, rows 12e,
 * 18a, 18b inside a task).
 */
import { fingerprint, type FlowItem, type GraphSnapshot, type InterruptSite, type Location } from "@langgraph-compat/snapshot";
import { flattenPlaced, headersKnown, type Placed } from "./flow.js";
import { sequenceChanges, type SequenceChange } from "./rule-helpers.js";
import { formatOwner, type InterruptOwnerSubject } from "./subject.js";
import type { GraphContext } from "./types.js";

/** Where a sequence of interrupt calls lives: a node, a functional entrypoint, or a task. */
export interface InterruptOwner {
  owner: InterruptOwnerSubject;
  before: { fingerprints: string[]; locations: Location[] };
  after: { fingerprints: string[]; locations: Location[] };
  /**
   * Entrypoint only, by after index: a call of a task that paused under v1 follows this `interrupt()`. A
   * thread paused in that task resumes with its answer taken by this call, and the task asks again (12r):
   * the entrypoint and each task count interrupts separately, but one resume value reaches the first
   * unanswered call of the entrypoint before the task is called again.
   */
  beforePausedTask?: boolean[];
}

type InterruptItem = Extract<FlowItem, { kind: "interrupt" }>;
type TaskItem = Extract<FlowItem, { kind: "task" }>;

const side = (sites: readonly InterruptSite[]) => ({ fingerprints: sites.map((i) => i.fingerprint), locations: sites.map((i) => i.location) });

/** Every interrupt sequence of a graph pair: kept nodes, the entrypoint of a functional graph, its tasks. */
export function interruptOwners(ctx: GraphContext): InterruptOwner[] {
  const owners: InterruptOwner[] = [];
  for (const [b, a] of ctx.match.nodes.kept) owners.push({ owner: { kind: "node", node: b.name }, before: side(b.interrupts), after: side(a.interrupts) });
  const eb = ctx.before.entrypoint;
  const ea = ctx.after.entrypoint;
  if (!eb || !ea) return owners;
  // A call inside a loop asks once per item: a loop over something else asks other questions at the same
  // positions (18b), so the loop headers count as part of the call when both snapshots record them.
  const fold = headersKnown(eb.body) && headersKnown(ea.body);
  const pick = (g: GraphSnapshot) =>
    flattenPlaced(g.entrypoint?.body ?? [])
      .filter((p): p is Placed<InterruptItem> => p.item.kind === "interrupt")
      .map(({ item, loops }) => ({
        fingerprint: fold && loops.length > 0 ? fingerprint(item.fingerprint, ...(loops as string[])) : item.fingerprint,
        location: item.location,
      }));
  const ib = pick(ctx.before);
  const ia = pick(ctx.after);
  const tb = tasksWithInterrupts(eb.body);
  owners.push({
    owner: { kind: "entrypoint", entrypoint: eb.name },
    before: { fingerprints: ib.map((i) => i.fingerprint), locations: ib.map((i) => i.location) },
    after: { fingerprints: ia.map((i) => i.fingerprint), locations: ia.map((i) => i.location) },
    beforePausedTask: pausedTaskFollows(ea.body, new Set([...tb].filter(([, sites]) => sites.length > 0).map(([name]) => name))),
  });
  const ta = tasksWithInterrupts(ea.body);
  for (const [name, before] of tb) {
    const after = ta.get(name);
    if (after) owners.push({ owner: { kind: "task", task: name }, before: side(before), after: side(after) });
  }
  return owners;
}

/** For each entrypoint `interrupt()` of `body`, in order: does a call of a task in `paused` come later? */
function pausedTaskFollows(body: readonly FlowItem[], paused: ReadonlySet<string>): boolean[] {
  const items = flattenPlaced(body).map((p) => p.item);
  return items.flatMap((item, i) =>
    item.kind === "interrupt" ? [items.slice(i + 1).some((later) => later.kind === "task" && paused.has(later.name) && ((later as TaskItem).interrupts?.length ?? 0) > 0)] : [],
  );
}

/**
 * The interrupt() calls of each task by name (the first call whose function was read): every call of a
 * task runs the same function with its own counter. Tasks from snapshots without the field are left out.
 */
export function tasksWithInterrupts(body: readonly FlowItem[]): Map<string, InterruptSite[]> {
  const tasks = new Map<string, InterruptSite[]>();
  for (const { item } of flattenPlaced(body)) {
    if (item.kind !== "task") continue;
    const task = item as TaskItem;
    if (task.interrupts && !tasks.has(task.name)) tasks.set(task.name, task.interrupts);
  }
  return tasks;
}

/**
 * Run `sequenceChanges` over every interrupt owner and keep one kind. Each change comes with the subject
 * of the call it is about, and the owner as shown in messages (`nodes/review`, `tasks/ask`).
 */
export function interruptChangesOf(ctx: GraphContext, kind: SequenceChange["kind"]) {
  return interruptOwners(ctx).flatMap((owner) =>
    sequenceChanges(owner.before.fingerprints, owner.after.fingerprints)
      .filter((c) => c.kind === kind)
      .map((change) => ({
        owner,
        change,
        subject: { kind: "interrupts" as const, owner: owner.owner, ...(kind === "reordered" ? {} : { index: change.index }) },
        shownOwner: formatOwner(owner.owner),
      })),
  );
}
