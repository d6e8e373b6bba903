import type { CheckpointRecord } from "./record.js";

/** One stored thread: the latest checkpoint of each of its namespaces (`""` is the root graph). */
export interface StoredThread {
  threadId: string;
  /** By namespace; empty when the thread could not be read. */
  records: Map<string, CheckpointRecord>;
  /** Why the thread could not be read (an unknown serializer type, a corrupt blob, a newer checkpoint version). */
  unreadable?: string;
}

/** Where stored threads come from: a SQLite file, a Postgres database, a saver module. Read-only. */
export interface ThreadSource {
  /** The URL with any password redacted, for messages. */
  readonly label: string;
  /** Every stored thread, streamed; a thread that cannot be read comes with `unreadable`, never as an exception. */
  threads(): AsyncIterable<StoredThread>;
  close(): Promise<void>;
}

/** The newest checkpoint format (`checkpoint.v`) this reader knows; a newer one is unreadable, not guessed at. */
export const CHECKPOINT_VERSION = 4;
