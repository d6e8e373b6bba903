/**
 * TEMPORARY stand-in for the runtime's `GraphHost` (being built in packages/runtime/src/host), so the dev
 * command can be developed and tested end to end; replaced by the real class when it lands.
 * Rule: a thread moves to the newest version unless a breaking or risky finding is on a node it is paused at.
 */
import { diffSnapshots } from "@langgraph-compat/diff";
import type { DevDeployResult, DevGraphVersion, DevHost, DevHostedGraph, DevThreadInfo } from "./host.js";

interface Held {
  version: DevGraphVersion;
  graph: DevHostedGraph;
}
interface StateLike {
  next?: string[];
  tasks?: { name: string; interrupts?: unknown[] }[];
}

export class StandInHost implements DevHost {
  private readonly held: Held[] = [];
  private readonly info = new Map<string, DevThreadInfo>();
  constructor(private readonly checkpointer: unknown) {}

  async deploy(version: DevGraphVersion): Promise<DevDeployResult> {
    let graph: DevHostedGraph;
    try {
      graph = await version.build(this.checkpointer);
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
    this.held.push({ version, graph });
    const pinned: DevThreadInfo[] = [];
    for (const thread of this.info.values()) {
      if (thread.status !== "paused") continue;
      const reasons = await this.endangered(thread);
      if (reasons.length > 0) pinned.push({ ...thread, pinReason: reasons });
    }
    return { ok: true, version: version.id, pinned };
  }

  private newest(): Held {
    return this.held[this.held.length - 1];
  }

  private byId(id: string): Held {
    return this.held.find((h) => h.version.id === id) ?? this.newest();
  }

  private async endangered(thread: DevThreadInfo): Promise<string[]> {
    const from = this.byId(thread.version).version;
    const to = this.newest().version;
    if (from === to) return [];
    const result = await diffSnapshots(from.snapshot, to.snapshot);
    return result.findings
      .filter((f) => f.graph === to.graphId && f.severity !== "safe" && thread.pausedAt.some((n) => f.path === `nodes/${n}`))
      .map((f) => f.ruleId);
  }

  async invoke(threadId: string, input: unknown, config: Record<string, unknown> = {}): Promise<unknown> {
    let thread = this.info.get(threadId);
    if (!thread) {
      thread = { threadId, version: this.newest().version.id, status: "new", pausedAt: [], pinReason: [] };
      this.info.set(threadId, thread);
    } else {
      const reasons = await this.endangered(thread);
      thread.pinReason = reasons;
      if (reasons.length === 0) thread.version = this.newest().version.id;
    }
    const held = this.byId(thread.version);
    thread.status = "running";
    try {
      return await held.graph.invoke(input, { ...config, configurable: { thread_id: threadId } });
    } finally {
      const state = (await held.graph.getState({ configurable: { thread_id: threadId } })) as StateLike;
      thread.pausedAt = [...new Set([...(state.next ?? []), ...(state.tasks ?? []).filter((t) => t.interrupts?.length).map((t) => t.name)])];
      const interrupted = (state.tasks ?? []).some((t) => t.interrupts?.length) || (state.next ?? []).length > 0;
      thread.status = interrupted ? "paused" : "finished";
    }
  }

  async getState(threadId: string): Promise<unknown> {
    const thread = this.info.get(threadId);
    return (thread ? this.byId(thread.version) : this.newest()).graph.getState({ configurable: { thread_id: threadId } });
  }

  threads(): DevThreadInfo[] {
    return [...this.info.values()].map((t) => ({ ...t }));
  }

  versions(): string[] {
    return this.held.map((h) => h.version.id);
  }
}
