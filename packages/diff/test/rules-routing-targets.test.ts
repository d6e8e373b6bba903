/**
 * goto-targets-changed, send-targets-changed, ends-changed and dangling-target as a user reads them: what
 * the message names (gone, new), the severity, and which paused threads hold the old route (rows 7a, 8a, 8b,
 * 15d, 15e, 6a, 7e, 8c). Node `r` is an interruptAfter node. Expectations written by hand from each rule's
 * wording; written against surviving mutants (issue 8).
 */
import { describe, expect, it } from "vitest";
import type { GraphSnapshot, NodeSnapshot } from "@langgraph-compat/snapshot";
import { renderMessage } from "../src/index.js";
import { END, START, branch, chain, diff, graph, node } from "./helpers.js";

const fn = (name: string) => ({ name, fingerprint: `fn:${name}`, location: { file: "src/graph.ts", line: 1, column: 1 } });

/** What a user reads of each finding of `rule`. */
async function seen(rule: string, before: GraphSnapshot, after: GraphSnapshot) {
  return (await diff(before, after)).findings
    .filter((f) => f.ruleId === rule)
    .map((f) => ({ severity: f.severity, path: f.path, message: renderMessage(f), reasons: f.reasons ?? [], endangered: f.endangered ?? [] }));
}

/** r -> a -> b -> c, paused after r (unless `paused` is false); `r` carries the given fields. A name ending in 2 runs the function of the name without it (an inferred rename). */
const g = (r: Partial<NodeSnapshot>, opts: { paused?: boolean; names?: string[] } = {}) => {
  const names = opts.names ?? ["a", "b", "c"];
  return graph({ nodes: [node("r", r), ...names.map((n) => node(n, { function: fn(n.replace(/2$/, "")) }))], edges: chain("r", ...names), interruptAfter: opts.paused === false ? [] : ["r"] });
};

const AFTER_R = ["threads paused after `r`'s routes fired"];

/**
 * The graph with one unrelated change (a new, unconnected node), so the diff runs every rule instead of
 * stopping at "same shape": a "no finding" expectation then tests the rule, not the shortcut.
 */
const touched = (g: GraphSnapshot): GraphSnapshot => ({ ...g, nodes: { ...g.nodes, unrelated_extra: node("unrelated_extra") } });

describe("goto-targets-changed and send-targets-changed", () => {
  it("name what is gone and what is new (8b, 7a)", async () => {
    const before = g({ gotos: ["a", "b"], sends: ["b"] });
    const after = g({ gotos: ["a", "c"], sends: ["c"] });
    expect(await seen("goto-targets-changed", before, after)).toEqual([
      { severity: "risky", path: "nodes/r/gotos", message: `goto targets of "r" changed; no longer b; now c`, reasons: [], endangered: AFTER_R },
    ]);
    expect(await seen("send-targets-changed", before, after)).toEqual([
      { severity: "risky", path: "nodes/r/sends", message: `Send targets of "r" changed; no longer b; now c`, reasons: [], endangered: AFTER_R },
    ]);
  });

  it("name only what is new, or only what is gone", async () => {
    const grown = await diff(g({ gotos: ["a"], sends: ["b"] }), g({ gotos: ["a", "c"], sends: ["b", "c"] }));
    expect(grown.findings.map((f) => renderMessage(f)).sort()).toEqual([`Send targets of "r" changed; now c`, `goto targets of "r" changed; now c`]);
    const shrunk = await diff(g({ gotos: ["a", "b"], sends: ["b", "c"] }), g({ gotos: ["a"], sends: ["b"] }));
    expect(shrunk.findings.map((f) => renderMessage(f)).sort()).toEqual([`Send targets of "r" changed; no longer c`, `goto targets of "r" changed; no longer b`]);
  });

  it("one list changing leaves the other rule silent", async () => {
    const gotoOnly = await diff(g({ gotos: ["a"], sends: ["b"] }), g({ gotos: ["c"], sends: ["b"] }));
    expect(gotoOnly.findings.map((f) => f.ruleId)).toEqual(["goto-targets-changed"]);
    const sendOnly = await diff(g({ gotos: ["a"], sends: ["b"] }), g({ gotos: ["a"], sends: ["c"] }));
    expect(sendOnly.findings.map((f) => f.ruleId)).toEqual(["send-targets-changed"]);
  });

  it("a renamed target is no change", async () => {
    // b becomes b2 with the same function: an inferred rename, with a finding of its own.
    const before = g({ gotos: ["b"], sends: ["b"] });
    const after = g({ gotos: ["b2"], sends: ["b2"] }, { names: ["a", "b2", "c"] });
    const rules = (await diff(before, after)).findings.map((f) => f.ruleId);
    expect(rules).toContain("node-renamed");
    expect(rules).not.toContain("goto-targets-changed");
    expect(rules).not.toContain("send-targets-changed");
  });

  it("are safe when no thread can be paused after the node", async () => {
    const found = await seen("goto-targets-changed", g({ gotos: ["a"] }, { paused: false }), g({ gotos: ["c"] }, { paused: false }));
    expect(found.map((f) => [f.severity, f.endangered])).toEqual([["safe", []]]);
  });
});

