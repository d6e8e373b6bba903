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

const LG = `import { Annotation, StateGraph, MessagesAnnotation, messagesStateReducer } from "@langchain/langgraph";\n`;
const ZOD = `import { z } from "zod";\nimport { StateGraph, MessagesZodState } from "@langchain/langgraph";\nimport { withLangGraph } from "@langchain/langgraph/zod";\n`;
const MESSAGES = { type: "array", items: { "x-source": "BaseMessage" } };
const EMPTY_LIST_DEFAULT = { kind: "channel", fingerprint: fingerprint("[ ]") };

describe("Annotation.Root", () => {
  it("reads value types from the type argument", () => {
    const { state, unresolved } = stateOf({
      "graph.ts": `${LG}import type { BaseMessage } from "@langchain/core/messages";
import { Profile, Mode, type Level } from "./types";
type Pair = { a: number; b?: string | null };
const State = Annotation.Root({
  text: Annotation<string>(),
  count: Annotation<number>,
  flag: Annotation<boolean>(),
  kind: Annotation<"a" | "b">(),
  tags: Annotation<string[]>(),
  list: Annotation<Array<number>>(),
  scores: Annotation<Record<string, number>>(),
  pair: Annotation<Pair>(),
  inline: Annotation<{ x: 1 | 2 }>(),
  profile: Annotation<Profile>(),
  mode: Annotation<Mode>(),
  level: Annotation<Level>(),
  note: Annotation<string | null>(),
  maybe: Annotation<string | undefined>(),
  message: Annotation<BaseMessage>(),
  anything: Annotation<unknown>(),
});
new StateGraph(State);`,
      "types.ts": `export interface Base { id: string }
export interface Profile extends Base { name: string; age?: number }
export enum Mode { Fast = "fast", Slow = "slow" }
export type Level = 1 | 2 | 3;`,
    });
    expect(unresolved).toEqual([]);
    expect(state.form).toBe("annotation");
    const type = (k: string) => state.channels[k]!.type;
    expect(type("text")).toEqual({ type: "string" });
    expect(type("count")).toEqual({ type: "number" });
    expect(type("flag")).toEqual({ type: "boolean" });
    expect(type("kind")).toEqual({ enum: ["a", "b"] });
    expect(type("tags")).toEqual({ type: "array", items: { type: "string" } });
    expect(type("list")).toEqual({ type: "array", items: { type: "number" } });
    expect(type("scores")).toEqual({ type: "object", additionalProperties: { type: "number" } });
    expect(type("pair")).toEqual({
      type: "object",
      properties: { a: { type: "number" }, b: { anyOf: [{ type: "null" }, { type: "string" }] } },
      required: ["a"],
    });
    expect(type("inline")).toEqual({ type: "object", properties: { x: { enum: [1, 2] } }, required: ["x"] });
    expect(type("profile")).toEqual({
      type: "object",
      properties: { id: { type: "string" }, name: { type: "string" }, age: { type: "number" } },
      required: ["id", "name"],
    });
    expect(type("mode")).toEqual({ enum: ["fast", "slow"] });
    expect(type("level")).toEqual({ enum: [1, 2, 3] });
    expect(state.channels.note).toMatchObject({ type: { type: "string" }, nullable: true, optional: false });
    expect(state.channels.maybe).toMatchObject({ type: { type: "string" }, nullable: false, optional: true });
    expect(type("message")).toEqual({ "x-source": "BaseMessage" });
    expect(type("anything")).toEqual({});
    expect(state.channels.text).toMatchObject({ reducer: { kind: "none" }, default: { kind: "none" }, untracked: false, readBy: [], writtenBy: [] });
    expect(state.channels.text!.location).toEqual({ file: "graph.ts", line: 6, column: 3 });
    expect(state.location).toEqual({ file: "graph.ts", line: 5, column: 15 });
  });

  it("reads TypeScript utility types over types it can follow", () => {
    const { state, unresolved } = stateOf({
      "graph.ts": `${LG}interface User { id: string; name: string; age?: number }
const State = Annotation.Root({
  picked: Annotation<Pick<User, "id" | "age">>(),
  omitted: Annotation<Omit<User, "name">>(),
  partial: Annotation<Partial<User>>(),
  required: Annotation<Required<User>>(),
  frozen: Annotation<Readonly<User>>(),
  sure: Annotation<NonNullable<string | null>>(),
  later: Annotation<ReturnType<typeof fetch>>(),
});
new StateGraph(State);`,
    });
    expect(unresolved).toEqual([]);
    const props = { id: { type: "string" }, age: { type: "number" } };
    expect(state.channels.picked!.type).toEqual({ type: "object", properties: props, required: ["id"] });
    expect(state.channels.omitted!.type).toEqual(state.channels.picked!.type);
    expect(state.channels.partial!.type).not.toHaveProperty("required");
    expect(state.channels.required!.type).toMatchObject({ required: ["age", "id", "name"] });
    expect(state.channels.frozen!.type).toMatchObject({ required: ["id", "name"] });
    expect(state.channels.sure).toMatchObject({ type: { type: "string" }, nullable: false });
    expect(state.channels.later!.type).toEqual({ "x-source": "ReturnType<typeof fetch>" });
  });

  it("reads reducers and defaults, named or inline, with `value` as the old alias", () => {
    const { state, unresolved } = stateOf({
      "graph.ts": `${LG}import { append } from "./reducers";
function concat(a: string[], b: string[]) { return a.concat(b); }
const State = Annotation.Root({
  items: Annotation<string[]>({ reducer: append, default: () => [] }),
  more: Annotation<string[]>({ reducer: concat }),
  sum: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }),
  old: Annotation<number>({ value: (a: number, b: number) => Math.max(a, b), default: () => 0 }),
  untyped: Annotation({ reducer: (a: boolean, b: boolean) => a || b }),
  ignored: Annotation<string>({ default: () => "x" } as any),
});
new StateGraph(State);`,
      "reducers.ts": `export const append = <T>(left: T[], right: T | T[]) => left.concat(right);`,
    });
    expect(unresolved).toEqual([]);
    expect(state.channels.items!.reducer).toMatchObject({ kind: "custom", name: "append", location: { file: "reducers.ts" } });
    expect(state.channels.items!.default).toEqual(EMPTY_LIST_DEFAULT);
    expect(state.channels.more!.reducer).toMatchObject({ kind: "custom", name: "concat" });
    expect(state.channels.more!.default).toEqual({ kind: "none" });
    expect(state.channels.sum!.reducer).toMatchObject({ kind: "custom" });
    expect((state.channels.sum!.reducer as { name?: string }).name).toBeUndefined();
    expect(state.channels.sum!.default).toEqual({ kind: "channel", fingerprint: fingerprint("0") });
    expect(state.channels.old!.reducer.kind).toBe("custom");
    expect(state.channels.untyped!.type).toEqual({ type: "boolean" });
    // LangGraph's getChannel ignores a default without a reducer: the channel is a plain LastValue.
    expect(state.channels.ignored).toMatchObject({ reducer: { kind: "none" }, default: { kind: "none" } });
  });

  it("notices a changed reducer body in another file even when the name stays", () => {
    const files = (body: string) => ({
      "graph.ts": `${LG}import { append } from "./reducers";
new StateGraph(Annotation.Root({ items: Annotation<string[]>({ reducer: append, default: () => [] }) }));`,
      "reducers.ts": `export function append(a: string[], b: string[]) { ${body} }`,
    });
    const before = stateOf(files("return a.concat(b);")).state.channels.items!.reducer;
    const reformatted = stateOf(files("return   a.concat( b ) ;")).state.channels.items!.reducer;
    const after = stateOf(files("return b;")).state.channels.items!.reducer;
    expect(reformatted).toEqual(before);
    expect(after).not.toEqual(before);
  });

  it("spreads MessagesAnnotation.spec and another root's spec, across files", () => {
    const { state, unresolved } = stateOf({
      "graph.ts": `${LG}import { Shared } from "./shared";
const State = Annotation.Root({ ...MessagesAnnotation.spec, ...Shared.spec, own: Annotation<string>() });
new StateGraph(State);`,
      "shared.ts": `import { Annotation } from "@langchain/langgraph";
export const Shared = Annotation.Root({ user: Annotation<string>(), own: Annotation<number>() });`,
    });
    expect(unresolved).toEqual([]);
    expect(Object.keys(state.channels).sort()).toEqual(["messages", "own", "user"]);
    expect(state.channels.messages).toMatchObject({
      type: MESSAGES,
      reducer: { kind: "known", name: "messagesStateReducer" },
      default: EMPTY_LIST_DEFAULT,
      location: { file: "graph.ts", line: 3 },
    });
    expect(state.channels.user!.location.file).toBe("shared.ts");
    expect(state.channels.own!.type).toEqual({ type: "string" }); // the later key wins, as in JS
  });

  it("reuses another root's channel by `Other.spec.key`, and reads `typeof END`", () => {
    const { state, unresolved } = stateOf({
      "graph.ts": `${LG}import { END } from "@langchain/langgraph";
import { Shared } from "./shared";
const State = Annotation.Root({
  log: Shared.spec.items,
  chat: MessagesAnnotation.spec["messages"],
  next: Annotation<"a" | typeof END>(),
});
new StateGraph(State);`,
      "shared.ts": `import { Annotation } from "@langchain/langgraph";
export const Shared = Annotation.Root({ items: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });`,
    });
    expect(unresolved).toEqual([]);
    expect(state.channels.log).toMatchObject({ name: "log", reducer: { kind: "custom", location: { file: "shared.ts" } }, location: { file: "graph.ts", line: 5 } });
    expect(state.channels.chat).toMatchObject({ name: "chat", reducer: { kind: "known" } });
    expect(state.channels.next!.type).toEqual({ enum: ["__end__", "a"] });
  });

  it("reads MessagesAnnotation itself and a root imported through a tsconfig path alias", () => {
    const direct = stateOf({ "graph.ts": `${LG}new StateGraph(MessagesAnnotation);` });
    expect(Object.keys(direct.state.channels)).toEqual(["messages"]);
    expect(direct.state.channels.messages!.reducer).toEqual({ kind: "known", name: "messagesStateReducer" });

    const aliased = stateOf({
      "tsconfig.json": `{ "compilerOptions": { "baseUrl": ".", "paths": { "@state/*": ["src/state/*"] } } }`,
      "src/graph.ts": `import { StateGraph } from "@langchain/langgraph";
import { AgentState } from "@state/agent";
new StateGraph(AgentState);`,
      "src/state/agent.ts": `import { Annotation, addMessages } from "@langchain/langgraph";
import { Status } from "@state/status";
export const AgentState = Annotation.Root({
  history: Annotation<string[]>({ reducer: addMessages as any, default: () => [] }),
  status: Annotation<Status>(),
});`,
      "src/state/status.ts": `export enum Status { Idle, Busy, Done = 10, After }`,
    }, "src/graph.ts");
    expect(aliased.unresolved).toEqual([]);
    // addMessages is an alias of messagesStateReducer, recorded under one name so swapping them is no change.
    expect(aliased.state.channels.history!.reducer).toEqual({ kind: "known", name: "messagesStateReducer" });
    expect(aliased.state.channels.status!.type).toEqual({ enum: [0, 1, 10, 11] });
    expect(aliased.state.location?.file).toBe("src/state/agent.ts");
  });
});

