/**
 * Issue 9, class 19: the docs' versioning pattern. A step inserted behind a router that branches on a stamp
 * written at thread start is safe for old threads, and the reason names the stamp; every near miss (the
 * stamp written after a pause, a second writer, a router that does not test it, a comparison old threads
 * pass too, a default v2 gives old threads) keeps the stale-route findings as they were.
 */
import { describe, expect, it } from "vitest";
import type { BranchGate, GraphSnapshot, NodeSnapshot } from "@langgraph-compat/snapshot";
import { END, START, branch, channel, diff, graph, interrupt, node, triples } from "./helpers.js";
import { gateHolds, threadStamp } from "../src/positions/stamps.js";

const stamp = (value: number | undefined, opts: Partial<NodeSnapshot> = {}) =>
  node("stamp", { writes: value === undefined ? [] : ["flow_version"], ...(value === undefined ? {} : { constantWrites: { flow_version: value } }), ...opts });
const write = (opts: Partial<NodeSnapshot> = {}) => node("write", { interrupts: [interrupt("w")], writes: ["draft"], ...opts });
const review = node("review", { interrupts: [interrupt("r")], reads: ["draft"], writes: ["approved"] });
const channels = (withStamp = true) => [
  ...(withStamp ? [channel("flow_version", { type: { type: "number" } })] : []),
  channel("draft"),
  channel("approved", { type: { type: "boolean" } }),
];

/** v1: START -> stamp -> write -> review -> END. */
function v1(value: number | undefined = 1, opts: { stampNode?: Partial<NodeSnapshot>; withStamp?: boolean } = {}): GraphSnapshot {
  return graph({
    nodes: [stamp(value, opts.stampNode), write(), review],
    edges: [[START, "stamp"], ["stamp", "write"], ["write", "review"], ["review", END]],
    channels: channels(opts.withStamp ?? true),
  });
}

/** v2: the same with `legal_check` behind a router on `flow_version` out of `write`. */
function v2(gate: Partial<BranchGate> = {}, opts: { value?: number; extra?: NodeSnapshot[]; channels?: ReturnType<typeof channels> } = {}): GraphSnapshot {
  const full: BranchGate = { key: "flow_version", op: ">=", value: 2, then: "legal_check", else: "review", ...gate };
  return graph({
    nodes: [stamp(opts.value ?? 2), write(), node("legal_check", { reads: ["draft"], writes: ["draft"] }), review, ...(opts.extra ?? [])],
    edges: [[START, "stamp"], ["stamp", "write"], ["legal_check", "review"], ["review", END]],
    branches: [branch("write", ["legal_check", "review"], { pathMap: ["legal_check", "review"], gate: full })],
    channels: opts.channels ?? channels(),
  });
}

const INSERTED_SAFE = [
  ["branch-added", "safe", "branches/write"],
  ["edge-removed", "safe", "edges/write->review"],
  ["node-added", "safe", "nodes/legal_check"],
];
const INSERTED_RISKY = [
  ["branch-added", "risky", "branches/write"],
  ["edge-removed", "risky", "edges/write->review"],
  ["node-added", "safe", "nodes/legal_check"],
];

describe("version stamp: a step inserted behind a router on a stamp written at thread start", () => {
  it("is safe for old threads, and the reason names the pattern, the key and both routes", async () => {
    expect(await triples(v1(), v2())).toEqual(INSERTED_SAFE);
    const result = await diff(v1(), v2());
    const added = result.findings.find((f) => f.ruleId === "branch-added");
    expect(added?.reasons).toEqual([
      "lowered to safe: version stamp `flow_version` (the docs' versioning pattern): old threads carry `flow_version` = 1 and take the old route `write -> review`; " +
        "the router of `write` sends only the new stamp 2, which `stamp` writes as a thread starts and nothing writes after, to `legal_check`, " +
        "so a thread paused with `write`'s routes fired holds the route v2 gives it",
    ]);
    expect(added?.endangered).toBeUndefined();
  });

  it("old threads with no stamp at all (the key is new, with no default) read undefined and take the old route", async () => {
    const before = v1(undefined, { withStamp: false });
    expect(await triples(before, v2({ op: "===", value: 2 }))).toEqual(expect.arrayContaining(INSERTED_SAFE));
    const reasons = (await diff(before, v2({ op: "===", value: 2 }))).findings.find((f) => f.ruleId === "branch-added")?.reasons ?? [];
    expect(reasons[0]).toContain("old threads carry `flow_version` = no value");
  });

  it("a comparison that old threads pass too is no version gate (undefined < 2 is false: the new route)", async () => {
    const before = v1(undefined, { withStamp: false });
    // `flow_version < 2 ? review : legal_check`: new threads (2) go to review, old ones (undefined) to legal_check.
    const found = await triples(before, v2({ op: "<", value: 2, then: "review", else: "legal_check" }));
    expect(found).toEqual(expect.arrayContaining(INSERTED_RISKY));
  });

  it("a channel default v2 gives old threads hides their missing stamp: not recognised", async () => {
    const before = v1(undefined, { withStamp: false });
    const defaulted = [channel("flow_version", { type: { type: "number" }, default: { kind: "channel", fingerprint: "d" } }), ...channels(false)];
    expect(await triples(before, v2({ op: "===", value: 2 }, { channels: defaulted }))).toEqual(expect.arrayContaining(INSERTED_RISKY));
  });

  it("near misses keep the stale route risky", async () => {
    // The router does not test the stamp.
    const untested = v2();
    delete untested.branches[0].gate;
    expect(await triples(v1(), untested)).toEqual(INSERTED_RISKY);
    // The new stamp takes the same route as the old one: nothing tells old threads apart.
    expect(await triples(v1(), v2({}, { value: 1 }))).toEqual(expect.arrayContaining(INSERTED_RISKY));
    // The stamping node can pause before it writes: a thread paused there is stamped by whichever version resumes it.
    expect(await triples(v1(1, { stampNode: { interrupts: [interrupt("s")] } }), v2())).toEqual(expect.arrayContaining(INSERTED_RISKY));
    // Another node writes the stamp after the start.
    const rewriter = node("audit", { writes: ["flow_version"] });
    const late = v2({}, { extra: [rewriter] });
    late.edges.push({ from: "legal_check", to: "audit", location: late.edges[0].location });
    expect(await triples(v1(), late)).toEqual(expect.arrayContaining(INSERTED_RISKY));
  });
});

