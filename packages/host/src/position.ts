/**
 * Where a thread stands, read from its latest checkpoint: the input of the host's per-thread verdict
 * ({@link endangers}). Most of it comes from the raw checkpoint (graph-independent, so it is the same
 * whichever version reads it); "is it paused, and where" follows docs/semantics.md "Side observation":
 * pending `__interrupt__` writes and `getState().tasks[].interrupts`, not only `next`.
 */
import type { GraphSnapshot } from "@langgraph-compat/snapshot";
import { NO_POSITION, barrierFull, firedTowards, parseJoin, type ThreadPosition } from "@langgraph-compat/diff";
import { ERROR, INTERRUPT, NULL_TASK_ID, RESUME, TASKS, isSend, type CheckpointTuple, type RunnableConfig } from "@langgraph-compat/runtime";

/** What the position reader needs from a saver (every saver of this runtime has it). */
export interface CheckpointReader {
  getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined>;
}

/** The part of `getState()` the reader uses, duck-typed (the host sees `HostedGraph.getState` as unknown). */
interface StateLike {
  next?: unknown;
  tasks?: Array<{ name?: unknown; interrupts?: unknown }>;
}

const sorted = (names: Iterable<string>): string[] => [...new Set(names)].sort();

/**
 * Reads the position of `threadId` in namespace `ns` (root: ""). `state` is the thread's `getState()` as
 * computed by its version's graph (optional, root only); `snapshot` is that version's graph snapshot (for
 * `firedFrom`, and recursively for subgraph nodes).
 */
export async function readPosition(
  saver: CheckpointReader,
  threadId: string,
  options: { state?: unknown; snapshot?: GraphSnapshot; ns?: string } = {},
): Promise<ThreadPosition> {
  const ns = options.ns ?? "";
  const tuple = await saver.getTuple({ configurable: { thread_id: threadId, checkpoint_ns: ns } });
  if (tuple === undefined) return NO_POSITION;
  const { checkpoint, pendingWrites, writeNodes } = tuple;
  const pausedIn = new Set<string>();
  const finished = new Set<string>();
  const answered: Record<string, number> = {};
  const pausedTasks = new Map<string, string>();
  for (const [taskId, channel, value] of pendingWrites) {
    if (taskId === NULL_TASK_ID) continue;
    const node = writeNodes[taskId] ?? "";
    if (channel === INTERRUPT) {
      pausedIn.add(node);
      pausedTasks.set(taskId, node);
    } else if (channel === RESUME) answered[node] = (answered[node] ?? 0) + (Array.isArray(value) ? value.length : 1);
    else if (channel !== ERROR) finished.add(node);
  }
  for (const node of pausedIn) finished.delete(node);

  const values = checkpoint.channel_values;
  const channels = Object.keys(values).filter((name) => holdsValue(name, values[name]));
  const sends = Array.isArray(values[TASKS]) ? (values[TASKS] as unknown[]).filter(isSend).map((s) => s.node) : [];
  const pending = new Set<string>(sends);
  for (const name of channels) {
    const version = checkpoint.channel_versions[name] ?? 0;
    const branch = /^branch:to:(.+)$/.exec(name);
    if (branch && version > (checkpoint.versions_seen[branch[1]]?.[name] ?? 0)) pending.add(branch[1]);
    const join = parseJoin(name);
    if (join && Array.isArray(values[name]) && barrierFull(join.sources, values[name] as string[])) pending.add(join.to);
  }
  const state = (options.state ?? {}) as StateLike;
  if (Array.isArray(state.next)) for (const n of state.next) if (typeof n === "string") pending.add(n);
  for (const task of Array.isArray(state.tasks) ? state.tasks : []) {
    if (typeof task.name === "string" && Array.isArray(task.interrupts) && task.interrupts.length > 0) pausedIn.add(task.name);
  }
  for (const node of [...pausedIn, ...finished]) pending.delete(node);

  const seenAtResume = checkpoint.versions_seen[INTERRUPT] ?? {};
  const changedSinceResume = Object.entries(checkpoint.channel_versions)
    .filter(([name, version]) => version > (seenAtResume[name] ?? 0))
    .map(([name]) => name);

  const active = new Set([...pausedIn, ...pending, ...finished]);
  const firedFrom = options.snapshot ? firedTowards(options.snapshot, active, values) : [];

  const subgraphs: Record<string, ThreadPosition> = {};
  for (const [taskId, node] of pausedTasks) {
    const childNs = `${ns ? `${ns}|` : ""}${node}:${taskId}`;
    const child = await readPosition(saver, threadId, { ns: childNs, snapshot: options.snapshot?.nodes[node]?.subgraph });
    if (child.exists) subgraphs[node] = child;
  }

  return {
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
}

/** A saved channel value that means something: not empty, not an empty barrier or Send list. */
function holdsValue(name: string, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if ((name === TASKS || name.startsWith("join:")) && Array.isArray(value)) return value.length > 0;
  return true;
}
