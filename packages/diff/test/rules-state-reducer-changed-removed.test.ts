/**
 * reducer-changed (rows 11a, 11c) and reducer-removed (rows 11b, 11f, 17c), judged by what each reducer does
 * to the stored value: a body that combines it (append, messages) versus a replace-style body that never reads
 * it. What a user sees: severity, the message naming the reducer, the reason for a re-levelling, the writers
 * that now throw, and where the reducer (or its key) is declared.
 */
import { describe, expect, it } from "vitest";
import type { ChannelSnapshot, Location, Reducer } from "@langgraph-compat/snapshot";
import { END, START, branch, channel, graph, interrupt, node } from "./helpers.js";
import { seen, seenOf, touched } from "./rules-state-helpers.js";

const at = (file: string, line: number): Location => ({ file, line, column: 1 });
const MESSAGES: Reducer = { kind: "known", name: "messagesStateReducer" };
const custom = (name: string | undefined, fingerprint: string, opts: { replaces?: boolean; location?: Location } = {}): Reducer => ({
  kind: "custom",
  fingerprint,
  ...(name ? { name } : {}),
  ...(opts.replaces ? { replaces: true } : {}),
  ...(opts.location ? { location: opts.location } : {}),
});

/** ask (pauses) -> w1 -> w2, both writing k; `line` places the key's declaration. */
function g(reducer: Reducer, line = 5, shape: "chain" | "fan-out" | "fan-out-one-writer" = "chain") {
  const k: ChannelSnapshot = channel("k", { reducer, location: at("src/state.ts", line) });
  const nodes = [
    node("ask", { interrupts: [interrupt("q")] }),
    node("w1", { writes: ["k"], reads: ["k"] }),
    node("w2", { writes: shape === "fan-out-one-writer" ? [] : ["k"] }),
  ];
  const edges: Array<[string, string]> =
    shape === "chain"
      ? [[START, "ask"], ["ask", "w1"], ["w1", "w2"], ["w2", END]]
      : [[START, "ask"], ["ask", "w1"], ["ask", "w2"], ["w1", END], ["w2", END]];
  return graph({ nodes, edges, channels: [k] });
}

describe("reducer-changed", () => {
  const RULE = "reducer-changed";
  it("a combining body replaced by another combining body is risky, names the reducer, points at both bodies", async () => {
    const before = g(custom("append", "fp:1", { location: at("src/reducers.ts", 3) }));
    const after = g(custom("append", "fp:2", { location: at("src/reducers.ts", 30) }));
    expect(await seen(before, after)).toEqual([
      {
        ruleId: RULE,
        severity: "risky",
        path: "state/k/reducer",
        message: `custom reducer append of state key "k" has a new body; stored values are combined the new way`,
        reasons: [],
        before: at("src/reducers.ts", 3),
        after: at("src/reducers.ts", 30),
      },
    ]);
  });

  it("a reducer without a recorded location points at its key", async () => {
    const [found] = await seenOf(RULE, g(custom("append", "fp:1"), 5), g(custom("append", "fp:2"), 9));
    expect([found.before, found.after]).toEqual([at("src/state.ts", 5), at("src/state.ts", 9)]);
  });

  it("a combining body that now replaces is breaking, and says accumulated values are replaced", async () => {
    const found = await seenOf(RULE, g(custom("merge", "fp:1")), g(custom("merge", "fp:2", { replaces: true })));
    expect(found.map((f) => [f.severity, f.reasons])).toEqual([
      [
        "breaking",
        ["raised to breaking: the new body no longer combines the stored value with the update, so values accumulated by the old body are replaced (rows 11c, 17c)"],
      ],
    ]);
  });

  it("two replace-style bodies are safe, and say why", async () => {
    const found = await seenOf(RULE, g(custom("take", "fp:1", { replaces: true })), g(custom("take", "fp:2", { replaces: true })));
    expect(found.map((f) => [f.severity, f.reasons])).toEqual([
      [
        "safe",
        [
          "lowered to safe: neither body combines the stored value with the update (both replace it, or keep it when the update is missing), so stored values are those of a last-value channel either way (rows 11a, 11c)",
        ],
      ],
    ]);
  });

  it("a replace-style body that now combines stays risky, with no reason", async () => {
    const found = await seenOf(RULE, g(custom("take", "fp:1", { replaces: true })), g(custom("take", "fp:2")));
    expect(found.map((f) => [f.severity, f.reasons])).toEqual([["risky", []]]);
  });

  it("an inline reducer with a new body is reported as such", async () => {
    const found = await seenOf(RULE, g(custom(undefined, "fp:1")), g(custom(undefined, "fp:2")));
    expect(found.map((f) => f.message)).toEqual([`an inline reducer of state key "k" has a new body; stored values are combined the new way`]);
  });

  it("the same body, another reducer name, a known reducer or no reducer are not a new body", async () => {
    expect(await seenOf(RULE, g(custom("append", "fp:1")), touched(g(custom("append", "fp:1"))))).toEqual([]);
    expect(await seenOf(RULE, g(custom("append", "fp:1")), g(custom("concat", "fp:2")))).toEqual([]);
    expect(await seenOf(RULE, g(custom("append", "fp:1")), g(MESSAGES))).toEqual([]);
    expect(await seenOf(RULE, g(MESSAGES), g(custom("messagesStateReducer", "fp:2")))).toEqual([]);
    expect(await seenOf(RULE, g(custom("append", "fp:1")), g({ kind: "none" }))).toEqual([]);
  });
});

