/**
 * Static positions against real checkpoints: hand-made graphs run on the real @langchain/langgraph, and
 * every position read at a stop must lie in the graph's static set.
 */
import { describe, expect, it } from "vitest";
import { coverMismatch, inStaticSet, staticPositions } from "@langgraph-compat/diff";
import { END, START } from "@langgraph-compat/snapshot";
import { driveThread, toSnapshot, type GraphDesc } from "./static-graphs-real.js";

const base = { edges: [], joins: [], branches: [], keys: ["k0", "k1"], interruptBefore: [], interruptAfter: [] } as const;

async function expectCovered(desc: GraphDesc, seeds = 8): Promise<void> {
  const snapshot = toSnapshot(desc);
  const set = staticPositions(snapshot);
  expect(set.truncated).toBe(false);
  for (let seed = 1; seed <= seeds; seed++) {
    for (const stop of await driveThread(desc, snapshot, seed)) {
      if (!inStaticSet(set, stop.position)) {
        const near = set.positions.map((p) => coverMismatch(p, stop.position)).join("\n  ");
        throw new Error(`not in the static set after ${stop.did}: ${JSON.stringify(stop.position)}\n  ${near}`);
      }
    }
  }
}

describe("static positions cover real checkpoints", () => {
  it("a fan-out with a pausing sibling", async () => {
    await expectCovered({
      ...base,
      nodes: { p: { interrupts: 0, writes: ["k0"] }, q: { interrupts: 2, writes: ["k1"] }, r: { interrupts: 0, writes: [] } },
      edges: [[START, "p"], ["p", "q"], ["p", "r"], ["q", END], ["r", END]],
    });
  });
});
