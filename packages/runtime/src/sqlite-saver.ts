/**
 * A durable saver on SQLite (better-sqlite3): the same contract as MemorySaver, so a thread paused
 * by one process can be resumed by another. Rows are ordered by SQLite's rowid, which is what
 * "latest checkpoint" means here.
 */
import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";
import {
  BaseCheckpointSaver,
  serialize,
  threadOf,
  toTuple,
  writeIndex,
  type Checkpoint,
  type CheckpointMetadata,
  type CheckpointTuple,
  type RunnableConfig,
} from "./checkpoint.js";

interface CheckpointRow {
  id: string;
  parent_id: string | null;
  checkpoint: string;
  metadata: string;
}

interface WriteRow {
  task_id: string;
  idx: number;
  channel: string;
  value: string;
  node: string;
}

/**
 * better-sqlite3, loaded when a SqliteSaver is made: it is an optional peer dependency (a native addon that
 * compiles on install), so installs that never persist to SQLite (snapshot, check, the ESLint plugin) build
 * nothing.
 */
function sqlite(): typeof BetterSqlite3 {
  try {
    return createRequire(import.meta.url)("better-sqlite3") as typeof BetterSqlite3;
  } catch {
    throw new Error("SqliteSaver needs the optional package better-sqlite3 12.x: npm install better-sqlite3@12");
  }
}

/** Stores checkpoints and pending writes in one SQLite file (or `":memory:"`). */
export class SqliteSaver extends BaseCheckpointSaver {
  private readonly db: BetterSqlite3.Database;

  /** Opens (and creates if needed) the database at `path`. */
  constructor(path: string) {
    super();
    const Database = sqlite();
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS checkpoints (
        thread_id TEXT NOT NULL, checkpoint_ns TEXT NOT NULL, id TEXT NOT NULL, parent_id TEXT,
        checkpoint TEXT NOT NULL, metadata TEXT NOT NULL, PRIMARY KEY (thread_id, checkpoint_ns, id));
      CREATE TABLE IF NOT EXISTS writes (
        thread_id TEXT NOT NULL, checkpoint_ns TEXT NOT NULL, checkpoint_id TEXT NOT NULL, task_id TEXT NOT NULL,
        idx INTEGER NOT NULL, channel TEXT NOT NULL, value TEXT NOT NULL, node TEXT NOT NULL,
        PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, task_id, idx));`);
  }

  /** Same as the constructor, named like LangGraph's `SqliteSaver.fromConnString`. */
  static fromConnString(path: string): SqliteSaver {
    return new SqliteSaver(path);
  }

  /** Closes the database file. */
  close(): void {
    this.db.close();
  }

  async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const { thread, ns, id } = threadOf(config);
    const row = (id === undefined
      ? this.db.prepare("SELECT id, parent_id, checkpoint, metadata FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? ORDER BY rowid DESC LIMIT 1").get(thread, ns)
      : this.db.prepare("SELECT id, parent_id, checkpoint, metadata FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? AND id = ?").get(thread, ns, id)) as CheckpointRow | undefined;
    return row === undefined ? undefined : this.tuple(thread, ns, row);
  }

  async *list(config: RunnableConfig, options?: { limit?: number }): AsyncGenerator<CheckpointTuple> {
    const { thread, ns } = threadOf(config);
    const rows = this.db
      .prepare("SELECT id, parent_id, checkpoint, metadata FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? ORDER BY rowid DESC LIMIT ?")
      .all(thread, ns, options?.limit ?? -1) as CheckpointRow[];
    for (const row of rows) yield this.tuple(thread, ns, row);
  }

  async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata): Promise<RunnableConfig> {
    const { thread, ns, id: parentId } = threadOf(config);
    this.db
      .prepare("INSERT INTO checkpoints (thread_id, checkpoint_ns, id, parent_id, checkpoint, metadata) VALUES (?, ?, ?, ?, ?, ?)")
      .run(thread, ns, checkpoint.id, parentId ?? null, serialize(checkpoint), serialize(metadata));
    return { configurable: { thread_id: thread, checkpoint_ns: ns, checkpoint_id: checkpoint.id } };
  }

  async putWrites(config: RunnableConfig, writes: [string, unknown][], taskId: string, node = ""): Promise<void> {
    const { thread, ns, id } = threadOf(config);
    const insert = this.db.prepare(
      "INSERT OR IGNORE INTO writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, value, node) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const replace = this.db.prepare(
      "INSERT OR REPLACE INTO writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, value, node) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.db.transaction(() => {
      writes.forEach(([channel, value], position) => {
        const index = writeIndex(channel, position);
        (index < 0 ? replace : insert).run(thread, ns, id ?? "", taskId, index, channel, serialize(value), node);
      });
    })();
  }

  private tuple(thread: string, ns: string, row: CheckpointRow): CheckpointTuple {
    const writes = this.db
      .prepare("SELECT task_id, idx, channel, value, node FROM writes WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ? ORDER BY rowid")
      .all(thread, ns, row.id) as WriteRow[];
    return toTuple(
      thread,
      ns,
      { id: row.id, parentId: row.parent_id ?? undefined, checkpoint: row.checkpoint, metadata: row.metadata },
      writes.map((w) => ({ taskId: w.task_id, index: w.idx, channel: w.channel, value: w.value, node: w.node })),
    );
  }
}
