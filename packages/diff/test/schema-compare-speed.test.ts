/**
 * Speed of type comparison (issue 9): identical sub-schemas are skipped, answers are memoised, and a
 * comparison past its budget says "too complex" instead of running. Library calls are counted, never timed.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { renderMessage } from "../src/index.js";
import { compareChannelTypes } from "../src/schema-compare.js";
import { clearSetDiffMemo, complementTerms, DEFAULT_BUDGET, diffSchemaSets, setDiffStats } from "../src/schema-sets.js";
import type { ChannelTypeView } from "../src/types.js";
import { chain, channel, diff, graph, node } from "./helpers.js";

type Schema = Record<string, unknown>;
const view = (type: Schema): ChannelTypeView => ({ type, optional: false, nullable: false });

/**
 * A closed object with `width` properties named after `tag`; `extra` adds an optional boolean `x`.
 * Its first property is required unless `open`: then members of one union share the empty object.
 */
function member(tag: string, width: number, extra = false, open = false): Schema {
  const properties: Schema = {};
  for (let i = 0; i < width; i++) properties[`${tag}${i}`] = { type: i % 2 ? "string" : "number" };
  if (extra) properties.x = { type: "boolean" };
  return { type: "object", properties, required: open ? [] : [`${tag}0`], additionalProperties: false };
}
const union = (...members: Schema[]): Schema => ({ anyOf: members });
const calls = () => setDiffStats.libraryCalls;

beforeEach(() => {
  clearSetDiffMemo();
  setDiffStats.libraryCalls = 0;
  setDiffStats.memoHits = 0;
});

describe("skip identical sub-schemas", () => {
  it("identical types are the same without a library call", async () => {
    const big = union(...["a", "b", "c", "d", "e", "f"].map((t) => member(t, 6)));
    const result = await compareChannelTypes(view(big), view(structuredClone(big)));
    expect(result.changed).toBe(false);
    expect(calls()).toBe(0);
  });

  it("an identical property is not handed to the library, even one only the library could compare", () => {
    const n = { type: "number", minimum: 0, maximum: 10 };
    const before = { type: "object", properties: { n, s: { type: "string" } }, required: ["n"] };
    const after = { type: "object", properties: { n: { ...n }, s: { type: "number" } }, required: ["n"] };
    expect(diffSchemaSets(before, after)).toEqual({ narrowed: true, widened: true });
    expect(calls()).toBe(0);
  });

  it("a union member gaining a property is widening, found without comparing the unchanged members", async () => {
    const tags = ["a", "b", "c", "d", "e", "f", "g", "h"];
    const before = union(...tags.map((t) => member(t, 4)));
    const after = union(...tags.map((t) => member(t, 4, t === "c")));
    const result = await compareChannelTypes(view(before), view(after));
    expect(result).toMatchObject({ changed: true, widened: true, narrowed: false, unmodelled: false });
    // Only the changed member's new property reaches the library (object and union levels are split here).
    expect(calls()).toBe(0);
  });

  it("a union member losing a property is narrowing (the whole-union library call with its heuristic missed this)", async () => {
    const before = union(member("a", 3, true), member("b", 3));
    const after = union(member("a", 3), member("b", 3));
    const result = await compareChannelTypes(view(before), view(after));
    expect(result).toMatchObject({ narrowed: true, widened: false, unmodelled: false });
  });

  it("an old member covered only by the whole new union goes to the library, and is found covered", () => {
    // string|number as one member, split into two members in v2: no single member covers the old one.
    const before = union({ type: ["string", "number"] }, { type: "null" });
    const after = union({ type: "string" }, { type: "number" }, { type: "null" });
    expect(diffSchemaSets(before, after)).toEqual({ narrowed: false, widened: false });
    expect(calls()).toBe(1);
  });

  it("a property whose schema differs in a non-structural way still goes to the library", () => {
    const before = { type: "object", properties: { n: { type: "number", minimum: 0 } }, required: ["n"] };
    const after = { type: "object", properties: { n: { type: "number", minimum: 1 } }, required: ["n"] };
    expect(diffSchemaSets(before, after)).toEqual({ narrowed: true, widened: false });
    expect(calls()).toBe(1);
  });
});

