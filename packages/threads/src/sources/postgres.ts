/**
 * Threads stored by `@langchain/langgraph-checkpoint-postgres` (its `checkpoints`, `checkpoint_blobs` and
 * `checkpoint_writes` tables in one schema), read in a read-only transaction with SELECTs only, so a role
 * with nothing but CONNECT, USAGE and SELECT will do: the latest checkpoint of every thread and namespace in
 * one pass over the primary key the saver creates, streamed through a server-side cursor, each row carrying
 * its channel blobs (at the versions the checkpoint names, joined as the saver's own query joins them) and
 * its pending writes.
 */
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { UserError, isUserError } from "@langgraph-compat/snapshot";
import type { ChannelVersion, CheckpointRecord } from "../record.js";
import { CHECKPOINT_VERSION, type StoredThread, type ThreadSource } from "../source.js";
import { Unreadable, decode } from "../decode.js";
import { connectionLost, pgFailure } from "../url.js";

interface Client {
  connect(): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
  end(): Promise<void>;
  on(event: "error", listener: (error: Error) => void): unknown;
}
type Pg = { Client: new (config: object) => Client };

const TASKS = "__pregel_tasks";
const BATCH = 1000;
const TABLES = ["checkpoints", "checkpoint_blobs", "checkpoint_writes"];
const NOT_OURS = "not a database written by @langchain/langgraph-checkpoint-postgres 1.x (its setup() creates it)";

/** pg, an optional peer: loaded from the user's project, or ours. */
function loadPg(label: string): Pg {
  try {
    return createRequire(resolve("package.json"))("pg");
  } catch {
    try {
      return createRequire(import.meta.url)("pg");
    } catch {
      throw new UserError("dependency-missing", `${label}: reading Postgres needs pg 8 in this project (npm i -D pg)`);
    }
  }
}

/**
 * The latest checkpoint of each (thread, namespace), in thread order: the keys from the primary key index
 * (an index-only scan, no sort), each one's newest row by the same index backwards. Then per row: its blobs
 * as `[channel, type, base64]`, each looked up by the blobs' primary key; its writes as `[task, channel, type,
 * base64]`, in the saver's order; and for a checkpoint older than format v4, the Sends its parent's tasks
 * wrote (which the saver moves into `__pregel_tasks` when it reads one).
 */
const latest = (s: string) => `
SELECT cp.thread_id, cp.checkpoint_ns, cp.checkpoint_id, cp.checkpoint, cp.metadata,
  CASE WHEN jsonb_typeof(cp.checkpoint -> 'channel_versions') = 'object' THEN (
    SELECT json_agg(json_build_array(v.key, bl.type, bl.blob))
    FROM jsonb_each_text(cp.checkpoint -> 'channel_versions') v,
    LATERAL (SELECT b.type, encode(b.blob, 'base64') AS blob FROM ${s}.checkpoint_blobs b
      WHERE b.thread_id = cp.thread_id AND b.checkpoint_ns = cp.checkpoint_ns AND b.channel = v.key AND b.version = v.value LIMIT 1) bl
  ) END AS blobs,
  (SELECT json_agg(json_build_array(cw.task_id, cw.channel, cw.type, encode(cw.blob, 'base64')) ORDER BY cw.task_id, cw.idx)
    FROM ${s}.checkpoint_writes cw
    WHERE cw.thread_id = cp.thread_id AND cw.checkpoint_ns = cp.checkpoint_ns AND cw.checkpoint_id = cp.checkpoint_id
  ) AS writes,
  CASE WHEN jsonb_typeof(cp.checkpoint -> 'v') = 'number' AND (cp.checkpoint ->> 'v')::numeric < 4 AND cp.parent_checkpoint_id IS NOT NULL THEN (
    SELECT json_agg(json_build_array(cw.type, encode(cw.blob, 'base64')) ORDER BY cw.task_id, cw.idx)
    FROM ${s}.checkpoint_writes cw
    WHERE cw.thread_id = cp.thread_id AND cw.checkpoint_ns = cp.checkpoint_ns AND cw.checkpoint_id = cp.parent_checkpoint_id AND cw.channel = '${TASKS}'
  ) END AS sends
FROM (SELECT thread_id, checkpoint_ns FROM ${s}.checkpoints GROUP BY thread_id, checkpoint_ns) k
CROSS JOIN LATERAL (
  SELECT c.thread_id, c.checkpoint_ns, c.checkpoint_id, c.parent_checkpoint_id, c.checkpoint, c.metadata FROM ${s}.checkpoints c
  WHERE c.thread_id = k.thread_id AND c.checkpoint_ns = k.checkpoint_ns ORDER BY c.checkpoint_id DESC LIMIT 1
) cp
ORDER BY k.thread_id, k.checkpoint_ns`;

const bytes = (base64: unknown) => (typeof base64 === "string" ? Buffer.from(base64, "base64") : undefined);
const json = (value: unknown) => (typeof value === "string" ? (decode("json", value) as unknown) : value);
/** The newest of some channel versions, compared as the saver compares them. */
const newest = (versions: ChannelVersion[]): ChannelVersion =>
  versions.reduce((a, b) => ((typeof a === "number" && typeof b === "number" ? a >= b : String(a).localeCompare(String(b)) >= 0) ? a : b), 1);

