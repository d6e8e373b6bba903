/**
 * Small sources for extracted state facts that the issue-8 mutation sample left unchecked
 * (packages/extract/src/state/*): zod builders and metadata, record keys, enum and literal values,
 * TypeScript type forms in Annotation<T>, reducer forwarding and names, and constructor arguments.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { SyntaxKind } from "ts-morph";
import { describe, expect, it } from "vitest";
import { ExtractContext } from "../src/context.js";
import { extractState, type StateResult } from "../src/state/index.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

function stateOf(files: Record<string, string>, file = "graph.ts"): StateResult {
  const dir = tempDir("lgc-state-mut-");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const ctx = new ExtractContext(dir);
  const source = ctx.modules.load(join(dir, file));
  const call = source.getDescendantsOfKind(SyntaxKind.NewExpression).filter((n) => n.getExpression().getText().endsWith("StateGraph"))[0];
  if (!call) throw new Error(`no new StateGraph in ${file}`);
  return extractState(ctx, call.getArguments());
}

const ZOD = `import { z } from "zod";\nimport { StateGraph } from "@langchain/langgraph";\nimport { withLangGraph } from "@langchain/langgraph/zod";\n`;
const LG = `import { Annotation, StateGraph, START, END, BinaryOperatorAggregate } from "@langchain/langgraph";\n`;

describe("zod state facts", () => {
  it("reads zod metadata without a default, z.null, z.instanceof, enum-member literals, object enums and record keys", () => {
    const { state, unresolved } = stateOf({
      "graph.ts": `${ZOD}import { dyn } from "./dyn";
enum Num { One = 1, Two = 2 }
const Modes = { A: "a", B: "b" } as const;
const State = z.object({
  bare: withLangGraph(z.string().default("x")),
  meta: z.string().default("y").langgraph.metadata({}),
  nothing: z.null(),
  when: z.instanceof(Date),
  one: z.literal(Num.One),
  modes: z.enum(Modes),
  lost: z.enum(dyn()),
  keyed: z.record(z.enum(["a", "b"]), z.number()),
  minKeyed: z.record(z.string().min(1), z.number()),
  anyKeyed: z.record(z.string(), z.number()),
  [dyn()]: z.string(),
});
new StateGraph(State);`,
      "dyn.ts": `export function dyn(): any { return "k"; }`,
    });
    const ch = state.channels;
    expect(Object.keys(ch).sort()).toEqual(["anyKeyed", "bare", "keyed", "lost", "meta", "minKeyed", "modes", "nothing", "one", "when"]);
    // withLangGraph without metadata, and `.langgraph.metadata(...)`, do not make the zod default a channel default.
    expect(ch.bare).toMatchObject({ type: { type: "string" }, reducer: { kind: "none" }, default: { kind: "zod" } });
    expect(ch.meta).toMatchObject({ type: { type: "string" }, reducer: { kind: "none" }, default: { kind: "zod" } });
    expect(ch.nothing).toMatchObject({ type: { not: {} }, optional: false, nullable: true });
    expect(ch.when!.type).toEqual({ "x-source": "Date" });
    expect(ch.one!.type).toEqual({ const: 1 });
    expect(ch.modes!.type).toEqual({ enum: ["a", "b"] });
    expect(ch.lost!.type).toEqual({ "x-source": "dyn()" });
    expect(ch.keyed!.type).toEqual({ type: "object", additionalProperties: { type: "number" }, propertyNames: { enum: ["a", "b"] } });
    expect(ch.minKeyed!.type).toEqual({ type: "object", additionalProperties: { type: "number" }, propertyNames: { type: "string", minLength: 1 } });
    expect(ch.anyKeyed!.type).toEqual({ type: "object", additionalProperties: { type: "number" } });
    expect(unresolved.map((u) => [u.kind, u.reason, u.text])).toEqual([
      ["state-key", "`dyn()` is not a list of enum values the analyzer can read statically.", "dyn()"],
      ["state-key", "the key is computed at run time, so the channel name is unknown.", "[dyn()]: z.string()"],
    ]);
  });

  it("keeps a refined literal apart from plain literals in a union, and stops at a self-referencing object", () => {
    const { state } = stateOf({
      "graph.ts": `${ZOD}const ok = (s: string) => s.length > 0;
const Tree: any = z.object({ name: z.string(), child: Tree });
const State = z.object({
  pick: z.union([z.literal("a").refine(ok), z.literal("b")]),
  tree: Tree,
});
new StateGraph(State);`,
    });
    expect(state.channels.pick!.type).toEqual({ anyOf: [{ const: "a", "x-zod": ["refine"] }, { const: "b" }] });
    expect(state.channels.tree!.type).toMatchObject({ type: "object", properties: { name: { type: "string" } } });
  });

  it("keeps only the picked keys of .pick()", () => {
    const { state } = stateOf({
      "graph.ts": `${ZOD}const Full = z.object({ a: z.string(), b: z.number(), c: z.boolean() });
new StateGraph(Full.pick({ a: true, c: true }));`,
    });
    expect(Object.keys(state.channels).sort()).toEqual(["a", "c"]);
  });
});

describe("annotation state facts", () => {
  it("reads BinaryOperatorAggregate without arguments, typeof START/END/const, quoted keys, generic aliases and external bases", () => {
    const { state, unresolved } = stateOf({
      "graph.ts": `${LG}import { A, B } from "some-lib";
const TITLE = "title";
type Box<T> = { v: T };
interface Both extends A, B { x: string }
const State = Annotation.Root({
  agg: new BinaryOperatorAggregate<number>(),
  sum: new BinaryOperatorAggregate<number>((a, b) => a + b, () => 0),
  start: Annotation<typeof START>,
  end: Annotation<typeof END>,
  title: Annotation<typeof TITLE>,
  instantiated: Annotation<typeof TITLE<string>>,
  quoted: Annotation<{ "a-b": string; 1: number }>,
  box: Annotation<Box>,
  both: Annotation<Both>,
});
new StateGraph(State);`,
    });
    expect(unresolved).toEqual([]);
    const ch = state.channels;
    expect(ch.agg).toMatchObject({ type: { type: "number" }, reducer: { kind: "none" }, default: { kind: "none" } });
    expect(ch.agg!.reducer).toEqual({ kind: "none" });
    expect(ch.agg!.default).toEqual({ kind: "none" });
    expect(ch.sum).toMatchObject({ type: { type: "number" }, reducer: { kind: "custom" }, default: { kind: "channel" } });
    expect(ch.start!.type).toEqual({ const: "__start__" });
    expect(ch.end!.type).toEqual({ const: "__end__" });
    expect(ch.title!.type).toEqual({ const: "title" });
    // An instantiation expression in a type query is not read: kept by its text.
    expect(ch.instantiated!.type).toEqual({ "x-source": "typeof TITLE<string>" });
    expect(ch.quoted!.type).toEqual({ type: "object", properties: { "1": { type: "number" }, "a-b": { type: "string" } }, required: ["1", "a-b"] });
    // A generic alias used without type arguments is not substituted: kept by its text.
    expect(ch.box!.type).toEqual({ "x-source": "Box" });
    expect(ch.both!.type).toEqual({
      allOf: [
        { allOf: [{ "x-source": "A" }, { "x-source": "B" }] },
        { type: "object", properties: { x: { type: "string" } }, required: ["x"] },
      ],
    });
  });

  it("names reducers reached through an object member, forwards only two-argument calls, and reads an empty return default", () => {
    const { state, unresolved } = stateOf({
      "graph.ts": `${LG}
function concat(a: string[], b: string[]) { return [...a, ...b]; }
const R = { append: (a: string[], b: string[]) => a.concat(b) };
const State = Annotation.Root({
  direct: Annotation<string[]>({ reducer: concat }),
  oneArg: Annotation<string[]>({ reducer: (x, y) => concat(x) }),
  member: Annotation<string[]>({ reducer: R.append }),
  empty: Annotation<string[]>({ reducer: concat, default: () => { return; } }),
});
new StateGraph(State);`,
    });
    expect(unresolved).toEqual([]);
    const ch = state.channels;
    expect(ch.direct!.reducer).toMatchObject({ kind: "custom", name: "concat" });
    // `(x, y) => concat(x)` drops the update: not the same reducer as concat.
    expect(ch.oneArg!.reducer.kind).toBe("custom");
    expect(ch.oneArg!.reducer).not.toHaveProperty("name");
    expect(ch.oneArg!.reducer).not.toEqual(ch.direct!.reducer);
    expect(ch.member!.reducer).toMatchObject({ kind: "custom", name: "append" });
    expect(ch.empty!.default.kind).toBe("channel");
    expect(ch.empty!.reducer).toEqual(ch.direct!.reducer);
  });
});

describe("constructor arguments", () => {
  it("gives an unknown state for no argument or a cycle of consts, and reports a spread options object", () => {
    expect(stateOf({ "graph.ts": `${LG}new StateGraph();` })).toEqual({ state: { form: "unknown", channels: {} }, unresolved: [] });
    const spread = stateOf({
      "graph.ts": `${LG}const opts: any = {};\nconst State = Annotation.Root({ a: Annotation<string> });\nnew StateGraph(State, { ...opts });`,
    });
    expect(Object.keys(spread.state.channels)).toEqual(["a"]);
    expect(spread.unresolved.map((u) => [u.kind, u.reason])).toEqual([
      ["state", "the second StateGraph argument is neither a config schema nor an options object the analyzer can read."],
    ]);
    const notReadable = [["state", "the state schema is not an Annotation, zod object, StateSchema or channels object the analyzer can read statically."]];
    for (const source of [
      `const A: any = B;\nconst B: any = A;\nnew StateGraph(A);`,
      `const X: any = { s: Y.s };\nconst Y: any = { s: X.s };\nnew StateGraph(X.s);`,
    ]) {
      const { state, unresolved } = stateOf({ "graph.ts": `${LG}${source}` });
      expect(state).toMatchObject({ form: "unknown", channels: {} });
      expect(unresolved.map((u) => [u.kind, u.reason])).toEqual(notReadable);
    }
  });
});

describe("channels built by a project helper", () => {
  it("follows a parameterless helper whose body is the Annotation it returns, and no other", () => {
    const { state, unresolved } = stateOf({
      "graph.ts": `${LG}
const text = () => Annotation<string>({ reducer: (_l: string, r: string) => r, default: () => "" });
function list() { return Annotation<string[]>({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }); }
const sized = (n: number) => Annotation<string>({ reducer: (_l: string, r: string) => r.slice(0, n), default: () => "" });
const noisy = () => { console.log("x"); return Annotation<string>(); };
const State = Annotation.Root({ a: text(), b: list(), c: sized(3), d: noisy() });
new StateGraph(State);`,
    });
    expect(state.channels.a).toMatchObject({ reducer: { kind: "custom", replaces: true }, default: { kind: "channel" }, type: { type: "string" } });
    expect(state.channels.b).toMatchObject({ reducer: { kind: "custom" }, default: { kind: "channel" } });
    expect((state.channels.b.reducer as { replaces?: boolean }).replaces).toBeFalsy();
    // A helper with parameters may build another channel per call; one with more than a return may do anything.
    expect(unresolved.map((u) => u.text).sort()).toEqual(["noisy()", "sized(3)"]);
  });
});

describe("reducers that keep the stored value", () => {
  it("marks bodies whose result starts with the whole stored value, and no others", () => {
    const { state } = stateOf({
      "graph.ts": `${LG}
const State = Annotation.Root({
  concat: Annotation<string[]>({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }),
  spread: Annotation<string[]>({ reducer: (a: string[], b: string[]) => [...a, ...b.filter((x) => !a.includes(x))], default: () => [] }),
  block: Annotation<string[]>({ reducer: (a: string[], b: string[]) => { return [...a, ...b]; }, default: () => [] }),
  last: Annotation<string[]>({ reducer: (a: string[], b: string[]) => [...b, ...a], default: () => [] }),
  sliced: Annotation<string[]>({ reducer: (a: string[], b: string[]) => a.slice(-5).concat(b), default: () => [] }),
  optional: Annotation<string[]>({ reducer: (a: string[], b: string[]) => a?.concat(b), default: () => [] }),
  other: Annotation<string[]>({ reducer: (a: string[], b: string[]) => b.concat(a), default: () => [] }),
});
new StateGraph(State);`,
    });
    const keeps = Object.fromEntries(Object.values(state.channels).map((c) => [c.name, c.reducer.kind === "custom" && c.reducer.keeps === true]));
    expect(keeps).toEqual({ concat: true, spread: true, block: true, last: false, sliced: false, optional: false, other: false });
  });
});
