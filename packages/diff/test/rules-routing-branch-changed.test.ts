/**
 * branch-changed as a user reads it: which changes the message names, which held routes a paused thread
 * keeps stale (row 6d), and when a renamed or aliased target is no change at all (row 2c). Router node `r`
 * is an interruptAfter node, so threads paused after its routes fired exist. Expectations written by hand
 * from the rule's wording and docs/semantics.md rows 2c, 6b, 6d; written against surviving mutants (issue 8).
 */
import { describe, expect, it } from "vitest";
import type { BranchSnapshot, NodeSnapshot } from "@langgraph-compat/snapshot";
import { renderMessage, type CompatConfig } from "../src/index.js";
import { END, START, branch, diff, graph, node, triples } from "./helpers.js";

const ROUTER = { file: "g.ts", line: 1, column: 1 };
const fn = (name: string) => ({ name, fingerprint: `fn:${name}`, location: ROUTER });

interface Extra {
  /** Extra nodes, or a node that replaces one of ask / finish / review by name. */
  nodes?: NodeSnapshot[];
  edges?: Array<[string, string]>;
  names?: string[];
  paused?: boolean;
}

/** START -> r, r routes by `b` (router "route-v1" unless given); every target node goes to END. */
function routed(b: Partial<BranchSnapshot> & { targets: string[] }, extra: Extra = {}) {
  const names = extra.names ?? ["ask", "finish", "review"];
  const own = new Map((extra.nodes ?? []).map((n) => [n.name, n]));
  const nodes = [node("r"), ...names.map((n) => own.get(n) ?? node(n)), ...(extra.nodes ?? []).filter((n) => !names.includes(n.name))];
  return graph({
    nodes,
    edges: [[START, "r"], ...names.map((n) => [n, END] as [string, string]), ...(extra.edges ?? [])],
    branches: [branch("r", b.targets, { router: { name: "route", fingerprint: "route-v1", location: ROUTER }, ...b })],
    interruptAfter: extra.paused === false ? [] : ["r"],
  });
}

const v2 = { name: "route", fingerprint: "route-v2", location: ROUTER };

/** The branch-changed finding (or undefined) as a user reads it. */
async function seen(before: ReturnType<typeof graph>, after: ReturnType<typeof graph>, config?: CompatConfig) {
  const found = (await diff(before, after, config)).findings.filter((f) => f.ruleId === "branch-changed");
  expect(found.length).toBeLessThanOrEqual(1);
  const f = found[0];
  return f && { severity: f.severity, path: f.path, message: renderMessage(f), reasons: f.reasons ?? [], endangered: f.endangered ?? [] };
}

describe("branch-changed: what the message names", () => {
  it("a new router body alone; every held route may be stale", async () => {
    expect(await seen(routed({ targets: ["ask", "finish"] }), routed({ targets: ["ask", "finish"], router: v2 }))).toEqual({
      severity: "risky",
      path: "branches/r",
      message: `conditional edge out of "r" changed: router body changed`,
      reasons: [],
      endangered: ["threads paused after `r`'s routes fired"],
    });
  });

  it("a path map whose entries swap targets: same targets, both held routes stale (6d)", async () => {
    const before = routed({ targets: ["ask", "finish"], pathMap: { a: "ask", b: "finish" } });
    const after = routed({ targets: ["ask", "finish"], pathMap: { a: "finish", b: "ask" } });
    expect(await seen(before, after)).toEqual({
      severity: "risky",
      path: "branches/r",
      message: `conditional edge out of "r" changed: path map changed`,
      reasons: [],
      endangered: ["threads paused with the route `r -> ask` held", "threads paused with the route `r -> finish` held"],
    });
  });

  it("lists every change in order: router, path map, lost targets, gained targets", async () => {
    const before = routed({ targets: ["ask", "finish"], pathMap: { a: "ask", b: "finish" } });
    const after = routed({ targets: ["ask", "review"], pathMap: { a: "ask", b: "review" }, router: v2 });
    expect((await seen(before, after))?.message).toBe(
      `conditional edge out of "r" changed: router body changed; path map changed; no longer targets finish; now targets review`,
    );
  });

  it("names a target once when it is both a path-map target and a Send target", async () => {
    const before = routed({ targets: ["ask", "finish"], sendTargets: ["finish"] });
    const after = routed({ targets: ["ask", "review"], sendTargets: ["review"] });
    expect(await seen(before, after)).toEqual({
      severity: "risky",
      path: "branches/r",
      message: `conditional edge out of "r" changed: no longer targets finish; now targets review`,
      reasons: [],
      endangered: ["threads paused with the route `r -> finish` held"],
    });
  });

  it("names every lost and every gained target", async () => {
    const before = routed({ targets: ["ask", "finish"] }, { names: ["ask", "finish", "review", "skip"] });
    const after = routed({ targets: ["review", "skip"] }, { names: ["ask", "finish", "review", "skip"] });
    expect((await seen(before, after))?.message).toBe(`conditional edge out of "r" changed: no longer targets ask, finish; now targets review, skip`);
  });

  it("a path map that becomes a list (or goes away) is a path-map change even with the same targets", async () => {
    const map = routed({ targets: ["ask", "finish"], pathMap: { ask: "ask", finish: "finish" } });
    const list = routed({ targets: ["ask", "finish"], pathMap: ["ask", "finish"] });
    const none = routed({ targets: ["ask", "finish"] });
    expect((await seen(map, list))?.message).toBe(`conditional edge out of "r" changed: path map changed`);
    expect((await seen(list, none))?.message).toBe(`conditional edge out of "r" changed: path map changed`);
    expect((await seen(none, map))?.message).toBe(`conditional edge out of "r" changed: path map changed`);
    // Each old entry leads where it did under the same router: nothing held is stale, and no thread is endangered.
    expect((await seen(map, list))?.endangered).toEqual([]);
  });
});

