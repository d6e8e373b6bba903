/**
 * Where a thread stands, read from a checkpoint written by the real `@langchain/langgraph` without its graph:
 * no code of the user's is loaded or run. Real pending writes name their task by id only; task ids are
 * deterministic (a UUIDv5 of the task's namespace, step, node and trigger, seeded by the checkpoint id, as
 * LangGraph's `_prepareSingleTask` makes them), so each is recomputed for every node the checkpoint or the
 * snapshot names and matched. The result is the same {@link ThreadPosition} the host reads from the reference
 * runtime and the static check derives from a snapshot, so one `endangers` decides all three.
 */
import { NO_POSITION, barrierFull, firedTowards, parseJoin, type ThreadPosition } from "@langgraph-compat/diff";
import type { GraphSnapshot } from "@langgraph-compat/snapshot";
import type { ChannelVersion, CheckpointRecord } from "./record.js";
import { seedOf, uuid5 } from "./uuid5.js";

const INTERRUPT = "__interrupt__";
const RESUME = "__resume__";
const ERROR = "__error__";
const RETURN = "__return__";
const TASKS = "__pregel_tasks";
const START = "__start__";
const PULL = "__pregel_pull";
const PUSH = "__pregel_push";
const NULL_TASK_ID = "00000000-0000-0000-0000-000000000000";

const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();
const newer = (a: ChannelVersion | undefined, b: ChannelVersion | undefined): boolean => a !== undefined && (b === undefined || a > b);

/** The node of a pending `Send` stored in `__pregel_tasks`, whatever form the saver decoded it to. */
function sendTarget(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const send = value as { node?: unknown; lg_name?: unknown; kwargs?: { node?: unknown } };
  if (typeof send.node === "string") return send.node;
  if (typeof send.kwargs?.node === "string") return send.kwargs.node;
  return undefined;
}

/** The Sends pending in the checkpoint, in order. */
function sendsOf(values: Record<string, unknown>): string[] {
  const list = values[TASKS];
  return Array.isArray(list) ? list.map(sendTarget).filter((n): n is string => n !== undefined) : [];
}

/** The namespace of `node`'s tasks below `ns`. */
const taskNs = (ns: string, node: string) => (ns === "" ? node : `${ns}|${node}`);

/** The channels a node is triggered by in LangGraph 1.x: its `branch:to:` channel, joins into it, the input (START's, an entrypoint's). */
function likelyTrigger(node: string, channel: string, entrypoint?: string): boolean {
  return channel === `branch:to:${node}` || (channel === START && (node === START || node === entrypoint)) || (channel.startsWith("join:") && parseJoin(channel)?.to === node);
}

/**
 * Task id → node for the tasks that ran (or would run) from this checkpoint: every PULL task of every node the
 * checkpoint or the snapshot names, for each channel newer than the node has seen, and every PUSH task of the
 * pending Sends. The likely triggers are hashed first; every newer channel only when `wanted` ids remain unnamed.
 */
export function taskNames(record: CheckpointRecord, snapshot?: GraphSnapshot, wanted?: ReadonlySet<string>): Map<string, string> {
  const { checkpoint, ns } = record;
  const step = String((typeof record.metadata?.step === "number" ? record.metadata.step : -1) + 1);
  // A functional entrypoint is the one node of its graph, named after it; before its first task finishes no
  // checkpoint names it, so only the snapshot does.
  const names = new Set<string>([...Object.keys(snapshot?.nodes ?? {}), ...Object.keys(checkpoint.versions_seen), START]);
  if (snapshot?.entrypoint) names.add(snapshot.entrypoint.name);
  for (const channel of Object.keys(checkpoint.channel_versions)) {
    const branch = /^branch:to:(.+)$/.exec(channel);
    if (branch) names.add(branch[1]!);
    const join = parseJoin(channel);
    if (join) names.add(join.to);
  }
  names.delete(INTERRUPT);
  const byId = new Map<string, string>();
  const seed = seedOf(checkpoint.id);
  sendsOf(checkpoint.channel_values).forEach((node, index) => {
    byId.set(uuid5(JSON.stringify([taskNs(ns, node), step, node, PUSH, String(index)]), seed), node);
  });
  /** Hashes the PULL task of every node for each newer channel that is (or is not) one of its likely triggers. */
  const pass = (likely: boolean) => {
    for (const name of names) {
      const seen = checkpoint.versions_seen[name] ?? {};
      const at = taskNs(ns, name);
      for (const [channel, version] of Object.entries(checkpoint.channel_versions)) {
        if (likelyTrigger(name, channel, snapshot?.entrypoint?.name) === likely && newer(version, seen[channel])) byId.set(uuid5(JSON.stringify([at, step, name, PULL, [channel]]), seed), name);
      }
    }
  };
  pass(true);
  if (wanted === undefined || [...wanted].some((id) => !byId.has(id))) pass(false);
  return byId;
}

