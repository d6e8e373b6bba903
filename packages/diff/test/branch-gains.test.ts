/**
 * branch-changed when a path map only gains targets (issue 9, class 7): under the same router, with every
 * old entry leading where it did, a thread paused after the router's node follows the route v2 would take
 * too, so no stale route (6d). Any lost target, moved entry or new router body keeps the verdict risky.
 */
import { describe, expect, it } from "vitest";
import type { BranchSnapshot } from "@langgraph-compat/snapshot";
import { branch, graph, node, START, END, triples } from "./helpers.js";

const ROUTER = { file: "g.ts", line: 1, column: 1 };

/** Router node `r`, paused after it (interruptAfter), routing to the targets of `pathMap` (or `targets`). */
function routed(targets: string[], pathMap?: BranchSnapshot["pathMap"], router = "route-v1") {
  const names = ["ask", "finish", "review"];
  return graph({
    nodes: [node("r"), ...names.map((n) => node(n))],
    edges: [[START, "r"], ...names.map((n) => [n, END] as [string, string])],
    branches: [branch("r", targets, { router: { fingerprint: router, location: ROUTER }, ...(pathMap ? { pathMap } : {}) })],
    interruptAfter: ["r"],
  });
}

describe("branch-changed: a path map that only gains targets", () => {
  it("is safe under the same router when every old entry is kept, and says why (6b, 6d)", async () => {
    const before = routed(["ask", "finish"], { ask: "ask", skip: "finish" });
    const after = routed(["ask", "finish", "review"], { ask: "ask", skip: "finish", review: "review" });
    const result = await triples(before, after);
    expect(result).toEqual([["branch-changed", "safe", "branches/r"]]);
  });

  it("is safe for a list path map or a router returning node names that gains a name", async () => {
    expect(await triples(routed(["ask", "finish"], ["ask", "finish"]), routed(["ask", "finish", "review"], ["ask", "finish", "review"]))).toEqual([
      ["branch-changed", "safe", "branches/r"],
    ]);
    expect(await triples(routed(["ask", "finish"]), routed(["ask", "finish", "review"]))).toEqual([["branch-changed", "safe", "branches/r"]]);
  });

  it("stays risky when the router body changed, a target is lost, or an old key now leads elsewhere", async () => {
    const before = routed(["ask", "finish"], { ask: "ask", skip: "finish" });
    const newRouter = routed(["ask", "finish", "review"], { ask: "ask", skip: "finish", review: "review" }, "route-v2");
    expect(await triples(before, newRouter)).toEqual([["branch-changed", "risky", "branches/r"]]);
    const moved = routed(["ask", "finish", "review"], { ask: "review", skip: "finish", again: "ask" });
    expect(await triples(before, moved)).toEqual([["branch-changed", "risky", "branches/r"]]);
    const lost = routed(["ask", "review"], { ask: "ask", skip: "review" });
    expect(await triples(before, lost)).toEqual([["branch-changed", "risky", "branches/r"]]);
  });

  it("stays risky when a router that returned node names gets a map that swaps them", async () => {
    const swapped = routed(["ask", "finish"], { ask: "finish", finish: "ask" });
    expect(await triples(routed(["ask", "finish"]), swapped)).toEqual([["branch-changed", "risky", "branches/r"]]);
  });
});
