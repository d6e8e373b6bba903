/**
 * GraphHost: the versions of one graph id, hot-swapped per thread by the static compatibility verdict, on the
 * real `@langchain/langgraph` or the reference runtime, over the user's own checkpointer. In-flight runs finish
 * on the version they started on; new threads start on the newest version (or the canary); an existing thread
 * moves forward only when no breaking or risky finding between its version and the newest endangers it where it
 * stands ({@link endangers}, over the position read from its latest checkpoint).
 *
 * What must outlive a process and be shared by every process serving the graph (the deploy history and canary,
 * each thread's version and pin reason, the audit log, the per-thread lock) lives in a {@link PinStore}: in
 * memory by default, SQLite for one process, Postgres for many. See the package README.
 */
import { hostname } from "node:os";
import { endangerContext, endangeringRules, isPaused, pausePoints, withCheckpointStamps, type Finding } from "@langgraph-compat/diff";
import type { GraphSnapshot } from "@langgraph-compat/snapshot";
import { MemoryPinStore } from "./pins/memory.js";
import type { AuditEntry, HostState, PinRow, PinStore } from "./pins/types.js";
import { threadReader, type ReadThread } from "./read.js";
import { HeldVersions, type HeldVersion } from "./held-versions.js";
import { relay } from "./relay.js";
import { keptVersions, newestOf, targetOf } from "./state.js";
import type { DeployResult, GraphHostApi, GraphHostOptions, GraphVersion, HostedGraph, ThreadInfo } from "./types.js";

const now = () => new Date().toISOString();
/** Threads decided at once after a deploy, rollback, canary or promote. */
const RECONCILE_CONCURRENCY = 8;

