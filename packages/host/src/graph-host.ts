/**
 * GraphHost (issue 5): the versions of one graph id, hot-swapped per thread by the static compatibility
 * verdict. In-flight runs finish on the version they started on; new threads start on the newest version
 * (or the canary); an existing thread moves forward only when no breaking or risky finding between its
 * version and the newest endangers it where it stands ({@link endangers}). See the package README.
 */
import { diffSnapshots, endangerContext, endangeringRules, isPaused, pausePoints, withCheckpointStamps, type Finding, type ThreadPosition } from "@langgraph-compat/diff";
import type { GraphSnapshot } from "@langgraph-compat/snapshot";
import { readPosition, type CheckpointReader } from "./position.js";
import type { DeployResult, GraphHostApi, GraphHostOptions, GraphVersion, HostedGraph, ThreadInfo } from "./types.js";

/** A deployed version as the host holds it. */
interface HeldVersion {
  id: string;
  snapshot: GraphSnapshot;
  graph: HostedGraph;
}

/** The host's record of one thread. */
interface ThreadRecord {
  threadId: string;
  version: string;
  /** Invocations queued or running on the thread. */
  running: number;
  /** False until the host has checked whether the thread already had a checkpoint. */
  seen: boolean;
  position?: ThreadPosition;
  pinReason: string[];
  /** Serialises the thread's decisions and runs. */
  lock: Promise<unknown>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Holds the versions of one graph id and decides, per thread and per resume, which version runs it. */
export class GraphHost implements GraphHostApi {
  private readonly held = new Map<string, HeldVersion>();
  /** Deploy history, newest last; `rollback()` pops it. */
  private heads: string[] = [];
  private canary?: { version: string; base: string; fraction: number };
  /** Deploy order of every version ever deployed (a re-activated version keeps its first number). */
  private readonly order = new Map<string, number>();
  private readonly records = new Map<string, ThreadRecord>();
  private readonly findingCache = new Map<string, Promise<Finding[]>>();
  private graphId?: string;
  /** Serialises deploy, rollback and promote (and their reconciliation of idle threads). */
  private ops: Promise<unknown> = Promise.resolve();
  private readonly saver: CheckpointReader;
  private readonly fraction: number;
  private readonly random: () => number;

  constructor(private readonly options: GraphHostOptions) {
    const saver = options.checkpointer as Partial<CheckpointReader> | undefined;
    if (typeof saver?.getTuple !== "function") throw new TypeError("GraphHost needs a checkpointer of this runtime (MemorySaver or SqliteSaver)");
    this.saver = saver as CheckpointReader;
    this.fraction = options.canary ?? 1;
    if (!(this.fraction >= 0 && this.fraction <= 1)) throw new RangeError(`canary must be between 0 and 1, got ${options.canary}`);
    this.random = options.random ?? Math.random;
  }

  /**
   * Builds `version` with the shared checkpointer and diffs every held version against it; only when all
   * of that succeeds does it become the newest (atomically). A throw leaves the current version active.
   */
  deploy(version: GraphVersion): Promise<DeployResult> {
    return this.serial(() => this.deployNow(version));
  }

  private async deployNow(version: GraphVersion): Promise<DeployResult> {
    const fail = (error: string): DeployResult => ({ ok: false, error });
    if (this.graphId !== undefined && version.graphId !== this.graphId)
      return fail(`version ${version.id} is of graph "${version.graphId}", this host holds "${this.graphId}"`);
    const again = this.held.get(version.id);
    if (again !== undefined) return this.reactivate(again);
    const snapshot = version.snapshot?.graphs?.[version.graphId];
    if (snapshot === undefined) return fail(`the snapshot of version ${version.id} has no graph "${version.graphId}"`);
    let graph: HostedGraph;
    try {
      graph = await version.build(this.options.checkpointer);
      if (typeof graph?.invoke !== "function" || typeof graph.getState !== "function")
        return fail(`build() of version ${version.id} did not return a compiled graph`);
    } catch (error) {
      return fail(message(error));
    }
    const next: HeldVersion = { id: version.id, snapshot, graph };
    try {
      await Promise.all([...this.held.values()].map((old) => this.findingsOf(old, next)));
    } catch (error) {
      return fail(`diff against version ${version.id} failed: ${message(error)}`);
    }
    // The swap: from here on, new threads and resumes see the new version.
    const previous = this.newest();
    this.graphId = version.graphId;
    this.held.set(next.id, next);
    this.heads.push(next.id);
    this.order.set(next.id, this.order.size);
    this.canary =
      previous !== undefined && this.fraction < 1
        ? { version: next.id, base: this.canary?.base ?? previous, fraction: this.fraction }
        : undefined;
    await this.reconcile();
    return { ok: true, version: next.id, pinned: this.threads().filter((t) => t.pinReason.length > 0) };
  }

