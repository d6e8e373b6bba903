/**
 * Static positions of a functional-API entrypoint: the run is one task (the entrypoint) whose body calls
 * tasks and `interrupt()` in source order, so a paused thread stands "at interrupt k after tasks 0..j".
 * Counts are upper bounds (see `ThreadPosition.tasksDone`): a loop repeats its calls any number of times,
 * and a branch takes either arm.
 */
import { START, type FlowItem, type GraphSnapshot } from "@langgraph-compat/snapshot";
import type { ThreadPosition } from "./position.js";
import { UNBOUNDED } from "./static-model.js";
import { firedTowards } from "./static-fired.js";
import type { StaticPositions, StaticProvenance } from "./static.js";

/** Interrupts answered and task calls finished so far along the body. */
interface Counts {
  answered: number;
  tasks: number;
}

interface Point extends Counts {
  label: string;
}

const bump = (n: number, by: number) => (n === UNBOUNDED ? UNBOUNDED : n + by);

/** The pause points of `items` entered at `start`, and the counts after them. */
function walk(items: readonly FlowItem[], start: Counts, points: Point[]): Counts {
  let at = { ...start };
  for (const item of items) {
    if (item.kind === "task") {
      (item.interrupts ?? []).forEach((_, k) => points.push({ answered: bump(at.answered, k), tasks: at.tasks, label: `in task ${item.name} at interrupt ${k}` }));
      at = { answered: bump(at.answered, item.interrupts?.length ?? 0), tasks: bump(at.tasks, 1) };
    } else if (item.kind === "interrupt") {
      points.push({ ...at, label: `at interrupt ${at.answered === UNBOUNDED ? "?" : at.answered}` });
      at = { ...at, answered: bump(at.answered, 1) };
    } else if (item.kind === "loop") {
      // A loop runs its body any number of times: each count the body moves is unbounded inside and after it.
      const once = walk(item.body, at, []);
      const from = { answered: once.answered === at.answered ? at.answered : UNBOUNDED, tasks: once.tasks === at.tasks ? at.tasks : UNBOUNDED };
      const inner: Point[] = [];
      at = walk(item.body, from, inner);
      for (const p of inner) points.push({ ...p, label: `${p.label} (in a loop)` });
    } else if (item.kind === "branch") {
      const ends = item.arms.map((arm) => walk(arm, at, points));
      at = { answered: Math.max(at.answered, ...ends.map((e) => e.answered)), tasks: Math.max(at.tasks, ...ends.map((e) => e.tasks)) };
    }
  }
  return at;
}

/** The static positions of a functional graph (paused at each pause point of any turn, and finished). */
export function functionalPositions(graph: GraphSnapshot, maxPositions: number): StaticPositions {
  const entry = graph.entrypoint;
  const name = entry?.name ?? graph.id;
  const points: Point[] = [];
  walk(entry?.body ?? [], { answered: 0, tasks: 0 }, points);
  // An entrypoint we could not read (or an interrupt or task call we could not follow) may pause anywhere.
  const unknown = entry === undefined || graph.unresolved.some((u) => u.kind === "interrupt" || u.kind === "task" || u.kind === "graph");
  if (unknown) points.push({ answered: UNBOUNDED, tasks: UNBOUNDED, label: "at an unresolved interrupt" });
  // What an entrypoint thread persists: its input, the Sends of its calls, its return value and `previous`.
  const channels = ["__end__", "__previous__", "__pregel_tasks", START];
  const changed = [...channels, `branch:to:${name}`, name].sort();
  const positions: ThreadPosition[] = [];
  const provenance: StaticProvenance[] = [];
  const fired = [...new Set([START, ...firedTowards(graph, new Set([name]), {})])].sort();
  const seen = new Set<string>();
  for (const p of points) {
    const key = `${p.answered}/${p.tasks}`;
    if (seen.has(key)) continue;
    seen.add(key);
    positions.push({
      exists: true,
      pausedIn: [name],
      pending: [],
      finishedSiblings: [],
      sends: [],
      answered: { [name]: p.answered },
      channels,
      changedSinceResume: changed,
      firedFrom: fired,
      subgraphs: {},
      mustChannels: [],
      tasksDone: p.tasks,
    });
    provenance.push({ kind: "interrupt", label: `paused in ${name} ${p.label}`, path: [[START], [name]] });
  }
  positions.push({
    exists: true,
    pausedIn: [],
    pending: [],
    finishedSiblings: [],
    sends: [],
    answered: {},
    channels,
    changedSinceResume: changed,
    firedFrom: [],
    subgraphs: {},
    mustChannels: [],
  });
  provenance.push({ kind: "finished", label: "finished (its next turn starts from START)", path: [[START], [name]] });
  const truncated = positions.length > maxPositions;
  return { positions: positions.slice(0, maxPositions), provenance: provenance.slice(0, maxPositions), truncated };
}
