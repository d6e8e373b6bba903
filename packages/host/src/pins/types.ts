/**
 * Where a host keeps what must survive a restart and be shared by every process serving one graph: the
 * deployed versions, the deploy history and canary, which version each thread is on and why it is pinned,
 * and an audit log of deploys, promotions, rollbacks and retirements. Also the per-thread lock that keeps a
 * thread from running in two processes (or on two versions) at once.
 *
 * Implementations: `MemoryPinStore` (one process, nothing durable), `SqlitePinStore` (one process, a
 * file), `PostgresPinStore` (many processes on one database; the database's own row and advisory locks).
 * `openPinStore(url)` opens one by URL.
 */

/** The host's shared state for one graph id: the deploy history (newest last) and the canary, if any. */
export interface HostState {
  /** Version ids in deploy order, newest last; `rollback()` drops the last one. */
  heads: string[];
  /** While a canary runs: new threads start on `version` with probability `fraction`, else on `base`. */
  canary?: { version: string; base: string; fraction: number };
}

/** A version that was deployed: identified by a content hash of its sources plus a user label. */
export interface VersionRow {
  /** The version id (unique per graph; typically `label@hash`). */
  id: string;
  label?: string;
  /** Content hash of the version's sources. */
  hash?: string;
  /** ISO time of its first deploy. */
  deployedAt: string;
  /** 0, 1, 2… in order of first deploy. */
  order: number;
  /** Set when the version was retired (no thread on it, not newest, not the rollback target, not the canary base). */
  retiredAt?: string;
}

/** Which version a thread is on and, when it is held back from the newest, the rule ids why. */
export interface PinRow {
  threadId: string;
  version: string;
  /** Rule ids of the findings that keep it on its version; empty when it is free to move. */
  reason: string[];
  /** ISO time of the last change. */
  updatedAt: string;
}

export type AuditAction = "deploy" | "rollback" | "promote" | "canary" | "retire" | "move";

export interface AuditEntry {
  /** ISO time. */
  at: string;
  action: AuditAction;
  version?: string;
  /** Free-form facts: pinned thread count, the previous version, the fraction… */
  detail?: Record<string, unknown>;
  /** Which host process did it (`hostname:pid` unless the host was given a name). */
  by?: string;
}

export interface PinStore {
  /** A label for messages (a database URL with its password redacted, a file path, "memory"). */
  readonly label: string;
  /**
   * Creates the store's tables and indexes. Only ever run explicitly (`langgraph-compat host migrate`, or a
   * user's own deploy step): the other methods never create anything. Idempotent.
   */
  migrate(): Promise<void>;
  /** Rejects with one clear line (what is missing; "run migrate") when the tables are not there. */
  check(): Promise<void>;
  /** The graph ids the store holds anything for (a deploy history, a version, a pin or an audit entry), by code point. */
  graphs(): Promise<string[]>;
  /** The shared state of `graphId` (empty heads when nothing was deployed). */
  state(graphId: string): Promise<HostState>;
  /**
   * Reads and replaces the state of `graphId` atomically and exclusively across every process of the store:
   * `fn` sees the current state and returns the next one, the versions first deployed by this change, and
   * audit entries; all are written in one transaction, or none (when `fn` throws, that error is rethrown).
   * `fn` gets a copy it may change. It should only compute: it must not call this store's other writes (the
   * SQLite store has one connection, and they would wait for this update), nor `update` the same graph.
   */
  update(graphId: string, fn: (state: HostState) => Promise<StateChange> | StateChange): Promise<HostState>;
  /** The versions of `graphId` in deploy order (`order` 0, 1, 2…), retired ones included. */
  versions(graphId: string): Promise<VersionRow[]>;
  /** Marks versions retired (recorded with an audit entry each); ids unknown or already retired are skipped. */
  retire(graphId: string, versionIds: string[], by?: string): Promise<void>;
  pin(graphId: string, threadId: string): Promise<PinRow | undefined>;
  /** The graph's state and the thread's row together, in one round trip: what a host reads before every run. */
  thread(graphId: string, threadId: string): Promise<ThreadView>;
  /** Inserts or replaces one thread's row. */
  setPin(graphId: string, row: PinRow): Promise<void>;
  /**
   * Moves every thread on one of `from` to version `to`, its reason cleared, in one write: for a change that
   * cannot hurt any thread on those versions. Takes no thread lock (a run in flight finishes on the version it
   * started on; its next call runs on `to`). Returns how many rows moved.
   */
  movePins(graphId: string, from: string[], to: string, at: string): Promise<number>;
  /** Every thread's row, in thread id order (by code point). */
  pins(graphId: string): Promise<PinRow[]>;
  /**
   * Runs `fn` holding the thread's exclusive lock: no other caller of this store, in this process or any other
   * process on the same database, holds the same (graphId, threadId) lock meanwhile. Released when `fn`
   * settles, and by the database when the process dies. Not reentrant: `fn` must not lock the same thread again.
   * With `adoptAt`, a thread that has no row gets one once the lock is held, before `fn` sees it, when no canary
   * runs and a version is deployed: on the newest version, reason empty, updated at `adoptAt` (what a host does
   * with a thread it has not seen; the Postgres store does it in the lock's own round trip).
   */
  withThreadLock<T>(graphId: string, threadId: string, fn: (now: ThreadView) => Promise<T>, options?: LockOptions): Promise<T>;
  /**
   * `withThreadLock` for a thread no caller holds now: runs `fn` under the lock and gives its value, or, when the
   * lock is held (in this process or another), gives `{ held: false }` at once instead of waiting for it.
   */
  ifThreadFree<T>(graphId: string, threadId: string, fn: (now: ThreadView) => Promise<T>): Promise<{ held: true; value: T } | { held: false }>;
  /** Audit entries of `graphId`, oldest first (the last `limit` when given; none for 0). */
  audit(graphId: string, limit?: number): Promise<AuditEntry[]>;
  close(): Promise<void>;
}

export interface StateChange {
  state: HostState;
  /**
   * Versions deployed for the first time by this change. A version already recorded (deployed again after it
   * was retired) keeps its first `deployedAt`, `order` and label, and is no longer retired.
   */
  versions?: Array<Omit<VersionRow, "order" | "retiredAt">>;
  audit?: AuditEntry[];
}

export interface LockOptions {
  /** Give a thread without a row one on the newest version, at this ISO time, when no canary runs (see `withThreadLock`). */
  adoptAt?: string;
}

/** The graph's state and one thread's row, as read together; `fn` of `withThreadLock` gets them read after the lock is taken. */
export interface ThreadView {
  state: HostState;
  pin?: PinRow;
}