describe("old channels form", () => {
  it("reads reducers, defaults and types from the StateGraph type argument", () => {
    const { state, unresolved } = stateOf({
      "graph.ts": `import { StateGraph } from "@langchain/langgraph";
interface AgentState { input: string; steps: string[]; done?: boolean }
new StateGraph<AgentState>({
  channels: {
    input: null,
    steps: { reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] },
    done: { value: (x: boolean, y: boolean) => y },
  },
});`,
    });
    expect(unresolved).toEqual([]);
    expect(state.form).toBe("channels");
    expect(state.channels.input).toMatchObject({ type: { type: "string" }, reducer: { kind: "none" } });
    expect(state.channels.steps).toMatchObject({ type: { type: "array", items: { type: "string" } }, default: EMPTY_LIST_DEFAULT });
    expect(state.channels.done).toMatchObject({ type: { type: "boolean" }, optional: true, reducer: { kind: "custom" } });
  });

  it("takes the types from a StateGraphArgs<T>['channels'] annotation", () => {
    const { state } = stateOf({
      "graph.ts": `import { StateGraph, type StateGraphArgs } from "@langchain/langgraph";
type S = { a: number };
const channels: StateGraphArgs<S>["channels"] = { a: null };
new StateGraph({ channels });`,
    });
    expect(state.channels.a!.type).toEqual({ type: "number" });
  });
});

