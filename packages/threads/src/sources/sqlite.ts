/**
 * Threads stored by `@langchain/langgraph-checkpoint-sqlite` (its `checkpoints` and `writes` tables), read from
 * the file opened read-only: the latest checkpoint of every thread and namespace in one pass over the primary
 * key the saver creates, then each one's pending writes by that key.
 */
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { UserError } from "@langgraph-compat/snapshot";
import type { CheckpointRecord } from "../record.js";
import { CHECKPOINT_VERSION, type StoredThread, type ThreadSource } from "../source.js";
import { Unreadable, decode } from "../decode.js";

interface Statement {
  iterate(...params: unknown[]): IterableIterator<Record<string, unknown>>;
  all(...params: unknown[]): Array<Record<string, unknown>>;
  get(...params: unknown[]): Record<string, unknown> | undefined;
}
interface Db {
  prepare(sql: string): Statement;
  close(): void;
}

/** better-sqlite3, an optional peer: loaded from the user's project, or ours. */
function openDatabase(path: string, label: string): Db {
  let Database: new (path: string, options: object) => Db;
  try {
    Database = createRequire(resolve("package.json"))("better-sqlite3");
  } catch {
    try {
      Database = createRequire(import.meta.url)("better-sqlite3");
    } catch {
      throw new UserError("dependency-missing", `${label}: reading SQLite needs better-sqlite3 12 in this project (npm i -D better-sqlite3@12)`);
    }
  }
  if (!existsSync(path)) throw new UserError("threads-missing", `${label}: no such file`);
  try {
    return new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new UserError("threads-unreadable", `${label}: cannot open (${(error as Error).message})`);
  }
}

const LATEST = `
SELECT c.thread_id, c.checkpoint_ns, c.checkpoint_id, c.type, c.checkpoint, c.metadata
FROM checkpoints c
JOIN (SELECT thread_id, checkpoint_ns, MAX(checkpoint_id) AS checkpoint_id FROM checkpoints GROUP BY thread_id, checkpoint_ns) latest
  ON c.thread_id = latest.thread_id AND c.checkpoint_ns = latest.checkpoint_ns AND c.checkpoint_id = latest.checkpoint_id
ORDER BY c.thread_id, c.checkpoint_ns`;
const WRITES = `SELECT task_id, channel, type, value FROM writes WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ? ORDER BY task_id, idx`;

/** Decodes one latest-checkpoint row and its writes into a record, or throws {@link Unreadable}. */
export function toRecord(row: Record<string, unknown>, writes: Array<{ task_id: unknown; channel: unknown; type: unknown; value: unknown }>): CheckpointRecord {
  const checkpoint = decode(row.type as string, row.checkpoint) as CheckpointRecord["checkpoint"] & { v?: number };
  if (checkpoint === null || typeof checkpoint !== "object" || typeof checkpoint.channel_versions !== "object") throw new Unreadable("a checkpoint without channel versions");
  if (typeof checkpoint.v === "number" && checkpoint.v > CHECKPOINT_VERSION) throw new Unreadable(`checkpoint format v${checkpoint.v}, newer than v${CHECKPOINT_VERSION}`);
  checkpoint.channel_values ??= {};
  checkpoint.versions_seen ??= {};
  const metadata = row.metadata === null || row.metadata === undefined ? undefined : (decode(row.type as string, row.metadata) as CheckpointRecord["metadata"]);
  const pendingWrites: CheckpointRecord["pendingWrites"] = writes.map((w) => {
    const channel = String(w.channel);
    // Only a resume's answers are counted; other values are never decoded (their type is checked all the same).
    const value = channel === "__resume__" ? decode(w.type as string, w.value) : (decode(w.type as string, "null"), undefined);
    return [String(w.task_id), channel, value];
  });
  return { threadId: String(row.thread_id), ns: String(row.checkpoint_ns), checkpoint, metadata, pendingWrites };
}

export function sqliteSource(path: string, label: string): ThreadSource {
  const db = openDatabase(path, label);
  let tables: unknown[];
  try {
    tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('checkpoints', 'writes')").all().map((r) => r.name);
  } catch (error) {
    db.close();
    throw new UserError("threads-unreadable", `${label}: cannot read (${(error as Error).message})`);
  }
  for (const table of ["checkpoints", "writes"]) {
    if (!tables.includes(table)) {
      db.close();
      throw new UserError("threads-schema", `${label}: no \`${table}\` table; not a database written by @langchain/langgraph-checkpoint-sqlite 1.x`);
    }
  }
  if (db.prepare("SELECT 1 FROM checkpoints LIMIT 1").get() === undefined) {
    db.close();
    throw new UserError("threads-empty", `${label}: no threads stored`);
  }
  const writes = db.prepare(WRITES);
  return {
    label,
    async *threads(): AsyncIterable<StoredThread> {
      let current: StoredThread | undefined;
      for (const row of db.prepare(LATEST).iterate()) {
        const threadId = String(row.thread_id);
        if (current && current.threadId !== threadId) yield current;
        if (!current || current.threadId !== threadId) current = { threadId, records: new Map() };
        if (current.unreadable) continue;
        try {
          const record = toRecord(row, writes.all(row.thread_id, row.checkpoint_ns, row.checkpoint_id) as never);
          current.records.set(record.ns, record);
        } catch (error) {
          if (!(error instanceof Unreadable)) throw error;
          current.unreadable = error.message;
          current.records.clear();
        }
      }
      if (current) yield current;
    },
    async close() {
      db.close();
    },
  };
}
