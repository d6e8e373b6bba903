/**
 * Reducer recognition (issue 9, classes 5 and 6): a reducer that never combines the stored value with the
 * update is marked `replaces`, and a function that only forwards both values to a known reducer is that reducer.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { SyntaxKind } from "ts-morph";
import { describe, expect, it } from "vitest";
import type { Reducer } from "@langgraph-compat/snapshot";
import { ExtractContext } from "../src/context.js";
import { extractState } from "../src/state/index.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

/** The reducer of each channel of the one `new StateGraph(State)` in a project made of `files`. */
function reducers(files: Record<string, string>): { reducers: Record<string, Reducer>; unresolved: number } {
  const dir = tempDir("lgc-reducers-");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const ctx = new ExtractContext(dir);
  const source = ctx.modules.load(join(dir, "graph.ts"));
  const call = source.getDescendantsOfKind(SyntaxKind.NewExpression).find((n) => n.getExpression().getText() === "StateGraph");
  if (!call) throw new Error("no new StateGraph");
  const result = extractState(ctx, call.getArguments());
  return {
    reducers: Object.fromEntries(Object.entries(result.state.channels).map(([k, c]) => [k, c.reducer])),
    unresolved: result.unresolved.length,
  };
}

const LG = `import { Annotation, StateGraph, addMessages, messagesStateReducer } from "@langchain/langgraph";\n`;
const replaces = (r: Reducer | undefined) => r?.kind === "custom" && r.replaces === true;

describe("replace-style reducers", () => {
  it("marks every body whose result is the update, or the update else the stored value, as replacing", () => {
    const { reducers: r } = reducers({
      "graph.ts": `${LG}
function keepOrTake(a: string, b?: string) { return b ?? a; }
const State = Annotation.Root({
  underscore: Annotation<string>({ reducer: (_, u) => u }),
  nullish: Annotation<string>({ reducer: (x, y) => y ?? x }),
  nullishAb: Annotation<string>({ reducer: (a, b) => b ?? a }),
  orElse: Annotation<string>({ reducer: (a, b) => b || a }),
  ternary: Annotation<string>({ reducer: (a, b) => (b === undefined ? a : b) }),
  block: Annotation<string>({ reducer: (a, b) => { return b ?? a; } }),
  declared: Annotation<string>({ reducer: keepOrTake }),
});
new StateGraph(State);`,
    });
    for (const key of ["underscore", "nullish", "nullishAb", "orElse", "ternary", "block", "declared"]) {
      expect(replaces(r[key]), key).toBe(true);
    }
  });

  it("does not mark reducers that combine, keep only the stored value, or read it in another way", () => {
    const { reducers: r } = reducers({
      "graph.ts": `${LG}
const State = Annotation.Root({
  append: Annotation<string[]>({ reducer: (a, b) => [...a, ...b] }),
  keepOld: Annotation<string>({ reducer: (a, b) => a }),
  swapped: Annotation<string>({ reducer: (a, b) => a ?? b }),
  both: Annotation<string>({ reducer: (a, b) => (a ? a : a) }),
  sum: Annotation<number>({ reducer: (a, b) => a + b }),
  twoStatements: Annotation<string>({ reducer: (a, b) => { console.log(a); return b; } }),
});
new StateGraph(State);`,
    });
    for (const key of ["append", "keepOld", "swapped", "both", "sum", "twoStatements"]) expect(replaces(r[key]), key).toBe(false);
  });
});

describe("forwarding reducers", () => {
  it("records a function that only forwards both values to addMessages or messagesStateReducer as the known reducer", () => {
    const { reducers: r, unresolved } = reducers({
      "graph.ts": `${LG}import { merge } from "./merge";
const State = Annotation.Root({
  arrow: Annotation<any[]>({ reducer: (a, b) => addMessages(a, b), default: () => [] }),
  block: Annotation<any[]>({ reducer: (left, right) => { return messagesStateReducer(left, right); }, default: () => [] }),
  imported: Annotation<any[]>({ reducer: merge, default: () => [] }),
  alias: Annotation<any[]>({ reducer: addMessages, default: () => [] }),
});
new StateGraph(State);`,
      "merge.ts": `import { messagesStateReducer } from "@langchain/langgraph";
export function merge(a: any[], b: any[]) { return messagesStateReducer(a, b); }`,
    });
    expect(unresolved).toBe(0);
    for (const key of ["arrow", "block", "imported", "alias"]) expect(r[key], key).toEqual({ kind: "known", name: "messagesStateReducer" });
  });

  it("records a forwarder to a project reducer as that reducer, and keeps calls that change the arguments custom", () => {
    const { reducers: r } = reducers({
      "graph.ts": `${LG}
function concat(a: string[], b: string[]) { return [...a, ...b]; }
const State = Annotation.Root({
  direct: Annotation<string[]>({ reducer: concat }),
  forwarded: Annotation<string[]>({ reducer: (x, y) => concat(x, y) }),
  swappedArgs: Annotation<any[]>({ reducer: (a, b) => addMessages(b, a) }),
  extraArg: Annotation<any[]>({ reducer: (a, b) => addMessages(a, b.slice(1)) }),
});
new StateGraph(State);`,
    });
    expect(r.forwarded).toEqual(r.direct);
    expect(r.swappedArgs?.kind).toBe("custom");
    expect(r.extraArg?.kind).toBe("custom");
  });
});
