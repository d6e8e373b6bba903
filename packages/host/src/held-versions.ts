/**
 * The versions one GraphHost process can run: each built once with the shared checkpointer, and the static diff
 * between every pair of them, computed when the later one is loaded and cached for the life of the process.
 */
import { diffSnapshots, type Finding } from "@langgraph-compat/diff";
import type { GraphSnapshot } from "@langgraph-compat/snapshot";
import type { GraphVersion, HostedGraph } from "./types.js";

/** A version this process can run. */
export interface HeldVersion {
  id: string;
  snapshot: GraphSnapshot;
  graph: HostedGraph;
  label?: string;
  hash?: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class HeldVersions {
  private readonly byId = new Map<string, HeldVersion>();
  private readonly cache = new Map<string, Promise<Finding[]>>();

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): HeldVersion | undefined {
    return this.byId.get(id);
  }

  /** The version, which must be loaded: a deployed version this process has not loaded cannot run here. */
  require(id: string): HeldVersion {
    const held = this.byId.get(id);
    if (held === undefined) throw new Error(`GraphHost: version ${id} is deployed but not loaded in this process; load() it first`);
    return held;
  }

  /** Builds `version` and diffs it against every version held; nothing is kept when either fails. */
  async load(version: GraphVersion, checkpointer: unknown): Promise<{ ok: true } | { ok: false; error: string }> {
    const snapshot = version.snapshot?.graphs?.[version.graphId];
    if (snapshot === undefined) return { ok: false, error: `the snapshot of version ${version.id} has no graph "${version.graphId}"` };
    let graph: HostedGraph;
    try {
      graph = await version.build(checkpointer);
      if (typeof graph?.invoke !== "function" || typeof graph.getState !== "function") return { ok: false, error: `build() of version ${version.id} did not return a compiled graph` };
    } catch (error) {
      return { ok: false, error: message(error) };
    }
    const next: HeldVersion = { id: version.id, snapshot, graph, label: version.label, hash: version.hash };
    try {
      await Promise.all([...this.byId.values()].flatMap((old) => [this.findings(old, next), this.findings(next, old)]));
    } catch (error) {
      return { ok: false, error: `diff against version ${version.id} failed: ${message(error)}` };
    }
    this.byId.set(next.id, next);
    return { ok: true };
  }

  /** The findings between two loaded versions, by id. */
  findingsBetween(from: string, to: string): Promise<Finding[]> {
    const a = this.byId.get(from);
    const b = this.byId.get(to);
    if (a === undefined || b === undefined) return Promise.reject(new Error(`GraphHost: version ${a ? to : from} is not loaded`));
    return this.findings(a, b);
  }

  /** The findings of the change from one version to another (computed once per pair; a failure is not cached). */
  findings(from: HeldVersion, to: HeldVersion): Promise<Finding[]> {
    const key = `${from.id}\0${to.id}`;
    let cached = this.cache.get(key);
    if (cached === undefined) {
      const id = to.snapshot.id;
      const wrap = (g: GraphSnapshot) => ({ formatVersion: 1 as const, graphs: { [id]: g } });
      cached = diffSnapshots(wrap(from.snapshot), wrap(to.snapshot)).then((r) => r.findings.filter((f) => f.graph === id));
      cached.catch(() => this.cache.delete(key));
      this.cache.set(key, cached);
    }
    return cached;
  }
}
