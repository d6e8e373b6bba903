/**
 * The Postgres source against a real server and the real `PostgresSaver`: threads of random graphs stored by
 * the saver read the same as through the saver's own API, a role with nothing but SELECT reads them all, and
 * bad input gives one-line errors without the password. Each run works in a fresh database of its own, on the
 * machine's server (127.0.0.1:5432) or else a throwaway cluster from the local binaries; with neither the
 * suite is skipped with the reason printed, unless LGC_REQUIRE_POSTGRES=1 makes it fail instead.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import pg from "pg";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { Send } from "@langchain/langgraph";
import { isUserError } from "@langgraph-compat/snapshot";
import { positionOf } from "@langgraph-compat/threads";
import { postgresSource } from "../src/sources/postgres.js";
import { redact } from "../src/url.js";
import type { StoredThread, ThreadSource } from "../src/source.js";
import { driveThread, randomGraph, toSnapshot } from "../../runtime/test/static-graphs-real.js";
import { recordsOf, type SaverApi } from "./real-records.js";
import { dropDatabase, postgresForTests } from "./postgres-server.js";

const { server, suite, address: SERVER, sql } = await postgresForTests("postgres.test.ts");

const suffix = randomBytes(6).toString("hex");
const DB = `lgc_test_${suffix}`;
const READER = `lgc_reader_${suffix}`;
const SCHEMA = "lgc_test";
const url = (user = "postgres", db = DB, password = "") => `postgres://${user}${password ? `:${password}` : ""}@${SERVER}/${db}`;

async function allThreads(source: ThreadSource): Promise<Map<string, StoredThread>> {
  const threads = new Map<string, StoredThread>();
  for await (const thread of source.threads()) {
    expect(threads.has(thread.threadId), `${thread.threadId} yielded once`).toBe(false);
    threads.set(thread.threadId, thread);
  }
  return threads;
}

/** The UserError `postgresSource` rejects with, checked to be one line that never shows the password. */
async function failure(target: string, schema = "public", password = "s3cret"): Promise<{ code: string; message: string }> {
  const error = await postgresSource(target, schema, redact(target)).then(
    async (source) => (await source.close(), undefined),
    (e: unknown) => e,
  );
  expect(isUserError(error), String(error)).toBe(true);
  const { code, message } = error as { code: string; message: string };
  expect(message).not.toContain(password);
  expect(message).not.toContain("\n");
  expect(message.startsWith(redact(target))).toBe(true);
  return { code, message };
}

