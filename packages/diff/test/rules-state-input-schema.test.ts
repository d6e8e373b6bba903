/**
 * input-schema-changed (row 15a): a node's `input` schema, or the graph's input/output schema, is a
 * projection read at run time and never persisted, so any change is safe. What a user sees: one safe
 * finding per schema that changed, pointing at the node (or the state declaration) on both sides, and
 * nothing for a schema that stayed the same.
 */
import { describe, expect, it } from "vitest";
import type { GraphSnapshot, JsonSchema, Location } from "@langgraph-compat/snapshot";
import { chain, channel, graph, node } from "./helpers.js";
import { seen, seenOf, touched } from "./rules-state-helpers.js";

const at = (file: string, line: number): Location => ({ file, line, column: 1 });
const str: JsonSchema = { type: "string" };
const num: JsonSchema = { type: "number" };

/** Nodes `a` (with an optional input schema) and `b`; the state declared at src/state.ts:`stateLine`. */
function g(opts: { aInput?: JsonSchema; input?: Record<string, JsonSchema>; output?: Record<string, JsonSchema>; stateLine?: number; aLine?: number } = {}): GraphSnapshot {
  const built = graph({
    nodes: [node("a", { location: at("src/graph.ts", opts.aLine ?? 10), ...(opts.aInput ? { input: opts.aInput } : {}) }), node("b")],
    edges: chain("a", "b"),
    channels: [channel("topic")],
  });
  built.state.location = at("src/state.ts", opts.stateLine ?? 3);
  if (opts.input) built.state.input = opts.input;
  if (opts.output) built.state.output = opts.output;
  return built;
}

describe("input-schema-changed: a node's input schema", () => {
  it("a changed input schema is one safe finding on nodes/<node>/input, pointing at the node before and after", async () => {
    const before = g({ aInput: { type: "object", properties: { topic: str } }, aLine: 10 });
    const after = g({ aInput: { type: "object", properties: { topic: num } }, aLine: 20 });
    expect(await seen(before, after)).toEqual([
      {
        ruleId: "input-schema-changed",
        severity: "safe",
        path: "nodes/a/input",
        message: `input schema of node "a" changed`,
        reasons: [],
        before: at("src/graph.ts", 10),
        after: at("src/graph.ts", 20),
      },
    ]);
  });

  it("adding or dropping a node's input schema is a change too", async () => {
    const schema: JsonSchema = { type: "object", properties: { topic: str } };
    expect((await seenOf("input-schema-changed", g(), g({ aInput: schema }))).map((s) => s.path)).toEqual(["nodes/a/input"]);
    expect((await seenOf("input-schema-changed", g({ aInput: schema }), g()))).toHaveLength(1);
  });

  it("the same input schema, with its keys written in another order, is no change", async () => {
    const before = g({ aInput: { type: "object", properties: { topic: str, n: num } } });
    const after = g({ aInput: { properties: { n: num, topic: str }, type: "object" } });
    expect(await seenOf("input-schema-changed", before, touched(after))).toEqual([]);
  });
});

describe("input-schema-changed: the graph's input and output schemas", () => {
  it("a changed input schema is safe on state/input and points at the state declaration", async () => {
    const before = g({ input: { topic: str }, stateLine: 3 });
    const after = g({ input: { topic: str, extra: num }, stateLine: 7 });
    expect(await seen(before, after)).toEqual([
      {
        ruleId: "input-schema-changed",
        severity: "safe",
        path: "state/input",
        message: "the graph's input schema changed",
        reasons: [],
        before: at("src/state.ts", 3),
        after: at("src/state.ts", 7),
      },
    ]);
  });

  it("a changed output schema is reported on state/output alone, with its own wording", async () => {
    const before = g({ input: { topic: str }, output: { answer: str } });
    const after = g({ input: { topic: str }, output: { answer: num } });
    expect((await seen(before, after)).map((s) => [s.ruleId, s.severity, s.path, s.message])).toEqual([
      ["input-schema-changed", "safe", "state/output", "the graph's output schema changed"],
    ]);
  });

  it("declaring an output schema where there was none, and dropping an input schema, are both reported", async () => {
    const before = g({ input: { topic: str } });
    const after = g({ output: { answer: str } });
    expect((await seen(before, after)).map((s) => s.path)).toEqual(["state/input", "state/output"]);
  });

  it("input and output schemas that stay the same are no change, whatever else changed", async () => {
    const before = g({ input: { topic: str }, output: { answer: str }, aInput: { type: "object" } });
    const after = g({ input: { topic: str }, output: { answer: str }, aInput: { type: "object", required: ["topic"] } });
    expect((await seen(before, after)).map((s) => s.path)).toEqual(["nodes/a/input"]);
  });

  it("node and graph schemas changing together give one finding each", async () => {
    const before = g({ aInput: { type: "object" }, input: { topic: str }, output: { answer: str } });
    const after = g({ aInput: { type: "object", required: ["topic"] }, input: { topic: num }, output: { answer: num } });
    expect((await seen(before, after)).map((s) => s.path)).toEqual(["nodes/a/input", "state/input", "state/output"]);
  });
});
