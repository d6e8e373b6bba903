/**
 * The pin store of one process in an SQLite file (better-sqlite3 12, an optional peer). The thread locks are
 * in-process; so is the order of writes, since the store has one connection and a transaction spans an
 * await. Another process may read the file (the CLI, say) but must not serve the same graph.
 */
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { UserError, isUserError } from "@langgraph-compat/snapshot";
import { KeyedQueue, adopt, ifFree, copy, defined, emptyState, rowLimit, threadKey } from "./common.js";
import type { AuditEntry, HostState, PinRow, PinStore, LockOptions, StateChange, ThreadView, VersionRow } from "./types.js";

interface Statement {
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): Record<string, unknown> | undefined;
  all(...params: unknown[]): Array<Record<string, unknown>>;
}
interface Db {
  prepare(sql: string): Statement;
  exec(sql: string): unknown;
  close(): void;
  readonly inTransaction: boolean;
}
type Driver = new (path: string, options: object) => Db;

const TABLES = ["lgc_host_versions", "lgc_host_state", "lgc_host_pins", "lgc_host_audit"];
const SCHEMA = `
CREATE TABLE IF NOT EXISTS lgc_host_state (graph_id TEXT PRIMARY KEY, state TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lgc_host_versions (
  graph_id TEXT NOT NULL, id TEXT NOT NULL, label TEXT, hash TEXT, deployed_at TEXT NOT NULL, ord INTEGER NOT NULL, retired_at TEXT,
  PRIMARY KEY (graph_id, id), UNIQUE (graph_id, ord));
CREATE TABLE IF NOT EXISTS lgc_host_pins (
  graph_id TEXT NOT NULL, thread_id TEXT NOT NULL, version TEXT NOT NULL, reason TEXT NOT NULL, updated_at TEXT NOT NULL,
  PRIMARY KEY (graph_id, thread_id));
CREATE TABLE IF NOT EXISTS lgc_host_audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT, graph_id TEXT NOT NULL, at TEXT NOT NULL, action TEXT NOT NULL, version TEXT, detail TEXT, actor TEXT);
CREATE INDEX IF NOT EXISTS lgc_host_audit_graph ON lgc_host_audit (graph_id, id);`;

const INSERT_VERSION = `INSERT INTO lgc_host_versions (graph_id, id, label, hash, deployed_at, ord)
  VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(ord) + 1, 0) FROM lgc_host_versions WHERE graph_id = ?))
  ON CONFLICT (graph_id, id) DO UPDATE SET retired_at = NULL`;
const GRAPHS = `SELECT graph_id FROM lgc_host_state WHERE json_array_length(state, '$.heads') > 0
  UNION SELECT graph_id FROM lgc_host_versions UNION SELECT graph_id FROM lgc_host_pins UNION SELECT graph_id FROM lgc_host_audit ORDER BY graph_id`;
const INSERT_AUDIT = "INSERT INTO lgc_host_audit (graph_id, at, action, version, detail, actor) VALUES (?, ?, ?, ?, ?, ?)";

/** better-sqlite3, an optional peer: loaded from the user's project, or ours. */
function loadDriver(label: string): Driver {
  try {
    return createRequire(resolve("package.json"))("better-sqlite3");
  } catch {
    try {
      return createRequire(import.meta.url)("better-sqlite3");
    } catch {
      throw new UserError("dependency-missing", `${label}: an SQLite pin store needs better-sqlite3 12 in this project (npm i better-sqlite3@12)`);
    }
  }
}


/** Pins, versions, state and audit of any number of graphs in the SQLite file `path`, for one process. */
export class SqlitePinStore implements PinStore {
  readonly label: string;
  private db?: Db;
  private closed = false;
  private readonly statements = new Map<string, Statement>();
  private readonly writes = new KeyedQueue();
  private readonly locks = new KeyedQueue();

  /** @param path - the database file; only `migrate()` creates it. */
  constructor(readonly path: string) {
    this.label = path;
  }

  /** Creates the file, the tables and the index when missing. */
  async migrate(): Promise<void> {
    this.guard(() => this.open(true).exec(SCHEMA));
  }

