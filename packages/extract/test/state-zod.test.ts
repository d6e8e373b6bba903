import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { SyntaxKind } from "ts-morph";
import { describe, expect, it } from "vitest";
import { fingerprint, type ChannelSnapshot } from "@langgraph-compat/snapshot";
import { ExtractContext } from "../src/context.js";
import { extractState, extractStateFromSchema, type StateResult } from "../src/state/index.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

function project(files: Record<string, string>): string {
  const dir = tempDir("lgc-state-");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Extract the state of the `index`-th `new StateGraph(...)` in `file`. */
function stateOf(files: Record<string, string>, file = "graph.ts", index = 0): StateResult {
  const dir = project(files);
  const ctx = new ExtractContext(dir);
  const source = ctx.modules.load(join(dir, file));
  const call = source.getDescendantsOfKind(SyntaxKind.NewExpression).filter((n) => n.getExpression().getText().endsWith("StateGraph"))[index];
  if (!call) throw new Error(`no new StateGraph in ${file}`);
  return extractState(ctx, call.getArguments());
}

/** Channels without locations (and reducer locations), to compare two ways of writing a state. */
function comparable(channels: Record<string, ChannelSnapshot>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, ch] of Object.entries(channels)) {
    const { location: _location, ...rest } = ch;
    void _location;
    const reducer = rest.reducer.kind === "custom" ? { ...rest.reducer, location: undefined } : rest.reducer;
    result[key] = { ...rest, reducer };
  }
  return result;
}


const ZOD = `import { z } from "zod";\nimport { StateGraph, MessagesZodState } from "@langchain/langgraph";\nimport { withLangGraph } from "@langchain/langgraph/zod";\n`;
const MESSAGES = { type: "array", items: { "x-source": "BaseMessage" } };
const EMPTY_LIST_DEFAULT = { kind: "channel", fingerprint: fingerprint("[ ]") };
void comparable;
void extractStateFromSchema;

