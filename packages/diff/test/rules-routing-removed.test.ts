/**
 * edge-removed, edge-rerouted and branch-removed as a user reads them: the message, and which paused threads
 * still follow the old route (rows 5b, 5c, 5d, 5h, 6d), or why none does (2c). Source `r` is an
 * interruptAfter node, so threads paused after its routes fired exist. Expectations written by hand from each
 * rule's wording; written against surviving mutants (issue 8).
 */
import { describe, expect, it } from "vitest";
import type { BranchSnapshot, GraphSnapshot } from "@langgraph-compat/snapshot";
import { renderMessage } from "../src/index.js";
import { END, branch, chain, diff, graph, node } from "./helpers.js";

const fn = (name: string) => ({ name, fingerprint: `fn:${name}`, location: { file: "src/graph.ts", line: 1, column: 1 } });

/** What a user reads of each finding of `rule`. */
async function seen(rule: string, before: GraphSnapshot, after: GraphSnapshot) {
  return (await diff(before, after)).findings
    .filter((f) => f.ruleId === rule)
    .map((f) => ({ severity: f.severity, path: f.path, message: renderMessage(f), reasons: f.reasons ?? [], endangered: f.endangered ?? [] }));
}

/** r -> a -> b, plus r -> c -> END by default; paused after r. */
const fan = (opts: { edges?: Array<[string, string]>; extra?: string[]; branches?: BranchSnapshot[]; paused?: boolean } = {}) =>
  graph({
    nodes: [node("r"), node("a"), node("b"), node("c"), ...(opts.extra ?? []).map((n) => node(n))],
    edges: [...chain("r", "a", "b"), ...(opts.edges ?? [["r", "c"], ["c", END]])],
    branches: opts.branches ?? [],
    interruptAfter: opts.paused === false ? [] : ["r"],
  });

describe("edge-removed", () => {
  it("names the edge; threads paused with it fired still take it once (5b, 5d)", async () => {
    expect(await seen("edge-removed", fan(), fan({ edges: [["c", END]] }))).toEqual([
      { severity: "risky", path: "edges/r->c", message: "edge r -> c was removed", reasons: [], endangered: ["threads paused with `r -> c` fired"] },
    ]);
  });
});

describe("edge-rerouted", () => {
  it("names the old and the new target (5c)", async () => {
    expect(await seen("edge-rerouted", fan(), fan({ edges: [["r", "b"], ["c", END]] }))).toEqual([
      { severity: "risky", path: "edges/r->c", message: "edge r -> c now goes to b", reasons: [], endangered: ["threads paused with `r -> c` fired"] },
    ]);
  });

  it("says when a new node was inserted on the edge (5h)", async () => {
    const after = fan({ extra: ["x"], edges: [["r", "x"], ["x", "c"], ["c", END]] });
    expect(await seen("edge-rerouted", fan(), after)).toEqual([
      { severity: "risky", path: "edges/r->c", message: `node "x" was inserted on edge r -> c`, reasons: [], endangered: ["threads paused with `r -> c` fired"] },
    ]);
  });

  it("to a new alias of the old target, which stays registered and reachable, is safe and says why (2c)", async () => {
    const before = graph({ nodes: [node("r"), node("a", { function: fn("a") })], edges: chain("r", "a"), interruptAfter: ["r"] });
    const after = graph({ nodes: [node("r"), node("a", { function: fn("a") }), node("a2", { function: fn("a") })], edges: chain("r", "a2", "a"), interruptAfter: ["r"] });
    expect(await seen("edge-rerouted", before, after)).toEqual([
      {
        severity: "safe",
        path: "edges/r->a",
        message: `node "a2" was inserted on edge r -> a`,
        reasons: [`lowered to safe: "a" stays registered and reachable, so threads routed there still resume (row 2c)`],
        endangered: [],
      },
    ]);
  });

  it("to an alias of another node is not lowered", async () => {
    // b2 aliases b (same function, b stays reachable), but the edge r -> c now leads to b2, not to an alias of c.
    const before = graph({ nodes: [node("r"), node("b", { function: fn("b") }), node("c")], edges: [...chain("r", "b"), ["r", "c"], ["c", END]], interruptAfter: ["r"] });
    const after = graph({
      nodes: [node("r"), node("b", { function: fn("b") }), node("c"), node("b2", { function: fn("b") })],
      edges: [...chain("r", "b"), ["r", "b2"], ["b2", "b"], ["c", END]],
      interruptAfter: ["r"],
    });
    const found = await seen("edge-rerouted", before, after);
    expect(found.map((f) => [f.severity, f.path, f.message, f.reasons])).toEqual([["risky", "edges/r->c", `node "b2" was inserted on edge r -> c`, []]]);
  });
});

describe("branch-removed", () => {
  const routed = (branches: BranchSnapshot[]) => graph({ nodes: [node("r"), node("a"), node("b"), node("c")], edges: chain("r", "a", "b", "c"), branches, interruptAfter: ["r"] });

  it("names the router's targets; threads paused after the source still follow the old route (6d)", async () => {
    expect(await seen("branch-removed", routed([branch("r", ["b", "c"])]), routed([]))).toEqual([
      {
        severity: "risky",
        path: "branches/r",
        message: `conditional edge out of "r" was removed (targets b, c)`,
        reasons: [],
        endangered: ["threads paused after `r`'s routes fired"],
      },
    ]);
  });

  it("says 'unknown' when the targets could not be read", async () => {
    const [found] = await seen("branch-removed", routed([branch("r", [])]), routed([]));
    expect(found?.message).toBe(`conditional edge out of "r" was removed (targets unknown)`);
  });
});
