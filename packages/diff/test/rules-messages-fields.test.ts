/**
 * The messages of node-field, edge, branch, target-list and schema findings: what changed, named the way a
 * user wrote it. Expectations written by hand from each rule's wording. Written against surviving mutants
 * of `diff/src/rules/**` (message templates, the lists they join, and which fields they compare).
 */
import { describe, expect, it } from "vitest";
import type { GraphSnapshot } from "@langgraph-compat/snapshot";
import { renderMessage } from "../src/index.js";
import { END, START, branch, chain, diff, graph, node } from "./helpers.js";

/** [ruleId, path, message] of every finding, sorted by rule and path. */
async function explain(before: GraphSnapshot, after: GraphSnapshot) {
  const result = await diff(before, after);
  return result.findings.map((f) => [f.ruleId, f.path, renderMessage(f)]).sort((x, y) => `${x[0]} ${x[1]}`.localeCompare(`${y[0]} ${y[1]}`));
}
const at = { file: "src/graph.ts", line: 1, column: 1 };

describe("node fields", () => {
  it("options name only the options that changed, sorted", async () => {
    const g = (options: Record<string, unknown>) => graph({ nodes: [node("a", { options })], edges: chain("a") });
    expect(await explain(g({ retryPolicy: "r1", defer: true, metadata: "m" }), g({ retryPolicy: "r2", defer: true, cachePolicy: "c" }))).toEqual([
      ["node-options-changed", "nodes/a/options", `options of node "a" changed: cachePolicy, metadata, retryPolicy`],
    ]);
  });

  it("a new implementation, a new kind, a new input schema", async () => {
    const before = graph({ nodes: [node("a"), node("b"), node("c", { input: { type: "object" } })], edges: chain("a", "b", "c") });
    const after = graph({
      nodes: [node("a", { function: { name: "a", fingerprint: "fn:a2", location: at } }), node("b", { kind: "subgraph" }), node("c", { input: { type: "string" } })],
      edges: chain("a", "b", "c"),
    });
    expect(await explain(before, after)).toEqual([
      ["input-schema-changed", "nodes/c/input", `input schema of node "c" changed`],
      ["node-function-changed", "nodes/a/function", `node "a" has a new implementation`],
      ["node-kind-changed", "nodes/b", `node "b" changed from function to subgraph; a thread paused inside it loses its nested checkpoint`],
    ]);
  });

  it("a prebuilt swapped for another names both", async () => {
    const g = (prebuilt: string) => graph({ nodes: [node("p", { kind: "prebuilt", prebuilt, function: undefined })], edges: chain("p") });
    expect(await explain(g("createReactAgent"), g("createSupervisor"))).toEqual([
      ["prebuilt-changed", "nodes/p/prebuilt", `node "p" now uses prebuilt createSupervisor instead of createReactAgent; its inner node names may differ`],
    ]);
  });

  it("goto and Send target lists say what is gone and what is new", async () => {
    const g = (gotos: string[], sends: string[]) => graph({ nodes: [node("a", { gotos, sends }), node("b"), node("c"), node("d")], edges: [[START, "a"], ["b", END], ["c", END], ["d", END]] });
    expect(await explain(g(["b", "c"], ["c"]), g(["b", "d"], ["c", "d"]))).toEqual([
      ["goto-targets-changed", "nodes/a/gotos", `goto targets of "a" changed; no longer c; now d`],
      ["send-targets-changed", "nodes/a/sends", `Send targets of "a" changed; now d`],
    ]);
  });
});

describe("edges and branches", () => {
  it("added and removed edges name both ends", async () => {
    const nodes = () => [node("a"), node("b"), node("c")];
    const seen = await explain(graph({ nodes: nodes(), edges: [[START, "a"], ["a", "b"], ["b", END], ["c", END]] }), graph({ nodes: nodes(), edges: [[START, "a"], ["a", "b"], ["a", "c"], ["c", END]] }));
    expect(seen.filter((s) => s[0] === "edge-added" || s[0] === "edge-removed")).toEqual([
      ["edge-added", "edges/a->c", "edge a -> c was added"],
      ["edge-removed", "edges/b->__end__", "edge b -> __end__ was removed"],
    ]);
  });

  it("an added or removed branch lists its targets, or says they are unknown", async () => {
    const g = (branches: ReturnType<typeof branch>[]) => graph({ nodes: [node("a"), node("b"), node("c")], edges: [[START, "a"], ["b", END], ["c", END]], branches });
    const added = await explain(g([]), g([branch("a", ["b", "c"])]));
    expect(added.filter((s) => s[0] === "branch-added")).toEqual([["branch-added", "branches/a", `conditional edge out of "a" was added (targets b, c)`]]);
    const removed = await explain(g([branch("a", [])]), g([]));
    expect(removed.filter((s) => s[0] === "branch-removed")).toEqual([["branch-removed", "branches/a", `conditional edge out of "a" was removed (targets unknown)`]]);
  });

  it("a join whose sources were reordered shows both orders", async () => {
    const g = (sources: string[]) => graph({ nodes: [node("a"), node("b"), node("c")], edges: [[START, "a"], [START, "b"], ["c", END]], joins: [[sources, "c"]] });
    const seen = await explain(g(["a", "b"]), g(["b", "a"]));
    expect(seen.filter((s) => s[0] === "join-order-changed").map((s) => s[2])).toEqual([
      `join into "c" reordered from [a, b] to [b, a]; a half-filled barrier never completes`,
    ]);
  });
});

describe("schemas", () => {
  it("the config schema names removed, added and changed fields, in that order", async () => {
    const g = (config: Record<string, Record<string, unknown>>) => graph({ nodes: [node("a")], edges: chain("a"), config });
    expect(await explain(g({ model: { type: "string" }, temp: { type: "number" } }), g({ model: { type: "number" }, user: { type: "string" } }))).toEqual([
      ["config-schema-changed", "state/config", "config schema changed; removed temp; added user; changed model"],
    ]);
    expect((await explain(g({ a: { type: "string" } }), g({ a: { type: "string" }, b: { type: "string" } })))[0]![2]).toBe("config schema changed; added b");
  });

  it("the state form names both forms", async () => {
    const seen = await explain(graph({ nodes: [node("a")], edges: chain("a"), form: "annotation" }), graph({ nodes: [node("a")], edges: chain("a"), form: "zod" }));
    expect(seen.filter((s) => s[0] === "state-form-changed").map((s) => s[2])).toEqual(["state is now defined with zod instead of annotation"]);
  });
});
