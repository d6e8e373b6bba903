/**
 * What a user reads for each finding: the rule, severity, path, the rendered message and the reasons a
 * severity was lowered or raised (CI shows both; `check --format json` carries them). Each expectation was
 * written by hand from the rule's documented wording and checked against the semantics rows it cites.
 * Written against surviving mutants of `diff/src/rules/**` (messages, reasons, severity overrides).
 */
import { describe, expect, it } from "vitest";
import type { GraphSnapshot } from "@langgraph-compat/snapshot";
import { renderMessage, type CompatConfig } from "../src/index.js";
import { END, START, branch, chain, channel, diff, graph, interrupt, node } from "./helpers.js";

type Seen = [ruleId: string, severity: string, path: string, message: string, reasons: string[]];

/** Every finding as the report shows it, sorted by rule and path. */
async function explain(before: GraphSnapshot, after: GraphSnapshot, config?: CompatConfig): Promise<Seen[]> {
  const result = await diff(before, after, config);
  return result.findings
    .map((f): Seen => [f.ruleId, f.severity, f.path, renderMessage(f), f.reasons ?? []])
    .sort((x, y) => `${x[0]} ${x[2]}`.localeCompare(`${y[0]} ${y[2]}`));
}
const only = (ruleId: string, seen: Seen[]) => seen.filter((s) => s[0] === ruleId);
const fn = (name: string) => ({ name, fingerprint: `fn:${name}`, location: { file: "src/graph.ts", line: 1, column: 1 } });
/** A graph with one node `w` that writes every channel. */
const withState = (channels: ReturnType<typeof channel>[]) => graph({ nodes: [node("w", { writes: channels.map((c) => c.name) })], edges: chain("w"), channels });

describe("nodes", () => {
  it("a new alias of a reachable node is safe, and says the old name stays (row 2c)", async () => {
    const ask = () => node("ask", { interrupts: [interrupt("q")] });
    const before = graph({ nodes: [ask()], edges: chain("ask") });
    const after = graph({ nodes: [ask(), node("approval", { interrupts: [interrupt("q")], function: fn("ask") })], edges: chain("ask", "approval") });
    expect(only("node-renamed", await explain(before, after))).toEqual([
      [
        "node-renamed",
        "safe",
        "nodes/ask",
        `node "ask" has a new alias "approval"; the old name stays registered and reachable`,
        [`lowered to safe: "ask" stays registered and reachable, so paused threads resume in it (row 2c)`],
      ],
    ]);
  });

  it("ends that lose a target name what was dropped and added, safe while the target keeps a way in (15e)", async () => {
    const g = (ends: string[]) => graph({ nodes: [node("d", { ends }), node("a"), node("b"), node("c")], edges: chain("d", "a", "b", "c") });
    expect(await explain(g(["a", "b"]), g(["a", "c"]))).toEqual([
      // b keeps its edge from a, so v2 compiles (15d) and ends is not enforced at run time (15e).
      ["ends-changed", "safe", "nodes/d/ends", `ends of node "d" changed; no longer lists b; now lists c`, ["lowered to safe: ends is not enforced at run time (row 15e), and no target it drops is left unreachable, so v2 compiles (row 15d); where the node's Commands go is goto-targets-changed's"]],
    ]);
    expect(await explain(g(["a"]), g(["a", "c"]))).toEqual([
      ["ends-changed", "safe", "nodes/d/ends", `ends of node "d" changed; now lists c`, ["lowered to safe: ends only widened; ends is not enforced at run time (row 15e)"]],
    ]);
  });
});

