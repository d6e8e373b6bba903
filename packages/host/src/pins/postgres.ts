/**
 * The pin store of many processes on one Postgres database (pg 8, an optional peer), kept consistent by the
 * database's own locks alone: `update` and `retire` lock the graph's state row (`SELECT … FOR UPDATE`), and a
 * thread lock is a session-level advisory lock held on a connection of its own for as long as its function
 * runs. When a process dies its connections drop, and the server releases its locks and rolls back its
 * open transaction; nothing is left to clean up.
 */
import { createHash } from "node:crypto";
import { UserError } from "@langgraph-compat/snapshot";
import { KeyedQueue, copy, defined, rowLimit, threadKey } from "./common.js";
import { Db, labelOf, loadPg, postgresError, type DbClient, type DbPool } from "./postgres-driver.js";
import type { AuditEntry, HostState, PinRow, PinStore, LockOptions, StateChange, ThreadView, VersionRow } from "./types.js";

export interface PostgresPinStoreOptions {
  /** `postgres://user:password@host:port/database` (a `schema` parameter in it is ignored: use `schema`). */
  connectionString: string;
  /** The schema of the tables, created by `migrate()`; "public" by default. */
  schema?: string;
  /**
   * Connections of each of the store's two pools (10 by default): one runs queries and transactions, the
   * other holds the thread locks (one connection per lock held or awaited; more callers wait in the process, and
   * each takes over the connection of a holder that is done).
   */
  poolSize?: number;
  /**
   * Commit the pins a thread's lock holder writes without waiting for the disk (`synchronous_commit = off` on
   * the lock connections, which write them). Safe when the checkpointer writes to the same PostgreSQL server:
   * a run commits its checkpoints synchronously after its pin, and that flushes the pin's commit too, so a crash
   * loses only a pin no checkpoint depends on (that thread is decided again on its next call). Off by default.
   */
  pinsCommitWithCheckpoints?: boolean;
}

/** The first key of every advisory lock this store takes ("lgc\0"), which keeps them apart from other applications' locks. */
export const LOCK_NAMESPACE = 0x6c676300;

/** The two keys of the advisory lock of one thread: {@link LOCK_NAMESPACE} and 32 bits of a hash of schema, graph and thread. */
export function threadLockKeys(schema: string, graphId: string, threadId: string): [number, number] {
  return [LOCK_NAMESPACE, createHash("sha256").update(JSON.stringify([schema, graphId, threadId])).digest().readInt32BE(0)];
}

const TABLES = ["lgc_host_versions", "lgc_host_state", "lgc_host_pins", "lgc_host_audit"];
const schemaSql = (s: string) => `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.lgc_host_state (graph_id text PRIMARY KEY, state jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS ${s}.lgc_host_versions (
  graph_id text NOT NULL, id text NOT NULL, label text, hash text, deployed_at timestamptz NOT NULL, ord integer NOT NULL, retired_at timestamptz,
  PRIMARY KEY (graph_id, id), UNIQUE (graph_id, ord));
CREATE TABLE IF NOT EXISTS ${s}.lgc_host_pins (
  graph_id text NOT NULL, thread_id text NOT NULL, version text NOT NULL, reason jsonb NOT NULL, updated_at timestamptz NOT NULL,
  PRIMARY KEY (graph_id, thread_id));
CREATE TABLE IF NOT EXISTS ${s}.lgc_host_audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, graph_id text NOT NULL, at timestamptz NOT NULL, action text NOT NULL,
  version text, detail jsonb, actor text);
CREATE INDEX IF NOT EXISTS lgc_host_audit_graph ON ${s}.lgc_host_audit (graph_id, id);
${lockFunction(s)}`;

/**
 * What a lock holder does first, in one call (one round trip, its plans cached by the session): let go of the lock
 * the connection's last holder left (when given), take the thread's advisory lock (waiting for it, or with
 * `try_only` giving up at once, \`locked\` false, when another session holds it), adopt the
 * thread when asked (the newest version when it has no row and no canary runs: \`adoptionVersion\`, in SQL), then
 * read state and pin. A VOLATILE function, so each statement reads with a snapshot taken when it starts: the read
 * sees whatever the lock's last holder wrote.
 */