  /**
   * A version id that is still held (e.g. a content hash after an edit was undone) becomes the newest
   * again without being rebuilt; deploying the newest again changes nothing.
   */
  private async reactivate(version: HeldVersion): Promise<DeployResult> {
    if (this.newest() !== version.id) {
      try {
        await Promise.all([...this.held.values()].filter((v) => v !== version).map((old) => this.findingsOf(old, version)));
      } catch (error) {
        return { ok: false, error: `diff against version ${version.id} failed: ${message(error)}` };
      }
      this.heads = [...this.heads.filter((h) => h !== version.id), version.id];
      this.canary = undefined;
      await this.reconcile();
    }
    return { ok: true, version: version.id, pinned: this.threads().filter((t) => t.pinReason.length > 0) };
  }

  /** Runs or resumes `threadId` on the version the verdict allows (see the class comment). */
  invoke(threadId: string, input: unknown, config: Record<string, unknown> = {}): Promise<unknown> {
    let record: ThreadRecord;
    try {
      record = this.recordOf(threadId);
    } catch (error) {
      return Promise.reject(error);
    }
    record.running += 1;
    return this.withThread(record, async () => {
      try {
        if (!record.seen) await this.adopt(record);
        await this.decide(record, true);
        const version = this.held.get(record.version)!;
        const configurable = { ...((config.configurable as Record<string, unknown> | undefined) ?? {}), thread_id: threadId };
        return await version.graph.invoke(input, { ...config, configurable });
      } finally {
        record.running -= 1;
        // Move on at once if a deploy happened meanwhile and the new position allows it.
        await this.decide(record, record.running === 0).catch(() => undefined);
        this.retire();
      }
    });
  }

  /** The thread's state, computed by the graph of the version it is on. */
  async getState(threadId: string): Promise<unknown> {
    const id = this.records.get(threadId)?.version ?? this.newest();
    if (id === undefined) throw new Error("GraphHost: no version is deployed");
    return this.held.get(id)!.graph.getState({ configurable: { thread_id: threadId } });
  }

  /**
   * Makes the previous version the newest again. Threads on the rolled-back version go back only when
   * the findings from it to the previous one endanger none of them; the others stay, with the reason.
   */
  rollback(): Promise<void> {
    return this.serial(async () => {
      if (this.heads.length < 2) throw new Error("GraphHost: there is no previous version to roll back to");
      const dropped = this.heads.pop()!;
      if (this.canary?.version === dropped) this.canary = undefined;
      await this.reconcile();
      this.retire();
    });
  }

  /** Ends the canary: new threads start on the newest version, and existing threads may move to it. */
  promote(): void {
    if (this.canary === undefined) return;
    this.canary = undefined;
    void this.serial(() => this.reconcile()).catch(() => undefined);
  }

  /** Resolves once every deploy, rollback and promote issued so far has finished (including moves). */
  settled(): Promise<void> {
    return this.ops.then(
      () => undefined,
      () => undefined,
    );
  }

  /**
   * Registers a thread without running it (status "new"): it gets the newest version, or the canary with
   * the canary's probability. Running an unknown thread does the same implicitly.
   */
  createThread(threadId: string): ThreadInfo {
    return this.info(this.recordOf(threadId));
  }

  /** Each known thread: its version, status, pause point and pin reason. */
  threads(): ThreadInfo[] {
    return [...this.records.values()].map((r) => this.info(r)).sort((a, b) => (a.threadId < b.threadId ? -1 : 1));
  }

  /** Held version ids, oldest deploy first. */
  versions(): string[] {
    return [...this.held.keys()];
  }

  /** The findings between two held versions, restricted to this host's graph (cached per pair). */
  findings(from: string, to: string): Promise<Finding[]> {
    const a = this.held.get(from);
    const b = this.held.get(to);
    if (a === undefined || b === undefined) return Promise.reject(new Error(`GraphHost: version ${a ? to : from} is not held`));
    return this.findingsOf(a, b);
  }

  private findingsOf(from: HeldVersion, to: HeldVersion): Promise<Finding[]> {
    const key = `${from.id}\0${to.id}`;
    let cached = this.findingCache.get(key);
    if (cached === undefined) {
      const id = to.snapshot.id;
      const wrap = (g: GraphSnapshot) => ({ formatVersion: 1 as const, graphs: { [id]: g } });
      cached = diffSnapshots(wrap(from.snapshot), wrap(to.snapshot)).then((r) => r.findings.filter((f) => f.graph === id));
      cached.catch(() => this.findingCache.delete(key));
      this.findingCache.set(key, cached);
    }
    return cached;
  }

  private newest(): string | undefined {
    return this.heads[this.heads.length - 1];
  }

