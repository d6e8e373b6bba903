/**
 * unresolved-element: a construct the extractor could not read is reported when it is new, or when it
 * stands where a change needs it (a changed node, a changed state, a changed topology, a whole graph), and
 * the message says which. Written against surviving mutants of `rules/unresolved-element.ts`.
 */
import { describe, expect, it } from "vitest";
import type { GraphSnapshot, Unresolved } from "@langgraph-compat/snapshot";
import { renderMessage } from "../src/index.js";
import { END, START, branch, chain, channel, diff, graph, interrupt, node } from "./helpers.js";

const at = { file: "g.ts", line: 1, column: 1 };
const u = (kind: Unresolved["kind"], text: string, n?: string): Unresolved => ({ kind, reason: "not static", text, location: at, ...(n ? { node: n } : {}) });

/** The unresolved-element findings as [severity, message]. */
async function unresolvedOf(before: GraphSnapshot, after: GraphSnapshot): Promise<Array<[string, string]>> {
  const result = await diff(before, after);
  return result.findings.filter((f) => f.ruleId === "unresolved-element").map((f) => [f.severity, renderMessage(f)] as [string, string]).sort();
}

// `b` can pause, so threads can stand where hidden routes matter (a graph that never pauses is below).
const base = (spec: Parameters<typeof graph>[0] = {}) =>
  graph({ nodes: [node("a"), node("b", { interrupts: [interrupt("q")] })], edges: chain("a", "b"), channels: [channel("x")], ...spec });