describe("zod states", () => {
  it("reads zod value types, optional, nullable and nullish", () => {
    const { state, unresolved } = stateOf({
      "graph.ts": `${ZOD}import { Mode } from "./mode";
const State = z.object({
  text: z.string().describe("a text"),
  count: z.number(),
  whole: z.number().int(),
  flag: z.boolean(),
  kind: z.literal("a"),
  choice: z.enum(["b", "a"]),
  mode: z.nativeEnum(Mode),
  mode4: z.enum(Mode),
  tags: z.array(z.string()),
  tags2: z.string().array(),
  nested: z.object({ a: z.number(), b: z.string().optional() }),
  either: z.union([z.string(), z.number()]),
  lits: z.union([z.literal(1), z.literal(2)]),
  map: z.record(z.string(), z.boolean()),
  any: z.any(),
  unknown: z.unknown(),
  opt: z.string().optional(),
  nul: z.string().nullable(),
  both: z.string().nullish(),
  msgs: z.custom<BaseMessage[]>(),
  short: z.string().min(1).max(10),
  refined: z.string().refine((s) => s.length > 0),
});
new StateGraph(State);`,
      "mode.ts": `export enum Mode { Fast = "fast", Slow = "slow" }`,
    });
    expect(state.form).toBe("zod");
    // BaseMessage is not imported in this file: reported, kept by its text.
    expect(unresolved.map((u) => u.kind)).toEqual(["state-key"]);
    expect(unresolved[0]!.text).toBe("BaseMessage");
    const type = (k: string) => state.channels[k]!.type;
    expect(type("text")).toEqual({ type: "string" });
    expect(type("count")).toEqual({ type: "number" });
    expect(type("whole")).toEqual({ type: "integer" });
    expect(type("flag")).toEqual({ type: "boolean" });
    expect(type("kind")).toEqual({ const: "a" });
    expect(type("choice")).toEqual({ enum: ["a", "b"] });
    expect(type("mode")).toEqual({ enum: ["fast", "slow"] });
    expect(type("mode4")).toEqual({ enum: ["fast", "slow"] });
    expect(type("tags")).toEqual({ type: "array", items: { type: "string" } });
    expect(type("tags2")).toEqual(type("tags"));
    expect(type("nested")).toEqual({ type: "object", properties: { a: { type: "number" }, b: { type: "string" } }, required: ["a"] });
    expect(type("either")).toEqual({ anyOf: [{ type: "number" }, { type: "string" }] });
    expect(type("lits")).toEqual({ enum: [1, 2] });
    expect(type("map")).toEqual({ type: "object", additionalProperties: { type: "boolean" } });
    expect(type("any")).toEqual({});
    expect(type("unknown")).toEqual({});
    expect(state.channels.opt).toMatchObject({ optional: true, nullable: false });
    expect(state.channels.nul).toMatchObject({ optional: false, nullable: true });
    expect(state.channels.both).toMatchObject({ optional: true, nullable: true });
    expect(type("msgs")).toEqual(MESSAGES);
    expect(type("short")).toEqual({ type: "string", minLength: 1, maxLength: 10 });
    expect(type("refined")).toEqual({ type: "string", "x-zod": ["refine"] });
  });

  it("keeps a plain zod .default() apart from a withLangGraph default (semantics rows 10c-10e)", () => {
    const { state, unresolved } = stateOf({
      "graph.ts": `${ZOD}import { append } from "./reducers";
const State = z.object({
  priority: z.string().default("normal"),
  mode: withLangGraph(z.string(), { default: () => "normal" }),
  items: withLangGraph(z.array(z.string()), { reducer: { fn: append, schema: z.string() }, default: () => [] }),
  adopted: withLangGraph(z.array(z.string()).default([]), { reducer: { fn: append } }),
  notAdopted: withLangGraph(z.string().default("x"), { jsonSchemaExtra: {} }),
  lost: withLangGraph(z.array(z.string()), { reducer: { fn: append } }).optional(),
  old: z.array(z.string()).default([]).langgraph.reducer(append),
});
new StateGraph(State);`,
      "reducers.ts": `export const append = (a: string[], b: string | string[]) => a.concat(b);`,
    });
    expect(unresolved).toEqual([]);
    const ch = state.channels;
    expect(ch.priority!.default).toEqual({ kind: "zod", fingerprint: fingerprint('"normal"') });
    expect(ch.mode!.default).toEqual({ kind: "channel", fingerprint: fingerprint('"normal"') });
    expect(ch.items).toMatchObject({ reducer: { kind: "custom", name: "append" }, default: EMPTY_LIST_DEFAULT });
    // withLangGraph with a reducer and no default turns the zod default into the channel default.
    expect(ch.adopted).toMatchObject({ reducer: { kind: "custom", name: "append" }, default: EMPTY_LIST_DEFAULT });
    expect(ch.notAdopted!.default.kind).toBe("zod");
    // .optional() after withLangGraph makes a new schema instance: LangGraph no longer sees the reducer.
    expect(ch.lost).toMatchObject({ reducer: { kind: "none" }, default: { kind: "none" }, optional: true });
    expect(ch.old).toMatchObject({ reducer: { kind: "custom", name: "append" }, default: EMPTY_LIST_DEFAULT });
    // Checked on @langchain/langgraph 1.7.3 with zod v3 and v4: the registry is keyed by schema instance.
    const wrapped = stateOf({
      "graph.ts": `${ZOD}import { MessagesZodMeta } from "@langchain/langgraph";\nnew StateGraph(z.object({ messages: withLangGraph(z.custom(), MessagesZodMeta).default([]) }));`,
    }).state.channels.messages!;
    expect(wrapped).toMatchObject({ reducer: { kind: "none" }, default: { kind: "zod" } });
  });

  it("reads MessagesZodState, its .extend, z.object().extend and another file's schema .extend", () => {
    const { state, unresolved } = stateOf({
      "graph.ts": `import * as z from "zod/v4";
import { StateGraph, MessagesZodState } from "@langchain/langgraph";
import { Base } from "./base";
const State = MessagesZodState.extend({ summary: z.string() });
const Other = z.object({ a: z.number() }).extend({ b: z.string() });
const Third = Base.extend({ extra: z.boolean() }).merge(Other).omit({ a: true });
new StateGraph(State);
new StateGraph(Other);
new StateGraph(Third);`,
      "base.ts": `import { z } from "zod";
export const Base = z.object({ id: z.string(), a: z.number() });`,
    });
    expect(unresolved).toEqual([]);
    expect(Object.keys(state.channels).sort()).toEqual(["messages", "summary"]);
    expect(state.channels.messages).toMatchObject({ type: MESSAGES, reducer: { kind: "known", name: "messagesStateReducer" }, default: EMPTY_LIST_DEFAULT });
    const spread = stateOf({ "graph.ts": `${ZOD}import { Base } from "./base";\nnew StateGraph(z.object({ ...MessagesZodState.shape, ...Base.shape, own: z.string() }));`, "base.ts": `import { z } from "zod";\nexport const Base = z.object({ id: z.string() });` });
    expect(spread.unresolved).toEqual([]);
    expect(Object.keys(spread.state.channels).sort()).toEqual(["id", "messages", "own"]);
    expect(spread.state.channels.messages!.reducer).toEqual({ kind: "known", name: "messagesStateReducer" });
    const other = stateOf({ "graph.ts": `${ZOD}new StateGraph(z.object({ a: z.number() }).extend({ b: z.string() }));` }).state;
    expect(Object.keys(other.channels)).toEqual(["a", "b"]);
  });

  it("resolves across files: schemas, extends, picks", () => {
    const files = {
      "graph.ts": `import { z } from "zod";
import { StateGraph } from "@langchain/langgraph";
import { Base, Other } from "./base";
const Third = Base.extend({ extra: z.boolean() }).merge(Other).omit({ a: true }).partial({ id: true });
new StateGraph(Third);`,
      "base.ts": `import { z } from "zod";
export const Base = z.object({ id: z.string(), a: z.number() });
export const Other = z.object({ b: z.string() });`,
    };
    const { state, unresolved } = stateOf(files);
    expect(unresolved).toEqual([]);
    expect(Object.keys(state.channels).sort()).toEqual(["b", "extra", "id"]);
    expect(state.channels.id).toMatchObject({ optional: true, location: { file: "base.ts" } });
  });
});

