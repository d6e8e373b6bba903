import { describe, expect, it } from "vitest";
import { END, START, branch, chain, graph, interrupt, node, triples } from "./helpers.js";

const nodes = (...names: string[]) => names.map((n) => node(n));

describe("edge-rerouted / edge-removed / edge-added", () => {
  it("rerouting an edge out of an interruptAfter node is risky (5d)", async () => {
    const before = graph({ nodes: nodes("prep", "a", "b"), edges: [[START, "prep"], ["prep", "a"], ["a", END], ["b", END]], interruptAfter: ["prep"] });
    const after = graph({ nodes: nodes("prep", "a", "b"), edges: [[START, "prep"], ["prep", "b"], ["a", END], ["b", END]], interruptAfter: ["prep"] });
    expect(await triples(before, after)).toEqual([["edge-rerouted", "risky", "edges/prep->a"]]);
  });

  it("inserting a node on an edge that fired before a pause is risky (5h)", async () => {
    const before = graph({ nodes: nodes("prep", "x"), edges: chain("prep", "x"), interruptBefore: ["x"] });
    const after = graph({ nodes: nodes("prep", "audit", "x"), edges: chain("prep", "audit", "x"), interruptBefore: ["x"] });
    expect(await triples(before, after)).toEqual([
      ["edge-rerouted", "risky", "edges/prep->x"],
      ["node-added", "safe", "nodes/audit"],
    ]);
  });

  it("edge-rerouted-ok: the same reroute with no pause point is safe (5c)", async () => {
    const before = graph({ nodes: nodes("prep", "a", "b"), edges: [[START, "prep"], ["prep", "a"], ["a", END], ["b", END]] });
    const after = graph({ nodes: nodes("prep", "a", "b"), edges: [[START, "prep"], ["prep", "b"], ["a", END], ["b", END]] });
    expect(await triples(before, after)).toEqual([["edge-rerouted", "safe", "edges/prep->a"]]);
  });

  it("edge-removed and edge-added are risky out of a node that can be last before a pause", async () => {
    const before = graph({ nodes: nodes("a", "b", "c"), edges: [[START, "a"], ["a", "b"], ["a", "c"], ["b", END], ["c", END]], interruptAfter: ["a"] });
    const after = graph({ nodes: nodes("a", "b", "c"), edges: [[START, "a"], ["a", "b"], ["b", END], ["c", END], ["b", "c"]], interruptAfter: ["a"] });
    expect(await triples(before, after)).toEqual([
      ["edge-added", "safe", "edges/b->c"],
      ["edge-removed", "risky", "edges/a->c"],
    ]);
  });

  it("adding a static edge after a goto node paused by interruptAfter is risky (15f)", async () => {
    const before = graph({ nodes: [node("a", { gotos: ["x"], ends: ["x"] }), node("x"), node("y")], edges: [[START, "a"], ["x", END], ["y", END]], interruptAfter: ["a"] });
    const after = graph({ nodes: [node("a", { gotos: ["x"], ends: ["x"] }), node("x"), node("y")], edges: [[START, "a"], ["a", "y"], ["x", END], ["y", END]], interruptAfter: ["a"] });
    expect(await triples(before, after)).toEqual([["edge-added", "risky", "edges/a->y"]]);
  });
});

describe("joins", () => {
  const base = (sources: string[], pause = true) =>
    graph({
      nodes: [node("a"), node("b2", pause ? { interrupts: [interrupt("q")] } : {}), node("c")],
      edges: [[START, "a"], [START, "b2"], ["c", END]],
      joins: [[sources, "c"]],
    });
  it("join-order-changed is breaking (5e)", async () => {
    expect(await triples(base(["a", "b2"]), base(["b2", "a"]))).toEqual([["join-order-changed", "breaking", "joins/a+b2->c"]]);
  });
  it("join-order-changed drops to risky when the graph cannot pause", async () => {
    expect(await triples(base(["a", "b2"], false), base(["b2", "a"], false))).toEqual([["join-order-changed", "risky", "joins/a+b2->c"]]);
  });
  it("join-order-changed-ok: same order", async () => {
    expect(await triples(base(["a", "b2"]), base(["a", "b2"]))).toEqual([]);
  });
  it("join-changed: join replaced by plain edges is risky (5f)", async () => {
    const after = graph({ nodes: [node("a"), node("b2", { interrupts: [interrupt("q")] }), node("c")], edges: [[START, "a"], [START, "b2"], ["a", "c"], ["b2", "c"], ["c", END]] });
    expect(await triples(base(["a", "b2"]), after)).toEqual([
      ["edge-added", "risky", "edges/a->c"],
      ["edge-added", "safe", "edges/b2->c"],
      ["join-changed", "risky", "joins/a+b2->c"],
    ]);
  });
});