const lockFunction = (s: string) => `
CREATE OR REPLACE FUNCTION ${s}.lgc_host_lock(release_a integer, release_b integer, lock_a integer, lock_b integer, graph text, thread text, adopt_at timestamptz,
  try_only boolean, OUT released boolean, OUT locked boolean, OUT state jsonb, OUT thread_id text, OUT version text, OUT reason jsonb, OUT updated_at timestamptz)
LANGUAGE plpgsql VOLATILE AS $lock$
BEGIN
  IF release_b IS NOT NULL THEN
    released := pg_advisory_unlock(release_a, release_b);
  END IF;
  IF try_only THEN
    locked := pg_try_advisory_lock(lock_a, lock_b);
    IF NOT locked THEN
      RETURN;
    END IF;
  ELSE
    PERFORM pg_advisory_lock(lock_a, lock_b);
    locked := true;
  END IF;
  SELECT h.state INTO state FROM ${s}.lgc_host_state AS h WHERE h.graph_id = graph;
  SELECT p.thread_id, p.version, p.reason, p.updated_at INTO thread_id, version, reason, updated_at
    FROM ${s}.lgc_host_pins AS p WHERE p.graph_id = graph AND p.thread_id = thread;
  IF NOT FOUND AND adopt_at IS NOT NULL AND jsonb_array_length(state->'heads') > 0 AND COALESCE(state->'canary', 'null') = 'null' THEN
    INSERT INTO ${s}.lgc_host_pins AS p (graph_id, thread_id, version, reason, updated_at) VALUES (graph, thread, state->'heads'->>-1, '[]', adopt_at)
    ON CONFLICT ON CONSTRAINT lgc_host_pins_pkey DO NOTHING
    RETURNING p.thread_id, p.version, p.reason, p.updated_at INTO thread_id, version, reason, updated_at;
  END IF;
END
$lock$;`;

/** A lock connection, and the keys of the lock its last holder left for the next holder's round trip to release first. */
interface Handoff {
  db: Db;
  unlock?: [number, number];
}

const iso = (value: unknown): string | undefined => (value instanceof Date ? value.toISOString() : value == null ? undefined : String(value));

/** Pins, versions, state and audit of any number of graphs in one schema of a Postgres database, shared by any number of processes. */
export class PostgresPinStore implements PinStore {
  readonly label: string;
  readonly schema: string;
  private readonly s: string;
  private readonly pool: DbPool;
  private readonly lockPool: DbPool;
  private readonly local = new KeyedQueue();
  /** The lock connection of each thread whose lock this store holds: its pin reads and writes go there. */
  private readonly holding = new Map<string, Db>();
  private readonly lockPoolSize: number;
  /** Lock connections out of the lock pool (at most its size), and the callers waiting for one to be handed over. */
  private lockConnections = 0;
  private readonly lockWaiters: Array<{ take: (handoff: Handoff) => void; fail: (error: unknown) => void }> = [];
  /** Unlocks on their way, which close() waits for. */
  private readonly unlocking = new Set<Promise<void>>();
  private readonly fail: (error: unknown, connecting?: boolean) => UserError;

  constructor(options: PostgresPinStoreOptions) {
    this.schema = options.schema || "public";
    this.s = `"${this.schema.replace(/"/g, '""')}"`;
    this.label = labelOf(options.connectionString, this.schema);
    const target = { label: this.label, url: options.connectionString, schema: this.schema };
    this.fail = (error, connecting) => postgresError(error, target, connecting);
    const pg = loadPg(this.label);
    this.lockPoolSize = options.poolSize ?? 10;
    const config = { connectionString: options.connectionString, max: this.lockPoolSize };
    this.pool = pg.pool(config);
    this.lockPool = pg.pool(options.pinsCommitWithCheckpoints ? { ...config, options: "-c synchronous_commit=off" } : config);
  }

