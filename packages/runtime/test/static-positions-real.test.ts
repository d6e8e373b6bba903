/**
 * Static positions against real checkpoints: hand-made graphs run on the real @langchain/langgraph, and
 * every position read at a stop must lie in the graph's static set.
 */
import { describe, expect, it } from "vitest";
import { coverMismatch, inStaticSet, staticPositions, type ThreadPosition } from "@langgraph-compat/diff";
import { END, START } from "@langgraph-compat/snapshot";
import { driveThread, toSnapshot, type GraphDesc } from "./static-graphs-real.js";
import { real } from "./modules.js";
import { readRealPosition } from "./real-position.js";
import { driveWorkflow, workflow, workflowSnapshot } from "./functional-real.js";

const base = { edges: [], joins: [], branches: [], keys: ["k0", "k1"], interruptBefore: [], interruptAfter: [] } as const;

/** Runs `seeds` threads of `desc`, checks every stop against the static set, and returns the stops. */
async function expectCovered(desc: GraphDesc, seeds = 8, newInputRate?: number): Promise<ThreadPosition[]> {
  const snapshot = toSnapshot(desc);
  const set = staticPositions(snapshot);
  expect(set.truncated).toBe(false);
  const stops: ThreadPosition[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const run = await driveThread(desc, snapshot, seed, 10, newInputRate);
    expect(run.error).toBeUndefined();
    for (const stop of run.stops) {
      stops.push(stop.position);
      if (!inStaticSet(set, stop.position)) {
        const near = set.positions.map((p) => coverMismatch(p, stop.position)).join("\n  ");
        throw new Error(`not in the static set after ${stop.did}: ${JSON.stringify(stop.position)}\n  ${near}`);
      }
    }
  }
  return stops;
}

const n = (interrupts = 0, writes: string[] = []) => ({ interrupts, writes });

describe("static positions cover real checkpoints", () => {
  it("a linear graph with an interrupt, and its next turns", async () => {
    const stops = await expectCovered({ ...base, nodes: { a: n(0, ["k0"]), b: n(2, ["k1"]) }, edges: [[START, "a"], ["a", "b"], ["b", END]] });
    expect(stops.some((p) => p.pausedIn.includes("b") && p.answered.b === 1)).toBe(true);
    expect(stops.some((p) => p.pausedIn.length === 0 && p.pending.length === 0)).toBe(true);
  });
  it("interruptBefore and interruptAfter", async () => {
    await expectCovered({ ...base, nodes: { a: n(), b: n(1), c: n() }, edges: [[START, "a"], ["a", "b"], ["b", "c"], ["c", END]], interruptBefore: ["b"], interruptAfter: ["a", "c"] });
    await expectCovered({ ...base, nodes: { a: n(), b: n(1) }, edges: [[START, "a"], ["a", "b"], ["b", END]], interruptBefore: "*", interruptAfter: "*" });
  });
  it("a conditional router, with and without a path map", async () => {
    const branch = (pathMap: boolean) => ({ from: "a", targets: ["b", "c", END], sendTargets: [], pathMap });
    for (const pathMap of [true, false]) {
      await expectCovered({ ...base, nodes: { a: n(1), b: n(1), c: n() }, edges: [[START, "a"], ["b", END], ["c", END]], branches: [branch(pathMap)], interruptAfter: ["a"] });
    }
  });
  it("a join", async () => {
    const stops = await expectCovered({ ...base, nodes: { p: n(), a: n(1), b: n(), c: n(1) }, edges: [[START, "p"], ["p", "a"], ["p", "b"], ["c", END]], joins: [[["a", "b"], "c"]] });
    expect(stops.some((p) => p.pausedIn.includes("c") && p.channels.some((c) => c.startsWith("join:")))).toBe(true);
  });
  it("new input on a paused thread: the paused superstep is dropped, its join barrier stays", async () => {
    const stops = await expectCovered(
      {
        ...base,
        nodes: { a: n(0, ["k0"]), b: n(2, ["k1"]), c: n(1) },
        edges: [[START, "a"], ["a", "b"], ["c", END]],
        joins: [[["a", "b"], "c"]],
        branches: [{ from: "b", targets: ["c", END], sendTargets: [], pathMap: false }],
        interruptBefore: ["a"],
      },
      8,
      0.5,
    );
    expect(stops.some((p) => p.pending.includes("a") && p.channels.includes("join:a+b:c"))).toBe(true);
  });
  it("a Send fan-out beside named targets", async () => {
    const stops = await expectCovered({
      ...base,
      nodes: { p: n(), w: n(1, ["k0"]), x: n(), y: n() },
      edges: [[START, "p"], ["w", "y"], ["x", "y"], ["y", END]],
      branches: [{ from: "p", targets: ["x"], sendTargets: ["w"], pathMap: false }],
    });
    expect(stops.some((p) => p.pausedIn.includes("w") && p.sends.includes("w"))).toBe(true);
  });
  it("a subgraph node", async () => {
    const inner: GraphDesc = { ...base, nodes: { i1: n(1, ["k0"]), i2: n(1) }, edges: [[START, "i1"], ["i1", "i2"], ["i2", END]] };
    const stops = await expectCovered({ ...base, nodes: { p: n(), sub: n(), q: n(1) }, edges: [[START, "p"], ["p", "sub"], ["p", "q"], ["sub", END], ["q", END]], subgraphs: { sub: inner } });
    // The real reader sees inside the subgraph: a thread paused in its second node, beside q.
    expect(stops.some((p) => p.subgraphs.sub?.pausedIn.includes("i2") && p.pausedIn.includes("q"))).toBe(true);
  });
  it("a Command goto", async () => {
    await expectCovered({ ...base, nodes: { a: { interrupts: 1, writes: ["k0"], gotos: ["b", "c"] }, b: n(), c: n(1) }, edges: [[START, "a"], ["b", END], ["c", END]], interruptAfter: ["a"] });
  });

  it("a fan-out with a pausing sibling", async () => {
    await expectCovered({
      ...base,
      nodes: { p: { interrupts: 0, writes: ["k0"] }, q: { interrupts: 2, writes: ["k1"] }, r: { interrupts: 0, writes: [] } },
      edges: [[START, "p"], ["p", "q"], ["p", "r"], ["q", END], ["r", END]],
    });
  });
  it("a functional entrypoint: paused at interrupt k after tasks 0..j, and finished", async () => {
    const set = staticPositions(workflowSnapshot);
    const saver = new real.MemorySaver();
    const wf = workflow(saver);
    const stops: ThreadPosition[] = [];
    for (const input of [1, 2]) {
      await driveWorkflow(wf, "f", input, async () => {
        const position = await readRealPosition(saver, wf, "f", workflowSnapshot);
        stops.push(position);
        if (!inStaticSet(set, position)) throw new Error(`${JSON.stringify(position)}\n${set.positions.map((p) => coverMismatch(p, position)).join("\n")}`);
        return position.pausedIn.length > 0;
      });
    }
    // Paused in wf after one task (at "first"), after one and in b, after two (at "second"), and finished.
    expect(stops.map((p) => `${p.pausedIn.join()}:${p.tasksDone ?? "-"}`)).toEqual(["wf:1", "wf:1", "wf:2", ":-", "wf:1", "wf:1", "wf:2", ":-"]);
  });
});
