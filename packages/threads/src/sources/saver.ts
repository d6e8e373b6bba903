/**
 * Threads of any `BaseCheckpointSaver` (Redis, MongoDB, a custom one), read through its public API only: `list`
 * finds every thread and namespace and their newest checkpoint, `getTuple` reads it with its pending writes.
 * Slower than the SQL sources (a call per thread), and as read-only as the saver's reads are.
 */
import type { CheckpointRecord } from "../record.js";
import { CHECKPOINT_VERSION, type StoredThread, type ThreadSource } from "../source.js";

interface Tuple {
  config: { configurable?: { thread_id?: string; checkpoint_ns?: string; checkpoint_id?: string } };
  checkpoint: CheckpointRecord["checkpoint"] & { v?: number };
  metadata?: CheckpointRecord["metadata"];
  pendingWrites?: Array<[string, string, unknown]>;
}
export interface SaverApi {
  list(config: unknown, options?: unknown): AsyncIterable<Tuple>;
  getTuple(config: unknown): Promise<Tuple | undefined>;
}

export function saverSource(saver: SaverApi, label: string): ThreadSource {
  return {
    label,
    async *threads(): AsyncIterable<StoredThread> {
      // The newest checkpoint id per thread and namespace (ids are time-ordered UUIDv6).
      const newest = new Map<string, Map<string, string>>();
      for await (const tuple of saver.list({ configurable: {} })) {
        const { thread_id: threadId, checkpoint_ns: ns = "", checkpoint_id: id } = tuple.config.configurable ?? {};
        if (threadId === undefined || id === undefined) continue;
        const namespaces = newest.get(threadId) ?? new Map<string, string>();
        if ((namespaces.get(ns) ?? "") < id) namespaces.set(ns, id);
        newest.set(threadId, namespaces);
      }
      for (const threadId of [...newest.keys()].sort()) {
        const thread: StoredThread = { threadId, records: new Map() };
        try {
          for (const [ns, id] of newest.get(threadId)!) {
            const tuple = await saver.getTuple({ configurable: { thread_id: threadId, checkpoint_ns: ns, checkpoint_id: id } });
            if (tuple === undefined) continue;
            if (typeof tuple.checkpoint.v === "number" && tuple.checkpoint.v > CHECKPOINT_VERSION) throw new Error(`checkpoint format v${tuple.checkpoint.v}, newer than v${CHECKPOINT_VERSION}`);
            thread.records.set(ns, { threadId, ns, checkpoint: tuple.checkpoint, metadata: tuple.metadata, pendingWrites: tuple.pendingWrites ?? [] });
          }
        } catch (error) {
          thread.unreadable = (error as Error).message.split("\n")[0];
          thread.records.clear();
        }
        yield thread;
      }
    },
    async close() {},
  };
}