  /** Creates the schema, the tables and the index when missing; under an advisory lock, so that two deploys may run it at once. */
  async migrate(): Promise<void> {
    await this.atomically(async (db) => {
      await db.query("SELECT pg_advisory_xact_lock($1, $2)", threadLockKeys(this.schema, "", "migrate"));
      await db.query(schemaSql(this.s));
    });
  }

  async check(): Promise<void> {
    const { rows } = await this.query(
      "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = ANY($2) AND c.relkind IN ('r', 'p')",
      [this.schema, TABLES],
    );
    const missing = TABLES.find((table) => !rows.some((row) => row.relname === table));
    if (missing) throw new UserError("pins-not-migrated", `${this.label}: no table ${this.s}.${missing}; run langgraph-compat host migrate ${this.label}`);
    const { rows: functions } = await this.query(
      "SELECT 1 FROM pg_catalog.pg_proc f JOIN pg_catalog.pg_namespace n ON n.oid = f.pronamespace WHERE n.nspname = $1 AND f.proname = 'lgc_host_lock'",
      [this.schema],
    );
    // a schema migrated by a version of the store from before the function
    if (functions.length === 0) throw new UserError("pins-not-migrated", `${this.label}: no function ${this.s}.lgc_host_lock; run langgraph-compat host migrate ${this.label}`);
  }

  async graphs(): Promise<string[]> {
    const { rows } = await this.query(
      `SELECT graph_id FROM (SELECT graph_id FROM ${this.s}.lgc_host_state WHERE jsonb_array_length(state->'heads') > 0 UNION SELECT graph_id FROM ${this.s}.lgc_host_versions
       UNION SELECT graph_id FROM ${this.s}.lgc_host_pins UNION SELECT graph_id FROM ${this.s}.lgc_host_audit) held ORDER BY graph_id COLLATE "C"`,
      [],
    );
    return rows.map((row) => String(row.graph_id));
  }

  async state(graphId: string): Promise<HostState> {
    const { rows } = await this.query(`SELECT state FROM ${this.s}.lgc_host_state WHERE graph_id = $1`, [graphId]);
    return (rows[0]?.state as HostState | undefined) ?? { heads: [] };
  }

  /** One transaction holding the graph's state row `FOR UPDATE` while `fn` runs, so that no other process's update interleaves. */
  update(graphId: string, fn: (state: HostState) => Promise<StateChange> | StateChange): Promise<HostState> {
    return this.transaction(graphId, async (db, state) => {
      const change = copy(await fn(state));
      await db.query(`UPDATE ${this.s}.lgc_host_state SET state = $2, updated_at = now() WHERE graph_id = $1`, [graphId, JSON.stringify(change.state)]);
      for (const v of change.versions ?? []) {
        await db.query(
          `INSERT INTO ${this.s}.lgc_host_versions (graph_id, id, label, hash, deployed_at, ord)
           VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(MAX(ord) + 1, 0) FROM ${this.s}.lgc_host_versions WHERE graph_id = $1))
           ON CONFLICT (graph_id, id) DO UPDATE SET retired_at = NULL`,
          [graphId, v.id, v.label ?? null, v.hash ?? null, v.deployedAt],
        );
      }
      for (const entry of change.audit ?? []) await this.insertAudit(db, graphId, entry);
      return change.state;
    });
  }

  async versions(graphId: string): Promise<VersionRow[]> {
    const { rows } = await this.query(`SELECT id, label, hash, deployed_at, ord, retired_at FROM ${this.s}.lgc_host_versions WHERE graph_id = $1 ORDER BY ord`, [graphId]);
    return rows.map((r) => defined({ id: String(r.id), label: r.label, hash: r.hash, deployedAt: iso(r.deployed_at), order: Number(r.ord), retiredAt: iso(r.retired_at) }) as VersionRow);
  }

