/**
 * Which pause points the extractor records for a node, in which order, through which helpers, and what
 * their fingerprints depend on. Answers are matched to pause points by position (M9), so each of these is
 * a fact a verdict about a paused thread rests on. Written against surviving mutants of `interrupts.ts`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GraphSnapshot, InterruptSite } from "@langgraph-compat/snapshot";
import { extractProject } from "@langgraph-compat/extract";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

/** Extract a one-file project whose module exports `graph`; `files` adds other modules under src/. */
function graphOf(source: string, files: Record<string, string> = {}): GraphSnapshot {
  const dir = tempDir("lgc-interrupt-sites-");
  const all = { "langgraph.json": JSON.stringify({ graphs: { agent: "./src/graph.ts:graph" } }), "src/graph.ts": source, ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return extractProject({ projectDir: dir }).graphs.agent;
}

/** A graph with one node `ask` whose body is `body`, after `prelude` at module level. */
const oneNode = (body: string, prelude = "") => `
import { Annotation, END, START, StateGraph, NodeInterrupt, interrupt } from "@langchain/langgraph";
const State = Annotation.Root({ answers: Annotation<string[]>() });
${prelude}
async function ask(state: typeof State.State) {
  ${body}
  return {};
}
export const graph = new StateGraph(State).addNode("ask", ask).addEdge(START, "ask").addEdge("ask", END).compile();
`;

const sitesOf = (body: string, prelude = ""): InterruptSite[] => graphOf(oneNode(body, prelude)).nodes.ask.interrupts;
const shape = (sites: InterruptSite[]) => sites.map((s) => ({ kind: s.kind, line: s.location.line, via: s.via }));
/** The line of `needle` in the generated module (1-based), to state where a site is expected. */
const lineOf = (body: string, needle: string, prelude = "") => oneNode(body, prelude).split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("what counts as a pause point", () => {
  it("records interrupt() calls and NodeInterrupt throws, in source order, with their kind and line", () => {
    const body = `const name = interrupt("name?");\n  if (!name) throw new NodeInterrupt("need a name");\n  const email = interrupt("email?");`;
    expect(shape(sitesOf(body))).toEqual([
      { kind: "interrupt", line: lineOf(body, `interrupt("name?")`), via: [] },
      { kind: "NodeInterrupt", line: lineOf(body, "NodeInterrupt("), via: [] },
      { kind: "interrupt", line: lineOf(body, `interrupt("email?")`), via: [] },
    ]);
  });

  it("ignores a function or class of the same name that is not LangGraph's", () => {
    const prelude = `const pause = (q: string) => q;\nclass Halt extends Error {}`;
    expect(sitesOf(`pause("x");\n  if (Math.random()) throw new Halt("x");\n  throw new Error("x");`, prelude)).toEqual([]);
  });

  it("fingerprints a site by its payload: another question is another site, the same question is the same", () => {
    const [a] = sitesOf(`interrupt({ question: "name?" });`);
    const [b] = sitesOf(`interrupt({ question: "email?" });`);
    const [c] = sitesOf(`const x = 1;\n  interrupt({ question: "name?" });`);
    expect(a.fingerprint).not.toBe(b.fingerprint);
    expect(c.fingerprint).toBe(a.fingerprint);
  });

  it("reads a payload held in a local const as the value it holds", () => {
    const [inline] = sitesOf(`interrupt({ question: "name?" });`);
    const [local] = sitesOf(`const request = { question: "name?" };\n  interrupt(request);`);
    const [other] = sitesOf(`const request = { question: "email?" };\n  interrupt(request);`);
    expect(local.fingerprint).toBe(inline.fingerprint);
    expect(other.fingerprint).not.toBe(local.fingerprint);
  });

  it("a NodeInterrupt with no argument and one with a message are different sites", () => {
    const [bare] = sitesOf(`throw new NodeInterrupt();`);
    const [said] = sitesOf(`throw new NodeInterrupt("stop");`);
    expect(bare.kind).toBe("NodeInterrupt");
    expect(said.fingerprint).not.toBe(bare.fingerprint);
  });
});

describe("helpers", () => {
  const helper = `function askFor(question: string) { return interrupt({ question }); }`;

  it("follows a project helper with its arguments bound: each call is a site, named by the helper", () => {
    const body = `askFor("name?");\n  askFor("email?");`;
    const sites = sitesOf(body, helper);
    const at = lineOf(body, "return interrupt(", helper);
    expect(shape(sites)).toEqual([
      { kind: "interrupt", line: at, via: ["askFor"] },
      { kind: "interrupt", line: at, via: ["askFor"] },
    ]);
    expect(sites[0].fingerprint).not.toBe(sites[1].fingerprint);
  });

  it("moving an inline interrupt() into a helper keeps its fingerprint (only `via` changes)", () => {
    const [inline] = sitesOf(`interrupt({ question: "name?" });`);
    const [helped] = sitesOf(`askFor("name?");`, helper);
    expect(helped.fingerprint).toBe(inline.fingerprint);
  });

  it("follows helpers of helpers, outermost first, and helpers in other modules", () => {
    const files = {
      "src/ask.ts": `import { interrupt } from "@langchain/langgraph";\nexport function inner(q: string) { return interrupt(q); }\nexport function outer(q: string) { return inner(q); }\n`,
    };
    const source = oneNode(`outer("name?");`).replace(`const State`, `import { outer } from "./ask.js";\nconst State`);
    const [site] = graphOf(source, files).nodes.ask.interrupts;
    expect(site.via).toEqual(["outer", "inner"]);
    expect(site.location).toMatchObject({ file: "src/ask.ts", line: 2 });
  });

  it("walks a helper defined inside the node once, where it is written", () => {
    const sites = sitesOf(`const local = () => interrupt("name?");\n  local();`);
    expect(sites).toHaveLength(1);
    expect(sites[0].via).toEqual([]);
  });

  it("stops at a recursive helper instead of walking it again", () => {
    const prelude = `function again(n: number): unknown { interrupt(n); return n > 0 ? again(n - 1) : n; }`;
    expect(sitesOf(`again(3);`, prelude).map((s) => s.via)).toEqual([["again"]]);
    // Mutual recursion: ping -> pong -> ping is not walked a second time (nor until the depth limit).
    const mutual = `function ping(): unknown { interrupt("p"); return pong(); }\nfunction pong(): unknown { return ping(); }`;
    expect(sitesOf(`ping();`, mutual).map((s) => s.via)).toEqual([["ping"]]);
  });

  it("skips a helper that can never pause, and finds one that pauses through another helper", () => {
    const prelude = `function log(x: unknown) { return String(x); }\nfunction inner() { return interrupt("deep"); }\nfunction middle() { log(1); return inner(); }`;
    expect(sitesOf(`log("a");`, prelude)).toEqual([]);
    expect(sitesOf(`middle();`, prelude).map((s) => s.via)).toEqual([["middle", "inner"]]);
  });

  it("follows a chain of helpers 8 calls deep, but not a 9th", () => {
    const chain = (depth: number) =>
      Array.from({ length: depth }, (_, i) => `function h${i}() { return ${i === depth - 1 ? `interrupt("deep")` : `h${i + 1}()`}; }`).join("\n");
    expect(sitesOf(`h0();`, chain(8)).map((s) => s.via.length)).toEqual([8]);
    expect(sitesOf(`h0();`, chain(9))).toEqual([]);
  });
});

describe("loops", () => {
  it("a loop that cannot pause leaves the sites after it unchanged, whatever it iterates", () => {
    const after = `interrupt("name?");`;
    const [a] = sitesOf(`for (const x of state.answers) console.log(x);\n  ${after}`);
    const [b] = sitesOf(`for (const x of [...state.answers].reverse()) console.log(x);\n  ${after}`);
    expect(a.fingerprint).toBe(b.fingerprint);
  });

  it("a loop that pauses through a helper folds its header into the site", () => {
    const prelude = `function askFor(q: string) { return interrupt(q); }`;
    const [a] = sitesOf(`for (const q of state.answers) askFor(q);`, prelude);
    const [b] = sitesOf(`for (const q of [...state.answers].reverse()) askFor(q);`, prelude);
    expect(a.via).toEqual(["askFor"]);
    expect(a.fingerprint).not.toBe(b.fingerprint);
  });

  it("a constant list that reaches interrupt() through a helper is unrolled in list order", () => {
    const prelude = `function askFor(q: string) { return interrupt(q); }\nconst QUESTIONS = ["name?", "email?"];`;
    const ab = sitesOf(`for (const q of QUESTIONS) askFor(q);`, prelude);
    const direct = sitesOf(`askFor("name?");\n  askFor("email?");`, prelude);
    expect(ab.map((s) => s.fingerprint)).toEqual(direct.map((s) => s.fingerprint));
  });
});
