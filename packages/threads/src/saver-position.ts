/**
 * One thread's position read live through a saver's `getTuple` (any `BaseCheckpointSaver` of the real
 * `@langchain/langgraph`: SQLite, Postgres, Redis…), for a host deciding per thread: the root's latest
 * checkpoint, then the latest checkpoint of each subgraph a paused task is paused in, and nothing else, so one
 * call per level of nesting.
 */
import type { ThreadPosition } from "@langgraph-compat/diff";
import type { GraphSnapshot } from "@langgraph-compat/snapshot";
import type { CheckpointRecord } from "./record.js";
import { pausedChildren, positionOf } from "./position.js";

/** The part of a saver this needs. */
export interface TupleReader {
  getTuple(config: { configurable: { thread_id: string; checkpoint_ns: string } }): Promise<
    { checkpoint: CheckpointRecord["checkpoint"]; metadata?: CheckpointRecord["metadata"]; pendingWrites?: Array<[string, string, unknown]> } | undefined
  >;
}

/** The thread's position on `snapshot` (the graph of the version that wrote it) and its root checkpoint, if any. */
export async function readThreadPosition(saver: TupleReader, threadId: string, snapshot?: GraphSnapshot): Promise<{ position: ThreadPosition; record?: CheckpointRecord }> {
  const records = new Map<string, CheckpointRecord>();
  const read = async (ns: string, graph: GraphSnapshot | undefined): Promise<void> => {
    const tuple = await saver.getTuple({ configurable: { thread_id: threadId, checkpoint_ns: ns } });
    if (tuple === undefined) return;
    const record: CheckpointRecord = { threadId, ns, checkpoint: tuple.checkpoint, metadata: tuple.metadata, pendingWrites: tuple.pendingWrites ?? [] };
    records.set(ns, record);
    for (const child of pausedChildren(record, graph)) await read(child.ns, graph?.nodes[child.node]?.subgraph);
  };
  await read("", snapshot);
  const root = records.get("");
  return { position: positionOf(root, snapshot, (ns) => records.get(ns)), record: root };
}