  async retire(graphId: string, versionIds: string[], by?: string): Promise<void> {
    await this.transaction(graphId, async (db) => {
      const at = new Date().toISOString();
      const { rows } = await db.query(
        `UPDATE ${this.s}.lgc_host_versions SET retired_at = $3 WHERE graph_id = $1 AND id = ANY($2) AND retired_at IS NULL RETURNING id, ord`,
        [graphId, versionIds, at],
      );
      rows.sort((a, b) => versionIds.indexOf(String(a.id)) - versionIds.indexOf(String(b.id)));
      for (const row of rows) await this.insertAudit(db, graphId, { at, action: "retire", version: String(row.id), by });
    });
  }

  async pin(graphId: string, threadId: string): Promise<PinRow | undefined> {
    const { rows } = await this.onThread(graphId, threadId, `SELECT thread_id, version, reason, updated_at FROM ${this.s}.lgc_host_pins WHERE graph_id = $1 AND thread_id = $2`, [graphId, threadId]);
    return rows[0] && toPin(rows[0]);
  }

  async thread(graphId: string, threadId: string): Promise<ThreadView> {
    return toView((await this.onThread(graphId, threadId, this.viewSql(), [graphId, threadId])).rows[0]!);
  }

  /** The query of {@link thread}. */
  private viewSql(): string {
    return `SELECT (SELECT state FROM ${this.s}.lgc_host_state WHERE graph_id = $1) AS state, p.thread_id, p.version, p.reason, p.updated_at
       FROM (SELECT 1) AS one LEFT JOIN ${this.s}.lgc_host_pins AS p ON p.graph_id = $1 AND p.thread_id = $2`;
  }

  /** One simple-protocol statement, values as literals: a single message to the server. */
  async setPin(graphId: string, row: PinRow): Promise<void> {
    const values = [graphId, row.threadId, row.version, JSON.stringify(row.reason), row.updatedAt].map(literal).join(", ");
    await this.onThread(
      graphId,
      row.threadId,
      `INSERT INTO ${this.s}.lgc_host_pins (graph_id, thread_id, version, reason, updated_at) VALUES (${values})
       ON CONFLICT (graph_id, thread_id) DO UPDATE SET version = excluded.version, reason = excluded.reason, updated_at = excluded.updated_at`,
      [],
    );
  }