describe("branch-changed: which held routes are stale under the same router (6d)", () => {
  it("only the route whose entry moved", async () => {
    const before = routed({ targets: ["ask", "finish"], pathMap: { a: "ask", b: "finish" } });
    const after = routed({ targets: ["ask", "review"], pathMap: { a: "ask", b: "review" } });
    expect((await seen(before, after))?.endangered).toEqual(["threads paused with the route `r -> finish` held"]);
  });

  it("a Send target kept is not stale when a path-map entry moved", async () => {
    const before = routed({ targets: ["ask", "finish"], pathMap: { a: "ask", b: "finish" }, sendTargets: ["review"] });
    const after = routed({ targets: ["ask"], pathMap: { a: "ask", b: "ask" }, sendTargets: ["review"] });
    expect((await seen(before, after))?.endangered).toEqual(["threads paused with the route `r -> finish` held"]);
  });

  it("a lost Send target, even with every path-map entry kept", async () => {
    const before = routed({ targets: ["ask", "finish"], sendTargets: ["review"] });
    const after = routed({ targets: ["ask", "finish"] });
    expect(await seen(before, after)).toEqual({
      severity: "risky",
      path: "branches/r",
      message: `conditional edge out of "r" changed: no longer targets review`,
      reasons: [],
      endangered: ["threads paused with the route `r -> review` held"],
    });
  });

  it("says which routes it checked when no thread can be paused after the router", async () => {
    const before = routed({ targets: ["ask", "finish"], pathMap: { a: "ask", b: "finish" } }, { paused: false });
    const after = routed({ targets: ["ask", "review"], pathMap: { a: "ask", b: "review" } }, { paused: false });
    const found = await seen(before, after);
    expect(found?.severity).toBe("safe");
    // The verdict's wording quotes names one way or another; what matters here is the one stale route.
    expect(found?.reasons.at(-1)).toMatch(/no thread can be paused holding one of its routes that v2 would no longer take \(to .finish.\)/);
  });

  it("names the stale routes in order of name, whatever the order of the path map", async () => {
    const before = routed({ targets: ["ask", "finish"], pathMap: { a: "finish", b: "ask" } }, { paused: false });
    const after = routed({ targets: ["ask", "finish"], pathMap: { a: "ask", b: "finish" } }, { paused: false });
    expect((await seen(before, after))?.reasons.at(-1)).toMatch(/v2 would no longer take \(to .ask., .finish.\)/);
  });
});