/** Decodes one latest-checkpoint row (with its blobs, writes and old-format Sends) into a record, or throws {@link Unreadable}. */
export function toRecord(row: Record<string, unknown>): CheckpointRecord {
  const stored = json(row.checkpoint) as CheckpointRecord["checkpoint"] & { v?: number };
  if (stored === null || typeof stored !== "object" || typeof stored.channel_versions !== "object" || stored.channel_versions === null) {
    throw new Unreadable("a checkpoint without channel versions");
  }
  if (typeof stored.v === "number" && stored.v > CHECKPOINT_VERSION) throw new Unreadable(`checkpoint format v${stored.v}, newer than v${CHECKPOINT_VERSION}`);
  const checkpoint = { ...stored, channel_values: { ...(stored.channel_values ?? {}) }, channel_versions: { ...stored.channel_versions }, versions_seen: stored.versions_seen ?? {} };
  for (const [channel, type, blob] of (json(row.blobs) ?? []) as Array<[string, string, string | null]>) {
    if (type !== "empty") checkpoint.channel_values[channel] = decode(type, bytes(blob));
  }
  const sends = json(row.sends) as Array<[string | null, string]> | null;
  if (sends) {
    checkpoint.channel_values[TASKS] = sends.map(([type, blob]) => decode(type, bytes(blob)));
    checkpoint.channel_versions[TASKS] = newest(Object.values(checkpoint.channel_versions));
  }
  const pendingWrites = ((json(row.writes) ?? []) as Array<[string, string, string | null, string]>).map(([task, channel, type, blob]): [string, string, unknown] => {
    // Only a resume's answers are counted; other values are never decoded (their type is checked all the same).
    const value = channel === "__resume__" ? decode(type, bytes(blob)) : (decode(type, "null"), undefined);
    return [String(task), String(channel), value];
  });
  const metadata = (json(row.metadata) ?? undefined) as CheckpointRecord["metadata"];
  return { threadId: String(row.thread_id), ns: String(row.checkpoint_ns), checkpoint, metadata, pendingWrites };
}

/** A pg or network error as a one-line {@link UserError}, with any secret of the URL masked. */
function userError(error: unknown, url: string, label: string, schema: string, connecting: boolean): UserError {
  if (isUserError(error)) return error;
  const { code, reason, database } = pgFailure(error, url, label);
  if (code === "28P01" || code === "28000") return new UserError("threads-auth", `${label}: authentication failed (${reason})`);
  if (code === "42501") return new UserError("threads-auth", `${label}: not allowed to read (${reason})`);
  if (code === "3D000") return new UserError("threads-missing", `${label}: no database "${database}"`);
  if (code === "3F000") return new UserError("threads-schema", `${label}: no schema "${schema}"; ${NOT_OURS}`);
  if (code === "42P01") return new UserError("threads-schema", `${label}: ${reason}; ${NOT_OURS}`);
  if (connecting || connectionLost(code, reason)) {
    return new UserError("threads-unreachable", `${label}: cannot connect (${reason})`);
  }
  return new UserError("threads-unreadable", `${label}: cannot read (${reason})`);
}

export async function postgresSource(url: string, schema: string, label: string): Promise<ThreadSource> {
  schema ||= "public";
  const pg = loadPg(label);
  const s = `"${schema.replace(/"/g, '""')}"`;
  const fail = (error: unknown, connecting = false) => userError(error, url, label, schema, connecting);
  let client: Client | undefined;
  try {
    client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    // A connection lost while idle is reported by the next query; without a listener it would crash the process.
    client.on("error", () => {});
    await client.connect();
  } catch (error) {
    await client?.end().catch(() => {});
    throw fail(error, true);
  }
  const db = client;
  try {
    await db.query("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const found = await db.query("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", [schema]);
    if (found.rows.length === 0) throw new UserError("threads-schema", `${label}: no schema "${schema}"; ${NOT_OURS}`);
    const tables = await db.query(
      "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = ANY($2) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
      [schema, TABLES],
    );
    const names = tables.rows.map((r) => r.relname);
    const missing = TABLES.find((table) => !names.includes(table));
    if (missing) throw new UserError("threads-schema", `${label}: no table ${missing} in schema "${schema}"; ${NOT_OURS}`);
    const any = await db.query(`SELECT 1 FROM ${s}.checkpoints LIMIT 1`);
    if (any.rows.length === 0) throw new UserError("threads-empty", `${label}: no threads stored`);
  } catch (error) {
    await db.end().catch(() => {});
    throw fail(error);
  }
  let cursors = 0;
  let closed = false;
  return {
    label,
    async *threads(): AsyncIterable<StoredThread> {
      const cursor = `lgc_threads_${++cursors}`;
      let current: StoredThread | undefined;
      try {
        await db.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${latest(s)}`);
        for (;;) {
          const { rows } = await db.query(`FETCH ${BATCH} FROM ${cursor}`);
          for (const row of rows) {
            const threadId = String(row.thread_id);
            if (current && current.threadId !== threadId) yield current;
            if (!current || current.threadId !== threadId) current = { threadId, records: new Map() };
            if (current.unreadable) continue;
            try {
              const record = toRecord(row);
              current.records.set(record.ns, record);
            } catch (error) {
              if (!(error instanceof Unreadable)) throw error;
              current.unreadable = error.message;
              current.records.clear();
            }
          }
          if (rows.length < BATCH) break;
        }
      } catch (error) {
        throw fail(error);
      } finally {
        await db.query(`CLOSE ${cursor}`).catch(() => {});
      }
      if (current) yield current;
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.query("ROLLBACK").catch(() => {});
      await db.end().catch(() => {});
    },
  };
}
