/**
 * The public contract of {@link GraphHost}: versions of one graph id, hot-swapped per thread by the static
 * compatibility verdict. `langgraph-compat dev` and users' own servers code against this interface.
 */
import type { Snapshot } from "@langgraph-compat/snapshot";
import type { AuditEntry, PinStore } from "./pins/types.js";

/**
 * A compiled graph: what `StateGraph.compile()` or `entrypoint()` returns, of the real `@langchain/langgraph`
 * or of the reference runtime.
 */
export interface HostedGraph {
  invoke(input: unknown, config?: { configurable?: Record<string, unknown> } & Record<string, unknown>): Promise<unknown>;
  getState(config: { configurable: Record<string, unknown> }): Promise<unknown>;
  stream?(input: unknown, config?: { configurable?: Record<string, unknown> } & Record<string, unknown>): Promise<AsyncIterable<unknown>> | AsyncIterable<unknown>;
}

/** One deployable version: how to build it, and its snapshot (from the extractor). */
export interface GraphVersion {
  /** Unique per graph: `label@hash` from {@link versionId}, or any string. */
  id: string;
  /** The user's name for it ("v2", a release tag). */
  label?: string;
  /** Content hash of its sources ({@link sourceHash}). */
  hash?: string;
  /** The graph id in `langgraph.json` (the same for every version of one host). */
  graphId: string;
  snapshot: Snapshot;
  /** Builds the compiled graph; the host supplies the shared checkpointer. May throw (a compile error). */
  build(checkpointer: unknown): HostedGraph | Promise<HostedGraph>;
}

export type DeployResult =
  | { ok: true; version: string; /** threads that stay on an older version for now, with the rule ids why */ pinned: ThreadInfo[] }
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
  /**
   * The user's checkpointer, shared by every version so threads survive swaps: any BaseCheckpointSaver of the real
   * `@langchain/langgraph` (PostgresSaver, SqliteSaver, MemorySaver…), or a saver of the reference runtime.
   */
  checkpointer: unknown;
  /** Where versions, pins, the audit log and thread locks live (default: in memory, this process only). */
  pins?: PinStore;
  /** The graph id, when the host should read the store before its first `load()` or `deploy()`. */
  graphId?: string;
  /** Fraction of new threads a fresh deploy starts on the new version until `promote()`; default 1 (no canary). */
  canary?: number;
  /** Random source for the canary (tests pass a deterministic one). */
  random?: () => number;
  /** This process in the audit log (default `hostname:pid`). */
  name?: string;
}

export interface GraphHostApi {
  /** Build a version so this process can run it, without deploying it. */
  load(version: GraphVersion): Promise<{ ok: true } | { ok: false; error: string }>;
  deploy(version: GraphVersion): Promise<DeployResult>;
  /** Run or resume a thread (input, `Command`, or null) on the version the verdict allows. */
  invoke(threadId: string, input: unknown, config?: Record<string, unknown>): Promise<unknown>;
  /** The same as a stream of the graph's chunks. */
  stream(threadId: string, input: unknown, config?: Record<string, unknown>): AsyncIterable<unknown>;
  getState(threadId: string): Promise<unknown>;
  /** Make the previous version the newest again; moved threads go back only when that is safe too. */
  rollback(): Promise<void>;
  /** Start new threads on the newest version with probability `fraction`, on the one before otherwise. */
  canary(fraction: number): Promise<void>;
  /** End the canary: every new thread starts on the newest version. */
  promote(): Promise<void>;
  threads(): Promise<ThreadInfo[]>;
  /** Version ids deployed and not retired (a version is retired once no thread needs it). */
  versions(): Promise<string[]>;
  audit(limit?: number): Promise<AuditEntry[]>;
  /** Register a thread without running it (status "new"); it gets the newest version or the canary. */
  createThread(threadId: string): Promise<ThreadInfo>;
  /** Resolves once the thread moves caused by every deploy, rollback, canary and promote so far are done. */
  settled(): Promise<void>;
}
