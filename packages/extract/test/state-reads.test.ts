/**
 * Which state keys a node reads when it hands its state to helpers (issue 9, error class 4). Reads drive
 * "a node reads the lost value" verdicts (rows 9a, 9b, 17c), so every case that follows a helper has a twin
 * the extractor cannot follow, which must still read any key (`*`): over-report, never under-report.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GraphSnapshot } from "@langgraph-compat/snapshot";
import { extractProject } from "@langgraph-compat/extract";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

function graphOf(source: string, files: Record<string, string> = {}): GraphSnapshot {
  const dir = tempDir("lgc-state-reads-");
  const all = { "langgraph.json": JSON.stringify({ graphs: { agent: "./src/graph.ts:graph" } }), "src/graph.ts": source, ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return extractProject({ projectDir: dir }).graphs.agent;
}

/** One graph whose nodes are `name -> body` (each `async (state: S) => { body; return {}; }`), after `prelude`. */
function readsOf(nodes: Record<string, string>, prelude = "", files: Record<string, string> = {}): Record<string, string[]> {
  const names = Object.keys(nodes);
  const source = `
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
const State = Annotation.Root({ question: Annotation<string>(), answer: Annotation<string>(), score: Annotation<number>() });
type S = typeof State.State;
${prelude}
${names.map((n) => `async function ${n}(state: S) {\n  ${nodes[n]}\n  return {};\n}`).join("\n")}
export const graph = new StateGraph(State)
${names.map((n) => `  .addNode("${n}", ${n})`).join("\n")}
  .addEdge(START, "${names[0]}")
${names.slice(1).map((n, i) => `  .addEdge("${names[i]}", "${n}")`).join("\n")}
  .addEdge("${names[names.length - 1]}", END)
  .compile();
`;
  const graph = graphOf(source, files);
  return Object.fromEntries(names.map((n) => [n, graph.nodes[n].reads]));
}

describe("reads through the node's own body", () => {
  it("names the keys of property access, constant element access and destructuring", () => {
    const K = `const K = "score";`;
    expect(readsOf({ a: `state.question; state[K]; const { answer } = state;` }, K).a).toEqual(["answer", "question", "score"]);
  });
  it("reads any key through a computed element access, a rest element it cannot follow, or a return of the state", () => {
    expect(readsOf({ a: `const k = String(Math.random()); state[k];` }).a).toEqual(["*"]);
    expect(readsOf({ a: `const { question, ...rest } = state; console.log(rest);` }).a).toEqual(["*", "question"]);
    expect(readsOf({ a: `if (Math.random()) return state;` }).a).toEqual(["*"]);
  });
  it("reads no key in a guard, and follows local aliases and casts", () => {
    expect(readsOf({ a: `if (!state || typeof state !== "object" || state === undefined) return {}; const s = state; (s as S).answer; s!.score;` }).a).toEqual(["answer", "score"]);
  });
  it("a node without a parameter reads nothing", () => {
    const graph = graphOf(`
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
const State = Annotation.Root({ question: Annotation<string>() });
export const graph = new StateGraph(State).addNode("a", async () => ({})).addEdge(START, "a").addEdge("a", END).compile();
`);
    expect(graph.nodes.a.reads).toEqual([]);
  });
});

describe("reads through helpers", () => {
  it("follows a helper by the position of the argument, in the same file or imported", () => {
    const prelude = `import { fromOther } from "./other.js";\nfunction pair(x: number, s: S) { return x + s.score; }`;
    const other = { "src/other.ts": `export const fromOther = (s: { answer: string }) => s.answer;` };
    expect(readsOf({ a: `pair(1, state);`, b: `fromOther(state);` }, prelude, other)).toEqual({ a: ["score"], b: ["answer"] });
  });
  it("reads any key when the helper cannot be read: a package, a parameter, a computed callee, a constructor", () => {
    const prelude = `import { render } from "some-package";\nconst pick = () => (s: S) => s.question;\nclass Box { constructor(readonly s: S) {} }`;
    expect(readsOf({ a: `render(state);`, b: `pick()(state);`, c: `new Box(state);` }, prelude)).toEqual({ a: ["*"], b: ["*"], c: ["*"] });
  });
  it("reads any key when the helper's parameter escapes, and only the named keys when it does not", () => {
    const prelude = `
const bag: unknown[] = [];
function leak(s: S) { bag.push(s); return s.question; }
function keys(s: S) { return Object.keys(s); }
function tidy(s: S) { return s.question; }`;
    expect(readsOf({ a: `leak(state);`, b: `keys(state);`, c: `tidy(state);` }, prelude)).toEqual({ a: ["*", "question"], b: ["*"], c: ["question"] });
  });
  it("reads any key through a rest parameter or after a spread argument; nothing past the declared parameters", () => {
    const prelude = `function all(...xs: unknown[]) { return xs.length; }\nfunction one(s: S) { return s.score; }\nfunction none() { return 1; }\nfunction args() { return arguments.length; }`;
    const nodes = { a: `all(state);`, b: `const xs: [] = []; one(...xs, state);`, c: `none(state);`, d: `args(state);` };
    expect(readsOf(nodes, prelude)).toEqual({ a: ["*"], b: ["*"], c: [], d: ["*"] });
  });
  it("follows a copy: keys a later property sets come from the literal, not the state", () => {
    const prelude = `function show(s: S) { return s.question + s.answer; }`;
    expect(readsOf({ a: `show({ ...state, question: "q" });`, b: `show({ question: "q", ...state });`, c: `const copy = { ...state }; show(copy);` }, prelude)).toEqual({
      a: ["answer"],
      b: ["answer", "question"],
      c: ["answer", "question"],
    });
  });
  it("follows a chain of eight helpers and reads any key past it", () => {
    const chain = (n: number) =>
      Array.from({ length: n }, (_, i) => (i === n - 1 ? `const h${n}_${i} = (s: S) => s.answer;` : `const h${n}_${i} = (s: S) => h${n}_${i + 1}(s);`)).join("\n");
    expect(readsOf({ a: `h8_0(state);`, b: `h9_0(state);` }, `${chain(8)}\n${chain(9)}`)).toEqual({ a: ["answer"], b: ["*"] });
  });
  it("a helper reached inside a cycle is not remembered with the cycle cut short", () => {
    // Walking `ping` first sees `pong` with the call back into `ping` cut; `pong` alone must still read `answer`.
    const prelude = `
function ping(s: S, n: number): string { return n > 0 ? pong(s, n - 1) : s.answer; }
function pong(s: S, n: number): string { return n > 0 ? ping(s, n - 1) : String(s.score); }`;
    expect(readsOf({ a: `ping(state, 2);`, b: `pong(state, 2);` }, prelude)).toEqual({ a: ["answer", "score"], b: ["answer", "score"] });
  });
});

describe("calls that move the state to another parameter", () => {
  it("reads any key through bind with arguments, call, apply and `arguments`", () => {
    const prelude = `
function show(label: string, s: S) { return s.answer; }
const bound = show.bind(null, "x");
const members = { bound: show.bind(null, "y") };
const twice = show.bind(null).bind(null, "z");
function viaArguments(s: S) { return show.apply(null, ["x", ...arguments]); }`;
    const nodes = { a: `bound(state);`, b: `members.bound(state);`, c: `twice(state);`, d: `show.call(null, "x", state);`, e: `show.apply(null, ["x", state]);`, f: `viaArguments(state);` };
    const reads = readsOf(nodes, prelude);
    for (const node of Object.keys(nodes)) expect(reads[node], node).toContain("*");
  });
});
