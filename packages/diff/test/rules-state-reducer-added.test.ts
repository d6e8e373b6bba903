/**
 * reducer-added (row 11a): a reducer added to a last-value key. A combining reducer folds writers' full values
 * into the stored one (duplicates), so risky; a replace-style reducer stores what the last-value channel
 * stored, so safe, and its message must not claim duplication (it did before this test).
 */
import { describe, expect, it } from "vitest";
import type { Location, Reducer } from "@langgraph-compat/snapshot";
import { chain, channel, graph, interrupt, node } from "./helpers.js";
import { seen } from "./rules-state-helpers.js";

const at = (line: number): Location => ({ file: "src/state.ts", line, column: 1 });
const g = (reducer: Reducer, line = 3) =>
  graph({
    nodes: [node("ask", { interrupts: [interrupt("q")] }), node("w", { writes: ["k"], reads: ["k"] })],
    edges: chain("ask", "w"),
    channels: [channel("k", { reducer, location: at(line) })],
  });

describe("reducer-added", () => {
  it("a combining reducer is risky: writers that return the full value duplicate it", async () => {
    expect(await seen(g({ kind: "none" }, 3), g({ kind: "custom", fingerprint: "fp:append", name: "append" }, 5))).toEqual([
      {
        ruleId: "reducer-added",
        severity: "risky",
        path: "state/k/reducer",
        message: `state key "k" now has custom reducer append; writers that still return the full value duplicate it`,
        reasons: [],
        before: at(3),
        after: at(5),
      },
    ]);
  });

  it("a replace-style reducer is safe, and its message says stored values stay those of a last-value channel", async () => {
    expect(await seen(g({ kind: "none" }), g({ kind: "custom", fingerprint: "fp:take", name: "take", replaces: true }))).toEqual([
      {
        ruleId: "reducer-added",
        severity: "safe",
        path: "state/k/reducer",
        message: `state key "k" now has custom reducer take; it returns the update as is, so stored values are those of the last-value channel`,
        reasons: [
          "lowered to safe: the reducer returns the update as is, so stored values are those of the last-value channel it replaces; only parallel writes change, from an error to the last write (rows 11a, 11f)",
        ],
        before: at(3),
        after: at(3),
      },
    ]);
  });
});
