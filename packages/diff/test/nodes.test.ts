import { describe, expect, it } from "vitest";
import { END, START, chain, channel, graph, interrupt, node, snapshot, triples } from "./helpers.js";

describe("node-removed", () => {
  it("is breaking for a node paused in interrupt() (1a)", async () => {
    const before = graph({ nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")] })], edges: chain("prep", "ask") });
    const after = graph({ nodes: [node("prep")], edges: chain("prep") });
    expect(await triples(before, after)).toEqual([
      ["edge-rerouted", "risky", "edges/prep->ask"],
      ["node-removed", "breaking", "nodes/ask"],
    ]);
  });

  it("is breaking for an interruptBefore target (3a) and a successor of an interruptAfter node", async () => {
    const nodes = [node("a"), node("b"), node("c")];
    const before = graph({ nodes, edges: chain("a", "b", "c"), interruptAfter: ["a"] });
    const after = graph({ nodes: [node("a"), node("c")], edges: chain("a", "c"), interruptAfter: ["a"] });
    expect(await triples(before, after)).toEqual([
      ["edge-rerouted", "risky", "edges/a->b"],
      ["node-removed", "breaking", "nodes/b"],
    ]);
  });

  it("drops to risky when no thread can be paused there and there is no static interruptBefore (4b/4g)", async () => {
    const before = graph({ nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")] }), node("tail")], edges: chain("prep", "ask", "tail") });
    const after = graph({ nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")] })], edges: chain("prep", "ask") });
    const result = await triples(before, after);
    expect(result).toContainEqual(["node-removed", "risky", "nodes/tail"]);
  });

  it("is breaking for any node when the after graph keeps a static interruptBefore (14o)", async () => {
    const before = graph({ nodes: [node("prep"), node("x")], edges: chain("prep", "x"), interruptBefore: ["x"] });
    const after = graph({ nodes: [node("x")], edges: chain("x"), interruptBefore: ["x"] });
    expect(await triples(before, after)).toEqual([
      ["edge-rerouted", "safe", "edges/__start__->prep"],
      ["node-removed", "breaking", "nodes/prep"],
    ]);
  });

  it("is safe for a node no thread ever reached (4a)", async () => {
    const before = graph({ nodes: [node("a"), node("orphan")], edges: chain("a") });
    const after = graph({ nodes: [node("a")], edges: chain("a") });
    expect(await triples(before, after)).toEqual([["node-removed", "safe", "nodes/orphan"]]);
  });

  it("stays safe for an unreachable node even with a static interruptBefore (4a before 14o)", async () => {
    const before = graph({ nodes: [node("a"), node("orphan")], edges: chain("a"), interruptBefore: ["a"] });
    const after = graph({ nodes: [node("a")], edges: chain("a"), interruptBefore: ["a"] });
    expect(await triples(before, after)).toEqual([["node-removed", "safe", "nodes/orphan"]]);
  });

  it("is breaking for a sibling that runs in parallel with a pausing node (4e/4f)", async () => {
    const before = graph({
      nodes: [node("a"), node("ask", { interrupts: [interrupt("q")] }), node("side")],
      edges: [[START, "a"], ["a", "ask"], ["a", "side"], ["ask", END], ["side", END]],
    });
    const after = graph({ nodes: [node("a"), node("ask", { interrupts: [interrupt("q")] })], edges: [[START, "a"], ["a", "ask"], ["ask", END]] });
    expect(await triples(before, after)).toContainEqual(["node-removed", "breaking", "nodes/side"]);
  });

  it("node-removed-ok: nothing is removed", async () => {
    const g = () => graph({ nodes: [node("a"), node("b")], edges: chain("a", "b") });
    expect(await triples(g(), g())).toEqual([]);
  });
});

describe("node-renamed", () => {
  it("pairs a removed and an added node with the same function, and is breaking for a paused node (2a)", async () => {
    const before = graph({ nodes: [node("ask", { interrupts: [interrupt("q")] })], edges: chain("ask") });
    const renamed = node("approval", { interrupts: [interrupt("q")], function: { name: "ask", fingerprint: "fn:ask", location: { file: "src/graph.ts", line: 1, column: 1 } } });
    const after = graph({ nodes: [renamed], edges: chain("approval") });
    expect(await triples(before, after)).toEqual([["node-renamed", "breaking", "nodes/ask"]]);
  });

  it("an inferred rename never lowers: same severity as a removal", async () => {
    const fn = { name: "f", fingerprint: "fn:same", location: { file: "a.ts", line: 1, column: 1 } };
    const before = graph({ nodes: [node("prep", { function: fn }), node("x")], edges: chain("prep", "x"), interruptBefore: ["x"] });
    const after = graph({ nodes: [node("prepare", { function: fn }), node("x")], edges: chain("prepare", "x"), interruptBefore: ["x"] });
    expect(await triples(before, after)).toEqual([["node-renamed", "breaking", "nodes/prep"]]);
  });

  it("a rename declared in config lowers to risky, with the reason recorded", async () => {
    const before = graph({ nodes: [node("ask", { interrupts: [interrupt("q")] })], edges: chain("ask") });
    const after = graph({ nodes: [node("approval", { interrupts: [interrupt("q2")] })], edges: chain("approval") });
    const config = { renames: { nodes: { agent: { ask: "approval" } } } };
    expect(await triples(before, after, config)).toEqual([["node-renamed", "risky", "nodes/ask"]]);
  });

  it("an old node kept registered and reachable makes the rename safe (2c)", async () => {
    const fn = { name: "ask", fingerprint: "fn:ask", location: { file: "a.ts", line: 1, column: 1 } };
    const before = graph({ nodes: [node("ask", { function: fn, interrupts: [interrupt("q")] })], edges: chain("ask") });
    const after = graph({
      nodes: [node("ask", { function: fn, interrupts: [interrupt("q")] }), node("approval", { function: fn, interrupts: [interrupt("q")] })],
      edges: [[START, "approval"], ["approval", END], ["ask", END]],
      branches: [branch0()],
    });
    expect(await triples(before, after)).toEqual([
      ["branch-added", "risky", "branches/__start__"],
      ["edge-rerouted", "safe", "edges/__start__->ask"],
      ["node-renamed", "safe", "nodes/ask"],
    ]);
  });

  it("node-renamed-ok: two candidates with the same function are not a rename", async () => {
    const fn = { name: "f", fingerprint: "fn:same", location: { file: "a.ts", line: 1, column: 1 } };
    const before = graph({ nodes: [node("a", { function: fn })], edges: chain("a") });
    const after = graph({ nodes: [node("b", { function: fn }), node("c", { function: fn })], edges: chain("b", "c") });
    const result = await triples(before, after);
    expect(result.map((t) => t[0])).not.toContain("node-renamed");
  });
});

function branch0() {
  return { from: START, router: { fingerprint: "r", location: { file: "a.ts", line: 1, column: 1 } }, pathMap: ["approval", "ask"], targets: ["approval", "ask"], sendTargets: [], location: { file: "a.ts", line: 2, column: 1 } };
}

describe("node-added and node details", () => {
  it("node-added is safe downstream of every pause point (5a)", async () => {
    const before = graph({ nodes: [node("a")], edges: chain("a") });
    const after = graph({ nodes: [node("a"), node("b")], edges: chain("a", "b") });
    expect(await triples(before, after)).toEqual([
      ["edge-rerouted", "safe", "edges/a->__end__"],
      ["node-added", "safe", "nodes/b"],
    ]);
  });

  it("node-function-changed, node-options-changed, node-kind-changed, ends-changed, input-schema-changed", async () => {
    const before = graph({
      nodes: [node("a"), node("b", { options: { retryPolicy: "r1" } }), node("c"), node("d", { ends: ["a", "b"] }), node("e", { input: { type: "object" } })],
      edges: chain("a", "b", "c", "d", "e"),
    });
    const after = graph({
      nodes: [
        node("a", { function: { name: "a", fingerprint: "fn:a2", location: { file: "x.ts", line: 1, column: 1 } } }),
        node("b", { options: { retryPolicy: "r2" } }),
        node("c", { kind: "subgraph", function: undefined, subgraph: graph({ nodes: [node("inner")], edges: chain("inner") }) }),
        node("d", { ends: ["a"] }),
        node("e", { input: { type: "object", properties: { x: { type: "string" } } } }),
      ],
      edges: chain("a", "b", "c", "d", "e"),
    });
    expect(await triples(before, after)).toEqual([
      ["ends-changed", "safe", "nodes/d/ends"], // the dropped target keeps its edge (15d cannot fire, 15e)
      ["input-schema-changed", "safe", "nodes/e/input"],
      ["node-function-changed", "safe", "nodes/a/function"],
      // c cannot pause (no interrupt(), not a subgraph): nothing nested to lose (row 13a); proved on the runtime.
      ["node-kind-changed", "safe", "nodes/c"],
      ["node-options-changed", "safe", "nodes/b/options"],
    ]);
  });

  it("node-kind-changed is risky when a thread can be paused inside the node", async () => {
    const before = graph({ nodes: [node("a"), node("c", { interrupts: [interrupt("q")] })], edges: chain("a", "c") });
    const after = graph({
      nodes: [node("a"), node("c", { kind: "subgraph", function: undefined, subgraph: graph({ nodes: [node("inner", { interrupts: [interrupt("q")] })], edges: chain("inner") }) })],
      edges: chain("a", "c"),
    });
    const found = await triples(before, after);
    expect(found).toContainEqual(["node-kind-changed", "risky", "nodes/c"]);
  });

  it("ends-changed is safe when ends only widen (15e); prebuilt-changed is risky", async () => {
    const before = graph({ nodes: [node("d", { ends: ["x"] }), node("x"), node("p", { kind: "prebuilt", prebuilt: "createReactAgent", function: undefined })], edges: chain("d", "x", "p") });
    const after = graph({ nodes: [node("d", { ends: ["x", "y"] }), node("x"), node("y"), node("p", { kind: "prebuilt", prebuilt: "createSupervisor", function: undefined })], edges: chain("d", "x", "p") });
    expect(await triples(before, after)).toEqual([
      ["ends-changed", "safe", "nodes/d/ends"],
      ["node-added", "safe", "nodes/y"],
      ["prebuilt-changed", "risky", "nodes/p/prebuilt"],
    ]);
  });

  it("config-schema-changed and state-form-changed are safe", async () => {
    const before = graph({ nodes: [node("a")], edges: chain("a"), config: { model: { type: "string" } }, channels: [channel("x")] });
    const after = graph({ nodes: [node("a")], edges: chain("a"), config: { model: { type: "string" }, temp: { type: "number" } }, channels: [channel("x")], form: "zod" });
    expect(await triples(before, after)).toEqual([
      ["config-schema-changed", "safe", "state/config"],
      ["state-form-changed", "safe", "state"],
    ]);
  });
});

describe("graphs and subgraphs", () => {
  it("graph-removed, graph-added, graph-kind-changed", async () => {
    const keep = graph({ id: "keep", nodes: [node("a", { interrupts: [interrupt("q")] })], edges: chain("a") });
    const gone = graph({ id: "gone", nodes: [node("a", { interrupts: [interrupt("q")] })], edges: chain("a") });
    const quiet = graph({ id: "quiet", nodes: [node("a")], edges: chain("a") });
    const fresh = graph({ id: "fresh", nodes: [node("a")], edges: chain("a") });
    const swap = graph({ id: "swap", nodes: [node("a")], edges: chain("a") });
    const swapped = graph({ id: "swap", entrypoint: { name: "wf", body: [] } });
    const result = await triples(snapshot(keep, gone, quiet, swap), snapshot(keep, fresh, swapped));
    expect(result).toEqual([
      ["graph-added", "safe", "graphs/fresh"],
      ["graph-kind-changed", "breaking", "graphs/swap"],
      ["graph-removed", "breaking", "graphs/gone"],
      ["graph-removed", "risky", "graphs/quiet"],
    ]);
  });

  it("recurses into subgraphs: removing the inner paused node is breaking (13b)", async () => {
    const inner = (nodes: string[], ask: boolean) =>
      graph({ id: "sub", nodes: nodes.map((n) => node(n, ask && n === "inner" ? { interrupts: [interrupt("q")] } : {})), edges: chain(...nodes) });
    const parent = (sub: ReturnType<typeof graph>) =>
      graph({ nodes: [node("sub", { kind: "subgraph", function: undefined, subgraph: sub }), node("after")], edges: chain("sub", "after") });
    const before = parent(inner(["inner", "inner2"], true));
    const after = parent(inner(["inner2"], false));
    expect(await triples(before, after)).toEqual([
      ["edge-rerouted", "risky", "nodes/sub/edges/__start__->inner"],
      ["node-removed", "breaking", "nodes/sub/nodes/inner"],
    ]);
  });

  it("recurses into a graph invoked from inside a function node (13d)", async () => {
    const inner = (names: string[]) => graph({ id: "sub", nodes: names.map((n) => node(n, n === "inner" ? { interrupts: [interrupt("q")] } : {})), edges: chain(...names) });
    const parent = (sub: ReturnType<typeof graph>) => graph({ nodes: [node("caller", { subgraph: sub })], edges: chain("caller") });
    expect(await triples(parent(inner(["inner", "tail"])), parent(inner(["tail"])))).toEqual([
      ["edge-rerouted", "risky", "nodes/caller/edges/__start__->inner"],
      ["node-removed", "breaking", "nodes/caller/nodes/inner"],
    ]);
  });

  it("children of a removed subgraph node are reported by the parent only", async () => {
    const sub = graph({ id: "sub", nodes: [node("inner", { interrupts: [interrupt("q")] })], edges: chain("inner") });
    const before = graph({ nodes: [node("sub", { kind: "subgraph", function: undefined, subgraph: sub }), node("z")], edges: chain("sub", "z") });
    const after = graph({ nodes: [node("z")], edges: chain("z") });
    expect(await triples(before, after)).toEqual([
      ["edge-rerouted", "risky", "edges/__start__->sub"],
      ["node-removed", "breaking", "nodes/sub"],
    ]);
  });
});
