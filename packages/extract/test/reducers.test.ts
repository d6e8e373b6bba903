/**
 * How a channel's reducer and default are identified: which reducers are LangGraph's own, which ones only
 * replace the value (reducer-added lowers those to safe, row 11a), what a package reducer's identity is,
 * and when a default counts as none. The reducer rules compare exactly these facts. Written against
 * surviving mutants of the reducer parts of `state/common.ts` and `state/annotation.ts`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { SyntaxKind } from "ts-morph";
import { describe, expect, it } from "vitest";
import { fingerprint, type ChannelSnapshot, type Unresolved } from "@langgraph-compat/snapshot";
import { ExtractContext } from "../src/context.js";
import { extractState } from "../src/state/index.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

const LG = `import { Annotation, StateGraph, messagesStateReducer, addMessages } from "@langchain/langgraph";\n`;

/** The channels and unresolved elements of the state in graph.ts, with `files` beside it. */
function stateOf(source: string, files: Record<string, string> = {}): { channels: Record<string, ChannelSnapshot>; unresolved: Unresolved[] } {
  const dir = tempDir("lgc-reducers-");
  for (const [path, text] of Object.entries({ "graph.ts": `${LG}${source}\nnew StateGraph(State);`, ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const ctx = new ExtractContext(dir);
  const call = ctx.modules.load(join(dir, "graph.ts")).getDescendantsOfKind(SyntaxKind.NewExpression).find((n) => n.getExpression().getText() === "StateGraph");
  const { state, unresolved } = extractState(ctx, call!.getArguments());
  return { channels: state.channels, unresolved };
}

const reducerOf = (reducer: string, prelude = "") =>
  stateOf(`${prelude}\nconst State = Annotation.Root({ k: Annotation<string[]>({ reducer: ${reducer}, default: () => [] }) });`);

describe("reducers", () => {
  it("messagesStateReducer and its alias addMessages are one known reducer", () => {
    for (const name of ["messagesStateReducer", "addMessages"]) {
      const { channels, unresolved } = reducerOf(name);
      expect(channels.k!.reducer, name).toEqual({ kind: "known", name: "messagesStateReducer" });
      expect(unresolved).toEqual([]);
    }
  });

  it("a reducer that returns the update as is replaces the value; one that combines them does not", () => {
    const replaces = (reducer: string, prelude = "") => (reducerOf(reducer, prelude).channels.k!.reducer as { replaces?: boolean }).replaces;
    expect(replaces("(a: string[], b: string[]) => b")).toBe(true);
    expect(replaces("(a: string[], b: string[]) => (b)")).toBe(true);
    expect(replaces("function (a: string[], b: string[]) { return b; }")).toBe(true);
    expect(replaces("latest", "function latest(a: string[], b: string[]) { return b; }")).toBe(true);
    expect(replaces("(a: string[], b: string[]) => a")).toBeUndefined();
    expect(replaces("(a: string[], b: string[]) => a.concat(b)")).toBeUndefined();
    expect(replaces("(a: string[], b: string[]) => { console.log(a); return b; }")).toBeUndefined();
    expect(replaces("(a: string[], b: string[]) => { return; }")).toBeUndefined();
    expect(replaces("(a: string[], { length }: string[]) => a")).toBeUndefined();
    expect(replaces("(a: string[]) => a")).toBeUndefined();
  });

  it("a project reducer is known by its body and where it is, with its name when it has one", () => {
    const named = reducerOf("append", "function append(a: string[], b: string[]) { return a.concat(b); }").channels.k!.reducer;
    expect(named).toMatchObject({ kind: "custom", name: "append", location: { file: "graph.ts", line: 2 } });
    const inline = reducerOf("(a: string[], b: string[]) => a.concat(b)").channels.k!.reducer;
    expect(inline).toMatchObject({ kind: "custom", location: { file: "graph.ts" } });
    expect("name" in inline).toBe(false);
  });

  it("a package reducer is known by its module and name, and is not unresolved", () => {
    const { channels, unresolved } = reducerOf("merge", `import { merge } from "some-lib";`);
    expect(channels.k!.reducer).toEqual({ kind: "custom", fingerprint: fingerprint("some-lib#merge"), name: "merge" });
    expect(unresolved).toEqual([]);
    const other = reducerOf("merge", `import { merge } from "other-lib";`).channels.k!.reducer;
    expect(other).not.toEqual(channels.k!.reducer);
  });

  it("a reducer imported from a project file that does not exist is unresolved, and still named", () => {
    const { channels, unresolved } = reducerOf("merge", `import { merge } from "./missing";`);
    expect(channels.k!.reducer).toMatchObject({ kind: "custom", name: "merge" });
    expect(unresolved).toMatchObject([{ kind: "reducer", reason: expect.stringContaining(`imported from "./missing"`) }]);
  });

  it("a reducer it cannot follow is unresolved, with its text as the name", () => {
    const { channels, unresolved } = reducerOf("pick", "declare const pick: (a: string[], b: string[]) => string[];");
    expect(channels.k!.reducer).toEqual({ kind: "custom", fingerprint: expect.any(String), name: "pick" });
    expect(unresolved).toMatchObject([{ kind: "reducer", text: "pick", reason: expect.stringContaining("`pick` is not a const, function or import") }]);
  });

  it("channel options that are not an object literal are unresolved, and the channel has no reducer", () => {
    const { channels, unresolved } = stateOf(`declare const OPTIONS: any;\nconst State = Annotation.Root({ k: Annotation<string>(OPTIONS) });`);
    expect(channels.k!.reducer).toEqual({ kind: "none" });
    expect(unresolved).toMatchObject([{ kind: "reducer", reason: `the options of channel "k" are not an object literal, so its reducer and default are unknown.` }]);
  });

  it("without a type argument the value type comes from the reducer's first parameter", () => {
    const { channels } = stateOf(`const State = Annotation.Root({ k: Annotation({ reducer: (a: number[], b: number) => [...a, b], default: () => [] }) });`);
    expect(channels.k!.type).toEqual({ type: "array", items: { type: "number" } });
  });
});

describe("defaults", () => {
  const defaultOf = (dflt: string) =>
    stateOf(`const State = Annotation.Root({ k: Annotation<string[]>({ reducer: (a: string[], b: string[]) => a.concat(b), default: ${dflt} }) });`).channels.k!.default;

  it("a factory counts as the value it returns, with or without a block", () => {
    const list = { kind: "channel", fingerprint: fingerprint("[ ]") };
    expect(defaultOf("() => []")).toEqual(list);
    expect(defaultOf("() => ([])")).toEqual(list);
    expect(defaultOf("() => { return []; }")).toEqual(list);
    expect(defaultOf(`() => ["x"]`)).not.toEqual(list);
    // A block that does more than return is not a plain value.
    expect(defaultOf("() => { const x: string[] = []; return x; }")).not.toEqual(list);
  });

  it("a default of undefined or void 0 is no default, as the channel starts empty either way", () => {
    for (const dflt of ["() => undefined", "() => void 0", "() => { return undefined; }"]) expect(defaultOf(dflt), dflt).toEqual({ kind: "none" });
    expect(defaultOf("() => null")).toMatchObject({ kind: "channel" });
  });

  it("a default from a package is known by its module and name", () => {
    const { channels } = stateOf(
      `import { emptyList } from "some-lib";\nconst State = Annotation.Root({ k: Annotation<string[]>({ reducer: (a: string[], b: string[]) => a.concat(b), default: emptyList }) });`,
    );
    expect(channels.k!.default).toEqual({ kind: "channel", fingerprint: fingerprint("some-lib#emptyList") });
  });
});