  async movePins(graphId: string, from: string[], to: string, at: string): Promise<number> {
    const { rows } = await this.query(
      `WITH moved AS (UPDATE ${this.s}.lgc_host_pins SET version = $3, reason = '[]', updated_at = $4 WHERE graph_id = $1 AND version = ANY($2) RETURNING 1) SELECT count(*)::int AS n FROM moved`,
      [graphId, from, to, at],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async pins(graphId: string): Promise<PinRow[]> {
    const { rows } = await this.query(`SELECT thread_id, version, reason, updated_at FROM ${this.s}.lgc_host_pins WHERE graph_id = $1 ORDER BY thread_id COLLATE "C"`, [graphId]);
    return rows.map(toPin);
  }

  /**
   * `pg_advisory_lock` on a connection of the lock pool, held while `fn` runs and unlocked after it settles;
   * a connection that fails to unlock is destroyed, never reused, so the server drops its lock. Callers in
   * this process queue in the process until fn settles, so at most one of them waits at the server for the
   * lock (or two, while the last holder's unlock is on its way). The lock
   * is only as safe as its connection: if the connection is lost while `fn` runs, the lock is lost with it.
   * Not reentrant.
   *
   * One round trip takes the lock, adopts the thread (`adoptAt`) and reads state and pin. When every lock
   * connection is busy and callers wait, a holder that is done hands its connection straight to the next one,
   * whose round trip begins with the unlock: the lock is let go a moment later, and no round trip of its own.
   */
  withThreadLock<T>(graphId: string, threadId: string, fn: (now: ThreadView) => Promise<T>, options: LockOptions = {}): Promise<T> {
    return this.hold(graphId, threadId, fn, options.adoptAt, false).then((held) => (held as { value: T }).value);
  }

  /**
   * Takes the lock only when no session holds it. A caller of this process that holds it, or waits for it, is seen
   * without asking the server.
   */
  ifThreadFree<T>(graphId: string, threadId: string, fn: (now: ThreadView) => Promise<T>): Promise<{ held: true; value: T } | { held: false }> {
    if (this.local.busy(threadKey(graphId, threadId))) return Promise.resolve({ held: false });
    return this.hold(graphId, threadId, fn, undefined, true);
  }

  /**
   * withThreadLock, or with `tryOnly` ifThreadFree. Callers in this process queue per thread until fn settles; the
   * unlock then follows on its own (a next caller of this process may already ask the server, which grants the
   * lock once the unlock arrives; one in another process waits for the server the same way).
   */
  private hold<T>(graphId: string, threadId: string, fn: (now: ThreadView) => Promise<T>, adoptAt: string | undefined, tryOnly: boolean): Promise<{ held: true; value: T } | { held: false }> {
    const key = threadKey(graphId, threadId);
    return this.local.run(key, async () => {
      const { db, unlock } = await this.lockConnection();
      const keys = threadLockKeys(this.schema, graphId, threadId);
      let row: Record<string, unknown>;
      try {
        [row] = (await db.prepared("lgc_host_lock", `SELECT * FROM ${this.s}.lgc_host_lock($1, $2, $3, $4, $5, $6, $7, $8)`, [...(unlock ?? [null, null]), ...keys, graphId, threadId, adoptAt ?? null, tryOnly])).rows as [Record<string, unknown>];
        if (unlock !== undefined && row.released !== true) db.broken = true; // dropped when this holder is done
      } catch (error) {
        db.broken = true; // the lock may be held while the read failed: the connection is closed, not reused
        this.letGo(db);
        throw error;
      }
      if (row.locked !== true) {
        // Held by another session: nothing of ours is locked on this connection.
        this.letGo(db);
        return { held: false };
      }
      this.holding.set(key, db);
      try {
        return { held: true, value: await fn(toView(row)) };
      } finally {
        this.holding.delete(key);
        this.unlock(db, keys);
      }
    });
  }

  /**
   * Lets go of a thread's lock: by handing the connection to a caller waiting for one, whose lock call releases it
   * first, or else by an unlock of its own, which close() waits for. A connection that cannot say it released the
   * lock is destroyed, so the server drops it.
   */
  private unlock(db: Db, keys: [number, number]): void {
    const next = db.broken ? undefined : this.lockWaiters.shift();
    if (next) return next.take({ db, unlock: keys });
    const done = db
      .prepared("lgc_host_unlock", "SELECT pg_advisory_unlock($1, $2) AS released", keys)
      .then(
        (unlocked) => unlocked.rows[0]?.released === true,
        () => false,
      )
      .then((released) => {
        if (!released) db.broken = true;
        this.letGo(db);
      });
    this.unlocking.add(done);
    void done.then(() => this.unlocking.delete(done));
  }

  /** A lock connection: a new one while fewer than the pool's size are out, else the next one a holder hands over (with its unlock). */
  private lockConnection(): Promise<Handoff> {
    if (this.lockConnections >= this.lockPoolSize) return new Promise((take, fail) => this.lockWaiters.push({ take, fail }));
    this.lockConnections++;
    return this.lockPool.connect().then(
      (client) => ({ db: new Db(client, this.fail) }),
      (error: unknown) => {
        this.lockConnections--;
        this.serveWaiter();
        throw this.fail(error, true);
      },
    );
  }

  /** Gives a lock connection back to the pool (destroyed when broken); a caller waiting for one then gets a connection of its own. */
  private letGo(db: Db): void {
    db.release();
    this.lockConnections--;
    this.serveWaiter();
  }

  private serveWaiter(): void {
    const waiter = this.lockWaiters.shift();
    if (waiter) this.lockConnection().then(waiter.take, waiter.fail);
  }

  async audit(graphId: string, limit?: number): Promise<AuditEntry[]> {
    const { rows } = await this.query(
      `SELECT * FROM (SELECT id, at, action, version, detail, actor FROM ${this.s}.lgc_host_audit WHERE graph_id = $1 ORDER BY id DESC LIMIT $2) last ORDER BY id`,
      [graphId, rowLimit(limit) ?? null],
    );
    return rows.map((r) => defined({ at: iso(r.at), action: r.action, version: r.version, detail: r.detail, by: r.actor }) as AuditEntry);
  }

  async close(): Promise<void> {
    await Promise.all([...this.unlocking]);
    await Promise.all([this.pool.end(), this.lockPool.end()]);
  }

  private async insertAudit(db: Db, graphId: string, entry: AuditEntry): Promise<void> {
    await db.query(`INSERT INTO ${this.s}.lgc_host_audit (graph_id, at, action, version, detail, actor) VALUES ($1, $2, $3, $4, $5, $6)`, [
      graphId,
      entry.at,
      entry.action,
      entry.version ?? null,
      entry.detail === undefined ? null : JSON.stringify(entry.detail),
      entry.by ?? null,
    ]);
  }

  /**
   * `body` in one transaction that first locks the graph's state row (inserting an empty one if there is
   * none, so there is always a row to lock). Updates of one graph in this process queue in the process, so
   * they hold one connection, not one each.
   */
  private transaction<T>(graphId: string, body: (db: Db, state: HostState) => Promise<T>): Promise<T> {
    return this.local.run(JSON.stringify([graphId]), () =>
      this.atomically(async (db) => {
        await db.query(`INSERT INTO ${this.s}.lgc_host_state (graph_id, state) VALUES ($1, '{"heads": []}') ON CONFLICT (graph_id) DO NOTHING`, [graphId]);
        const { rows } = await db.query(`SELECT state FROM ${this.s}.lgc_host_state WHERE graph_id = $1 FOR UPDATE`, [graphId]);
        return body(db, rows[0]!.state as HostState);
      }),
    );
  }

  /** `body` between BEGIN and COMMIT; ROLLBACK when anything throws (a connection that cannot roll back is destroyed). */
  private atomically<T>(body: (db: Db) => Promise<T>): Promise<T> {
    return this.withClient(this.pool, async (db) => {
      // Read committed whatever the server's default: a row lock then waits for the holder instead of failing.
      await db.query("BEGIN ISOLATION LEVEL READ COMMITTED");
      try {
        const result = await body(db);
        await db.query("COMMIT");
        return result;
      } catch (error) {
        await db.query("ROLLBACK").catch(() => (db.broken = true));
        throw error;
      }
    });
  }

  /** On the thread's lock connection while this store holds its lock (no second connection, and its commit setting), else on the pool. */
  private onThread(graphId: string, threadId: string, sql: string, params: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }> {
    const held = this.holding.get(threadKey(graphId, threadId));
    return held ? held.query(sql, params) : this.query(sql, params);
  }

  private async query(sql: string, params: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }> {
    return this.withClient(this.pool, (db) => db.query(sql, params));
  }

  /** A connection of `pool` for `body`, given back after it, or destroyed when it failed; database errors as one-line {@link UserError}s. */
  private async withClient<T>(pool: DbPool, body: (db: Db) => Promise<T>): Promise<T> {
    let client: DbClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw this.fail(error, true);
    }
    const db = new Db(client, this.fail);
    try {
      return await body(db);
    } finally {
      db.release();
    }
  }
}

/** A SQL string literal, in the escape form `E'…'` so it reads the same whatever `standard_conforming_strings` says. */
function literal(text: string): string {
  if (text.includes("\0")) throw new TypeError("an id cannot hold a NUL character in PostgreSQL");
  return `E'${text.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

function toView(row: Record<string, unknown>): ThreadView {
  const state = (row.state as HostState | null) ?? { heads: [] };
  return row.thread_id === null || row.thread_id === undefined ? { state } : { state, pin: toPin(row) };
}

function toPin(row: Record<string, unknown>): PinRow {
  return { threadId: String(row.thread_id), version: String(row.version), reason: row.reason as string[], updatedAt: iso(row.updated_at)! };
}