describe("reducer-removed", () => {
  const RULE = "reducer-removed";
  it("removing an accumulating reducer is breaking: accumulated values are overwritten; it points at the key", async () => {
    expect(await seen(g(MESSAGES, 5), g({ kind: "none" }, 7))).toEqual([
      {
        ruleId: RULE,
        severity: "breaking",
        path: "state/k/reducer",
        message: `reducer messagesStateReducer of state key "k" was removed; accumulated values are overwritten`,
        reasons: [],
        before: at("src/state.ts", 5),
        after: at("src/state.ts", 7),
      },
    ]);
  });

  it("removing a replace-style reducer with no parallel writers is safe, and says why", async () => {
    const found = await seenOf(RULE, g(custom("take", "fp:1", { replaces: true })), g({ kind: "none" }));
    expect(found.map((f) => [f.severity, f.message, f.reasons])).toEqual([
      [
        "safe",
        `reducer custom reducer take of state key "k" was removed; accumulated values are overwritten`,
        [
          "lowered to safe: the removed reducer never combined the stored value with the update, so the last-value channel stores the same values; no two writers of the key run in one superstep, so none can throw (rows 11b, 11f)",
        ],
      ],
    ]);
  });

  it("writers fanned out from one node now throw: breaking, naming them, even for a replace-style reducer", async () => {
    const found = await seenOf(RULE, g(custom("take", "fp:1", { replaces: true }), 5, "fan-out"), g({ kind: "none" }, 5, "fan-out"));
    expect(found.map((f) => [f.severity, f.message, f.reasons])).toEqual([
      ["breaking", `reducer custom reducer take of state key "k" was removed; accumulated values are overwritten, and parallel writes by w1, w2 now throw (and so does getState)`, []],
    ]);
  });

  it("a fan-out where only one target writes the key is no parallel write", async () => {
    const found = await seenOf(RULE, g(custom("take", "fp:1", { replaces: true }), 5, "fan-out-one-writer"), g({ kind: "none" }, 5, "fan-out-one-writer"));
    expect(found.map((f) => [f.severity, f.message])).toEqual([["safe", `reducer custom reducer take of state key "k" was removed; accumulated values are overwritten`]]);
  });

  it("a writer that is a Send target runs as several instances at once: parallel", async () => {
    const take = custom("take", "fp:1", { replaces: true });
    const viaBranch = (reducer: Reducer) =>
      graph({
        nodes: [node("ask", { interrupts: [interrupt("q")] }), node("worker", { writes: ["k"] })],
        edges: [[START, "ask"], ["worker", END]],
        branches: [branch("ask", [], { sendTargets: ["worker"] })],
        channels: [channel("k", { reducer })],
      });
    const viaNode = (reducer: Reducer) =>
      graph({
        nodes: [node("ask", { interrupts: [interrupt("q")], sends: ["worker"] }), node("worker", { writes: ["k"] })],
        edges: [[START, "ask"], ["worker", END]],
        channels: [channel("k", { reducer })],
      });
    for (const make of [viaBranch, viaNode]) {
      const found = await seenOf(RULE, make(take), make({ kind: "none" }));
      expect(found.map((f) => [f.severity, f.message])).toEqual([
        ["breaking", `reducer custom reducer take of state key "k" was removed; accumulated values are overwritten, and parallel writes by worker now throw (and so does getState)`],
      ]);
    }
  });

  it("writers are named sorted, and a Send target that does not write the key is no parallel writer", async () => {
    const take = custom("take", "fp:1", { replaces: true });
    const fan = (reducer: Reducer) =>
      graph({
        nodes: [node("ask", { interrupts: [interrupt("q")], sends: ["notify"] }), node("zeta", { writes: ["k"] }), node("alpha", { writes: ["k"] }), node("notify")],
        edges: [[START, "ask"], ["ask", "zeta"], ["ask", "alpha"], ["zeta", END], ["alpha", END], ["notify", END]],
        channels: [channel("k", { reducer })],
      });
    expect((await seenOf(RULE, fan(take), fan({ kind: "none" }))).map((f) => f.message)).toEqual([
      `reducer custom reducer take of state key "k" was removed; accumulated values are overwritten, and parallel writes by alpha, zeta now throw (and so does getState)`,
    ]);
    const lone = (reducer: Reducer) =>
      graph({
        nodes: [node("ask", { interrupts: [interrupt("q")], sends: ["notify"] }), node("w", { writes: ["k"] }), node("notify")],
        edges: [[START, "ask"], ["ask", "w"], ["w", END], ["notify", END]],
        channels: [channel("k", { reducer })],
      });
    expect((await seenOf(RULE, lone(take), lone({ kind: "none" }))).map((f) => f.severity)).toEqual(["safe"]);
  });

  it("adding a reducer, or keeping one, is not a removal", async () => {
    expect(await seenOf(RULE, g({ kind: "none" }), g(MESSAGES))).toEqual([]);
    expect(await seenOf(RULE, g(MESSAGES), g(custom("append", "fp:1")))).toEqual([]);
    expect(await seenOf(RULE, g(MESSAGES), touched(g(MESSAGES)))).toEqual([]);
  });
});