describe("StateSchema", () => {
  it("reads plain, reduced, untracked and messages fields; schema defaults are channel defaults", () => {
    const { state, unresolved } = stateOf({
      "graph.ts": `import { z } from "zod";
import { StateGraph, StateSchema, ReducedValue, UntrackedValue, MessagesValue } from "@langchain/langgraph";
const State = new StateSchema({
  messages: MessagesValue,
  query: z.string(),
  mode: z.string().default("normal"),
  items: new ReducedValue(z.array(z.string()).default(() => []), { reducer: (a: string[], b: string[]) => [...a, ...b] }),
  cache: new UntrackedValue(z.record(z.string(), z.number())),
  frame: new UntrackedValue(undefined, { guard: false }),
  bare: new UntrackedValue(),
});
new StateGraph(State);`,
    });
    expect(unresolved).toEqual([]);
    expect(state.form).toBe("state-schema");
    expect(state.channels.messages).toMatchObject({ type: MESSAGES, reducer: { kind: "known", name: "messagesStateReducer" }, default: EMPTY_LIST_DEFAULT });
    expect(state.channels.query).toMatchObject({ type: { type: "string" }, default: { kind: "none" }, untracked: false });
    expect(state.channels.mode!.default).toEqual({ kind: "channel", fingerprint: fingerprint('"normal"') });
    expect(state.channels.items).toMatchObject({ reducer: { kind: "custom" }, default: EMPTY_LIST_DEFAULT });
    expect(state.channels.cache).toMatchObject({ untracked: true, type: { type: "object", additionalProperties: { type: "number" } } });
    expect(state.channels.frame).toMatchObject({ untracked: true, type: {} });
    expect(state.channels.bare).toMatchObject({ untracked: true, type: {} });
  });

  it("spreads another StateSchema's fields", () => {
    const { state } = stateOf({
      "graph.ts": `import { z } from "zod";
import { StateGraph, StateSchema } from "@langchain/langgraph";
const Base = new StateSchema({ a: z.string() });
new StateGraph(new StateSchema({ ...Base.fields, b: z.number() }));`,
    });
    expect(Object.keys(state.channels).sort()).toEqual(["a", "b"]);
  });
});

