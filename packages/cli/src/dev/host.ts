/**
 * The host the dev command serves threads from: `GraphHost` of @langgraph-compat/host, with an in-memory
 * checkpointer shared by all versions (threads live as long as the dev process): the reference runtime's, or
 * with `--runtime langgraph` the `MemorySaver` of the project's own `@langchain/langgraph`.
 */
import { GraphHost, type GraphHostApi } from "@langgraph-compat/host";
import { MemorySaver } from "@langgraph-compat/runtime";

export type { DeployResult, GraphHostApi, GraphVersion, HostedGraph, ThreadInfo } from "@langgraph-compat/host";

/** The host API dev serves through (`createThread` registers a thread before its first run). */
export type DevHost = GraphHostApi;

/** The host `langgraph-compat dev` runs on: in-memory threads, the reference runtime's `MemorySaver` or a real one. */
export function createHost(checkpointer: unknown = new MemorySaver()): DevHost {
  return new GraphHost({ checkpointer });
}
