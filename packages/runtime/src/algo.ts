/**
 * The superstep algorithm (mechanisms M1-M5, M8): which tasks run next, how their writes reach the
 * channels, and when a static breakpoint fires. Pure functions over a checkpoint and channels; the
 * loop (loop.ts) calls them and saves the results.
 */
import { createHash } from "node:crypto";
import type { Channel } from "./channels.js";
import { newCheckpointId, type Checkpoint, type PendingWrite } from "./checkpoint.js";
import { ERROR, INTERRUPT, NO_WRITES, NULL_TASK_ID, PULL, PUSH, RESUME, RETURN, START, TASKS, isSend, isTaskOutput, type Send } from "./constants.js";
import { InvalidUpdateError, UnknownSendTargetError } from "./errors.js";

/** A node as the loop sees it: its triggers, how it reads its input, and how it runs. */
export interface GraphNode {
  name: string;
  /** Channels whose new versions make this node run (PULL). */
  triggers: string[];
  /** Hidden nodes (`__start__`) are not matched by `interruptBefore: "*"`. */
  hidden?: boolean;
  /** The node's input from the channels; `undefined` means it cannot run now. */
  readInput(channels: Record<string, Channel>): unknown;
  /**
   * Runs the node, pushing its writes onto `task.writes` as they are made (state updates first, then
   * edges and routers), so that a router that throws leaves the node's updates saved, as in LangGraph.
   */
  run(input: unknown, task: Task, channels: Record<string, Channel>): Promise<void>;
  /** Writes of `update` as if this node had returned it (for `updateState`). */
  write?(update: Record<string, unknown>, channels: Record<string, Channel>): Promise<[string, unknown][]>;
  /** The compiled subgraph, when this node is one (for getState and namespaces). */
  subgraph?: unknown;
}

/** One unit of work in a superstep. */
export interface Task {
  id: string;
  name: string;
  /** Sort key of the task's writes (LangGraph's task path, serialised). */
  path: string;
  input: unknown;
  triggers: string[];
  writes: [string, unknown][];
  node?: GraphNode;
  /** The task's checkpoint namespace, `name:id` below the parent's (subgraph checkpoints live here). */
  ns: string;
}