describe("unresolved-element", () => {
  it("a new element is reported as new, naming its node when it has one", async () => {
    expect(await unresolvedOf(base(), base({ unresolved: [u("goto-target", "pick()", "a"), u("state", "makeState()")] }))).toEqual([
      ["risky", `new unresolved goto-target in node "a": pick() (not static)`],
      ["risky", `new unresolved state: makeState() (not static)`],
    ]);
  });

  it("hidden routes cannot hurt a graph that never pauses unless v2 removes or renames a node (17a, 17d, 6a)", async () => {
    const el = u("goto-target", "pick()", "a");
    const flat = (names: string[], fingerprint = "v1") =>
      graph({ nodes: names.map((n) => node(n, { function: { name: n, fingerprint, location: at } })), edges: chain(...names), unresolved: [el] });
    const [lowered] = (await diff(flat(["a", "b"]), flat(["a", "b"], "v2"))).findings.filter((f) => f.ruleId === "unresolved-element");
    expect(lowered).toMatchObject({ severity: "safe" });
    expect(lowered.reasons?.[0]).toMatch(/^lowered to safe: no thread can be paused, and v2 removes or renames no node/);
    // A stored value may name `b`, which v2 no longer has.
    const [kept] = (await diff(flat(["a", "b"]), flat(["a", "c"], "v2"))).findings.filter((f) => f.ruleId === "unresolved-element");
    expect(kept).toMatchObject({ severity: "risky", endangered: ["finished threads whose stored values may name `b`, gone in v2"] });
    // A hidden breakpoint or state is no route: finished threads stay endangered (17e, 9b).
    const state = u("state-key", "[k]");
    const withState = (fp: string, channels: ReturnType<typeof channel>[]) =>
      graph({ nodes: [node("a", { function: { name: "a", fingerprint: fp, location: at } })], edges: chain("a"), channels, unresolved: [state] });
    const [hiddenState] = (await diff(withState("v1", [channel("x")]), withState("v1", [channel("x"), channel("y")]))).findings.filter((f) => f.ruleId === "unresolved-element");
    expect(hiddenState).toMatchObject({ severity: "risky" });
  });

  it("the same element twice is one finding", async () => {
    expect(await unresolvedOf(base(), base({ unresolved: [u("edge", "e()"), u("edge", "e()")] }))).toHaveLength(1);
  });

  it("an unchanged element is silent while nothing it stands in the way of changes", async () => {
    const all = [u("goto-target", "pick()", "a"), u("reducer", "r()"), u("edge", "e()"), u("task", "t()")];
    expect(await unresolvedOf(base({ unresolved: all }), base({ unresolved: all }))).toEqual([]);
  });

  it("an unchanged whole-graph element is always reported: the graph is not checked at all", async () => {
    const g = u("graph", "build()");
    expect(await unresolvedOf(base({ unresolved: [g] }), base({ unresolved: [g] }))).toEqual([
      ["risky", "unresolved graph: build() (not static); this graph is not checked at all"],
    ]);
  });

  it("stands in a node that changed: its function, its kind, a rename, or a removal", async () => {
    const el = u("goto-target", "pick()", "a");
    const changedFn = graph({ nodes: [node("a", { function: { name: "a", fingerprint: "v2", location: at } }), node("b")], edges: chain("a", "b"), channels: [channel("x")], unresolved: [el] });
    const changedKind = graph({ nodes: [node("a", { kind: "subgraph" }), node("b")], edges: chain("a", "b"), channels: [channel("x")], unresolved: [el] });
    const standing = [["risky", `unresolved goto-target in node "a": pick() (not static); the node changed, so this change cannot be fully checked`]];
    expect(await unresolvedOf(base({ unresolved: [el] }), changedFn)).toEqual(standing);
    expect(await unresolvedOf(base({ unresolved: [el] }), changedKind)).toEqual(standing);
    // An element of an unchanged node stays silent even when another node changed.
    const other = u("goto-target", "pick()", "b");
    const bChanged = graph({ nodes: [node("a", { function: { name: "a", fingerprint: "v2", location: at } }), node("b")], edges: chain("a", "b"), channels: [channel("x")], unresolved: [other] });
    expect(await unresolvedOf(base({ unresolved: [other] }), bChanged)).toEqual([]);
  });

  it("a state element stands when a key is added, removed, renamed, or changes its reducer or type", async () => {
    const el = u("state-key", "[k]");
    const standing = [["risky", "unresolved state-key: [k] (not static); the state changed, so this change cannot be fully checked"]];
    const before = base({ unresolved: [el] });
    const withChannels = (channels: ReturnType<typeof channel>[]) => base({ channels, unresolved: [el] });
    expect(await unresolvedOf(before, withChannels([channel("x"), channel("y", { optional: true })]))).toEqual(standing);
    expect(await unresolvedOf(withChannels([channel("x"), channel("y")]), withChannels([channel("x")]))).toEqual(standing);
    expect(await unresolvedOf(before, withChannels([channel("x", { reducer: { kind: "known", name: "messagesStateReducer" } })]))).toEqual(standing);
    expect(await unresolvedOf(before, withChannels([channel("x", { reducer: { kind: "custom", fingerprint: "f" } })]))).toEqual(standing);
    expect(await unresolvedOf(before, withChannels([channel("x", { type: { type: "number" } })]))).toEqual(standing);
    // A topology change does not make a state element stand in the way.
    expect(await unresolvedOf(before, base({ edges: [[START, "a"], ["a", END], ["b", END]], unresolved: [el] }))).toEqual([]);
  });

  it("a topology element stands when an edge, join, branch or breakpoint changes; a state change does not", async () => {
    const el = u("edge", "addEdge(x, y)");
    const standing = [["risky", "unresolved edge: addEdge(x, y) (not static); the topology changed, so this change cannot be fully checked"]];
    const before = base({ unresolved: [el] });
    expect(await unresolvedOf(before, base({ edges: [[START, "a"], ["a", END], [START, "b"], ["b", END]], unresolved: [el] }))).toEqual(standing);
    expect(await unresolvedOf(before, base({ joins: [[["a", "b"], END]], unresolved: [el] }))).toEqual(standing);
    expect(await unresolvedOf(before, base({ branches: [branch("a", ["b"])], unresolved: [el] }))).toEqual(standing);
    expect(await unresolvedOf(before, base({ interruptAfter: ["a"], unresolved: [el] }))).toEqual(standing);
    expect(await unresolvedOf(before, base({ nodes: [node("a"), node("b"), node("c")], unresolved: [el] }))).toEqual(standing);
    expect(await unresolvedOf(before, base({ channels: [channel("x"), channel("y", { optional: true })], unresolved: [el] }))).toEqual([]);
  });
});