describe("branches, gotos, sends", () => {
  it("branch-changed is risky when the router's node can be last before a pause (6d)", async () => {
    const mk = (fp: string, targets: string[]) =>
      graph({ nodes: nodes("r", "legacy", "modern"), edges: [[START, "r"], ["legacy", END], ["modern", END]], branches: [branch("r", targets, { router: { fingerprint: fp, location: { file: "g.ts", line: 1, column: 1 } } })], interruptAfter: ["r"] });
    expect(await triples(mk("r1", ["legacy", "modern"]), mk("r2", ["modern"]))).toEqual([["branch-changed", "risky", "branches/r"]]);
  });

  it("branch-changed-ok: the same router is not a change; without a pause it is safe", async () => {
    const mk = (fp: string) =>
      graph({ nodes: nodes("r", "a"), edges: [[START, "r"], ["a", END]], branches: [branch("r", ["a"], { router: { fingerprint: fp, location: { file: "g.ts", line: 1, column: 1 } } })] });
    expect(await triples(mk("r1"), mk("r1"))).toEqual([]);
    expect(await triples(mk("r1"), mk("r2"))).toEqual([["branch-changed", "safe", "branches/r"]]);
  });

  it("branch-added and branch-removed", async () => {
    const before = graph({ nodes: nodes("r", "a", "b"), edges: [[START, "r"], ["a", END], ["b", END]], branches: [branch("r", ["a", "b"])], interruptAfter: ["r"] });
    const afterNone = graph({ nodes: nodes("r", "a", "b"), edges: [[START, "r"], ["r", "a"], ["a", END], ["b", END]], interruptAfter: ["r"] });
    expect(await triples(before, afterNone)).toEqual([
      ["branch-removed", "risky", "branches/r"],
      ["edge-added", "risky", "edges/r->a"],
    ]);
    expect(await triples(afterNone, before)).toEqual([
      ["branch-added", "risky", "branches/r"],
      ["edge-removed", "risky", "edges/r->a"],
    ]);
  });

  it("goto-targets-changed is risky after an interruptAfter node (8b), safe otherwise", async () => {
    const mk = (target: string, pause: boolean) =>
      graph({ nodes: [node("a", { gotos: [target], ends: ["x", "y"] }), node("x"), node("y")], edges: [[START, "a"], ["x", END], ["y", END]], interruptAfter: pause ? ["a"] : [] });
    expect(await triples(mk("x", true), mk("y", true))).toEqual([["goto-targets-changed", "risky", "nodes/a/gotos"]]);
    expect(await triples(mk("x", false), mk("y", false))).toEqual([["goto-targets-changed", "safe", "nodes/a/gotos"]]);
  });

  it("send-targets-changed", async () => {
    const mk = (target: string) =>
      graph({ nodes: [node("fan", { sends: [target] }), node("w1", { interrupts: [interrupt("q")] }), node("w2")], edges: [[START, "fan"], ["w1", END], ["w2", END]], interruptAfter: ["fan"] });
    expect(await triples(mk("w1"), mk("w2"))).toEqual([["send-targets-changed", "risky", "nodes/fan/sends"]]);
  });

  it("dangling-target: a live router or goto naming a removed node is breaking (6a, 8c)", async () => {
    const before = graph({ nodes: [node("a", { gotos: ["legacy"] }), node("legacy")], edges: [[START, "a"], ["legacy", END]], branches: [] });
    const after = graph({ nodes: [node("a", { gotos: ["legacy"] })], edges: [[START, "a"]] });
    expect(await triples(before, after)).toEqual([
      ["dangling-target", "breaking", "nodes/a/gotos/legacy"],
      ["node-removed", "risky", "nodes/legacy"],
    ]);
  });

  it("dangling-target-ok: a router that stops naming the removed node", async () => {
    const before = graph({ nodes: [node("a", { gotos: ["legacy"] }), node("legacy")], edges: [[START, "a"], ["legacy", END]] });
    const after = graph({ nodes: [node("a", { gotos: [] })], edges: [[START, "a"]] });
    const result = await triples(before, after);
    expect(result.map((t) => t[0])).not.toContain("dangling-target");
  });
});

describe("breakpoints-changed", () => {
  it("is safe when every named node exists (14a-14i)", async () => {
    const before = graph({ nodes: nodes("a", "b"), edges: chain("a", "b"), interruptBefore: ["b"] });
    const after = graph({ nodes: nodes("a", "b"), edges: chain("a", "b"), interruptBefore: ["a"], interruptAfter: "*" });
    expect(await triples(before, after)).toEqual([
      ["breakpoints-changed", "safe", "breakpoints/interruptAfter"],
      ["breakpoints-changed", "safe", "breakpoints/interruptBefore"],
    ]);
  });
  it("is risky when a listed node does not exist (14h)", async () => {
    const before = graph({ nodes: nodes("a"), edges: chain("a") });
    const after = graph({ nodes: nodes("a"), edges: chain("a"), interruptBefore: ["gone"] });
    expect(await triples(before, after)).toEqual([["breakpoints-changed", "risky", "breakpoints/interruptBefore"]]);
  });
  it("breakpoints-changed-ok: the same list in another order", async () => {
    const before = graph({ nodes: nodes("a", "b"), edges: chain("a", "b"), interruptBefore: ["a", "b"] });
    const after = graph({ nodes: nodes("a", "b"), edges: chain("a", "b"), interruptBefore: ["b", "a"] });
    expect(await triples(before, after)).toEqual([]);
  });
});