describe("branch-changed: renamed targets are no change (the rename has its own finding)", () => {
  const askV2 = node("ask_v2", { function: fn("ask") });
  const renamed = (b: Partial<BranchSnapshot> & { targets: string[] }) => routed(b, { names: ["ask_v2", "finish", "review"], nodes: [askV2] });
  const original = (b: Partial<BranchSnapshot> & { targets: string[] }) => routed(b, { nodes: [node("ask", { function: fn("ask") })] });

  it("in a path map, a list path map, or the targets of a router that returns node names", async () => {
    for (const [b, a] of [
      [{ targets: ["ask", "finish"], pathMap: { go: "ask", done: "finish" } }, { targets: ["ask_v2", "finish"], pathMap: { go: "ask_v2", done: "finish" } }],
      [{ targets: ["ask", "finish"], pathMap: ["ask", "finish"] }, { targets: ["ask_v2", "finish"], pathMap: ["ask_v2", "finish"] }],
    ] as const) {
      const result = await triples(original(b as never), renamed(a as never));
      expect(result.filter(([rule]) => rule === "branch-changed")).toEqual([]);
      expect(result).toContainEqual(["node-renamed", "breaking", "nodes/ask"]);
    }
  });

  it("a renamed target whose entry moved is still named by its new name only where it changed", async () => {
    const before = original({ targets: ["ask", "finish"], pathMap: { go: "ask", done: "finish" } });
    const after = renamed({ targets: ["ask_v2", "finish"], pathMap: { go: "finish", done: "ask_v2" } });
    const found = await seen(before, after);
    expect(found?.message).toBe(`conditional edge out of "r" changed: path map changed`);
    expect(found?.endangered).toEqual(["threads paused with the route `r -> ask` held", "threads paused with the route `r -> finish` held"]);
  });

  it("a renamed target kept under the same router while a new one is gained is safe (6b, 6d)", async () => {
    const before = original({ targets: ["ask", "finish"], pathMap: { go: "ask", done: "finish" } });
    const after = renamed({ targets: ["ask_v2", "finish", "review"], pathMap: { go: "ask_v2", done: "finish", more: "review" } });
    const found = await seen(before, after);
    expect(found?.severity).toBe("safe");
    expect(found?.message).toBe(`conditional edge out of "r" changed: path map changed; now targets review`);
    expect(found?.reasons).toEqual([
      "lowered to safe: the router is unchanged and every old path-map entry leads where it did, so a thread paused after the source follows the route v2 would choose too; the new targets only serve new decisions (rows 6b, 6d)",
    ]);
  });

  it("a declared rename counts as well", async () => {
    const before = routed({ targets: ["ask", "finish"], pathMap: { go: "ask", done: "finish" } });
    const after = routed({ targets: ["approval", "finish"], pathMap: { go: "approval", done: "finish" } }, { names: ["approval", "finish", "review"] });
    expect(await seen(before, after, { renames: { nodes: { agent: { ask: "approval" } } } })).toBeUndefined();
    expect((await seen(before, after))?.message).toBe(`conditional edge out of "r" changed: path map changed; no longer targets ask; now targets approval`);
  });
});