describe("breakpoints", () => {
  const nodes = () => [node("a"), node("b")];
  it("a list that names no node is risky, naming them (row 14h); '*' is shown quoted", async () => {
    const before = graph({ nodes: nodes(), edges: chain("a", "b") });
    const after = graph({ nodes: nodes(), edges: chain("a", "b"), interruptBefore: ["a", "x", "y"], interruptAfter: "*" });
    expect(await explain(before, after)).toEqual([
      ["breakpoints-changed", "safe", "breakpoints/interruptAfter", `interruptAfter changed from [] to "*"`, []],
      [
        "breakpoints-changed",
        "risky",
        "breakpoints/interruptBefore",
        "interruptBefore changed from [] to [a, x, y]; x, y are not a node, so compile() throws",
        ["raised to risky: the list names a node that does not exist (row 14h)"],
      ],
    ]);
  });

  it("one missing name reads 'is'; the same names in another order are no change", async () => {
    const g = (list: string[]) => graph({ nodes: nodes(), edges: chain("a", "b"), interruptBefore: list });
    expect((await explain(g(["a"]), g(["b", "x"])))[0]?.[3]).toBe("interruptBefore changed from [a] to [b, x]; x is not a node, so compile() throws");
    expect(await explain(g(["a", "b"]), g(["b", "a"]))).toEqual([]);
    expect(only("breakpoints-changed", await explain(g(["a"]), g(["a", "b"])))).toEqual([
      ["breakpoints-changed", "safe", "breakpoints/interruptBefore", "interruptBefore changed from [a] to [a, b]", []],
    ]);
  });
});

describe("edges and branches", () => {
  it("an edge that now goes elsewhere and a node inserted on an edge read differently", async () => {
    const three = () => [node("a"), node("b"), node("c")];
    const rerouted = await explain(graph({ nodes: three(), edges: chain("a", "b", "c") }), graph({ nodes: three(), edges: [[START, "a"], ["a", "c"], ["b", "c"], ["c", END]] }));
    expect(only("edge-rerouted", rerouted).map((s) => s.slice(0, 4))).toEqual([["edge-rerouted", "safe", "edges/a->b", "edge a -> b now goes to c"]]);
    const inserted = await explain(graph({ nodes: [node("a"), node("b")], edges: chain("a", "b") }), graph({ nodes: [node("a"), node("n"), node("b")], edges: chain("a", "n", "b") }));
    expect(only("edge-rerouted", inserted).map((s) => s[3])).toEqual([`node "n" was inserted on edge a -> b`]);
    expect(only("node-added", inserted).map((s) => s.slice(0, 4))).toEqual([["node-added", "safe", "nodes/n", `node "n" was added`]]);
  });

  it("a changed branch lists every change: router body, path map, lost and gained targets", async () => {
    const router = { name: "route_a", fingerprint: "router:new", location: { file: "g.ts", line: 1, column: 1 } };
    const before = graph({ nodes: [node("a"), node("b"), node("c")], edges: [[START, "a"]], branches: [branch("a", ["b", "c"], { pathMap: { x: "b", y: "c" } })] });
    const after = graph({ nodes: [node("a"), node("b"), node("c"), node("d")], edges: [[START, "a"]], branches: [branch("a", ["b", "d"], { pathMap: { x: "b", z: "d" }, router })] });
    expect(only("branch-changed", await explain(before, after)).map((s) => s.slice(0, 4))).toEqual([
      ["branch-changed", "safe", "branches/a", `conditional edge out of "a" changed: router body changed; path map changed; no longer targets c; now targets d`],
    ]);
  });

  it("a removed join names its sources; with a static interruptBefore it is breaking (M8)", async () => {
    const g = (joined: boolean, interruptBefore: string[] = []) =>
      graph({
        nodes: [node("a"), node("b"), node("c")],
        edges: joined ? [[START, "a"], [START, "b"]] : [[START, "a"], [START, "b"], ["a", "c"], ["b", "c"]],
        joins: joined ? [[["a", "b"], "c"]] : [],
        interruptBefore,
      });
    const removed = only("join-changed", await explain(g(true), g(false)));
    expect(removed.map((s) => s.slice(0, 4))).toEqual([["join-changed", removed[0]![1], "joins/a+b->c", "join [a, b] -> c was removed"]]);
    // No thread can be paused with the barrier half-filled when nothing pauses (5f).
    expect(removed[0]![1]).not.toBe("breaking");
    expect(only("join-changed", await explain(g(true, ["c"]), g(false, ["c"])))).toEqual([
      [
        "join-changed",
        "breaking",
        "joins/a+b->c",
        "join [a, b] -> c was removed",
        ["raised to breaking: the graph keeps a static interruptBefore, and the removed join channel makes it re-fire forever (M8, rows 14j, 14k)"],
      ],
    ]);
    expect(only("join-changed", await explain(g(false), g(true))).map((s) => [s[0], s[2], s[3]])).toEqual([["join-changed", "joins/a+b->c", "join [a, b] -> c was added"]]);
  });

  it("every route to a removed node is dangling, by goto, Send, return value, and a return the path map dropped (6a, 6b)", async () => {
    const before = graph({
      nodes: [node("a", { gotos: ["b"], sends: ["c"] }), node("b"), node("c")],
      edges: [[START, "a"]],
      branches: [branch("a", ["b"], { pathMap: { x: "b", y: "c" }, returns: ["x", "y"] })],
    });
    const after = graph({ nodes: [node("a", { gotos: ["b"], sends: ["c"] })], edges: [[START, "a"]], branches: [branch("a", ["b"], { pathMap: { x: "b" }, returns: ["x", "y"] })] });
    const tail = "but no such node exists: the run ends or throws there";
    expect(only("dangling-target", await explain(before, after))).toEqual([
      ["dangling-target", "breaking", "branches/a/targets/b", `the router of "a" still routes to "b" by its return value, ${tail}`, []],
      ["dangling-target", "breaking", "branches/a/targets/y", `the router of "a" still routes to "y" by a return value its path map no longer lists, ${tail}`, []],
      ["dangling-target", "breaking", "nodes/a/gotos/b", `node "a" still routes to "b" by Command.goto, ${tail}`, []],
      ["dangling-target", "breaking", "nodes/a/sends/c", `node "a" still routes to "c" by Send, ${tail}`, []],
    ]);
    // A name that was already dangling before is not a change.
    expect(only("dangling-target", await explain(after, after))).toEqual([]);
  });
});

