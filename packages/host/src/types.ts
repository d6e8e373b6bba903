/**
 * The public contract of {@link GraphHost} (issue 5): versions of one graph id, hot-swapped per thread by
 * the static compatibility verdict. `langgraph-compat dev` codes against this interface.
 */
import type { Snapshot } from "@langgraph-compat/snapshot";

/** A compiled graph of this runtime (what `StateGraph.compile()` or `entrypoint()` returns). */
export interface HostedGraph {
  invoke(input: unknown, config?: { configurable?: Record<string, unknown> } & Record<string, unknown>): Promise<unknown>;
  getState(config: { configurable: Record<string, unknown> }): Promise<unknown>;
}

/** One deployable version: how to build it, and its snapshot (from the extractor). */
export interface GraphVersion {
  /** Unique, e.g. a content hash or a counter. */
  id: string;
  /** The graph id in `langgraph.json` (the same for every version of one host). */
  graphId: string;
  snapshot: Snapshot;
  /** Builds the compiled graph; the host supplies the shared checkpointer. May throw (a compile error). */
  build(checkpointer: unknown): HostedGraph | Promise<HostedGraph>;
}

export type DeployResult =
  | { ok: true; version: string; /** threads that will stay on an older version, with the rule ids why */ pinned: ThreadInfo[] }
  | { ok: false; error: string };

/** Where a thread stands, as the host sees it. */
export interface ThreadInfo {
  threadId: string;
  /** The version the thread runs on now. */
  version: string;
  status: "running" | "paused" | "finished" | "new";
  /** Nodes (or tasks) it is paused in or about to run, from its checkpoint. */
  pausedAt: string[];
  /** Rule ids of the findings that keep it on its version; empty when it is free to move. */
  pinReason: string[];
}

export interface GraphHostOptions {
  /** Shared by all versions, so threads survive swaps (MemorySaver or SqliteSaver of this runtime). */
  checkpointer: unknown;
  /** Fraction of new threads started on a freshly deployed version until `promote()`; default 1. */
  canary?: number;
  /** Random source for the canary (tests pass a deterministic one). */
  random?: () => number;
}

export interface GraphHostApi {
  deploy(version: GraphVersion): Promise<DeployResult>;
  /** Run or resume a thread (input, `Command`, or null) on the version the verdict allows. */
  invoke(threadId: string, input: unknown, config?: Record<string, unknown>): Promise<unknown>;
  getState(threadId: string): Promise<unknown>;
  /** Make the previous version the newest again; moved threads go back only when that is safe too. */
  rollback(): Promise<void>;
  /** End the canary: every new thread starts on the newest version. */
  promote(): void;
  threads(): ThreadInfo[];
  /** Version ids still held (retired ones are dropped once no thread is pinned to them). */
  versions(): string[];
  /** Added: register a thread without running it (status "new"); it gets the newest version or the canary. */
  createThread?(threadId: string): ThreadInfo;
  /** Added: resolves once every deploy, rollback and promote issued so far (and the thread moves they cause) is done. */
  settled?(): Promise<void>;
}
