/**
 * Checkpoint types and the in-memory saver (mechanism M1: a checkpoint holds channel values, channel
 * versions, `versions_seen` per node name, and pending writes keyed by task id; nothing about the
 * graph's topology). Values go through JSON, as with LangGraph's serializer, so a node never sees an
 * object shared with a saved checkpoint.
 */
import { randomUUID } from "node:crypto";
import { ERROR, INTERRUPT, RESUME, Send, isSend } from "./constants.js";

/** The configurable part of a run's config: which thread, which (sub)graph namespace, which checkpoint. */
export interface Configurable {
  thread_id?: string;
  checkpoint_ns?: string;
  checkpoint_id?: string;
  [key: string]: unknown;
}

/** Options of `invoke`, `stream`, `getState` and friends (a subset of LangGraph's RunnableConfig). */
export interface RunnableConfig {
  configurable?: Configurable;
  /** `"updates"` is the only stream mode this runtime implements besides `"values"` for `invoke`. */
  streamMode?: "updates" | "values";
  /** Turn silent outcomes into typed errors for this call (see strict mode in the README). */
  strict?: boolean;
  /** Maximum number of supersteps of one run (default 25, as in LangGraph). */
  recursionLimit?: number;
}

/** A saved superstep boundary. */
export interface Checkpoint {
  v: 1;
  id: string;
  ts: string;
  channel_values: Record<string, unknown>;
  channel_versions: Record<string, number>;
  versions_seen: Record<string, Record<string, number>>;
}

/** Why and at which step a checkpoint was saved. */
export interface CheckpointMetadata {
  source: "input" | "loop" | "update";
  step: number;
}

/** `[taskId, channel, value]`, a write saved before its superstep finished. */
export type PendingWrite = [taskId: string, channel: string, value: unknown];

/** A checkpoint with its config, metadata and pending writes, as returned by a saver. */
export interface CheckpointTuple {
  config: RunnableConfig;
  checkpoint: Checkpoint;
  metadata: CheckpointMetadata;
  parentConfig?: RunnableConfig;
  pendingWrites: PendingWrite[];
  /** Task id -> node name of the task that saved the writes (what strict mode names). */
  writeNodes: Record<string, string>;
}

/** The empty checkpoint of a new thread. */
export function emptyCheckpoint(): Checkpoint {
  return { v: 1, id: newCheckpointId(), ts: new Date().toISOString(), channel_values: {}, channel_versions: {}, versions_seen: {} };
}

/** Checkpoint ids only need to be unique; order is kept by the savers. */
export function newCheckpointId(): string {
  return randomUUID();
}

/** Special pending-write channels are stored at a fixed negative index, so a later one replaces an earlier one. */
export function writeIndex(channel: string, position: number): number {
  if (channel === ERROR) return -1;
  if (channel === INTERRUPT) return -3;
  if (channel === RESUME) return -4;
  return position;
}

/** JSON with `Send` packets revived. */
export function serialize(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value, (_key, v) => (isSend(v) ? { __lg_send__: [v.node, v.args] } : v));
}

/** Inverse of `serialize`. */
export function deserialize(text: string): unknown {
  return JSON.parse(text, (_key, v) => (v && typeof v === "object" && Array.isArray(v.__lg_send__) ? new Send(v.__lg_send__[0], v.__lg_send__[1]) : v));
}

/** The storage contract the loop relies on (mirrors BaseCheckpointSaver's four methods). */
export abstract class BaseCheckpointSaver {
  /** The checkpoint named by `configurable.checkpoint_id`, or the thread's latest in `checkpoint_ns`. */
  abstract getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined>;
  /** Checkpoints of a thread and namespace, newest first. */
  abstract list(config: RunnableConfig, options?: { limit?: number }): AsyncGenerator<CheckpointTuple>;
  /** Saves a checkpoint; returns the config that addresses it. */
  abstract put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata): Promise<RunnableConfig>;
  /** Saves writes of task `taskId` (of node `node`) against the checkpoint in `config`. */
  abstract putWrites(config: RunnableConfig, writes: [string, unknown][], taskId: string, node?: string): Promise<void>;
}