describe("state", () => {
  it("an added key says why it is safe or not: channel default, untracked, optional, zod default, none (10a-10e)", async () => {
    const after = withState([
      channel("k"),
      channel("d1", { default: { kind: "channel", fingerprint: "x" } }),
      channel("u", { untracked: true }),
      channel("o", { optional: true }),
      channel("z", { default: { kind: "zod", fingerprint: "z" } }),
      channel("n"),
    ]);
    expect(await explain(withState([channel("k")]), after)).toEqual([
      ["state-key-added", "safe", "state/d1", `state key "d1" was added (with a channel default)`, ["lowered to safe: a channel default is applied to old threads too (rows 10d, 10e)"]],
      ["state-key-added", "risky", "state/n", `state key "n" was added (no default: old threads read undefined)`, []],
      ["state-key-added", "safe", "state/o", `state key "o" was added (optional)`, [`lowered to safe: the key is optional and no old thread reads undefined where a v2 thread would hold a value: no node of v2 writes "o", or none reads it after a resume, or on a finished thread's next turn, before a node writes it (row 10a)`]],
      ["state-key-added", "safe", "state/u", `state key "u" was added (untracked)`, ["lowered to safe: the key is never checkpointed"]],
      ["state-key-added", "risky", "state/z", `state key "z" was added (only a zod .default(), which old threads do not get)`, []],
    ]);
  });

  it("an added reducer is risky, and safe when it only replaces the value (11a)", async () => {
    const after = withState([
      channel("k", { reducer: { kind: "custom", fingerprint: "f", name: "latest", replaces: true } }),
      channel("r", { reducer: { kind: "known", name: "messagesStateReducer" } }),
    ]);
    const seen = await explain(withState([channel("k"), channel("r")]), after);
    expect(seen.map((s) => [s[0], s[1], s[2], s[4]])).toEqual([
      [
        "reducer-added",
        "safe",
        "state/k/reducer",
        [
          "lowered to safe: the reducer returns the update as is, so stored values are those of the last-value channel it replaces; only parallel writes change, from an error to the last write (rows 11a, 11f)",
        ],
      ],
      ["reducer-added", "risky", "state/r/reducer", []],
    ]);
    expect(seen[1]![3]).toBe(`state key "r" now has messagesStateReducer; writers that still return the full value duplicate it`);
  });

  it("a reducer with a new body names the reducer", async () => {
    const g = (fp: string) => withState([channel("k", { reducer: { kind: "custom", fingerprint: fp, name: "merge" } })]);
    expect((await explain(g("f1"), g("f2"))).map((s) => s.slice(0, 4))).toEqual([
      ["reducer-changed", "risky", "state/k/reducer", `custom reducer merge of state key "k" has a new body; stored values are combined the new way`],
    ]);
    const inline = (fp: string) => withState([channel("k", { reducer: { kind: "custom", fingerprint: fp } })]);
    expect((await explain(inline("f1"), inline("f2"))).map((s) => s[3])).toEqual([`an inline reducer of state key "k" has a new body; stored values are combined the new way`]);
  });
});

