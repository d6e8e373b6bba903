/**
 * One pass over a thread store: each thread matched to a graph of the snapshot its threads were written by,
 * and its position read from its checkpoints alone. Streams: `visit` sees each thread once, nothing is kept.
 */
import type { GraphSnapshot, Snapshot } from "@langgraph-compat/snapshot";
import type { ThreadPosition } from "@langgraph-compat/diff";
import { positionOf } from "./position.js";
import type { CheckpointRecord } from "./record.js";
import type { ThreadSource } from "./source.js";

/** How threads are matched to graphs when their checkpoint metadata names none. */
export interface MatchOptions {
  /** Every thread whose metadata names no graph of the snapshot belongs to this graph (`--threads-graph ID`). */
  graph?: string;
  /** Per graph id, a regular expression its thread ids match (config `threads.match`). */
  threadIdPatterns?: Record<string, string>;
}

export type ScannedThread =
  | { kind: "read"; threadId: string; graph: string; position: ThreadPosition; record: CheckpointRecord; errored: boolean; ts?: string }
  | { kind: "unmatched"; threadId: string; named?: string }
  | { kind: "unreadable"; threadId: string; reason: string };

/** The graph id the checkpoint metadata names (`graph_id`, else `assistant_id`, as the Agent Server writes them). */
function namedGraph(record: CheckpointRecord): string | undefined {
  for (const key of ["graph_id", "assistant_id"] as const) {
    const value = record.metadata?.[key];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

export function matcher(graphs: Snapshot["graphs"], options: MatchOptions = {}): (threadId: string, record: CheckpointRecord) => string | undefined {
  if (options.graph !== undefined && graphs[options.graph] === undefined) throw new Error(`no graph ${options.graph}`);
  const patterns = Object.entries(options.threadIdPatterns ?? {}).map(([graph, pattern]) => [graph, new RegExp(pattern)] as const);
  return (threadId, record) => {
    const named = namedGraph(record);
    if (named !== undefined && graphs[named] !== undefined) return named;
    for (const [graph, pattern] of patterns) if (pattern.test(threadId)) return graph;
    return options.graph;
  };
}

/** Reads every thread of `source` and hands it to `visit`; returns how many were seen. */
export async function scanThreads(source: ThreadSource, snapshot: Snapshot, options: MatchOptions, visit: (thread: ScannedThread) => void): Promise<number> {
  const graphOf = matcher(snapshot.graphs, options);
  let seen = 0;
  for await (const thread of source.threads()) {
    seen++;
    if (thread.unreadable !== undefined) {
      visit({ kind: "unreadable", threadId: thread.threadId, reason: thread.unreadable });
      continue;
    }
    const root = thread.records.get("");
    if (root === undefined) {
      visit({ kind: "unreadable", threadId: thread.threadId, reason: "no checkpoint of the root graph" });
      continue;
    }
    const graph = graphOf(thread.threadId, root);
    if (graph === undefined) {
      visit({ kind: "unmatched", threadId: thread.threadId, named: namedGraph(root) });
      continue;
    }
    const position = positionOf(root, snapshot.graphs[graph] as GraphSnapshot, (ns) => thread.records.get(ns));
    const errored = root.pendingWrites.some(([, channel]) => channel === "__error__");
    visit({ kind: "read", threadId: thread.threadId, graph, position, record: root, errored, ts: root.checkpoint.ts });
  }
  return seen;
}