  /**
   * Where a thread should be: the newest version; during a canary, threads on the base or older stay
   * on (or move to) the base, and threads on a version deployed after the base go to the canary.
   */
  private targetOf(record: ThreadRecord): string {
    const canary = this.canary;
    if (canary && (this.order.get(record.version) ?? 0) <= (this.order.get(canary.base) ?? 0)) return canary.base;
    return this.newest()!;
  }

  private recordOf(threadId: string): ThreadRecord {
    let record = this.records.get(threadId);
    if (record === undefined) {
      const newest = this.newest();
      if (newest === undefined) throw new Error("GraphHost: no version is deployed");
      const canary = this.canary;
      const version = canary && this.random() >= canary.fraction ? canary.base : newest;
      record = { threadId, version, running: 0, seen: false, pinReason: [], lock: Promise.resolve() };
      this.records.set(threadId, record);
    }
    return record;
  }

  /** A thread the host has not seen but the checkpointer has (e.g. after a restart) is adopted by the newest version. */
  private async adopt(record: ThreadRecord): Promise<void> {
    record.seen = true;
    const saved = await this.saver.getTuple({ configurable: { thread_id: record.threadId, checkpoint_ns: "" } });
    if (saved !== undefined && this.canary === undefined) record.version = this.newest()!;
  }

  /**
   * Reads the thread's position on its version; when it is not on its target, moves it if no breaking or
   * risky finding endangers it (when `move` is set), else records the rule ids as its pin reason.
   */
  private async decide(record: ThreadRecord, move: boolean): Promise<void> {
    const from = this.held.get(record.version)!;
    const { position, values } = await this.positionOf(record.threadId, from);
    record.position = position;
    const target = this.targetOf(record);
    if (target === record.version) {
      record.pinReason = [];
      return;
    }
    const to = this.held.get(target)!;
    const findings = await this.findingsOf(from, to);
    // The same facts of the target version the static check judges with (one endangers, issue 9), and the
    // version stamps the thread really carries (class 19), read from its values.
    const stamped = withCheckpointStamps(position, values, to.snapshot);
    record.pinReason = endangeringRules(findings, stamped, endangerContext(from.snapshot, to.snapshot));
    if (record.pinReason.length === 0 && move) record.version = target;
  }

  /** The thread's position on `version`, and its values as that version's `getState` reads them (if it can). */
  private async positionOf(threadId: string, version: HeldVersion): Promise<{ position: ThreadPosition; values?: Record<string, unknown> }> {
    let state: unknown;
    try {
      state = await version.graph.getState({ configurable: { thread_id: threadId } });
    } catch {
      state = undefined; // a poisoned thread (rows 11e2, 11f): the raw checkpoint still tells where it is
    }
    const values = (state as { values?: unknown } | undefined)?.values;
    const position = await readPosition(this.saver, threadId, { state, snapshot: version.snapshot });
    return { position, values: values !== null && typeof values === "object" ? (values as Record<string, unknown>) : undefined };
  }

  /** Re-decides every thread after the newest version changed; running threads get a forecast only. */
  private async reconcile(): Promise<void> {
    await Promise.all(
      [...this.records.values()].map((record) =>
        // A thread whose position cannot be read stays where it is; its next invoke decides (and reports) again.
        (record.running > 0 ? this.decide(record, false) : this.withThread(record, () => this.decide(record, true))).catch(() => undefined),
      ),
    );
    this.retire();
  }

  /**
   * Drops versions no thread is on, keeping the newest, the one before it (the rollback target) and the
   * canary base.
   */
  private retire(): void {
    const keep = new Set<string>(this.heads.slice(-2));
    if (this.canary) keep.add(this.canary.base);
    for (const record of this.records.values()) keep.add(record.version);
    for (const id of [...this.held.keys()]) {
      if (keep.has(id)) continue;
      this.held.delete(id);
      this.heads = this.heads.filter((h) => h !== id);
      for (const key of [...this.findingCache.keys()]) if (key.split("\0").includes(id)) this.findingCache.delete(key);
    }
  }

  private info(record: ThreadRecord): ThreadInfo {
    const position = record.position;
    const status: ThreadInfo["status"] =
      record.running > 0 ? "running" : position === undefined || !position.exists ? "new" : isPaused(position) ? "paused" : "finished";
    return {
      threadId: record.threadId,
      version: record.version,
      status,
      pausedAt: position ? pausePoints(position) : [],
      pinReason: [...record.pinReason],
    };
  }

  private withThread<T>(record: ThreadRecord, fn: () => Promise<T>): Promise<T> {
    const run = record.lock.then(fn, fn);
    record.lock = run.catch(() => undefined);
    return run;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.ops.then(fn, fn);
    this.ops = run.catch(() => undefined);
    return run;
  }
}
