import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractProject } from "@langgraph-compat/extract";

/** Write a project from a map of relative path -> text. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "lgc-refactor-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The snapshot without source positions: what a pure refactor must leave unchanged. */
function shape(files: Record<string, string>): unknown {
  const dir = project(files);
  try {
    // A project that fails to extract throws here, so the test fails rather than comparing nothing.
    const snapshot = extractProject({ projectDir: dir });
    return JSON.parse(JSON.stringify(snapshot, (key, value) => (key === "location" ? undefined : value)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const LANGGRAPH_JSON = JSON.stringify({ graphs: { agent: "./src/graph.ts:graph" } });
const STATE = `import { Annotation } from "@langchain/langgraph";
export const State = Annotation.Root({
  question: Annotation<string>(),
  answers: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});
`;

const original = {
  "langgraph.json": LANGGRAPH_JSON,
  "src/state.ts": STATE,
  "src/graph.ts": `import { END, START, StateGraph, interrupt } from "@langchain/langgraph";
import { State } from "./state.js";

async function ask(state: typeof State.State) {
  const reply = interrupt({ question: state.question });
  return { answers: [reply] };
}

async function wrapUp(state: typeof State.State) {
  const count = state.answers.length;
  return { question: \`done after \${count}\` };
}

export const graph = new StateGraph(State)
  .addNode("ask", ask)
  .addNode("wrap_up", wrapUp)
  .addEdge(START, "ask")
  .addConditionalEdges("ask", (s) => (s.answers.length > 2 ? "wrap_up" : "ask"), ["wrap_up", "ask"])
  .addEdge("wrap_up", END)
  .compile({ interruptBefore: ["wrap_up"] });
`,
};

describe("pure refactors leave the snapshot unchanged (apart from locations)", () => {
  const before = shape(original);

  it("the original extracts what it says, so equal shapes are not two empty graphs", () => {
    const graph = (before as { graphs: Record<string, import("@langgraph-compat/snapshot").GraphSnapshot> }).graphs.agent;
    expect(Object.keys(graph.nodes).sort()).toEqual(["ask", "wrap_up"]);
    expect(graph.edges.map((e) => `${e.from} -> ${e.to}`).sort()).toEqual(["__start__ -> ask", "wrap_up -> __end__"]);
    expect(graph.branches.map((b) => [b.from, b.targets])).toEqual([["ask", ["ask", "wrap_up"]]]);
    expect(graph.nodes.ask.interrupts.map((i) => i.kind)).toEqual(["interrupt"]);
    expect(graph.interruptBefore).toEqual(["wrap_up"]);
    expect(graph.state.channels.answers.reducer.kind).toBe("custom");
    expect(graph.unresolved).toEqual([]);
  });

  it("moving a node function to another file", () => {
    expect(
      shape({
        ...original,
        "src/nodes/ask.ts": `import { interrupt } from "@langchain/langgraph";
import type { State } from "../state.js";

export async function ask(state: typeof State.State) {
  const reply = interrupt({ question: state.question });
  return { answers: [reply] };
}
`,
        "src/graph.ts": original["src/graph.ts"]
          .replace(/async function ask[\s\S]*?\n}\n/, "")
          .replace('import { State } from "./state.js";', 'import { State } from "./state.js";\nimport { ask } from "./nodes/ask.js";'),
      }),
    ).toEqual(before);
  });

  it("renaming locals and parameters, and reformatting", () => {
    expect(
      shape({
        ...original,
        "src/graph.ts": original["src/graph.ts"]
          .replace("const reply = interrupt({ question: state.question });\n  return { answers: [reply] };", "const humanReply = interrupt({question: s.question}); // ask\n  return {answers: [humanReply]};")
          .replace("async function ask(state: typeof State.State)", "async function ask(s: typeof State.State)")
          .replace("const count = state.answers.length;\n  return { question: `done after ${count}` };", "const n = state.answers.length;\n  return { question: `done after ${n}` };"),
      }),
    ).toEqual(before);
  });

  it("replacing literals by constants of the same value, and chain by statements", () => {
    expect(
      shape({
        ...original,
        "src/names.ts": `export const ASK = "ask";\nexport enum Nodes { WrapUp = "wrap_up" }\n`,
        "src/graph.ts": original["src/graph.ts"]
          .replace('import { State } from "./state.js";', 'import { State } from "./state.js";\nimport { ASK, Nodes } from "./names.js";')
          .replace(/export const graph = [\s\S]*$/, `const builder = new StateGraph(State);
builder.addNode(Nodes.WrapUp, wrapUp);
builder.addNode(ASK, ask);
builder.addEdge(START, ASK);
builder.addConditionalEdges(ASK, (s) => (s.answers.length > 2 ? "wrap_up" : "ask"), [Nodes.WrapUp, ASK]);
builder.addEdge(Nodes.WrapUp, END);
export const graph = builder.compile({ interruptBefore: [Nodes.WrapUp] });
`),
      }),
    ).toEqual(before);
  });

  it("formatting a formatter may change: semicolons, trailing commas, line breaks, arrow parentheses", () => {
    expect(
      shape({
        ...original,
        "src/graph.ts": original["src/graph.ts"]
          .replace("const reply = interrupt({ question: state.question });", "const reply = interrupt({\n    question: state.question,\n  })")
          .replace("return { answers: [reply] };", "return {\n    answers: [reply,],\n  }")
          .replace("(s) => (s.answers.length > 2", "s => (s.answers.length > 2"),
      }),
    ).toEqual(before);
  });

  it("editing the state definition does not change node fingerprints", () => {
    const edited = shape({
      ...original,
      "src/state.ts": STATE.replace("question: Annotation<string>(),", "question: Annotation<string>(),\n  extra: Annotation<number>(),"),
    }) as { graphs: { agent: { nodes: Record<string, unknown> } } };
    expect(edited.graphs.agent.nodes).toEqual((before as typeof edited).graphs.agent.nodes);
  });

  it("notices a changed body even when the function name stays", () => {
    const changed = shape({
      ...original,
      "src/graph.ts": original["src/graph.ts"].replace("return { answers: [reply] };", "return { answers: [reply, reply] };"),
    }) as { graphs: { agent: { nodes: { ask: { function: { fingerprint: string } } } } } };
    const base = before as typeof changed;
    expect(changed.graphs.agent.nodes.ask.function.fingerprint).not.toBe(base.graphs.agent.nodes.ask.function.fingerprint);
  });

  it("notices a change in a helper imported by a reducer", () => {
    const withHelper = (body: string) =>
      shape({
        ...original,
        "src/merge.ts": `export function merge(a: string[], b: string[]) { return ${body}; }\n`,
        "src/state.ts": STATE.replace("reducer: (a, b) => a.concat(b)", "reducer: merge").replace(
          'import { Annotation } from "@langchain/langgraph";',
          'import { Annotation } from "@langchain/langgraph";\nimport { merge } from "./merge.js";',
        ),
      });
    expect(withHelper("a.concat(b)")).not.toEqual(withHelper("b.concat(a)"));
  });
});