describe("StateGraph constructor variants", () => {
  const schemas = `${LG}import { z } from "zod";
const S = Annotation.Root({ question: Annotation<string>(), answer: Annotation<string>(), scratch: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });
const In = Annotation.Root({ question: Annotation<string>() });
const Out = Annotation.Root({ answer: Annotation<string>(), extra: Annotation<number>() });
const Config = Annotation.Root({ model: Annotation<string>() });
const ZConfig = z.object({ model: z.string(), temperature: z.number().optional() });
`;
  const run = (ctor: string) => stateOf({ "graph.ts": `${schemas}${ctor}` });

  it("keeps a second-argument config schema apart from the state", () => {
    for (const ctor of ["new StateGraph(S, Config);", "new StateGraph(S, { context: Config });", "new StateGraph({ state: S, context: Config });"]) {
      const { state, unresolved } = run(ctor);
      expect(unresolved).toEqual([]);
      expect(Object.keys(state.channels).sort()).toEqual(["answer", "question", "scratch"]);
      expect(state.config).toEqual({ model: { type: "string" } });
    }
    const zodConfig = run("new StateGraph(S, ZConfig);").state;
    expect(zodConfig.config).toEqual({ model: { type: "string" }, temperature: { type: "number" } });
    expect(zodConfig.channels.model).toBeUndefined();
  });

  it("reads { stateSchema | state, input, output }: channels are the union, input/output kept apart", () => {
    for (const ctor of ["new StateGraph({ stateSchema: S, input: In, output: Out });", "new StateGraph({ state: S, input: In, output: Out });", "new StateGraph(S, { input: In, output: Out });"]) {
      const { state, unresolved } = run(ctor);
      expect(unresolved).toEqual([]);
      expect(state.form).toBe("annotation");
      // LangGraph registers the output schema's channels too (`StateGraph._addSchema`): `extra` is persisted.
      expect(Object.keys(state.channels).sort()).toEqual(["answer", "extra", "question", "scratch"]);
      expect(state.channels.scratch!.reducer.kind).toBe("custom");
      expect(state.input).toEqual({ question: { type: "string" } });
      expect(state.output).toEqual({ answer: { type: "string" }, extra: { type: "number" } });
    }
  });

  it("reads { input, output } alone: the input schema is the state", () => {
    const { state, unresolved } = run("new StateGraph({ input: In, output: Out });");
    expect(unresolved).toEqual([]);
    expect(Object.keys(state.channels).sort()).toEqual(["answer", "extra", "question"]);
    expect(state.input).toBeUndefined();
    expect(state.output).toEqual({ answer: { type: "string" }, extra: { type: "number" } });
  });

  it("reads a raw state definition object, even with channels named input and output", () => {
    const { state } = run("new StateGraph({ question: Annotation<string>, count: Annotation<number>() });");
    expect(Object.keys(state.channels).sort()).toEqual(["count", "question"]);
    const named = run("new StateGraph({ input: Annotation<string>, output: Annotation<number>() });").state;
    expect(Object.keys(named.channels).sort()).toEqual(["input", "output"]);
    expect(named.input).toBeUndefined();
  });

  it("extracts a schema on its own (a node's input option)", () => {
    const dir = project({ "graph.ts": `${schemas}export const x = 1;` });
    const ctx = new ExtractContext(dir);
    const file = ctx.modules.load(join(dir, "graph.ts"));
    const result = extractStateFromSchema(ctx, file.getVariableDeclarationOrThrow("ZConfig").getNameNode());
    expect(result.state.form).toBe("zod");
    expect(Object.keys(result.state.channels).sort()).toEqual(["model", "temperature"]);
  });
});

