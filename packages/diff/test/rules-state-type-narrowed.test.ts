/**
 * type-narrowed (rows 9a, 10f-10j, 17b): some old stored values no longer fit a key's type (or none does, for a
 * disjoint type). Only zod and StateSchema states validate, and only written keys: the severity follows who
 * can write an old value back, or read an unusable one, and the full message names them. Each expectation
 * is the whole text a user reads.
 */
import { describe, expect, it } from "vitest";
import type { Location, NodeSnapshot, StateForm } from "@langgraph-compat/snapshot";
import { chain, channel, graph, interrupt, node } from "./helpers.js";
import { seen, seenOf } from "./rules-state-helpers.js";

const at = (line: number): Location => ({ file: "src/state.ts", line, column: 3 });
const NUMBER = { type: "number" };
const INTEGER = { type: "integer" };
const STRING = { type: "string" };
const RULE = "type-narrowed";
const ask = () => node("ask", { interrupts: [interrupt("q")] });

/** A graph of `nodes` in a chain, with key `k` of `type` declared at src/state.ts:`line`. */
const g = (type: object, form: StateForm, nodes: NodeSnapshot[], line = 4) =>
  graph({ form, nodes, edges: chain(...nodes.map((n) => n.name)), channels: [channel("k", { type, location: at(line) })] });
const pair = (from: object, to: object, form: StateForm, nodes: () => NodeSnapshot[]) => seenOf(RULE, g(from, form, nodes()), g(to, form, nodes()));

describe("type-narrowed in a validated state", () => {
  it("names every writer that can write an old value back after a resume, and points at the key", async () => {
    const nodes = () => [ask(), node("w1", { writes: ["k"] }), node("w2", { writes: ["k"] })];
    expect(await seen(g(NUMBER, "zod", nodes(), 4), g(INTEGER, "zod", nodes(), 9))).toEqual([
      {
        ruleId: RULE,
        severity: "breaking",
        path: "state/k/type",
        message: `type of state key "k" was narrowed (some old values no longer match the type); w1, w2 can write an old value back (after a resume, or read on the next turn) and fail validation`,
        reasons: [],
        before: at(4),
        after: at(9),
      },
    ]);
  });

  it("a StateSchema state validates too: breaking", async () => {
    const found = await pair(NUMBER, INTEGER, "state-schema", () => [ask(), node("w", { writes: ["k"] })]);
    expect(found.map((f) => [f.severity, f.reasons])).toEqual([["breaking", []]]);
  });

  it("a key no node writes is risky: only written keys are validated; the message names no writer", async () => {
    expect(await pair(NUMBER, INTEGER, "zod", () => [ask(), node("r", { reads: ["k"] })])).toEqual([
      expect.objectContaining({
        severity: "risky",
        message: `type of state key "k" was narrowed (some old values no longer match the type)`,
        reasons: ["lowered to risky: no node writes the key, and only written keys are validated (rows 10f, 10h)"],
      }),
    ]);
  });

  it("a key written only before any pause is risky: no writer can write an old value back", async () => {
    expect((await pair(NUMBER, INTEGER, "zod", () => [node("w", { writes: ["k"] }), ask()])).map((f) => [f.severity, f.message, f.reasons])).toEqual([
      [
        "risky",
        `type of state key "k" was narrowed (some old values no longer match the type)`,
        [
          "lowered to risky: no writer of the key can run after a resume or passes the stored value on at the next turn, so none writes an old value back; the others write v2's own values (rows 10f, 10h)",
        ],
      ],
    ]);
  });
});

describe("type-narrowed in a state that never validates", () => {
  it("Annotation.Root and raw channels are risky, each named in the reason", async () => {
    const nodes = () => [ask(), node("w", { writes: ["k"] })];
    expect((await pair(NUMBER, INTEGER, "annotation", nodes)).map((f) => [f.severity, f.reasons])).toEqual([
      ["risky", ["lowered to risky: Annotation.Root states are never validated, so old values reach nodes but nothing throws (M7, row 10f)"]],
    ]);
    expect((await pair(NUMBER, INTEGER, "channels", nodes)).map((f) => [f.severity, f.reasons])).toEqual([
      ["risky", ["lowered to risky: raw channel states are never validated, so old values reach nodes but nothing throws (M7, row 10f)"]],
    ]);
  });
});

describe("type-narrowed to a disjoint type", () => {
  it("names every node that reads the unusable value after a resume, and the writers, once each and sorted", async () => {
    const nodes = () => [ask(), node("rb", { reads: ["k"] }), node("ra", { reads: ["k"], writes: ["k"] })];
    expect((await pair(NUMBER, STRING, "zod", nodes)).map((f) => [f.severity, f.message, f.reasons])).toEqual([
      [
        "breaking",
        `type of state key "k" was changed to a disjoint type, no old value fits it (some old values no longer match the type; the type accepts new values); ra, rb read the stored value, unusable to v2; ra can write an old value back (after a resume, or read on the next turn) and fail validation`,
        [],
      ],
    ]);
  });

  it("readers after a resume and readers on the next turn are named together, sorted", async () => {
    // alpha reads k before anything writes it on a new turn; zulu reads (and writes) it after the resume.
    const nodes = () => [node("alpha", { reads: ["k"] }), ask(), node("zulu", { reads: ["k"], writes: ["k"] })];
    expect((await pair(NUMBER, STRING, "zod", nodes)).map((f) => [f.severity, f.message])).toEqual([
      [
        "breaking",
        `type of state key "k" was changed to a disjoint type, no old value fits it (some old values no longer match the type; the type accepts new values); alpha, zulu read the stored value, unusable to v2; zulu can write an old value back (after a resume, or read on the next turn) and fail validation`,
      ],
    ]);
  });

  it("is risky when no node reads the stored value, and says it is still unusable", async () => {
    expect((await pair(NUMBER, STRING, "zod", () => [ask(), node("w", { writes: ["k"] })])).map((f) => [f.severity, f.message, f.reasons])).toEqual([
      [
        "risky",
        `type of state key "k" was changed to a disjoint type, no old value fits it (some old values no longer match the type; the type accepts new values); w can write an old value back (after a resume, or read on the next turn) and fail validation`,
        [
          "lowered to risky: no node that runs after a resume, or on a finished thread's next turn before the key is written, reads it; the stored value is still unusable (rows 9a, 10f, 17b)",
        ],
      ],
    ]);
  });

  it("is judged by readers even in a state that never validates", async () => {
    const found = await pair(NUMBER, STRING, "annotation", () => [ask(), node("r", { reads: ["k"] })]);
    expect(found.map((f) => [f.severity, f.reasons])).toEqual([["breaking", []]]);
  });
});

describe("not type-narrowed", () => {
  it("a widening, or a change that cannot be modelled, is another rule's", async () => {
    const nodes = () => [ask(), node("w", { writes: ["k"] })];
    expect((await seen(g(INTEGER, "zod", nodes()), g(NUMBER, "zod", nodes()))).map((f) => f.ruleId)).toEqual(["type-widened"]);
    expect((await seen(g({ "x-source": "A" }, "zod", nodes()), g({ "x-source": "B" }, "zod", nodes()))).map((f) => f.ruleId)).toEqual(["type-source-changed"]);
  });
});