describe("branch-changed: routes that now lead to an alias of a node that stays (2c)", () => {
  // ask2 runs ask's function and hands over to ask, which stays registered and reachable.
  const withAlias = (b: Partial<BranchSnapshot> & { targets: string[] }) =>
    routed(b, { nodes: [node("ask", { function: fn("ask") }), node("ask2", { function: fn("ask") })], edges: [["ask2", "ask"]] });
  const before = routed({ targets: ["ask", "finish"], pathMap: { a: "ask", b: "finish" } }, { nodes: [node("ask", { function: fn("ask") })] });

  it("are safe, naming the aliases", async () => {
    expect(await seen(before, withAlias({ targets: ["ask2", "finish"], pathMap: { a: "ask2", b: "finish" } }))).toEqual({
      severity: "safe",
      path: "branches/r",
      message: `conditional edge out of "r" changed: path map changed; no longer targets ask; now targets ask2`,
      reasons: [
        `lowered to safe: the router is unchanged and its routes now lead to aliases ("ask" -> "ask2") of nodes that stay registered and reachable, so a thread holding an old route still resumes there (row 2c)`,
      ],
      endangered: [],
    });
  });

  it("names every alias a route now leads to", async () => {
    const fns = [node("ask", { function: fn("ask") }), node("finish", { function: fn("finish") })];
    const before2 = routed({ targets: ["ask", "finish"], pathMap: { a: "ask", b: "finish" } }, { nodes: fns });
    const after2 = routed(
      { targets: ["ask2", "finish2"], pathMap: { a: "ask2", b: "finish2" } },
      { nodes: [...fns, node("ask2", { function: fn("ask") }), node("finish2", { function: fn("finish") })], edges: [["ask2", "ask"], ["finish2", "finish"]] },
    );
    const found = await seen(before2, after2);
    expect(found?.severity).toBe("safe");
    expect(found?.reasons[0]).toContain(`aliases ("ask" -> "ask2", "finish" -> "finish2") of nodes`);
  });

  it("for a router that returns node names too", async () => {
    const names = routed({ targets: ["ask", "finish"] }, { nodes: [node("ask", { function: fn("ask") })] });
    const found = await seen(names, withAlias({ targets: ["ask2", "finish"], pathMap: { ask: "ask2", finish: "finish" } }));
    expect(found?.severity).toBe("safe");
    expect(found?.reasons[0]).toContain(`aliases ("ask" -> "ask2")`);
  });

  it("stay risky when another entry moved, and only that route is stale", async () => {
    const found = await seen(before, withAlias({ targets: ["ask2", "review"], pathMap: { a: "ask2", b: "review" } }));
    expect(found?.severity).toBe("risky");
    expect(found?.reasons).toEqual([]);
    expect(found?.endangered).toEqual(["threads paused with the route `r -> finish` held"]);
  });

  it("stay risky under a new router body", async () => {
    const found = await seen(before, withAlias({ targets: ["ask2", "finish"], pathMap: { a: "ask2", b: "finish" }, router: v2 }));
    expect(found?.severity).toBe("risky");
    expect(found?.endangered).toEqual(["threads paused after `r`'s routes fired"]);
  });

  it("a dropped entry is no alias: the reason never names one, and the held routes decide (6d)", async () => {
    // Before the fix this read `aliases ("ask" -> "ask2", "finish" -> "undefined") of nodes that stay registered
    // and reachable`, though `finish` had no alias and nothing routes to it any more.
    const found = await seen(before, withAlias({ targets: ["ask2"], pathMap: { a: "ask2" } }));
    expect(found?.message).toBe(`conditional edge out of "r" changed: path map changed; no longer targets ask, finish; now targets ask2`);
    expect(found?.reasons.join("\n")).not.toContain("undefined");
    expect(found?.reasons.join("\n")).not.toContain("aliases (");
    // Without the alias the same drop is judged by the verdict alone; with it, the same way.
    const plain = await seen(before, routed({ targets: ["ask"], pathMap: { a: "ask" } }, { nodes: [node("ask", { function: fn("ask") })] }));
    expect([found?.severity, found?.endangered]).toEqual([plain?.severity, plain?.endangered]);
  });

  it("an alias the router does not use does not lower a lost Send target", async () => {
    const sends = routed({ targets: ["ask", "finish"], sendTargets: ["review"] }, { nodes: [node("ask", { function: fn("ask") })] });
    const found = await seen(sends, withAlias({ targets: ["ask", "finish"] }));
    expect(found).toEqual({
      severity: "risky",
      path: "branches/r",
      message: `conditional edge out of "r" changed: no longer targets review`,
      reasons: [],
      endangered: ["threads paused with the route `r -> review` held"],
    });
  });

  it("a route whose target has an alias but now leads to another node stays risky", async () => {
    // `a` led to ask and now leads to finish; ask's alias ask2 is routed to by a new key, which keeps ask reachable.
    const found = await seen(before, withAlias({ targets: ["ask2", "finish"], pathMap: { a: "finish", b: "finish", c: "ask2" } }));
    expect(found?.severity).toBe("risky");
    expect(found?.reasons).toEqual([]);
    expect(found?.endangered).toEqual(["threads paused with the route `r -> ask` held"]);
  });

  it("an alias the router does not use leaves a moved entry risky", async () => {
    const found = await seen(before, withAlias({ targets: ["ask", "review"], pathMap: { a: "ask", b: "review" } }));
    expect(found?.severity).toBe("risky");
    expect(found?.endangered).toEqual(["threads paused with the route `r -> finish` held"]);
  });
});