suite("threads stored by the real PostgresSaver", () => {
  const savers: PostgresSaver[] = [];
  const saverOf = async (schema: string) => {
    const saver = PostgresSaver.fromConnString(url(), { schema });
    await saver.setup();
    savers.push(saver);
    return saver;
  };
  const stored = new Map<string, ReturnType<typeof toSnapshot>>();
  let saver: PostgresSaver;

  beforeAll(async () => {
    await sql("postgres", `CREATE DATABASE ${DB}`);
    await sql("postgres", `CREATE ROLE ${READER} LOGIN`);
    saver = await saverOf(SCHEMA);
    for (let seed = 1; seed <= 20; seed++) {
      const desc = randomGraph(seed);
      const snapshot = toSnapshot(desc);
      for (const thread of [1, 2]) {
        await driveThread(desc, snapshot, seed * 10 + thread, 8, 0.1, undefined, saver);
        stored.set(`t${seed * 10 + thread}`, snapshot);
      }
    }
    // The reader may connect and read the saver's tables, nothing more (not even what PUBLIC gets by default).
    for (const grant of [
      `REVOKE ALL ON DATABASE ${DB} FROM PUBLIC`,
      `GRANT CONNECT ON DATABASE ${DB} TO ${READER}`,
      `GRANT USAGE ON SCHEMA ${SCHEMA} TO ${READER}`,
      `GRANT SELECT ON ALL TABLES IN SCHEMA ${SCHEMA} TO ${READER}`,
    ])
      await sql(DB, grant);
  }, 240_000);

  afterAll(async () => {
    for (const s of savers) await s.end();
    if ("skip" in server) return;
    await sql(DB, `DROP OWNED BY ${READER}`).catch(() => {});
    await dropDatabase(SERVER, DB);
    await sql("postgres", `DROP ROLE IF EXISTS ${READER}`);
    server.stop();
  });

  it("read the positions the saver's own API gives, for every stored thread", async () => {
    const source = await postgresSource(url(), SCHEMA, redact(url()));
    const threads = await allThreads(source);
    await source.close();
    expect([...threads.keys()].sort()).toEqual([...stored.keys()].sort());
    const kinds = new Set<string>();
    for (const [threadId, snapshot] of stored) {
      const thread = threads.get(threadId)!;
      expect(thread.unreadable, threadId).toBeUndefined();
      const expected = await recordsOf(saver as unknown as SaverApi, threadId);
      expect([...thread.records.keys()].sort(), threadId).toEqual([...expected.keys()].sort());
      for (const [ns, record] of thread.records) {
        const real = expected.get(ns)!;
        expect(record.checkpoint.id, `${threadId} ${ns}`).toBe(real.checkpoint.id);
        expect(record.checkpoint.channel_versions).toEqual(real.checkpoint.channel_versions);
        expect(record.checkpoint.versions_seen).toEqual(real.checkpoint.versions_seen);
        expect(Object.keys(record.checkpoint.channel_values).sort()).toEqual(Object.keys(real.checkpoint.channel_values).sort());
        expect(record.metadata).toEqual(real.metadata);
        expect(record.pendingWrites.map(([t, c, v]) => [t, c, c === "__resume__" ? v : undefined])).toEqual(
          real.pendingWrites.map(([t, c, v]) => [t, c, c === "__resume__" ? v : undefined]),
        );
      }
      const read = positionOf(thread.records.get(""), snapshot, (ns) => thread.records.get(ns));
      expect(read, threadId).toEqual(positionOf(expected.get(""), snapshot, (ns) => expected.get(ns)));
      if (read.pausedIn.length > 0) kinds.add("interrupt");
      if (read.sends.length > 0) kinds.add("send");
      if (Object.keys(read.subgraphs).length > 0) kinds.add("subgraph");
      if (read.pausedIn.length === 0 && read.pending.length === 0) kinds.add("finished");
    }
    expect([...kinds].sort()).toEqual(["finished", "interrupt", "send", "subgraph"]);
  });

  it("need nothing but CONNECT, USAGE and SELECT", async () => {
    const target = url(READER, DB, "fakepw");
    const source = await postgresSource(target, SCHEMA, redact(target));
    expect(source.label).not.toContain("fakepw");
    const threads = await allThreads(source);
    await source.close();
    expect([...threads.keys()].sort()).toEqual([...stored.keys()].sort());
    expect([...threads.values()].filter((t) => t.unreadable || t.records.size === 0)).toEqual([]);
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      await expect(client.query(`INSERT INTO ${SCHEMA}.checkpoint_migrations (v) VALUES (999)`)).rejects.toMatchObject({ code: "42501" });
      await expect(client.query(`CREATE TEMP TABLE lgc_scratch (x int)`)).rejects.toMatchObject({ code: "42501" });
    } finally {
      await client.end();
    }
  });

  it("report a thread they cannot decode as unreadable, and read the Sends of old-format checkpoints", async () => {
    const old = await saverOf("lgc_odd");
    const [sendType, sendBlob] = await (old as unknown as { serde: { dumpsTyped(v: unknown): Promise<[string, Uint8Array]> } }).serde.dumpsTyped(new Send("a", {}));
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    const put = (thread: string, id: string, parent: string | null, checkpoint: object) =>
      client.query(`INSERT INTO lgc_odd.checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint, metadata) VALUES ($1, '', $2, $3, $4, '{"step": 1}')`, [
        thread,
        id,
        parent,
        checkpoint,
      ]);
    const base = { ts: "2025-01-01T00:00:00.000Z", versions_seen: {} };
    try {
      await put("newer", "1", null, { ...base, v: 99, id: "1", channel_versions: {} });
      await put("alien", "1", null, { ...base, v: 4, id: "1", channel_versions: { k0: 1 } });
      await client.query(`INSERT INTO lgc_odd.checkpoint_blobs VALUES ('alien', '', 'k0', '1', 'msgpack', '\\x80')`);
      await put("old", "1", null, { ...base, v: 1, id: "1", channel_versions: { k0: 1 } });
      await put("old", "2", "1", { ...base, v: 1, id: "2", channel_versions: { k0: 2, k1: 1 } });
      await client.query(`INSERT INTO lgc_odd.checkpoint_blobs VALUES ('old', '', 'k0', '2', 'json', $1), ('old', '', 'k1', '1', 'empty', NULL)`, [Buffer.from('["x"]')]);
      await client.query(`INSERT INTO lgc_odd.checkpoint_writes VALUES ('old', '', '1', 'task', 0, '__pregel_tasks', $1, $2)`, [sendType, Buffer.from(sendBlob)]);
    } finally {
      await client.end();
    }
    const source = await postgresSource(url(), "lgc_odd", redact(url()));
    const threads = await allThreads(source);
    await source.close();
    expect(threads.get("newer")).toEqual({ threadId: "newer", records: new Map(), unreadable: "checkpoint format v99, newer than v4" });
    expect(threads.get("alien")).toEqual({ threadId: "alien", records: new Map(), unreadable: 'unknown serializer type "msgpack"' });
    const record = threads.get("old")!.records.get("")!;
    const real = (await recordsOf(old as unknown as SaverApi, "old")).get("")!;
    expect(record.checkpoint.channel_versions).toEqual(real.checkpoint.channel_versions);
    expect(record.checkpoint.channel_versions.__pregel_tasks).toBe(2);
    expect(record.checkpoint.channel_values.k0).toEqual(["x"]);
    expect(Object.keys(record.checkpoint.channel_values).sort()).toEqual(["__pregel_tasks", "k0"]);
    const tasks = record.checkpoint.channel_values.__pregel_tasks as Array<{ node?: string; kwargs?: { node?: string } }>;
    expect(tasks.map((t) => t.node ?? t.kwargs?.node)).toEqual(["a"]);
  });

  it("refuse bad input in one line, the password never shown", async () => {
    const unreachable = await failure(`postgres://postgres:s3cret@127.0.0.1:1/${DB}`);
    expect(unreachable.code).toBe("threads-unreachable");
    expect(unreachable.message).toMatch(/: cannot connect \(.*ECONNREFUSED/);
    expect(await failure(url(`nobody_${suffix}`, DB, "s3cret"))).toMatchObject({ code: "threads-auth" });
    expect(await failure(url("postgres", `nodb_${suffix}`, "s3cret"))).toEqual({
      code: "threads-missing",
      message: `postgres://postgres:***@${SERVER}/nodb_${suffix}: no database "nodb_${suffix}"`,
    });
    const target = url("postgres", DB, "s3cret");
    const label = redact(target);
    const not = "not a database written by @langchain/langgraph-checkpoint-postgres 1.x (its setup() creates it)";
    expect(await failure(target, "nope")).toEqual({ code: "threads-schema", message: `${label}: no schema "nope"; ${not}` });
    await sql(DB, `CREATE SCHEMA lgc_bare`);
    expect(await failure(target, "lgc_bare")).toEqual({ code: "threads-schema", message: `${label}: no table checkpoints in schema "lgc_bare"; ${not}` });
    await saverOf("lgc_fresh");
    expect(await failure(target, "lgc_fresh")).toEqual({ code: "threads-empty", message: `${label}: no threads stored` });
    const denied = await failure(url(READER, DB, "s3cret"), "lgc_fresh");
    expect(denied.code).toBe("threads-auth");
    expect(denied.message).toContain("not allowed to read (permission denied for schema lgc_fresh)");
  });
});