/** Mechanism M3: task ids are a hash of the namespace, step, node name and trigger, seeded by the checkpoint id. */
export function taskId(checkpointId: string, parts: unknown[]): string {
  const hex = createHash("sha1").update(checkpointId).update(JSON.stringify(parts)).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Mechanism M9: interrupt ids hash the task namespace and how many interrupts were already answered. */
export function interruptId(ns: string, answered: number): string {
  return createHash("sha256").update(answered === 0 ? ns : `${ns}|${answered}`).digest("hex").slice(0, 32);
}

const pad = (n: number): string => String(n).padStart(10, "0");
/** Task path of a PULL task. */
export const pullPath = (name: string): string => `~${PULL}, ${name}`;
/** Task path of a PUSH (Send) task. */
export const pushPath = (index: number): string => `~${PUSH}, ${pad(index)}, 0000000000`;

/** Writes that are bookkeeping, never applied to channels. */
const IGNORED = new Set([NO_WRITES, PUSH, RESUME, INTERRUPT, RETURN, ERROR]);

/**
 * Applies a superstep's writes (algo.js `_applyWrites`). Records what each task saw in
 * `versions_seen[task.name]`, consumes barrier triggers, folds writes into channels and bumps their
 * versions, and clears ephemeral channels nobody wrote. A write to a channel the graph lacks is dropped
 * (M5) after `onUnknown` is told about it (strict mode throws there).
 */
export function applyWrites(
  checkpoint: Checkpoint,
  channels: Record<string, Channel>,
  tasks: Pick<Task, "name" | "path" | "triggers" | "writes">[],
  nextVersion: ((current: number) => number) | undefined,
  onUnknown?: (channel: string, writer: string) => void,
): Set<string> {
  const ordered = [...tasks].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  let bumpStep = false;
  const toConsume = new Set<string>();
  for (const task of ordered) {
    if (task.triggers.length > 0) bumpStep = true;
    const seen = (checkpoint.versions_seen[task.name] ??= {});
    for (const trigger of task.triggers) {
      if (trigger in checkpoint.channel_versions) seen[trigger] = checkpoint.channel_versions[trigger];
      if (trigger !== PUSH) toConsume.add(trigger);
    }
  }
  let maxVersion = Math.max(0, ...Object.values(checkpoint.channel_versions));
  for (const name of toConsume) {
    if (channels[name]?.consume() && nextVersion) checkpoint.channel_versions[name] = nextVersion(maxVersion);
  }
  maxVersion = Math.max(0, ...Object.values(checkpoint.channel_versions));
  const byChannel = new Map<string, unknown[]>();
  for (const task of ordered) {
    for (const [channel, value] of task.writes) {
      if (IGNORED.has(channel)) continue;
      if (!(channel in channels)) {
        onUnknown?.(channel, task.name);
        continue;
      }
      byChannel.set(channel, [...(byChannel.get(channel) ?? []), value]);
    }
  }
  const version = nextVersion?.(maxVersion);
  const updated = new Set<string>();
  for (const [name, values] of byChannel) {
    let changed: boolean;
    try {
      changed = channels[name].update(values);
    } catch (error) {
      if (!(error instanceof InvalidUpdateError)) throw error;
      const wrapped = new InvalidUpdateError(`Invalid update for channel "${name}" with values ${JSON.stringify(values)}: ${error.message}`);
      wrapped.lc_error_code = error.lc_error_code;
      throw wrapped;
    }
    if (changed && version !== undefined) {
      checkpoint.channel_versions[name] = version;
      if (channels[name].isAvailable()) updated.add(name);
    }
  }
  if (bumpStep) {
    for (const [name, channel] of Object.entries(channels)) {
      if (!channel.isAvailable() || updated.has(name)) continue;
      if (channel.update([]) && version !== undefined) {
        checkpoint.channel_versions[name] = version;
        if (channel.isAvailable()) updated.add(name);
      }
    }
  }
  return updated;
}

/** Options of `prepareNextTasks`. */
export interface PrepareOptions {
  step: number;
  /** Namespace of the graph being run ("" for the root). */
  ns: string;
  /** When given (mid-run), only nodes triggered by these channels are candidates, sorted by name. */
  updatedChannels?: Set<string>;
  /** Strict mode: a pending Send to an unknown node throws instead of warning. */
  strict?: boolean;
}

/**
 * The tasks of the next superstep (algo.js `_prepareNextTasks`). PUSH tasks come from pending Sends;
 * a Send to a node the graph lacks is dropped with a warning (M4). PULL tasks are built only for the
 * current graph's nodes (M2) whose triggers have a version newer than the node has seen.
 */
export function prepareNextTasks(
  checkpoint: Checkpoint,
  nodes: Record<string, GraphNode>,
  channels: Record<string, Channel>,
  options: PrepareOptions,
): Task[] {
  const tasks: Task[] = [];
  const childNs = (name: string, id: string) => `${options.ns ? `${options.ns}|` : ""}${name}:${id}`;
  const sends = channels[TASKS]?.isAvailable() ? (channels[TASKS].get() as Send[]) : [];
  sends.forEach((packet, index) => {
    if (!isSend(packet)) return;
    const node = nodes[packet.node];
    if (node === undefined) {
      if (options.strict) throw new UnknownSendTargetError(packet.node);
      console.warn(`Ignoring unknown node name ${packet.node} in pending sends.`);
      return;
    }
    const id = taskId(checkpoint.id, [options.ns, options.step, packet.node, PUSH, index]);
    tasks.push({ id, name: packet.node, path: pushPath(index), input: packet.args, triggers: [PUSH], writes: [], node, ns: childNs(packet.node, id) });
  });
  for (const name of candidateNodes(checkpoint, nodes, options)) {
    const node = nodes[name];
    if (node === undefined) continue; // M2: a node of the old graph gets no task
    const seen = checkpoint.versions_seen[name] ?? {};
    const trigger = node.triggers.find(
      (channel) => channels[channel]?.isAvailable() && (checkpoint.channel_versions[channel] ?? 0) > (seen[channel] ?? 0),
    );
    if (trigger === undefined) continue;
    const input = node.readInput(channels);
    if (input === undefined) continue;
    const id = taskId(checkpoint.id, [options.ns, options.step, name, PULL, [trigger]]);
    tasks.push({ id, name, path: pullPath(name), input, triggers: [trigger], writes: [], node, ns: childNs(name, id) });
  }
  return tasks;
}

/** Mid-run, the nodes triggered by the last superstep's updates; after a load, every node of the current graph. */
function candidateNodes(checkpoint: Checkpoint, nodes: Record<string, GraphNode>, options: PrepareOptions): string[] {
  if (options.updatedChannels !== undefined) {
    const triggered = new Set<string>();
    for (const node of Object.values(nodes)) if (node.triggers.some((t) => options.updatedChannels!.has(t))) triggered.add(node.name);
    return [...triggered].sort();
  }
  if (Object.keys(checkpoint.channel_versions).length === 0) return [];
  return Object.keys(nodes);
}

/** Puts saved writes back on tasks that finished before the pause (M3: matched by task id only). */
export function reapplySavedWrites(tasks: Task[], pending: PendingWrite[]): void {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  for (const [id, channel, value] of pending) {
    if (id === NULL_TASK_ID || !isTaskOutput(channel)) continue;
    byId.get(id)?.writes.push([channel, value]);
  }
}

/**
 * Mechanism M8: a static breakpoint fires when a listed node is about to run and any channel in the
 * checkpoint, including ones the current graph lacks, changed since `versions_seen.__interrupt__`.
 */
export function shouldInterrupt(checkpoint: Checkpoint, interruptNodes: string[] | "*", tasks: Task[]): boolean {
  const seen = checkpoint.versions_seen[INTERRUPT] ?? {};
  const anyUpdated =
    (checkpoint.channel_versions[START] ?? 0) > (seen[START] ?? 0) ||
    Object.entries(checkpoint.channel_versions).some(([channel, version]) => version > (seen[channel] ?? 0));
  const anyListed = tasks.some((task) => (interruptNodes === "*" ? !task.node?.hidden : interruptNodes.includes(task.name)));
  return anyUpdated && anyListed;
}

/**
 * A new checkpoint from the current channels (channels/base.js `createCheckpoint`): values of the
 * current graph's channels only (a removed key's value is left out), versions copied as they are.
 */
export function createCheckpoint(previous: Checkpoint, channels: Record<string, Channel>): Checkpoint {
  const values: Record<string, unknown> = {};
  for (const [name, channel] of Object.entries(channels)) {
    const saved = channel.checkpoint();
    if (saved !== undefined) values[name] = saved;
  }
  return {
    v: 1,
    id: newCheckpointId(),
    ts: new Date().toISOString(),
    channel_values: values,
    channel_versions: { ...previous.channel_versions },
    versions_seen: Object.fromEntries(Object.entries(previous.versions_seen).map(([k, v]) => [k, { ...v }])),
  };
}
