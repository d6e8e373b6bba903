/**
 * Where a thread stands on a version, for the host's per-thread decision: from the reference runtime's
 * checkpoints (which name each pending write's node) with `readPosition`, and from any saver of the real
 * `@langchain/langgraph` with the graph-free reader of `@langgraph-compat/threads`, the one `check --threads`
 * uses. Either way the result is the `ThreadPosition` the one `endangers` decides over.
 */
import type { ThreadPosition } from "@langgraph-compat/diff";
import type { GraphSnapshot } from "@langgraph-compat/snapshot";
import { BaseCheckpointSaver } from "@langgraph-compat/runtime";
import { readThreadPosition, type TupleReader } from "@langgraph-compat/threads";
import { readPosition, type CheckpointReader } from "./position.js";
import type { HostedGraph } from "./types.js";

export interface ReadThread {
  position: ThreadPosition;
  /** The thread's channel values (for the version stamps it carries), when they could be read. */
  values?: Record<string, unknown>;
}

const asRecord = (value: unknown): Record<string, unknown> | undefined => (value !== null && typeof value === "object" ? (value as Record<string, unknown>) : undefined);

/**
 * True for a saver of the reference runtime. Every saver of the real runtime extends
 * `@langchain/langgraph-checkpoint`'s BaseCheckpointSaver, which gives it a `serde`; the reference runtime's have
 * none (checked by shape too, since a second copy of the runtime package fails `instanceof`).
 */
export function isReferenceSaver(saver: unknown): boolean {
  return saver instanceof BaseCheckpointSaver || (saver !== null && typeof saver === "object" && !("serde" in saver));
}

/** A reader of thread positions over `saver`, chosen by the runtime the saver belongs to. */
export function threadReader(saver: unknown): (threadId: string, snapshot: GraphSnapshot, graph: HostedGraph) => Promise<ReadThread> {
  if (isReferenceSaver(saver)) {
    return async (threadId, snapshot, graph) => {
      let state: unknown;
      try {
        state = await graph.getState({ configurable: { thread_id: threadId } });
      } catch {
        state = undefined; // a poisoned thread (rows 11e2, 11f): the raw checkpoint still tells where it is
      }
      const position = await readPosition(saver as unknown as CheckpointReader, threadId, { state, snapshot });
      return { position, values: asRecord((state as { values?: unknown } | undefined)?.values) };
    };
  }
  return async (threadId, snapshot) => {
    const { position, record } = await readThreadPosition(saver as TupleReader, threadId, snapshot);
    return { position, values: record?.checkpoint.channel_values };
  };
}