export class GraphHost implements GraphHostApi {
  private readonly held = new HeldVersions();
  /** Runs in flight in this process, per thread. */
  private readonly running = new Map<string, number>();
  /** Running threads a change of the shared state skipped: decided again when their run ends. */
  private readonly stale = new Set<string>();
  private readonly store: PinStore;
  private readonly read: (threadId: string, snapshot: GraphSnapshot, graph: HostedGraph) => Promise<ReadThread>;
  private readonly random: () => number;
  private readonly by: string;
  private graphId?: string;
  /** Moves started by deploy, rollback, promote and canary, which `settled()` waits for. */
  private moves: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: GraphHostOptions) {
    const saver = options.checkpointer as { getTuple?: unknown } | undefined;
    if (typeof saver?.getTuple !== "function") throw new TypeError("GraphHost needs a checkpointer (a BaseCheckpointSaver of @langchain/langgraph or of the reference runtime)");
    if (options.canary !== undefined && !(options.canary >= 0 && options.canary <= 1)) throw new RangeError(`canary must be between 0 and 1, got ${options.canary}`);
    this.store = options.pins ?? new MemoryPinStore();
    this.read = threadReader(options.checkpointer);
    this.random = options.random ?? Math.random;
    this.graphId = options.graphId;
    this.by = options.name ?? `${hostname()}:${process.pid}`;
  }

  /**
   * Builds `version` with the shared checkpointer so this process can run it, without deploying it: every
   * process serving the graph loads the versions its threads may be on; one of them deploys.
   */
  async load(version: GraphVersion): Promise<{ ok: true } | { ok: false; error: string }> {
    if (this.graphId !== undefined && version.graphId !== this.graphId) return { ok: false, error: `version ${version.id} is of graph "${version.graphId}", this host holds "${this.graphId}"` };
    if (this.held.has(version.id)) return { ok: true };
    const loaded = await this.held.load(version, this.options.checkpointer);
    if (!loaded.ok) return loaded;
    this.graphId = version.graphId;
    return { ok: true };
  }

  /**
   * Loads `version` and makes it the newest, atomically for every process of the store: a build or diff that
   * fails leaves the current version active. Deploying a version deployed before makes it the newest again.
   */
  async deploy(version: GraphVersion): Promise<DeployResult> {
    const loaded = await this.load(version);
    if (!loaded.ok) return loaded;
    const held = this.held.get(version.id)!;
    const state = await this.change((current) => {
      const previous = newestOf(current);
      if (previous === version.id) return { state: current };
      const first = !current.heads.includes(version.id);
      const fraction = this.options.canary ?? 1;
      const canary = previous !== undefined && fraction < 1 ? { version: version.id, base: current.canary?.base ?? previous, fraction } : undefined;
      return {
        state: { heads: [...current.heads.filter((h) => h !== version.id), version.id], canary },
        versions: first ? [{ id: held.id, label: held.label, hash: held.hash, deployedAt: now() }] : [],
        audit: [this.entry("deploy", version.id, { ...(previous !== undefined ? { previous } : {}), ...(canary ? { canary: canary.fraction } : {}) })],
      };
    });
    return { ok: true, version: version.id, pinned: await this.forecast(state) };
  }

  /** Runs or resumes `threadId` on the version the verdict allows (see the class comment). */
  invoke(threadId: string, input: unknown, config: Record<string, unknown> = {}): Promise<unknown> {
    return this.onThread(threadId, (graph, configurable) => graph.invoke(input, { ...config, configurable: { ...(config.configurable as object), ...configurable } }));
  }

  /** Streams a run of `threadId` (the graph's own `stream`), holding the thread's lock until the stream ends or is left. */
  stream(threadId: string, input: unknown, config: Record<string, unknown> = {}): AsyncIterable<unknown> {
    return relay((push) =>
      this.onThread(threadId, async (graph, configurable) => {
        if (typeof graph.stream !== "function") throw new TypeError(`the graph of this version has no stream()`);
        const stream = await graph.stream(input, { ...config, configurable: { ...(config.configurable as object), ...configurable } });
        for await (const chunk of stream) if (!(await push(chunk))) break;
      }),
    );
  }

  /** The thread's state, computed by the graph of the version it is on. */
  async getState(threadId: string): Promise<unknown> {
    const graphId = this.requireGraph();
    const { state, pin } = await this.store.thread(graphId, threadId);
    const version = pin?.version ?? newestOf(state);
    if (version === undefined) throw new Error("GraphHost: no version is deployed");
    return this.held.require(version).graph.getState({ configurable: { thread_id: threadId } });
  }

  /**
   * Makes the previous version the newest again. Threads on the rolled-back version go back only when the
   * findings from it to the previous one endanger none of them; the others stay, with the reason.
   */
  async rollback(): Promise<void> {
    await this.change((current) => {
      if (current.heads.length < 2) throw new Error("GraphHost: there is no previous version to roll back to");
      const dropped = newestOf(current)!;
      const heads = current.heads.slice(0, -1);
      const canary = current.canary?.version === dropped ? undefined : current.canary;
      return { state: { heads, canary }, audit: [this.entry("rollback", newestOf({ heads }), { from: dropped })] };
    });
  }

  /** Starts (or changes) a canary: `fraction` of new threads start on the newest version, the rest on the one before. */
  async canary(fraction: number): Promise<void> {
    if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`canary must be between 0 and 1, got ${fraction}`);
    await this.change((current) => {
      if (current.heads.length < 2) throw new Error("GraphHost: a canary needs two deployed versions");
      const version = newestOf(current)!;
      const base = current.canary?.base ?? current.heads[current.heads.length - 2]!;
      return { state: { ...current, canary: { version, base, fraction } }, audit: [this.entry("canary", version, { base, fraction })] };
    });
  }

  /** Ends the canary: new threads start on the newest version, and existing threads may move to it. */
  async promote(): Promise<void> {
    await this.change((current) => (current.canary === undefined ? { state: current } : { state: { heads: current.heads }, audit: [this.entry("promote", current.canary.version)] }));
  }

  /** Resolves once the thread moves of every deploy, rollback, canary and promote so far are done (each also awaits its own). */
  settled(): Promise<void> {
    return this.moves.then(() => undefined, () => undefined);
  }

  /** Registers a thread without running it: it gets the newest version, or the canary with the canary's probability. */
  async createThread(threadId: string): Promise<ThreadInfo> {
    const graphId = this.requireGraph();
    await this.store.withThreadLock(graphId, threadId, async (now) => {
      if (now.pin === undefined) await this.setPin(threadId, this.startVersion(now.state), []);
    });
    return this.info((await this.store.pin(graphId, threadId))!);
  }

  /** Every thread the host knows: its version, status, pause point and pin reason. */
  async threads(): Promise<ThreadInfo[]> {
    if (this.graphId === undefined) return [];
    const pins = await this.store.pins(this.graphId);
    return Promise.all(pins.sort((a, b) => (a.threadId < b.threadId ? -1 : 1)).map((pin) => this.info(pin)));
  }

  /** Version ids deployed and not retired, oldest deploy first. */
  async versions(): Promise<string[]> {
    if (this.graphId === undefined) return [];
    return (await this.store.versions(this.graphId)).filter((v) => v.retiredAt === undefined).map((v) => v.id);
  }

  /** The audit log: deploys, rollbacks, canaries, promotions, retirements. */
  audit(limit?: number): Promise<AuditEntry[]> {
    return this.graphId === undefined ? Promise.resolve([]) : this.store.audit(this.graphId, limit);
  }

  /** The findings between two loaded versions (cached per pair). */
  findings(from: string, to: string): Promise<Finding[]> {
    return this.held.findingsBetween(from, to);
  }

  private requireGraph(): string {
    if (this.graphId === undefined) throw new Error("GraphHost: no version is deployed");
    return this.graphId;
  }

  private entry(action: AuditEntry["action"], version: string | undefined, detail?: Record<string, unknown>): AuditEntry {
    return { at: now(), action, version, detail, by: this.by };
  }

  /**
   * Applies a change of the shared state, then moves (or pins) every thread not running in this process; a
   * running one is decided when its run ends.
   */
  private async change(fn: Parameters<PinStore["update"]>[1]): Promise<HostState> {
    const state = await this.store.update(this.requireGraph(), fn);
    const moves = this.moves.then(() => this.reconcile(), () => this.reconcile());
    this.moves = moves.catch(() => undefined);
    await this.moves;
    return state;
  }

  /** Where new threads start: the newest version, or during a canary the base with probability 1 - fraction. */
  private startVersion(state: HostState): string {
    const head = newestOf(state);
    if (head === undefined) throw new Error("GraphHost: no version is deployed");
    return state.canary && this.random() >= state.canary.fraction ? state.canary.base : head;
  }

  /** Where a thread on `version` should be ({@link targetOf}); only asked once a version is deployed. */
  private targetOf(state: HostState, version: string): string {
    return targetOf(state, version)!;
  }

  /** The rule ids that keep a thread on `from` rather than `to`, where it stands now. */
  private async reasons(threadId: string, from: HeldVersion, to: HeldVersion): Promise<string[]> {
    const findings = await this.held.findings(from, to);
    // Only a breaking or risky finding can hold a thread back: after a safe change nothing needs reading.
    if (findings.every((f) => f.severity === "safe")) return [];
    const { position, values } = await this.read(threadId, from.snapshot, from.graph);
    return endangeringRules(findings, withCheckpointStamps(position, values, to.snapshot), endangerContext(from.snapshot, to.snapshot));
  }

  /** Decides the thread's version (moving it when nothing endangers it) and records it; the caller holds its lock. */
  private async decide(threadId: string, state: HostState, pin: PinRow): Promise<PinRow> {
    const target = this.targetOf(state, pin.version);
    if (target === pin.version) return pin.reason.length === 0 ? pin : this.setPin(threadId, pin.version, []);
    const reason = await this.reasons(threadId, this.held.require(pin.version), this.held.require(target));
    return this.setPin(threadId, reason.length === 0 ? target : pin.version, reason);
  }

  private async setPin(threadId: string, version: string, reason: string[]): Promise<PinRow> {
    const row = { threadId, version, reason, updatedAt: now() };
    await this.store.setPin(this.requireGraph(), row);
    return row;
  }

  /** Under the thread's lock: decide its version, run `fn` on it, and move it on at once if its new position allows. */
  private onThread<T>(threadId: string, fn: (graph: HostedGraph, configurable: Record<string, unknown>) => Promise<T>): Promise<T> {
    const graphId = this.requireGraph();
    this.running.set(threadId, (this.running.get(threadId) ?? 0) + 1);
    return this.store
      .withThreadLock(graphId, threadId, async (read) => {
        const state = read.state;
        let pin = read.pin;
        if (pin === undefined) {
          // A thread the store has not seen: new (the newest version, or the canary's draw), or stored before the host
          // (adopted by the newest version). Only a canary makes the two differ, so only then is the saver asked;
          // without one the store adopted the thread with the lock (adoptAt).
          const saved = state.canary && (await (this.options.checkpointer as { getTuple(c: unknown): Promise<unknown> }).getTuple({ configurable: { thread_id: threadId, checkpoint_ns: "" } }));
          pin = await this.setPin(threadId, saved ? newestOf(state)! : this.startVersion(state), []);
        }
        pin = await this.decide(threadId, state, pin);
        try {
          return await fn(this.held.require(pin.version).graph, { thread_id: threadId });
        } finally {
          // Only a thread behind its target is read again: it may have left the position that held it back. When a
          // deploy of this process skipped it as running, the state is read anew; one of another process decides it
          // under the lock once this run lets go.
          const stale = this.stale.delete(threadId);
          const latest = stale ? await this.store.state(graphId) : state;
          if (this.targetOf(latest, pin.version) !== pin.version) {
            const after = await this.decide(threadId, latest, pin).catch(() => pin);
            if (after.version !== pin.version) await this.retire().catch(() => undefined);
          }
        }
      }, { adoptAt: now() })
      .finally(() => {
        const left = (this.running.get(threadId) ?? 1) - 1;
        if (left === 0) this.running.delete(threadId);
        else this.running.set(threadId, left);
      });
  }

  /** The threads a deploy leaves behind, with the rule ids why (read-only, no lock): the deploy's answer. */
  private async forecast(state: HostState): Promise<ThreadInfo[]> {
    // Only a thread behind its target can be held back; the others are not read at all.
    const behind = (await this.store.pins(this.requireGraph())).filter((pin) => this.targetOf(state, pin.version) !== pin.version);
    const infos = await Promise.all(
      behind.map(async (pin) => {
        const target = this.targetOf(state, pin.version);
        const reason = !this.held.has(pin.version) ? pin.reason : await this.reasons(pin.threadId, this.held.get(pin.version)!, this.held.require(target)).catch(() => pin.reason);
        return reason.length > 0 ? this.info({ ...pin, reason }) : undefined;
      }),
    );
    return infos.filter((info): info is ThreadInfo => info !== undefined);
  }

  /**
   * After the shared state changed: every thread not on its target is decided under its lock, then versions no
   * thread needs are retired. A thread whose lock is held (running here, or in another process) is not waited for:
   * here its run's end decides it, elsewhere its next call does, as every call decides before it runs.
   */
  private async reconcile(): Promise<void> {
    const graphId = this.requireGraph();
    const state = await this.store.state(graphId);
    // Threads on a version from which the change to its target is safe all move in one write, unread: no
    // breaking or risky finding means nothing can hold them back, wherever they stand.
    const target = newestOf(state)!;
    const safeFrom: string[] = [];
    for (const v of state.heads) {
      const from = this.held.get(v);
      if (v === target || from === undefined || this.targetOf(state, v) !== target) continue;
      if ((await this.held.findings(from, this.held.require(target))).every((f) => f.severity === "safe")) safeFrom.push(v);
    }
    if (safeFrom.length > 0) await this.store.movePins(graphId, safeFrom, target, now());
    const due = (await this.store.pins(graphId)).filter((pin) => this.targetOf(state, pin.version) !== pin.version || pin.reason.length > 0);
    for (const pin of due) if (this.running.has(pin.threadId)) this.stale.add(pin.threadId);
    const idle = due.filter((pin) => !this.running.has(pin.threadId));
    // A few threads at a time (each is a lock, a read of its checkpoint and maybe a write), not one by one.
    const work = async () => {
      for (let pin = idle.shift(); pin !== undefined; pin = idle.shift()) {
        const threadId = pin.threadId;
        // A thread whose position cannot be read stays where it is; its next invoke decides (and reports) again. So
        // does one running in another process: the deploy does not wait for its run, which began on its version.
        await this.store.ifThreadFree(graphId, threadId, async (now) => this.decide(threadId, now.state, now.pin ?? pin)).catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: RECONCILE_CONCURRENCY }, work));
    await this.retire();
  }

  /** Retires versions no thread is on, keeping the newest, the one before it (the rollback target) and the canary base. */
  private async retire(): Promise<void> {
    const graphId = this.requireGraph();
    const [pins, versions] = await Promise.all([this.store.pins(graphId), this.store.versions(graphId)]);
    let retired: string[] = [];
    await this.store.update(graphId, (state) => {
      const keep = keptVersions(state, pins.map((p) => p.version));
      retired = versions.filter((v) => v.retiredAt === undefined && !keep.has(v.id)).map((v) => v.id);
      return { state: retired.length === 0 ? state : { ...state, heads: state.heads.filter((h) => keep.has(h)) } };
    });
    if (retired.length > 0) await this.store.retire(graphId, retired, this.by);
  }

  private async info(pin: PinRow): Promise<ThreadInfo> {
    const held = this.held.get(pin.version);
    const position = held ? await this.read(pin.threadId, held.snapshot, held.graph).then((r) => r.position, () => undefined) : undefined;
    const status: ThreadInfo["status"] = this.running.has(pin.threadId) ? "running" : position === undefined || !position.exists ? "new" : isPaused(position) ? "paused" : "finished";
    return { threadId: pin.threadId, version: pin.version, status, pausedAt: position ? pausePoints(position) : [], pinReason: [...pin.reason] };
  }
}