describe("memo", () => {
  it("the same pair of sub-schemas is computed once, across comparisons of different keys", async () => {
    const oldN = { type: "object", properties: { n: { type: "number", minimum: 0 } } };
    const newN = { type: "object", properties: { n: { type: "number", minimum: 1 } } };
    const first = await compareChannelTypes(view(union(oldN, { type: "null" })), view(union(newN, { type: "null" })));
    expect(calls()).toBe(1);
    // Another key whose type holds the same changed piece at another place: answered from the memo.
    const second = await compareChannelTypes(
      view({ type: "array", items: oldN }),
      view({ type: "array", items: newN }),
    );
    expect(calls()).toBe(1);
    expect(setDiffStats.memoHits).toBeGreaterThan(0);
    expect(first.narrowed).toBe(true);
    expect(second.narrowed).toBe(true);
  });
});

describe("budget", () => {
  /** A union no single member of which covers an old one: only the whole-union library call can decide. */
  function hugeUnion(width: number, extra: boolean): Schema {
    return union(...Array.from({ length: width }, (_, i) => member(`m${i}_`, 8, extra && i % 2 === 0, true)));
  }

  it("a huge union comes back too complex, without calling the library, the same way every time", async () => {
    // Old members lose `x` in v2 (narrowing); every old member overlaps the new union, so the decision
    // needs the whole-union call, which the estimate prices far above the budget.
    const before = hugeUnion(40, true);
    const after = hugeUnion(40, false);
    expect(complementTerms(after)).toBeGreaterThan(DEFAULT_BUDGET.callWork);
    const first = await compareChannelTypes(view(before), view(after));
    const again = await compareChannelTypes(view(before), view(after));
    expect(first).toEqual(again);
    expect(first).toMatchObject({ changed: true, unmodelled: true, tooComplex: true });
    expect(first.details.join("; ")).toMatch(/too complex to compare .*over the budget/);
    expect(calls()).toBe(0);
  });

  it("the same comparison under a larger budget is decided (the budget, not the shape, said too complex)", async () => {
    // Only the two new members together could cover the old one: that needs the whole-union call.
    const before = union({ type: ["string", "number", "boolean"] }, { type: "null" });
    const after = union({ type: "string" }, { type: "number" }, { type: "null" });
    const tight = await compareChannelTypes(view(before), view(after), { callWork: 4, totalWork: 4, wallMs: 60_000 });
    expect(tight).toMatchObject({ tooComplex: true, unmodelled: true });
    expect(calls()).toBe(0);
    const roomy = await compareChannelTypes(view(before), view(after));
    expect(roomy).toMatchObject({ narrowed: true, widened: false, unmodelled: false });
    expect(roomy.tooComplex).toBeUndefined();
    expect(calls()).toBe(1);
  });
});

describe("the finding of a type too complex to compare", () => {
  it("is type-source-changed, risky, naming the key, with meta.tooComplex", async () => {
    const wide = (extra: boolean) => union(...Array.from({ length: 40 }, (_, i) => member(`m${i}_`, 8, extra && i % 2 === 0, true)));
    const at = (type: Schema) => graph({ form: "zod", nodes: [node("w", { writes: ["plan"] })], edges: chain("w"), channels: [channel("plan", { type })] });
    const result = await diff(at(wide(true)), at(wide(false)));
    const types = result.findings.filter((f) => f.path.includes("plan"));
    expect(types).toHaveLength(1);
    expect(types[0]).toMatchObject({ ruleId: "type-source-changed", severity: "risky", meta: { key: "plan", tooComplex: true } });
    expect(renderMessage(types[0]!)).toMatch(/state key "plan".*too complex to compare/);
  });
});
