/**
 * The graph-free reader against the real runtime: random graphs (interrupts, breakpoints before and after,
 * routers with and without path maps, Sends, Commands, joins, parallel siblings, subgraphs) run on the real
 * `@langchain/langgraph` 1.7.3, and at every stop the position read from the checkpoint alone must equal the
 * one read with the real graph's own `getState` naming the tasks, both from all of the thread's records and live
 * through the saver's `getTuple` as a host reads it.
 */
import { describe, expect, it } from "vitest";
import { positionOf, readThreadPosition } from "@langgraph-compat/threads";
import { driveThread, randomGraph, toSnapshot } from "../../runtime/test/static-graphs-real.js";
import { recordsOf, type SaverApi } from "./real-records.js";

describe("positions read from real checkpoints without the graph", () => {
  it("equal the positions the real runtime's getState gives, on 60 random graphs", { timeout: 240_000 }, async () => {
    let stops = 0;
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 60; seed++) {
      const desc = randomGraph(seed);
      const snapshot = toSnapshot(desc);
      for (const thread of [1, 2]) {
        await driveThread(desc, snapshot, seed * 10 + thread, 8, 0.1, async (saver, threadId, expected) => {
          const records = await recordsOf(saver as SaverApi, threadId);
          const read = positionOf(records.get(""), snapshot, (ns) => records.get(ns));
          expect(read, `seed ${seed} thread ${thread}`).toEqual(expected);
          // Live through getTuple, as a host reads it: the root, then only the subgraphs paused tasks are in.
          expect((await readThreadPosition(saver as never, threadId, snapshot)).position, `live: seed ${seed} thread ${thread}`).toEqual(expected);
          stops++;
          if (read.pausedIn.length > 0) kinds.add("interrupt");
          if (read.pending.length > 0 && read.pausedIn.length === 0) kinds.add("before a node");
          if (read.sends.length > 0) kinds.add("send");
          if (read.finishedSiblings.length > 0) kinds.add("parallel sibling finished");
          if (Object.keys(read.subgraphs).length > 0) kinds.add("subgraph");
          if (read.pausedIn.length === 0 && read.pending.length === 0) kinds.add("finished");
        });
      }
    }
    expect(stops).toBeGreaterThan(300);
    expect([...kinds].sort()).toEqual(["before a node", "finished", "interrupt", "parallel sibling finished", "send", "subgraph"]);
  });
});
