/**
 * The host the dev command serves threads from: `GraphHost` of @langgraph-compat/host, with an in-memory
 * checkpointer shared by all versions (threads live as long as the dev process).
 */
import { GraphHost, type GraphHostApi, type ThreadInfo } from "@langgraph-compat/host";
import { MemorySaver } from "@langgraph-compat/runtime";

export type { DeployResult, GraphHostApi, GraphVersion, HostedGraph, ThreadInfo } from "@langgraph-compat/host";

/** `GraphHostApi`, plus `GraphHost.createThread` when the host has it (registers a thread before its first run). */
export type DevHost = GraphHostApi & { createThread?(threadId: string): ThreadInfo };

/** The host `langgraph-compat dev` runs on. */
export function createHost(): DevHost {
  return new GraphHost({ checkpointer: new MemorySaver() });
}
