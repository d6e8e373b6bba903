/**
 * The host the dev command serves threads from. The types mirror `GraphHostApi` of
 * packages/runtime/src/host/types.ts (the part dev uses).
 */
import type { Snapshot } from "@langgraph-compat/snapshot";
import { MemorySaver } from "@langgraph-compat/runtime";
import { StandInHost } from "./standin-host.js";

/** A compiled graph of the runtime. */
export interface DevHostedGraph {
  invoke(input: unknown, config?: { configurable?: Record<string, unknown> } & Record<string, unknown>): Promise<unknown>;
  getState(config: { configurable: Record<string, unknown> }): Promise<unknown>;
}

/** One deployable version (`GraphVersion`). */
export interface DevGraphVersion {
  id: string;
  graphId: string;
  snapshot: Snapshot;
  build(checkpointer: unknown): DevHostedGraph | Promise<DevHostedGraph>;
}

/** Where a thread stands (`ThreadInfo`). */
export interface DevThreadInfo {
  threadId: string;
  version: string;
  status: "running" | "paused" | "finished" | "new";
  pausedAt: string[];
  pinReason: string[];
}

/** What `deploy` answers (`DeployResult`). */
export type DevDeployResult = { ok: true; version: string; pinned: DevThreadInfo[] } | { ok: false; error: string };

/** The part of `GraphHostApi` the dev command uses. */
export interface DevHost {
  deploy(version: DevGraphVersion): Promise<DevDeployResult>;
  invoke(threadId: string, input: unknown, config?: Record<string, unknown>): Promise<unknown>;
  getState(threadId: string): Promise<unknown>;
  threads(): DevThreadInfo[];
  versions(): string[];
}

/** The host `langgraph-compat dev` runs on, with an in-memory checkpointer shared by all versions. */
export function createHost(): DevHost {
  return new StandInHost(new MemorySaver());
}