interface StoredCheckpoint {
  id: string;
  parentId?: string;
  checkpoint: string;
  metadata: string;
}

interface StoredWrite {
  taskId: string;
  index: number;
  channel: string;
  value: string;
  node: string;
}

/** Address parts of a config; throws a clear error when the thread id is missing. */
export function threadOf(config: RunnableConfig): { thread: string; ns: string; id?: string } {
  const thread = config.configurable?.thread_id;
  if (thread === undefined) throw new Error("A checkpointer requires configurable.thread_id in the config");
  return { thread: String(thread), ns: config.configurable?.checkpoint_ns ?? "", id: config.configurable?.checkpoint_id };
}

/** Builds the tuple the loop reads from stored rows. */
export function toTuple(thread: string, ns: string, row: StoredCheckpoint, writes: StoredWrite[]): CheckpointTuple {
  const writeNodes: Record<string, string> = {};
  for (const w of writes) writeNodes[w.taskId] = w.node;
  return {
    config: { configurable: { thread_id: thread, checkpoint_ns: ns, checkpoint_id: row.id } },
    checkpoint: deserialize(row.checkpoint) as Checkpoint,
    metadata: deserialize(row.metadata) as CheckpointMetadata,
    parentConfig: row.parentId ? { configurable: { thread_id: thread, checkpoint_ns: ns, checkpoint_id: row.parentId } } : undefined,
    pendingWrites: writes.map((w) => [w.taskId, w.channel, deserialize(w.value)]),
    writeNodes,
  };
}

/** Keeps every thread in memory; lost when the process exits. */
export class MemorySaver extends BaseCheckpointSaver {
  private readonly checkpoints = new Map<string, StoredCheckpoint[]>();
  private readonly writes = new Map<string, StoredWrite[]>();

  async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const { thread, ns, id } = threadOf(config);
    const rows = this.checkpoints.get(`${thread}\0${ns}`) ?? [];
    const row = id === undefined ? rows[rows.length - 1] : rows.find((r) => r.id === id);
    if (row === undefined) return undefined;
    return toTuple(thread, ns, row, this.writes.get(`${thread}\0${ns}\0${row.id}`) ?? []);
  }

  async *list(config: RunnableConfig, options?: { limit?: number }): AsyncGenerator<CheckpointTuple> {
    const { thread, ns } = threadOf(config);
    const rows = [...(this.checkpoints.get(`${thread}\0${ns}`) ?? [])].reverse();
    for (const row of rows.slice(0, options?.limit ?? rows.length)) {
      yield toTuple(thread, ns, row, this.writes.get(`${thread}\0${ns}\0${row.id}`) ?? []);
    }
  }

  async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata): Promise<RunnableConfig> {
    const { thread, ns, id: parentId } = threadOf(config);
    const key = `${thread}\0${ns}`;
    const rows = this.checkpoints.get(key) ?? [];
    rows.push({ id: checkpoint.id, parentId, checkpoint: serialize(checkpoint), metadata: serialize(metadata) });
    this.checkpoints.set(key, rows);
    return { configurable: { thread_id: thread, checkpoint_ns: ns, checkpoint_id: checkpoint.id } };
  }

  async putWrites(config: RunnableConfig, writes: [string, unknown][], taskId: string, node = ""): Promise<void> {
    const { thread, ns, id } = threadOf(config);
    const key = `${thread}\0${ns}\0${id}`;
    const stored = this.writes.get(key) ?? [];
    writes.forEach(([channel, value], position) => {
      const index = writeIndex(channel, position);
      const existing = stored.findIndex((w) => w.taskId === taskId && w.index === index);
      const row = { taskId, index, channel, value: serialize(value), node };
      if (existing === -1) stored.push(row);
      else if (index < 0) stored[existing] = row;
    });
    this.writes.set(key, stored);
  }
}
