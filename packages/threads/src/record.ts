/**
 * A thread's latest checkpoint as a real LangGraph.js checkpointer stores it, decoded but not revived: what the
 * position reader needs, from any source (a SQLite file, Postgres, a saver's `getTuple`).
 */
export type ChannelVersion = number | string;

export interface CheckpointRecord {
  threadId: string;
  /** `""` for the root graph; `node:taskId` (joined with `|`) inside subgraphs. */
  ns: string;
  checkpoint: {
    id: string;
    /** ISO time the checkpoint was written. */
    ts?: string;
    /** Channel values; only presence, join barriers, Sends and stamps are read, never revived. */
    channel_values: Record<string, unknown>;
    channel_versions: Record<string, ChannelVersion>;
    versions_seen: Record<string, Record<string, ChannelVersion>>;
  };
  metadata?: { step?: number; source?: string; graph_id?: unknown; assistant_id?: unknown; [key: string]: unknown };
  /** `[taskId, channel, value]`, in the saver's order. */
  pendingWrites: Array<[string, string, unknown]>;
}
