/**
 * The pin store of one process that keeps nothing across a restart: for tests, `langgraph-compat dev`, and a
 * host whose threads live no longer than it does.
 */
import { KeyedQueue, adopt, ifFree, byCodePoint, copy, emptyState, rowLimit, threadKey } from "./common.js";
import type { AuditEntry, HostState, PinRow, PinStore, LockOptions, StateChange, ThreadView, VersionRow } from "./types.js";

interface Graph {
  state: HostState;
  versions: VersionRow[];
  pins: Map<string, PinRow>;
  audit: AuditEntry[];
}

/**
 * Everything in this process's memory. `update` and `retire` of a graph run one at a time, in call order;
 * `withThreadLock` holds a per-thread promise chain. Nothing is shared with another process.
 */
export class MemoryPinStore implements PinStore {
  readonly label = "memory";
  private readonly byGraph = new Map<string, Graph>();
  private readonly writes = new KeyedQueue();
  private readonly locks = new KeyedQueue();

  /** Nothing to create. */
  async migrate(): Promise<void> {}

  /** Always ready. */
  async check(): Promise<void> {}

  async graphs(): Promise<string[]> {
    const held = [...this.byGraph].filter(([, g]) => g.state.heads.length > 0 || g.versions.length > 0 || g.pins.size > 0 || g.audit.length > 0);
    return held.map(([id]) => id).sort(byCodePoint);
  }

  async state(graphId: string): Promise<HostState> {
    return copy(this.byGraph.get(graphId)?.state ?? emptyState());
  }

  update(graphId: string, fn: (state: HostState) => Promise<StateChange> | StateChange): Promise<HostState> {
    return this.writes.run(graphId, async () => {
      const graph = this.graph(graphId);
      const change = copy(await fn(copy(graph.state)));
      // Applied only once fn has returned, in one synchronous step: all of it or, when fn throws, none.
      graph.state = change.state;
      for (const version of change.versions ?? []) {
        const known = graph.versions.find((v) => v.id === version.id);
        if (known) delete known.retiredAt;
        else graph.versions.push({ ...version, order: graph.versions.length });
      }
      graph.audit.push(...(change.audit ?? []));
      return copy(change.state);
    });
  }

  async versions(graphId: string): Promise<VersionRow[]> {
    return copy(this.byGraph.get(graphId)?.versions ?? []);
  }

  retire(graphId: string, versionIds: string[], by?: string): Promise<void> {
    return this.writes.run(graphId, () => {
      const graph = this.graph(graphId);
      const at = new Date().toISOString();
      for (const id of versionIds) {
        const version = graph.versions.find((v) => v.id === id);
        if (!version || version.retiredAt !== undefined) continue;
        version.retiredAt = at;
        graph.audit.push(copy({ at, action: "retire", version: id, by }));
      }
    });
  }

  async pin(graphId: string, threadId: string): Promise<PinRow | undefined> {
    const row = this.byGraph.get(graphId)?.pins.get(threadId);
    return row && copy(row);
  }

  async thread(graphId: string, threadId: string): Promise<ThreadView> {
    const pin = await this.pin(graphId, threadId);
    return pin ? { state: await this.state(graphId), pin } : { state: await this.state(graphId) };
  }

  async setPin(graphId: string, row: PinRow): Promise<void> {
    this.graph(graphId).pins.set(row.threadId, copy(row));
  }

  async movePins(graphId: string, from: string[], to: string, at: string): Promise<number> {
    let moved = 0;
    for (const row of this.byGraph.get(graphId)?.pins.values() ?? []) {
      if (!from.includes(row.version)) continue;
      Object.assign(row, { version: to, reason: [], updatedAt: at });
      moved++;
    }
    return moved;
  }

  async pins(graphId: string): Promise<PinRow[]> {
    return copy([...(this.byGraph.get(graphId)?.pins.values() ?? [])].sort((a, b) => byCodePoint(a.threadId, b.threadId)));
  }

  ifThreadFree<T>(graphId: string, threadId: string, fn: (now: ThreadView) => Promise<T>): Promise<{ held: true; value: T } | { held: false }> {
    return ifFree(this.locks, threadKey(graphId, threadId), () => this.withThreadLock(graphId, threadId, fn));
  }

  withThreadLock<T>(graphId: string, threadId: string, fn: (now: ThreadView) => Promise<T>, options?: LockOptions): Promise<T> {
    return this.locks.run(threadKey(graphId, threadId), async () => fn(await adopt(this, graphId, threadId, await this.thread(graphId, threadId), options)));
  }

  async audit(graphId: string, limit?: number): Promise<AuditEntry[]> {
    const entries = this.byGraph.get(graphId)?.audit ?? [];
    const count = rowLimit(limit);
    return copy(count === undefined ? entries : entries.slice(entries.length - Math.min(count, entries.length)));
  }

  async close(): Promise<void> {}

  private graph(graphId: string): Graph {
    let graph = this.byGraph.get(graphId);
    if (!graph) this.byGraph.set(graphId, (graph = { state: emptyState(), versions: [], pins: new Map(), audit: [] }));
    return graph;
  }
}
