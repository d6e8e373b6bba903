/**
 * Reducers judged by what they do to the stored value (issue 9, classes 5, 9, 16): a replace-style reducer
 * (`(_, u) => u`, `(x, y) => y ?? x`) never combines it, so it cannot corrupt or accumulate it; a known or
 * combining reducer does. The type rules follow the same line, and a zod `.default()` is no narrowing.
 */
import { describe, expect, it } from "vitest";
import type { ChannelSnapshot, Reducer } from "@langgraph-compat/snapshot";
import { channel, graph, node, START, END, triples } from "./helpers.js";

const REPLACE: Reducer = { kind: "custom", fingerprint: "fp:take", name: "take", replaces: true };
const KEEP: Reducer = { kind: "custom", fingerprint: "fp:keep", name: "keep", replaces: true };
const APPEND: Reducer = { kind: "custom", fingerprint: "fp:append", name: "append" };
const MESSAGES: Reducer = { kind: "known", name: "messagesStateReducer" };

/** Writers w1 and w2 after `ask` (which pauses); `parallel` fans them out from one node. */
function keyGraph(key: ChannelSnapshot, parallel = false) {
  const nodes = [node("ask", { interrupts: [{ kind: "interrupt", fingerprint: "q", location: { file: "g.ts", line: 1, column: 1 }, via: [] }] }), node("w1", { writes: [key.name] }), node("w2", { writes: [key.name] })];
  const edges: Array<[string, string]> = parallel
    ? [[START, "ask"], ["ask", "w1"], ["ask", "w2"], ["w1", END], ["w2", END]]
    : [[START, "ask"], ["ask", "w1"], ["w1", "w2"], ["w2", END]];
  return graph({ nodes, edges, channels: [key], form: "zod" });
}

const reducerChange = (from: Reducer, to: Reducer, parallel = false) =>
  triples(keyGraph(channel("k", { reducer: from }), parallel), keyGraph(channel("k", { reducer: to }), parallel));

describe("replace-style reducers", () => {
  it("reducer-removed: safe for a replace-style reducer without parallel writers; breaking with them (11f) or when it combined (11b)", async () => {
    expect(await reducerChange(REPLACE, { kind: "none" })).toEqual([["reducer-removed", "safe", "state/k/reducer"]]);
    expect(await reducerChange(REPLACE, { kind: "none" }, true)).toEqual([["reducer-removed", "breaking", "state/k/reducer"]]);
    expect(await reducerChange(APPEND, { kind: "none" })).toEqual([["reducer-removed", "breaking", "state/k/reducer"]]);
  });

  it("reducer-changed (same name, new body): safe between two replace-style bodies, breaking from combining to replacing", async () => {
    expect(await reducerChange(REPLACE, { ...KEEP, name: "take" })).toEqual([["reducer-changed", "safe", "state/k/reducer"]]);
    expect(await reducerChange({ ...APPEND, name: "take" }, REPLACE)).toEqual([["reducer-changed", "breaking", "state/k/reducer"]]);
    expect(await reducerChange(REPLACE, { ...APPEND, name: "take" })).toEqual([["reducer-changed", "risky", "state/k/reducer"]]);
  });

  it("reducer-replaced: safe between replace-style reducers, risky to a combining one (11a) or between two, breaking from combining to replace-style (11c)", async () => {
    expect(await reducerChange(REPLACE, KEEP)).toEqual([["reducer-replaced", "safe", "state/k/reducer"]]);
    expect(await reducerChange(REPLACE, APPEND)).toEqual([["reducer-replaced", "risky", "state/k/reducer"]]);
    expect(await reducerChange(REPLACE, MESSAGES)).toEqual([["reducer-replaced", "risky", "state/k/reducer"]]);
    expect(await reducerChange(MESSAGES, REPLACE)).toEqual([["reducer-replaced", "breaking", "state/k/reducer"]]);
    // Combining to a reducer that surely keeps the stored value (`a.concat(b)`): a behaviour change (11a-like).
    expect(await reducerChange(MESSAGES, { ...APPEND, keeps: true })).toEqual([["reducer-replaced", "risky", "state/k/reducer"]]);
    // To a combining body we cannot read, it may drop what was stored (11c).
    expect(await reducerChange(MESSAGES, APPEND)).toEqual([["reducer-replaced", "breaking", "state/k/reducer"]]);
  });
});

describe("type changes under a reducer", () => {
  const typed = (reducer: Reducer, type: object) => keyGraph(channel("k", { reducer, type }));
  const PKG_A = { "x-source": "Pkg.A" };
  const PKG_B = { "x-source": "Pkg.B" };

  it("an unmodelled type change under a combining reducer is type-changed-with-reducer (11e), under a replace-style one type-source-changed", async () => {
    expect(await triples(typed(APPEND, PKG_A), typed(APPEND, PKG_B))).toEqual([["type-changed-with-reducer", "breaking", "state/k/type"]]);
    expect(await triples(typed(MESSAGES, PKG_A), typed(MESSAGES, PKG_B))).toEqual([["type-changed-with-reducer", "breaking", "state/k/type"]]);
    expect(await triples(typed(REPLACE, PKG_A), typed(REPLACE, PKG_B))).toEqual([["type-source-changed", "risky", "state/k/type"]]);
  });

  it("a narrowing under a replace-style reducer is judged as on a last-value key (type-narrowed), not as 11e", async () => {
    expect(await triples(typed(REPLACE, { type: "number" }), typed(REPLACE, { type: "integer" }))).toEqual([["type-narrowed", "breaking", "state/k/type"]]);
    expect(await triples(typed(APPEND, { type: "number" }), typed(APPEND, { type: "integer" }))).toEqual([["type-changed-with-reducer", "breaking", "state/k/type"]]);
  });
});

describe("zod .default()", () => {
  const zodKey = (opts: Partial<ChannelSnapshot>) => keyGraph(channel("k", opts));
  const ZOD_DEFAULT = { kind: "zod" as const, fingerprint: "d" };

  it("an optional field that gains a zod default is not narrowed: only the default changed (10c)", async () => {
    expect(await triples(zodKey({ optional: true }), zodKey({ default: ZOD_DEFAULT }))).toEqual([["default-changed", "risky", "state/k/default"]]);
  });

  it("a required field that gains one is not widened either, and one that loses optional without a default still narrows", async () => {
    expect(await triples(zodKey({}), zodKey({ default: ZOD_DEFAULT }))).toEqual([["default-changed", "risky", "state/k/default"]]);
    expect(await triples(zodKey({ optional: true }), zodKey({}))).toEqual([["type-narrowed", "breaking", "state/k/type"]]);
    // Dropping the default for .optional() changes no accepted write either.
    expect(await triples(zodKey({ default: ZOD_DEFAULT }), zodKey({ optional: true }))).toEqual([["default-changed", "risky", "state/k/default"]]);
  });
});