describe("version stamp: a router on the stamp that v1 already had", () => {
  /** v1 routes `write` by its own gate on the stamp; v2 changes the router (branch-changed). */
  const v1Gated = (gate: Partial<BranchGate> = {}) =>
    graph({
      nodes: [stamp(1), write(), node("legal_check", { reads: ["draft"], writes: ["draft"] }), review],
      edges: [[START, "stamp"], ["stamp", "write"], ["legal_check", "review"], ["review", END]],
      branches: [branch("write", ["legal_check", "review"], { pathMap: ["legal_check", "review"], gate: { key: "flow_version", op: ">=", value: 3, then: "legal_check", else: "review", ...gate } })],
      channels: channels(),
    });
  const changed = (after: GraphSnapshot) => {
    after.branches[0].router = { ...after.branches[0].router, fingerprint: "router:v2" };
    return after;
  };

  it("is safe when v1's gate sent the old stamp where v2's does", async () => {
    const found = await triples(v1Gated(), changed(v2()));
    expect(found.filter((t) => t[0] === "branch-changed")).toEqual([["branch-changed", "safe", "branches/write"]]);
  });

  it("stays risky when v1's gate sent the old stamp elsewhere (the thread holds another route)", async () => {
    // A breakpoint before legal_check holds the route write -> legal_check with legal_check still to run.
    const held = { ...v1Gated({ op: ">=", value: 1 }), interruptBefore: ["legal_check"] };
    const found = await triples(held, changed(v2()));
    expect(found.filter((t) => t[0] === "branch-changed")).toEqual([["branch-changed", "risky", "branches/write"]]);
    // Without it, the only thread past write is paused inside review, which it has entered: v2, choosing one
    // target too, could not add another beside it, so nothing is held (class 2).
    const entered = await triples(v1Gated({ op: ">=", value: 1 }), changed(v2()));
    expect(entered.filter((t) => t[0] === "branch-changed")).toEqual([["branch-changed", "safe", "branches/write"]]);
  });
});

describe("threadStamp and gateHolds", () => {
  it("needs one START route into a node that always writes the key, and no other writer", () => {
    expect(threadStamp(v1(), "flow_version")).toEqual({ kind: "written", node: "stamp", value: 1 });
    expect(threadStamp(v1(undefined, { withStamp: false }), "flow_version")).toEqual({ kind: "absent" });
    const twoStarts = v1();
    twoStarts.edges.push({ from: START, to: "review", location: twoStarts.edges[0].location });
    expect(threadStamp(twoStarts, "flow_version")).toBeUndefined();
    const reduced = v1();
    reduced.state.channels.flow_version = { ...reduced.state.channels.flow_version, reducer: { kind: "custom", fingerprint: "r" } };
    expect(threadStamp(reduced, "flow_version")).toBeUndefined();
    expect(threadStamp({ ...v1(), interruptBefore: ["stamp"] }, "flow_version")).toBeUndefined();
  });

  it("compares as JavaScript does, an absent stamp read as undefined", () => {
    expect(gateHolds({ op: ">=", value: 2 }, 2)).toBe(true);
    expect(gateHolds({ op: ">=", value: 2 }, 1)).toBe(false);
    expect(gateHolds({ op: ">=", value: 2 }, null)).toBe(false);
    expect(gateHolds({ op: "<", value: 2 }, null)).toBe(false);
    expect(gateHolds({ op: "!==", value: 2 }, null)).toBe(true);
    expect(gateHolds({ op: "==", value: "2" }, 2)).toBe(true);
    expect(gateHolds({ op: "===", value: "2" }, 2)).toBe(false);
  });
});