/** A saved channel value that means something (LangGraph stores a fired edge's `branch:to:*` as null). */
function holds(name: string, value: unknown): boolean {
  if (name.startsWith("branch:to:")) return true;
  if (value === undefined || value === null) return false;
  if ((name === TASKS || name.startsWith("join:")) && Array.isArray(value)) return value.length > 0;
  return true;
}

/** The task of each pending write named, and what the writes say: paused tasks (by id), answers, finished tasks, task-call results. */
function outcomes(record: CheckpointRecord, snapshot?: GraphSnapshot) {
  const wanted = new Set(record.pendingWrites.map(([taskId]) => taskId).filter((id) => id !== NULL_TASK_ID));
  const names = wanted.size === 0 ? new Map<string, string>() : taskNames(record, snapshot, wanted);
  const answered: Record<string, number> = {};
  const returned = new Set<string>();
  const interruptedIds = new Set<string>();
  const finishedIds = new Set<string>();
  for (const [taskId, channel, value] of record.pendingWrites) {
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
  // A task resumed and then finished keeps its old `__interrupt__` write beside its new writes; LangGraph counts
  // it as succeeded, and so does this.
  const pausedTasks = [...interruptedIds].filter((id) => !finishedIds.has(id));
  const children = pausedTasks.map((id) => ({ node: names.get(id)!, ns: `${taskNs(record.ns, names.get(id)!)}:${id}` }));
  return { names, answered, returned, finishedIds, pausedTasks, children };
}

/**
 * The namespaces of the subgraphs `record`'s paused tasks are paused in (`node:taskId`, below `record.ns`), with
 * the node: where to read their own latest checkpoints.
 */
export function pausedChildren(record: CheckpointRecord, snapshot?: GraphSnapshot): Array<{ node: string; ns: string }> {
  return outcomes(record, snapshot).children;
}

/**
 * The position of the thread whose latest checkpoint (in namespace `record.ns`) is `record`. `snapshot` is the
 * thread's graph (for task names not in the checkpoint, `firedFrom`, and subgraphs); `childOf(ns)` gives the
 * latest checkpoint of a subgraph namespace, for threads paused inside a subgraph.
 */
export function positionOf(record: CheckpointRecord | undefined, snapshot?: GraphSnapshot, childOf?: (ns: string) => CheckpointRecord | undefined): ThreadPosition {
  if (record === undefined) return NO_POSITION;
  const { checkpoint } = record;
  const { names, answered, returned, finishedIds, pausedTasks, children } = outcomes(record, snapshot);
  const pausedIn = new Set(pausedTasks.map((id) => names.get(id)!));
  const finished = new Set([...finishedIds].map((id) => names.get(id)!));
  for (const node of pausedIn) finished.delete(node);

  const values = checkpoint.channel_values;
  const channels = Object.keys(values).filter((name) => holds(name, values[name]));
  const sends = sendsOf(values);
  const pending = new Set<string>(sends);
  for (const name of channels) {
    const branch = /^branch:to:(.+)$/.exec(name);
    if (branch && newer(checkpoint.channel_versions[name], checkpoint.versions_seen[branch[1]!]?.[name])) pending.add(branch[1]!);
    const join = parseJoin(name);
    if (join && Array.isArray(values[name]) && barrierFull(join.sources, values[name] as string[])) pending.add(join.to);
  }
  // New input waits for the node it triggers: START's node in a graph, the entrypoint's own in the functional API.
  const starter = snapshot?.entrypoint?.name ?? START;
  if (newer(checkpoint.channel_versions[START], checkpoint.versions_seen[starter]?.[START]) && holds(START, values[START])) pending.add(starter);
  for (const node of [...pausedIn, ...finished]) pending.delete(node);

  const seenAtResume = checkpoint.versions_seen[INTERRUPT] ?? {};
  const changedSinceResume = Object.keys(checkpoint.channel_versions).filter((name) => newer(checkpoint.channel_versions[name], seenAtResume[name]));
  const active = new Set([...pausedIn, ...pending, ...finished]);
  const joinValues = Object.fromEntries(Object.entries(values).filter(([name]) => parseJoin(name)));
  const firedFrom = snapshot ? firedTowards(snapshot, active, joinValues) : [];

  const subgraphs: Record<string, ThreadPosition> = {};
  for (const { node, ns } of children) {
    const child = childOf?.(ns);
    if (child !== undefined) subgraphs[node] = positionOf(child, snapshot?.nodes[node]?.subgraph, childOf);
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