describe("less common spellings", () => {
  it("reads the zod registry and MessagesZodMeta", () => {
    const { state, unresolved } = stateOf({
      "graph.ts": `import { z } from "zod/v4";
import { StateGraph, MessagesZodMeta } from "@langchain/langgraph";
import { registry } from "@langchain/langgraph/zod";
import type { BaseMessage } from "@langchain/core/messages";
const State = z.object({
  messages: z.custom<BaseMessage[]>().register(registry, MessagesZodMeta),
  mode: z.string().default("fast").register(registry, {}),
  level: z.number().default(1),
});
new StateGraph(State);`,
    });
    expect(unresolved).toEqual([]);
    expect(state.channels.messages).toMatchObject({ type: MESSAGES, reducer: { kind: "known", name: "messagesStateReducer" }, default: EMPTY_LIST_DEFAULT });
    // The LangGraph registry adopts the zod default as the channel default even without a reducer.
    expect(state.channels.mode!.default).toEqual({ kind: "channel", fingerprint: fingerprint('"fast"') });
    expect(state.channels.level!.default).toEqual({ kind: "zod", fingerprint: fingerprint("1") });
  });

  it("reads DeltaValue and MessagesDeltaValue as reducers of their own", () => {
    const { state, unresolved } = stateOf({
      "graph.ts": `import { z } from "zod";
import { StateGraph, StateSchema, DeltaValue, MessagesDeltaValue } from "@langchain/langgraph";
new StateGraph(new StateSchema({
  messages: MessagesDeltaValue,
  log: new DeltaValue(z.array(z.string()), { reducer: (a: string[], b: string[]) => a.concat(b) }),
}));`,
    });
    expect(unresolved).toEqual([]);
    expect(state.channels.messages!.reducer).toMatchObject({ kind: "custom", name: "messagesDeltaReducer" });
    expect(state.channels.log!.reducer.kind).toBe("custom");
  });

  it("follows a namespace import of LangGraph and a default-exported root", () => {
    const { state, unresolved } = stateOf({
      "graph.ts": `import * as lg from "@langchain/langgraph";
import Root from "./root";
new lg.StateGraph(Root);
new StateGraph(lg.Annotation.Root({ a: lg.Annotation<string>(), ...lg.MessagesAnnotation.spec }));`,
      "root.ts": `import { Annotation } from "@langchain/langgraph";
export default Annotation.Root({ q: Annotation<string>() });`,
    }, "graph.ts", 1);
    expect(unresolved).toEqual([]);
    expect(Object.keys(state.channels).sort()).toEqual(["a", "messages"]);
    const fromDefault = stateOf({
      "graph.ts": `import * as lg from "@langchain/langgraph";\nimport Root from "./root";\nnew lg.StateGraph(Root);`,
      "root.ts": `import { Annotation } from "@langchain/langgraph";\nexport default Annotation.Root({ q: Annotation<string>() });`,
    });
    expect(fromDefault.unresolved).toEqual([]);
    expect(Object.keys(fromDefault.state.channels)).toEqual(["q"]);
  });

  it("reports a reducer passed in as a parameter", () => {
    const { state, unresolved } = stateOf({
      "graph.ts": `import { Annotation, StateGraph } from "@langchain/langgraph";
export function build(merge: (a: number, b: number) => number) {
  return new StateGraph(Annotation.Root({ total: Annotation<number>({ reducer: merge }) }));
}`,
    });
    expect(state.channels.total!.reducer).toMatchObject({ kind: "custom", name: "merge" });
    expect(unresolved).toMatchObject([{ kind: "reducer", text: "merge" }]);
  });
});