describe("ends-changed", () => {
  // `a` and `b` have no way in but `r`'s ends: dropping one from ends leaves it unreachable, and compile throws.
  const onlyByEnds = (ends: string[]) =>
    graph({ nodes: [node("r", { ends }), node("a"), node("b")], edges: [[START, "r"], ["a", END], ["b", END]] });

  it("narrowed ends are risky and name what is no longer listed, when a dropped target is left with no way in (15d)", async () => {
    expect(await seen("ends-changed", onlyByEnds(["a", "b"]), onlyByEnds(["a"]))).toEqual([
      // ends-changed is not judged over positions: it names the threads in general.
      { severity: "risky", path: "nodes/r/ends", message: `ends of node "r" changed; no longer lists b`, reasons: [], endangered: ["threads paused after the changed routes fired"] },
    ]);
  });

  it("narrowed ends are safe when every dropped target still has a way in (15e; 15d cannot fire)", async () => {
    const [found] = await seen("ends-changed", g({ ends: ["a", "b"] }), g({ ends: ["a"] }));
    expect([found?.severity, found?.reasons]).toEqual([
      "safe",
      ["lowered to safe: ends is not enforced at run time (row 15e), and no target it drops is left unreachable, so v2 compiles (row 15d); where the node's Commands go is goto-targets-changed's"],
    ]);
  });

  it("widened ends are safe and say why (15e)", async () => {
    expect(await seen("ends-changed", g({}), g({ ends: ["a", "c"] }))).toEqual([
      {
        severity: "safe",
        path: "nodes/r/ends",
        message: `ends of node "r" changed; now lists a, c`,
        reasons: ["lowered to safe: ends only widened; ends is not enforced at run time (row 15e)"],
        endangered: [],
      },
    ]);
  });

  it("ends that go away entirely name every old entry", async () => {
    const [found] = await seen("ends-changed", onlyByEnds(["a", "b"]), onlyByEnds([]));
    expect([found?.severity, found?.message]).toEqual(["risky", `ends of node "r" changed; no longer lists a, b`]);
  });

  it("a renamed entry is no change", async () => {
    const found = await seen("ends-changed", g({ ends: ["a", "b"] }), g({ ends: ["a", "b2"] }, { names: ["a", "b2", "c"] }));
    expect(found).toEqual([]);
  });
});

