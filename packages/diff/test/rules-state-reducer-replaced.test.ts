/**
 * reducer-replaced (rows 11a, 11c): a state key's reducer replaced by a different one. Breaking when the
 * old reducer accumulated (stored values are combined the new way), risky from a replace-style reducer to a
 * combining one, safe between two replace-style reducers. What a user sees: the severity, the message
 * naming both reducers, the reason for a lowering, and the reducer's own location when it has one.
 */
import { describe, expect, it } from "vitest";
import type { ChannelSnapshot, Location, Reducer } from "@langgraph-compat/snapshot";
import { channel, chain, graph, interrupt, node } from "./helpers.js";
import { seen, seenOf, touched } from "./rules-state-helpers.js";

const at = (file: string, line: number): Location => ({ file, line, column: 1 });
const MESSAGES: Reducer = { kind: "known", name: "messagesStateReducer" };
const ADD: Reducer = { kind: "known", name: "addMessages" };
const append = (location?: Location): Reducer => ({ kind: "custom", fingerprint: "fp:append", name: "append", ...(location ? { location } : {}) });
const take = (location?: Location): Reducer => ({ kind: "custom", fingerprint: "fp:take", name: "take", replaces: true, ...(location ? { location } : {}) });
const keep = (location?: Location): Reducer => ({ kind: "custom", fingerprint: "fp:keep", name: "keep", replaces: true, ...(location ? { location } : {}) });

/** ask (pauses) -> w (writes k); the key declared at src/state.ts:`line`. */
const g = (reducer: Reducer, line = 5) => {
  const k: ChannelSnapshot = channel("k", { reducer, location: at("src/state.ts", line) });
  return graph({ nodes: [node("ask", { interrupts: [interrupt("q")] }), node("w", { writes: ["k"], reads: ["k"] })], edges: chain("ask", "w"), channels: [k] });
};
const RULE = "reducer-replaced";

describe("reducer-replaced", () => {
  it("from an accumulating reducer is breaking, names both reducers, and points at the key then the new reducer", async () => {
    expect(await seenOf(RULE, g(MESSAGES, 5), g(append(at("src/reducers.ts", 40)), 6))).toEqual([
      {
        ruleId: RULE,
        severity: "breaking",
        path: "state/k/reducer",
        message: `reducer of state key "k" was replaced: messagesStateReducer -> custom reducer append; stored values are combined the new way`,
        reasons: [],
        before: at("src/state.ts", 5),
        after: at("src/reducers.ts", 40),
      },
    ]);
  });

  it("a custom reducer without a recorded location points at its key", async () => {
    const [found] = await seenOf(RULE, g(append(), 5), g(MESSAGES, 8));
    expect(found).toMatchObject({
      severity: "risky", // the message reducer keeps the stored list

      message: `reducer of state key "k" was replaced: custom reducer append -> messagesStateReducer; stored values are combined the new way`,
      before: at("src/state.ts", 5),
      after: at("src/state.ts", 8),
    });
    const [fromLocated] = await seenOf(RULE, g(append(at("src/reducers.ts", 12)), 5), g(ADD, 8));
    expect([fromLocated.before, fromLocated.after]).toEqual([at("src/reducers.ts", 12), at("src/state.ts", 8)]);
  });

  it("between two known reducers is a replacement", async () => {
    // Both keep the stored list (the extractor names addMessages messagesStateReducer, so this pair is only hand-made).
    expect((await seen(g(MESSAGES), g(ADD))).map((s) => [s.ruleId, s.severity, s.message])).toEqual([
      [RULE, "risky", `reducer of state key "k" was replaced: messagesStateReducer -> addMessages; stored values are combined the new way`],
    ]);
  });

  it("between two replace-style reducers is safe, and says why", async () => {
    expect(await seen(g(take()), g(keep()))).toEqual([
      {
        ruleId: RULE,
        severity: "safe",
        path: "state/k/reducer",
        message: `reducer of state key "k" was replaced: custom reducer take -> custom reducer keep; stored values are combined the new way`,
        reasons: [
          "lowered to safe: neither reducer combines the stored value with the update, so stored values are those of a last-value channel either way (rows 11a, 11c)",
        ],
        before: at("src/state.ts", 5),
        after: at("src/state.ts", 5),
      },
    ]);
  });

  it("from a replace-style reducer to a combining one is risky, and says why", async () => {
    const found = await seenOf(RULE, g(take()), g(append()));
    expect(found.map((f) => [f.severity, f.reasons])).toEqual([
      [
        "risky",
        [
          "lowered to risky: the old reducer never accumulated, so nothing stored is lost; the new one combines updates with the last stored value, and writers that still return the full value duplicate it (row 11a)",
        ],
      ],
    ]);
    expect((await seenOf(RULE, g(take()), g(MESSAGES))).map((f) => f.severity)).toEqual(["risky"]);
  });

  it("from a combining reducer to a replace-style one is breaking, with no reason", async () => {
    expect((await seenOf(RULE, g(append()), g(take()))).map((f) => [f.severity, f.reasons])).toEqual([["breaking", []]]);
  });

  it("an inline reducer is named as such", async () => {
    const inline: Reducer = { kind: "custom", fingerprint: "fp:inline" };
    expect((await seenOf(RULE, g(inline), g(MESSAGES))).map((f) => f.message)).toEqual([
      `reducer of state key "k" was replaced: an inline reducer -> messagesStateReducer; stored values are combined the new way`,
    ]);
  });

  it("the same body moved from an inline reducer into a named function is no replacement", async () => {
    const inline: Reducer = { kind: "custom", fingerprint: "fp:append" };
    expect(await seenOf(RULE, g(inline), g(append()))).toEqual([]);
    expect(await seenOf(RULE, g(append()), g({ kind: "custom", fingerprint: "fp:append", name: "concat" }))).toEqual([]);
  });

  it("an unchanged reducer is not reported when something else changes", async () => {
    expect(await seenOf(RULE, g(MESSAGES), touched(g(MESSAGES)))).toEqual([]);
    expect(await seenOf(RULE, g(append()), touched(g(append())))).toEqual([]);
  });

  it("adding or removing a reducer is not a replacement", async () => {
    expect(await seenOf(RULE, g({ kind: "none" }), g(MESSAGES))).toEqual([]);
    expect(await seenOf(RULE, g(MESSAGES), g({ kind: "none" }))).toEqual([]);
    expect(await seenOf(RULE, g(append()), g({ kind: "none" }))).toEqual([]);
  });
});
