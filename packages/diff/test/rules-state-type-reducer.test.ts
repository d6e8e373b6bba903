/**
 * type-changed-with-reducer (rows 11e, 11e2): the type of a key whose reducer combines the stored value
 * changed so that old stored values fall outside it (or the change cannot be modelled): the reducer meets old
 * values it was not written for. A pure widening is type-widened's, and a replace-style reducer leaves the key
 * to type-narrowed. What a user sees: the message with the comparison's details, and the key's locations.
 */
import { describe, expect, it } from "vitest";
import type { Location, Reducer } from "@langgraph-compat/snapshot";
import { chain, channel, graph, interrupt, node } from "./helpers.js";
import { seen, seenOf } from "./rules-state-helpers.js";

const at = (line: number): Location => ({ file: "src/state.ts", line, column: 2 });
const APPEND: Reducer = { kind: "custom", fingerprint: "fp:append", name: "append" };
const TAKE: Reducer = { kind: "custom", fingerprint: "fp:take", name: "take", replaces: true };
const MESSAGES: Reducer = { kind: "known", name: "messagesStateReducer" };
const RULE = "type-changed-with-reducer";

/** ask (pauses) -> w (reads and writes k) in a zod state. */
const g = (type: object, reducer: Reducer, line = 4) =>
  graph({
    form: "zod",
    nodes: [node("ask", { interrupts: [interrupt("q")] }), node("w", { writes: ["k"], reads: ["k"] })],
    edges: chain("ask", "w"),
    channels: [channel("k", { type, reducer, location: at(line) })],
  });

describe("type-changed-with-reducer", () => {
  it("a narrowed type under a combining reducer is breaking, says why with the details, and points at the key", async () => {
    expect(await seen(g({ type: "number" }, APPEND, 4), g({ type: "integer" }, APPEND, 9))).toEqual([
      {
        ruleId: RULE,
        severity: "breaking",
        path: "state/k/type",
        message: `type of state key "k" changed while it has a reducer (some old values no longer match the type); the reducer meets old stored values`,
        reasons: [],
        before: at(4),
        after: at(9),
      },
    ]);
  });

  it("a type that both drops and gains values lists both details", async () => {
    expect((await seenOf(RULE, g({ type: "number" }, MESSAGES), g({ type: "string" }, MESSAGES))).map((f) => f.message)).toEqual([
      `type of state key "k" changed while it has a reducer (some old values no longer match the type; the type accepts new values); the reducer meets old stored values`,
    ]);
  });

  it("a change that cannot be modelled is this rule's under a combining reducer", async () => {
    const found = await seenOf(RULE, g({ "x-source": "Pkg.A" }, APPEND), g({ "x-source": "Pkg.B" }, APPEND));
    expect(found.map((f) => [f.severity, f.path])).toEqual([["breaking", "state/k/type"]]);
  });

  it("a pure widening is not this rule's: type-widened reports it", async () => {
    expect((await seen(g({ type: "integer" }, APPEND), g({ type: "number" }, APPEND))).map((f) => [f.ruleId, f.severity])).toEqual([["type-widened", "safe"]]);
  });

  it("under a replace-style reducer, or none, a narrowing is type-narrowed's", async () => {
    for (const reducer of [TAKE, { kind: "none" } as Reducer]) {
      expect((await seen(g({ type: "number" }, reducer), g({ type: "integer" }, reducer))).map((f) => f.ruleId)).toEqual(["type-narrowed"]);
    }
  });
});
