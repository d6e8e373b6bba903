/**
 * Checkpoint records from a real saver's public API (`list`, `getTuple`): the latest checkpoint of every
 * namespace of a thread, with its pending writes. Used by the tests to read real threads the way a `module:`
 * source would.
 */
import type { CheckpointRecord } from "@langgraph-compat/threads";

interface Tuple {
  config: { configurable?: { checkpoint_ns?: string } };
  checkpoint: CheckpointRecord["checkpoint"];
  metadata?: CheckpointRecord["metadata"];
  pendingWrites?: Array<[string, string, unknown]>;
}
export interface SaverApi {
  list(config: unknown, options?: unknown): AsyncIterable<Tuple>;
  getTuple(config: unknown): Promise<Tuple | undefined>;
}

/** Every namespace's latest record of `threadId`, keyed by namespace (`""` for the root). */
export async function recordsOf(saver: SaverApi, threadId: string): Promise<Map<string, CheckpointRecord>> {
  const namespaces = new Set<string>();
  for await (const tuple of saver.list({ configurable: { thread_id: threadId } })) namespaces.add(tuple.config.configurable?.checkpoint_ns ?? "");
  const records = new Map<string, CheckpointRecord>();
  for (const ns of namespaces) {
    const tuple = await saver.getTuple({ configurable: { thread_id: threadId, checkpoint_ns: ns } });
    if (tuple) records.set(ns, { threadId, ns, checkpoint: tuple.checkpoint, metadata: tuple.metadata, pendingWrites: tuple.pendingWrites ?? [] });
  }
  return records;
}