describe("dangling-target", () => {
  const withLegacy = (r: Partial<NodeSnapshot>, branches: GraphSnapshot["branches"] = []) =>
    graph({ nodes: [node("r", r), node("a"), node("legacy")], edges: chain("r", "a", "legacy"), branches });
  const without = (r: Partial<NodeSnapshot>, branches: GraphSnapshot["branches"] = []) =>
    graph({ nodes: [node("r", r), node("a")], edges: chain("r", "a"), branches });
  const EVERY = ["every thread of the graph, old and new"];

  it("a Command.goto naming a removed node is breaking (8c)", async () => {
    expect(await seen("dangling-target", withLegacy({ gotos: ["legacy"] }), without({ gotos: ["legacy"] }))).toEqual([
      {
        severity: "breaking",
        path: "nodes/r/gotos/legacy",
        message: `node "r" still routes to "legacy" by Command.goto, but no such node exists: the run ends or throws there`,
        reasons: [],
        endangered: EVERY,
      },
    ]);
  });

  it("a Send naming a removed node is breaking (7e)", async () => {
    const [found] = await seen("dangling-target", withLegacy({ sends: ["legacy"] }), without({ sends: ["legacy"] }));
    expect([found?.severity, found?.path, found?.message]).toEqual([
      "breaking",
      "nodes/r/sends/legacy",
      `node "r" still routes to "legacy" by Send, but no such node exists: the run ends or throws there`,
    ]);
  });

  it("a router returning a removed node's name is breaking (6a)", async () => {
    const [found] = await seen("dangling-target", withLegacy({}, [branch("r", ["a", "legacy"])]), without({}, [branch("r", ["a", "legacy"])]));
    expect([found?.severity, found?.path, found?.message]).toEqual([
      "breaking",
      "branches/r/targets/legacy",
      `the router of "r" still routes to "legacy" by its return value, but no such node exists: the run ends or throws there`,
    ]);
  });

  it("a router's Send to a removed node is breaking (7e)", async () => {
    const [found] = await seen("dangling-target", withLegacy({}, [branch("r", ["a"], { sendTargets: ["legacy"] })]), without({}, [branch("r", ["a"], { sendTargets: ["legacy"] })]));
    expect(found?.message).toBe(`the router of "r" still routes to "legacy" by Send, but no such node exists: the run ends or throws there`);
  });

  it("a removed node named twice by one router is one finding; named by a goto and a Send of a node, two", async () => {
    const routerTwice = [branch("r", ["a", "legacy"], { sendTargets: ["legacy"] })];
    const once = await seen("dangling-target", withLegacy({}, routerTwice), without({}, routerTwice));
    expect(once.map((f) => [f.severity, f.path])).toEqual([["breaking", "branches/r/targets/legacy"]]);
    const twice = await seen("dangling-target", withLegacy({ gotos: ["legacy"], sends: ["legacy"] }), without({ gotos: ["legacy"], sends: ["legacy"] }));
    expect(twice.map((f) => f.path).sort()).toEqual(["nodes/r/gotos/legacy", "nodes/r/sends/legacy"]);
  });

  it("a name that was already dangling before is no change", async () => {
    expect(await seen("dangling-target", without({ gotos: ["ghost"] }), touched(without({ gotos: ["ghost"] })))).toEqual([]);
    expect(await seen("dangling-target", without({}, [branch("r", ["a", "ghost"])]), touched(without({}, [branch("r", ["a", "ghost"])])))).toEqual([]);
  });

  it("a return value the path map no longer lists is breaking (6b), also on a router that returned node names", async () => {
    const g2 = (b: GraphSnapshot["branches"][number]) => graph({ nodes: [node("r"), node("a"), node("b")], edges: chain("r", "a", "b"), branches: [b] });
    const mapped = await seen(
      "dangling-target",
      g2(branch("r", ["a", "b"], { pathMap: { x: "a", y: "b" }, returns: ["x", "y"] })),
      g2(branch("r", ["a"], { pathMap: { x: "a" }, returns: ["x", "y"] })),
    );
    expect(mapped.map((f) => [f.severity, f.path, f.message])).toEqual([
      ["breaking", "branches/r/targets/y", `the router of "r" still routes to "y" by a return value its path map no longer lists, but no such node exists: the run ends or throws there`],
    ]);
    const names = await seen("dangling-target", g2(branch("r", ["a", "b"], { returns: ["a", "b"] })), g2(branch("r", ["a"], { pathMap: ["a"], returns: ["a", "b"] })));
    expect(names.map((f) => [f.severity, f.path])).toEqual([["breaking", "branches/r/targets/b"]]);
  });

  it("a return value the old path map did not list either is no change", async () => {
    const g2 = (b: GraphSnapshot["branches"][number]) => graph({ nodes: [node("r"), node("a"), node("b")], edges: chain("r", "a", "b"), branches: [b] });
    const same = branch("r", ["a"], { pathMap: { x: "a" }, returns: ["x", "y"] });
    expect(await seen("dangling-target", g2(same), touched(g2({ ...same })))).toEqual([]);
    // Judged against the old router of the same source, not another router that did list the value.
    const two = (b: GraphSnapshot["branches"][number]) =>
      graph({ nodes: [node("r"), node("a"), node("b")], edges: chain("r", "a", "b"), branches: [branch("a", ["b"], { pathMap: { y: "b" }, returns: ["y"] }), b] });
    expect(await seen("dangling-target", two(same), touched(two({ ...same })))).toEqual([]);
    // A router added with a map that misses a return value throws on every run that returns it.
    const added = await seen("dangling-target", graph({ nodes: [node("r"), node("a"), node("b")], edges: chain("r", "a", "b") }), g2(same));
    expect(added.map((f) => f.path)).toEqual(["branches/r/targets/y"]);
  });

  it("END, a node that stays, or a router whose map lists every return value is no finding", async () => {
    const g2 = (r: Partial<NodeSnapshot>, branches: GraphSnapshot["branches"] = []) =>
      graph({ nodes: [node("r", r), node("a"), node("b")], edges: chain("r", "a", "b"), branches });
    expect(await seen("dangling-target", g2({ gotos: ["a"] }), g2({ gotos: ["a", END] }))).toEqual([]);
    expect(await seen("dangling-target", g2({}, [branch("r", ["a"], { pathMap: { x: "a" }, returns: ["x"] })]), g2({}, [branch("r", ["a", "b"], { pathMap: { x: "a", y: "b" }, returns: ["x", "y"] })]))).toEqual([]);
    expect(await seen("dangling-target", g2({}, [branch("r", ["a", "b"], { returns: ["a", "b"] })]), g2({}, [branch("r", ["a", "b"], { pathMap: ["a", "b"], returns: ["a", "b"] })]))).toEqual([]);
  });
});