describe("dangling targets: what is not a change", () => {
  const g = (nodes: string[], b: ReturnType<typeof branch>) => graph({ nodes: nodes.map((n) => node(n)), edges: [[START, "a"]], branches: [b] });

  it("END is never dangling, and a target named twice (path map and Send) is one finding", async () => {
    const before = g(["a", "b"], branch("a", ["b", END], { sendTargets: ["b"] }));
    const after = g(["a"], branch("a", ["b", END], { sendTargets: ["b"] }));
    expect(only("dangling-target", await explain(before, after)).map((s) => s.slice(0, 3))).toEqual([["dangling-target", "breaking", "branches/a/targets/b"]]);
  });

  it("a return the old path map did not cover either is not new; an array path map covers its entries", async () => {
    const uncovered = branch("a", ["b"], { pathMap: { x: "b" }, returns: ["x", "y"] });
    expect(only("dangling-target", await explain(g(["a", "b"], uncovered), g(["a", "b"], uncovered)))).toEqual([]);
    const list = (pathMap: string[]) => g(["a", "b", "c"], branch("a", pathMap, { pathMap, returns: ["b", "c"] }));
    expect(only("dangling-target", await explain(list(["b", "c"]), list(["b"]))).map((s) => s[2])).toEqual(["branches/a/targets/c"]);
    // Without a path map every return is a node name, judged as a target.
    const free = g(["a", "b"], branch("a", ["b"], { returns: ["b"] }));
    expect(only("dangling-target", await explain(free, free))).toEqual([]);
  });
});

describe("default-changed", () => {
  it("names the kinds, and says old and new when the kind stayed", async () => {
    const g = (d: ReturnType<typeof channel>["default"]) => withState([channel("k", { default: d })]);
    const seen = async (b: ReturnType<typeof channel>["default"], a: ReturnType<typeof channel>["default"]) => only("default-changed", await explain(g(b), g(a))).map((s) => s[3]);
    expect(await seen({ kind: "channel", fingerprint: "x" }, { kind: "channel", fingerprint: "y" })).toEqual([
      `default of state key "k" changed (old channel default -> new channel default); old threads keep the old default`,
    ]);
    expect(await seen({ kind: "channel", fingerprint: "x" }, { kind: "none" })).toEqual([`default of state key "k" changed (channel default -> none); old threads keep the old default`]);
    expect(await seen({ kind: "zod", fingerprint: "x" }, { kind: "zod", fingerprint: "y" })).toEqual([
      `default of state key "k" changed (old zod .default() -> new zod .default()); old threads keep the old default`,
    ]);
  });
});