describe("unresolved constructs", () => {
  it("reports what it cannot read and keeps the rest", () => {
    const { state, unresolved } = stateOf({
      "graph.ts": `${LG}import { z } from "zod";
import { reducers } from "some-lib";
declare const runtimeKeys: Record<string, any>;
declare function buildSchema(): any;
const key = Math.random() > 0.5 ? "a" : "b";
let mutable = (a: number, b: number) => a + b;
const State = Annotation.Root({
  ...runtimeKeys,
  [key]: Annotation<string>(),
  known: Annotation<Missing>(),
  lib: Annotation<number>({ reducer: reducers.sum }),
  varying: Annotation<number>({ reducer: mutable }),
  fine: Annotation<string>(),
});
new StateGraph(State);
new StateGraph(buildSchema());
new StateGraph(z.object({ a: buildSchema(), b: z.string() }));
new StateGraph(42 as any);`,
    });
    expect(Object.keys(state.channels).sort()).toEqual(["fine", "known", "lib", "varying"]);
    expect(state.channels.known!.type).toEqual({ "x-source": "Missing" });
    expect(state.channels.lib!.reducer).toMatchObject({ kind: "custom", name: "reducers.sum" });
    expect(state.channels.varying!.reducer).toMatchObject({ kind: "custom", name: "mutable" });
    expect(unresolved.map((u) => [u.kind, u.text])).toEqual([
      ["state", "runtimeKeys"],
      ["state-key", "[key]: Annotation<string>()"],
      ["state-key", "Missing"],
      ["reducer", "mutable"],
    ]);
    for (const u of unresolved) expect(u.reason).toMatch(/\.$/);

    const dir = "graph.ts";
    const runtime = stateOf({ "graph.ts": `${LG}declare function buildSchema(): any;\nnew StateGraph(buildSchema());` }, dir);
    expect(runtime.state).toMatchObject({ form: "unknown", channels: {} });
    expect(runtime.unresolved).toMatchObject([{ kind: "state", text: "buildSchema()" }]);

    const partial = stateOf({ "graph.ts": `${LG}import { z } from "zod";\ndeclare function f(): any;\nnew StateGraph(z.object({ a: f(), b: z.string() }));` });
    expect(Object.keys(partial.state.channels).sort()).toEqual(["a", "b"]);
    expect(partial.state.channels.a!.type).toEqual({ "x-source": "f()" });
    expect(partial.unresolved).toMatchObject([{ kind: "state-key", text: "f()" }]);

    expect(stateOf({ "graph.ts": `${LG}new StateGraph(42 as any, "x" as any);` }).unresolved.map((u) => u.kind)).toEqual(["state", "state"]);
  });
});