  async check(): Promise<void> {
    const found = this.guard(() => this.sql(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (${TABLES.map(() => "?").join(", ")})`).all(...TABLES));
    const missing = TABLES.find((table) => !found.some((row) => row.name === table));
    if (missing) throw this.notMigrated(`no table ${missing}`);
  }

  async graphs(): Promise<string[]> {
    return this.guard(() => this.sql(GRAPHS).all()).map((row) => String(row.graph_id));
  }

  async state(graphId: string): Promise<HostState> {
    const row = this.guard(() => this.sql("SELECT state FROM lgc_host_state WHERE graph_id = ?").get(graphId));
    return row ? (JSON.parse(String(row.state)) as HostState) : emptyState();
  }

  /** In one `BEGIN IMMEDIATE` transaction, which holds the file's write lock while `fn` runs. */
  update(graphId: string, fn: (state: HostState) => Promise<StateChange> | StateChange): Promise<HostState> {
    return this.writes.run("", async () => {
      this.guard(() => this.open(false).exec("BEGIN IMMEDIATE"));
      try {
        const row = this.guard(() => this.sql("SELECT state FROM lgc_host_state WHERE graph_id = ?").get(graphId));
        const change = copy(await fn(row ? (JSON.parse(String(row.state)) as HostState) : emptyState()));
        this.guard(() => {
          const now = new Date().toISOString();
          this.sql("INSERT INTO lgc_host_state (graph_id, state, updated_at) VALUES (?, ?, ?) ON CONFLICT (graph_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at").run(
            graphId,
            JSON.stringify(change.state),
            now,
          );
          for (const v of change.versions ?? []) this.sql(INSERT_VERSION).run(graphId, v.id, v.label ?? null, v.hash ?? null, v.deployedAt, graphId);
          for (const a of change.audit ?? []) this.insertAudit(graphId, a);
          this.open(false).exec("COMMIT");
        });
        return change.state;
      } finally {
        if (this.db?.inTransaction) this.db.exec("ROLLBACK");
      }
    });
  }

  async versions(graphId: string): Promise<VersionRow[]> {
    const rows = this.guard(() => this.sql("SELECT id, label, hash, deployed_at, ord, retired_at FROM lgc_host_versions WHERE graph_id = ? ORDER BY ord").all(graphId));
    return rows.map((r) => defined({ id: String(r.id), label: r.label, hash: r.hash, deployedAt: String(r.deployed_at), order: Number(r.ord), retiredAt: r.retired_at }) as VersionRow);
  }

  retire(graphId: string, versionIds: string[], by?: string): Promise<void> {
    return this.writes.run("", () =>
      this.guard(() => {
        const at = new Date().toISOString();
        const db = this.open(false);
        db.exec("BEGIN IMMEDIATE");
        try {
          for (const id of versionIds) {
            const retired = this.sql("UPDATE lgc_host_versions SET retired_at = ? WHERE graph_id = ? AND id = ? AND retired_at IS NULL").run(at, graphId, id) as { changes: number };
            if (retired.changes > 0) this.insertAudit(graphId, { at, action: "retire", version: id, by });
          }
          db.exec("COMMIT");
        } finally {
          if (db.inTransaction) db.exec("ROLLBACK");
        }
      }),
    );
  }

  async pin(graphId: string, threadId: string): Promise<PinRow | undefined> {
    const row = this.guard(() => this.sql("SELECT thread_id, version, reason, updated_at FROM lgc_host_pins WHERE graph_id = ? AND thread_id = ?").get(graphId, threadId));
    return row && toPin(row);
  }

  async thread(graphId: string, threadId: string): Promise<ThreadView> {
    const pin = await this.pin(graphId, threadId);
    return pin ? { state: await this.state(graphId), pin } : { state: await this.state(graphId) };
  }

  /** Queued behind any `update` in progress, so that its rollback cannot take this write with it. */
  movePins(graphId: string, from: string[], to: string, at: string): Promise<number> {
    return this.writes.run("", () =>
      this.guard(() => {
        const moved = this.sql(`UPDATE lgc_host_pins SET version = ?, reason = '[]', updated_at = ? WHERE graph_id = ? AND version IN (SELECT value FROM json_each(?))`).run(to, at, graphId, JSON.stringify(from));
        return Number((moved as { changes: number | bigint }).changes);
      }),
    );
  }

  setPin(graphId: string, row: PinRow): Promise<void> {
    return this.writes.run("", () =>
      this.guard(() => {
        this.sql("INSERT OR REPLACE INTO lgc_host_pins (graph_id, thread_id, version, reason, updated_at) VALUES (?, ?, ?, ?, ?)").run(
          graphId,
          row.threadId,
          row.version,
          JSON.stringify(row.reason),
          row.updatedAt,
        );
      }),
    );
  }

  async pins(graphId: string): Promise<PinRow[]> {
    return this.guard(() => this.sql("SELECT thread_id, version, reason, updated_at FROM lgc_host_pins WHERE graph_id = ? ORDER BY thread_id").all(graphId)).map(toPin);
  }

  ifThreadFree<T>(graphId: string, threadId: string, fn: (now: ThreadView) => Promise<T>): Promise<{ held: true; value: T } | { held: false }> {
    return ifFree(this.locks, threadKey(graphId, threadId), () => this.withThreadLock(graphId, threadId, fn));
  }

  withThreadLock<T>(graphId: string, threadId: string, fn: (now: ThreadView) => Promise<T>, options?: LockOptions): Promise<T> {
    return this.locks.run(threadKey(graphId, threadId), async () => fn(await adopt(this, graphId, threadId, await this.thread(graphId, threadId), options)));
  }

  async audit(graphId: string, limit?: number): Promise<AuditEntry[]> {
    const rows = this.guard(() =>
      this.sql("SELECT * FROM (SELECT id, at, action, version, detail, actor FROM lgc_host_audit WHERE graph_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id").all(graphId, rowLimit(limit) ?? -1),
    );
    return rows.map(
      (r) => defined({ at: String(r.at), action: r.action, version: r.version, detail: typeof r.detail === "string" ? JSON.parse(r.detail) : undefined, by: r.actor }) as AuditEntry,
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    this.statements.clear();
    this.db?.close();
    this.db = undefined;
  }

  private insertAudit(graphId: string, entry: AuditEntry): void {
    const detail = entry.detail === undefined ? null : JSON.stringify(entry.detail);
    this.sql(INSERT_AUDIT).run(graphId, entry.at, entry.action, entry.version ?? null, detail, entry.by ?? null);
  }

  /** The connection, opened on first use; only `migrate` may create the file. */
  private open(create: boolean): Db {
    if (this.closed) throw new Error(`${this.label}: the pin store is closed`);
    if (this.db) return this.db;
    const Database = loadDriver(this.label);
    if (!create && !existsSync(this.path)) throw this.notMigrated("no such file");
    try {
      this.db = new Database(this.path, { fileMustExist: !create });
    } catch (error) {
      throw new UserError("pins-unreadable", `${this.label}: cannot open (${(error as Error).message})`);
    }
    return this.db;
  }

  private sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.open(false).prepare(text)));
    return statement;
  }

  /** Runs `body`, turning SQLite's errors into one-line {@link UserError}s. */
  private guard<T>(body: () => T): T {
    try {
      return body();
    } catch (error) {
      if (isUserError(error) || this.closed) throw error;
      const message = String((error as Error).message).replace(/\s+/g, " ");
      const table = /^no such table: (?:main\.)?(\w+)/.exec(message)?.[1];
      if (table) throw this.notMigrated(`no table ${table}`);
      throw new UserError("pins-failed", `${this.label}: ${message}`);
    }
  }

  private notMigrated(what: string): UserError {
    return new UserError("pins-not-migrated", `${this.label}: ${what}; run langgraph-compat host migrate sqlite:${this.path}`);
  }
}

function toPin(row: Record<string, unknown>): PinRow {
  return { threadId: String(row.thread_id), version: String(row.version), reason: JSON.parse(String(row.reason)) as string[], updatedAt: String(row.updated_at) };
}
