/**
 * Type changes of a state key: whether a narrowed type can hurt depends on the state form (only zod and
 * StateSchema states validate), on who writes the key after a resume, and on who reads a value no new type
 * accepts. The severity and the stated reason must follow. Fragments of the wording are asserted, so an
 * edit of the prose does not fail these, but a wrong or missing reason does. Written against surviving
 * mutants of `rules/type-narrowed.ts` and its neighbours.
 */
import { describe, expect, it } from "vitest";
import type { ChannelSnapshot, NodeSnapshot, StateForm } from "@langgraph-compat/snapshot";
import { renderMessage } from "../src/index.js";
import { chain, channel, diff, graph, interrupt, node } from "./helpers.js";

const state = (key: ChannelSnapshot, form: StateForm, nodes: NodeSnapshot[] = [node("w")]) =>
  graph({ form, nodes, edges: chain(...nodes.map((n) => n.name)), channels: [key] });

/** The one type finding of changing key `n` from `before` to `after` type. */
async function typeFinding(before: object, after: object, form: StateForm, nodes?: NodeSnapshot[]) {
  const result = await diff(state(channel("n", { type: before }), form, nodes), state(channel("n", { type: after }), form, nodes));
  expect(result.findings).toHaveLength(1);
  const f = result.findings[0]!;
  return { rule: f.ruleId, severity: f.severity, message: renderMessage(f), reasons: (f.reasons ?? []).join(" | ") };
}

const NUMBER = { type: "number" };
const INTEGER = { type: "integer" };
const STRING = { type: "string" };

describe("type-narrowed", () => {
  it("is risky in states that are never validated, and says so by form (M7)", async () => {
    for (const [form, name] of [["annotation", "Annotation.Root"], ["channels", "raw channel"]] as const) {
      const f = await typeFinding(NUMBER, INTEGER, form, [node("w", { writes: ["n"] })]);
      expect(f).toMatchObject({ rule: "type-narrowed", severity: "risky" });
      expect(f.message).toContain(`type of state key "n" was narrowed`);
      expect(f.reasons).toContain(`lowered to risky: ${name} states are never validated`);
    }
  });

  it("in a validated state: risky when nothing writes the key, or no writer can write an old value back", async () => {
    const unwritten = await typeFinding(NUMBER, INTEGER, "zod");
    expect(unwritten.severity).toBe("risky");
    expect(unwritten.reasons).toContain("no node writes the key");
    const writtenBeforePause = await typeFinding(NUMBER, INTEGER, "zod", [node("w", { writes: ["n"] })]);
    expect(writtenBeforePause.severity).toBe("risky");
    expect(writtenBeforePause.reasons).toContain("lowered to risky: no writer of the key can run after a resume");
  });

  it("is breaking, naming the writer, when a writer can run after a resume (10g)", async () => {
    const nodes = [node("ask", { interrupts: [interrupt("q")] }), node("w", { writes: ["n"] })];
    const f = await typeFinding(NUMBER, INTEGER, "zod", nodes);
    expect(f).toMatchObject({ rule: "type-narrowed", severity: "breaking", reasons: "" });
    expect(f.message).toMatch(/^type of state key "n" was narrowed \(.+\); w can write/);
  });

  it("a disjoint type is breaking when a node reads the stored value after a resume, naming it (9a, 10f)", async () => {
    const nodes = [node("ask", { interrupts: [interrupt("q")] }), node("r", { reads: ["n"] })];
    const f = await typeFinding(NUMBER, STRING, "zod", nodes);
    expect(f).toMatchObject({ rule: "type-narrowed", severity: "breaking", reasons: "" });
    expect(f.message).toContain(`type of state key "n" was changed to a disjoint type, no old value fits it`);
    expect(f.message).toContain("; r read the stored value, unusable to v2");
  });

  it("a disjoint type nobody reads after a resume is risky, and still says the value is unusable", async () => {
    const f = await typeFinding(NUMBER, STRING, "zod");
    expect(f).toMatchObject({ rule: "type-narrowed", severity: "risky" });
    expect(f.message).toContain("changed to a disjoint type");
    expect(f.message).not.toContain("read the stored value");
    expect(f.reasons).toContain("lowered to risky: no node that runs after a resume");
  });
});

describe("other type rules", () => {
  it("a widened type is safe; an unmodelled type whose source changed is risky, asking for review", async () => {
    const widened = await typeFinding(INTEGER, NUMBER, "zod");
    expect(widened).toMatchObject({ rule: "type-widened", severity: "safe" });
    expect(widened.message).toContain(`type of state key "n" was widened`);
    const source = await typeFinding({ "x-source": "Foo" }, { "x-source": "Bar" }, "zod");
    expect(source).toMatchObject({ rule: "type-source-changed", severity: "risky" });
    expect(source.message).toContain(`type of state key "n" changed, review`);
  });

  it("a type change under a combining reducer is breaking: the reducer meets old values (11e)", async () => {
    const append = { kind: "custom" as const, fingerprint: "f", name: "append" };
    const key = (items: object) => channel("n", { type: { type: "array", items }, reducer: append });
    const w = [node("w", { writes: ["n"] })];
    const result = await diff(state(key(NUMBER), "zod", w), state(key(STRING), "zod", w));
    expect(result.findings.map((f) => [f.ruleId, f.severity])).toEqual([["type-changed-with-reducer", "breaking"]]);
    expect(renderMessage(result.findings[0]!)).toMatch(/^type of state key "n" changed while it has a reducer \(.+\); the reducer meets old stored values$/);
  });
});