describe("refactoring between forms", () => {
  it("gives the same channels for the same state written as Annotation, zod and StateSchema", () => {
    const shared = `import { z } from "zod";
import { Annotation, MessagesAnnotation, MessagesZodState, StateSchema, ReducedValue, MessagesValue } from "@langchain/langgraph";
import { withLangGraph } from "@langchain/langgraph/zod";
import type { BaseMessage } from "@langchain/core/messages";
import { Mode } from "./mode";
export const append = (a: string[], b: string[]) => a.concat(b);
`;
    const annotation = `${shared}export const A = Annotation.Root({
  ...MessagesAnnotation.spec,
  text: Annotation<string>(),
  note: Annotation<string | null>(),
  maybe: Annotation<number | undefined>(),
  kind: Annotation<"x" | "y">(),
  mode: Annotation<Mode>(),
  tags: Annotation<string[]>({ reducer: append, default: () => [] }),
  scores: Annotation<Record<string, number>>(),
  pair: Annotation<{ a: number; b?: string }>(),
  history: Annotation<BaseMessage[]>(),
});`;
    const zod = `${shared}export const A = MessagesZodState.extend({
  text: z.string(),
  note: z.string().nullable(),
  maybe: z.number().optional(),
  kind: z.enum(["y", "x"]),
  mode: z.nativeEnum(Mode),
  tags: withLangGraph(z.array(z.string()), { reducer: { fn: append }, default: () => [] }),
  scores: z.record(z.string(), z.number()),
  pair: z.object({ a: z.number(), b: z.string().optional() }),
  history: z.custom<BaseMessage[]>(),
});`;
    const stateSchema = `${shared}export const A = new StateSchema({
  messages: MessagesValue,
  text: z.string(),
  note: z.string().nullable(),
  maybe: z.number().optional(),
  kind: z.union([z.literal("x"), z.literal("y")]),
  mode: z.enum(Mode),
  tags: new ReducedValue(z.array(z.string()).default([]), { reducer: append }),
  scores: z.record(z.string(), z.number()),
  pair: z.object({ a: z.number(), b: z.string().optional() }),
  history: z.custom<BaseMessage[]>(),
});`;
    const extract = (source: string) => {
      const result = stateOf({
        "graph.ts": `import { StateGraph } from "@langchain/langgraph";\nimport { A } from "./state";\nnew StateGraph(A);`,
        "state.ts": source,
        "mode.ts": `export enum Mode { On = "on", Off = "off" }`,
      });
      expect(result.unresolved).toEqual([]);
      return result.state;
    };
    const a = extract(annotation);
    const z = extract(zod);
    const s = extract(stateSchema);
    expect([a.form, z.form, s.form]).toEqual(["annotation", "zod", "state-schema"]);
    expect(comparable(z.channels)).toEqual(comparable(a.channels));
    expect(comparable(s.channels)).toEqual(comparable(a.channels));
  });
});
