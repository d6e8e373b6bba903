/**
 * Reads a thread's position from a checkpoint of the real @langchain/langgraph (duck-typed: any saver with
 * `getTuple` and any compiled graph with `getState`). Real pending writes are keyed by task id only, so
 * names come from `getState(config, { subgraphs: true }).tasks` (`id`, `name`, and the child's state for a
 * subgraph task). A test helper for now (the static-position proofs); the thread-aware check that counts
 * real threads will want it in the host package, next to the reference runtime's reader (host/position.ts).
 */
import { NO_POSITION, barrierFull, firedTowards, parseJoin, type ThreadPosition } from "@langgraph-compat/diff";
import type { GraphSnapshot } from "@langgraph-compat/snapshot";

const INTERRUPT = "__interrupt__";
const RESUME = "__resume__";
const ERROR = "__error__";
const RETURN = "__return__";
const TASKS = "__pregel_tasks";
const NULL_TASK_ID = "00000000-0000-0000-0000-000000000000";

type Version = number | string;
interface RealTuple {
  checkpoint: { channel_values: Record<string, unknown>; channel_versions: Record<string, Version>; versions_seen: Record<string, Record<string, Version>> };
  pendingWrites?: Array<[string, string, unknown]>;
}
interface RealTask {
  id: string;
  name: string;
  interrupts?: unknown[];
  state?: RealState | { configurable?: unknown };
}
interface RealState {
  next: string[];
  tasks: RealTask[];
  config?: { configurable?: Record<string, unknown> };
}
/** What the reader needs of the real saver. */
export interface RealSaver {
  getTuple(config: { configurable: Record<string, unknown> }): Promise<RealTuple | undefined>;
}

const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();
const newer = (a: Version | undefined, b: Version | undefined): boolean => a !== undefined && (b === undefined || a > b);

/** The position of thread `threadId` of the compiled real `graph` over `saver`; `snapshot` (optional) gives `firedFrom`. */
export async function readRealPosition(saver: RealSaver, graph: { getState(c: unknown, o?: unknown): Promise<unknown> }, threadId: string, snapshot?: GraphSnapshot): Promise<ThreadPosition> {
  const config = { configurable: { thread_id: threadId } };
  const tuple = await saver.getTuple(config);
  if (tuple === undefined) return NO_POSITION;
  const state = (await graph.getState(config, { subgraphs: true })) as RealState;
  return fromTuple(saver, tuple, state, threadId, snapshot);
}

async function fromTuple(saver: RealSaver, tuple: RealTuple, state: RealState, threadId: string, snapshot: GraphSnapshot | undefined): Promise<ThreadPosition> {
  const { checkpoint } = tuple;
  const names = new Map(state.tasks.map((t) => [t.id, t.name]));
  const pausedIn = new Set<string>();
  const finished = new Set<string>();
  const answered: Record<string, number> = {};
  const returned = new Set<string>();
  const interruptedIds = new Set<string>();
  const finishedIds = new Set<string>();
  for (const [taskId, channel, value] of tuple.pendingWrites ?? []) {
    if (taskId === NULL_TASK_ID) continue;
    const node = names.get(taskId);
    if (node === undefined) {
      // A functional task call: not a task of the superstep, only its cached result.
      if (channel === RETURN) returned.add(taskId);
      continue;
    }
    if (channel === INTERRUPT) interruptedIds.add(taskId);
    else if (channel === RESUME) answered[node] = Array.isArray(value) ? value.length : 1;
    else if (channel !== ERROR) finishedIds.add(taskId);
  }
  // A task that was resumed and then finished keeps its old `__interrupt__` write beside its new writes
  // (the saver keys special writes by a fixed index); LangGraph counts it as succeeded, and so do we.
  for (const task of state.tasks) if ((task.interrupts ?? []).length > 0 && !finishedIds.has(task.id)) pausedIn.add(task.name);
  for (const id of interruptedIds) if (!finishedIds.has(id)) pausedIn.add(names.get(id)!);
  for (const id of finishedIds) finished.add(names.get(id)!);
  for (const node of pausedIn) finished.delete(node);

  const values = checkpoint.channel_values;
  const holds = (name: string, value: unknown): boolean => {
    if (name.startsWith("branch:to:")) return true; // an edge that fired: LangGraph stores it as null
    if (value === undefined || value === null) return false;
    if ((name === TASKS || name.startsWith("join:")) && Array.isArray(value)) return value.length > 0;
    return true;
  };
  const channels = Object.keys(values).filter((name) => holds(name, values[name]));
  const sends = Array.isArray(values[TASKS])
    ? (values[TASKS] as Array<{ node?: unknown; lg_name?: unknown }>).filter((s) => s?.lg_name === "Send" || typeof s?.node === "string").map((s) => String(s.node))
    : [];
  const pending = new Set<string>(sends);
  for (const name of channels) {
    const branch = /^branch:to:(.+)$/.exec(name);
    if (branch && newer(checkpoint.channel_versions[name], checkpoint.versions_seen[branch[1]]?.[name])) pending.add(branch[1]);
    const join = parseJoin(name);
    if (join && Array.isArray(values[name]) && barrierFull(join.sources, values[name] as string[])) pending.add(join.to);
  }
  for (const n of state.next) pending.add(n);
  for (const node of [...pausedIn, ...finished]) pending.delete(node);

  const seenAtResume = checkpoint.versions_seen[INTERRUPT] ?? {};
  const changedSinceResume = Object.keys(checkpoint.channel_versions).filter((name) => newer(checkpoint.channel_versions[name], seenAtResume[name]));
  const active = new Set([...pausedIn, ...pending, ...finished]);
  const joinValues = Object.fromEntries(Object.entries(values).filter(([name]) => parseJoin(name)));
  const firedFrom = snapshot ? firedTowards(snapshot, active, joinValues) : [];

  const subgraphs: Record<string, ThreadPosition> = {};
  for (const task of state.tasks) {
    const child = task.state as RealState | undefined;
    if (!pausedIn.has(task.name) || child?.tasks === undefined || child.config?.configurable === undefined) continue;
    const childTuple = await saver.getTuple({ configurable: { ...child.config.configurable, thread_id: threadId } });
    if (childTuple !== undefined) subgraphs[task.name] = await fromTuple(saver, childTuple, child, threadId, snapshot?.nodes[task.name]?.subgraph);
  }
  const position: ThreadPosition = {
    exists: true,
    pausedIn: sorted(pausedIn),
    pending: sorted(pending),
    finishedSiblings: sorted(finished),
    sends: sorted(sends),
    answered,
    channels: sorted(channels),
    changedSinceResume: sorted(changedSinceResume),
    firedFrom,
    subgraphs,
  };
  if (snapshot?.kind === "functional" && pausedIn.size > 0) position.tasksDone = returned.size;
  return position;
}
