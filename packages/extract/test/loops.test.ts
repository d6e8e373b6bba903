import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FlowItem, GraphSnapshot } from "@langgraph-compat/snapshot";
import { extractProject } from "@langgraph-compat/extract";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

function graphOf(source: string): GraphSnapshot {
  const dir = tempDir("lgc-loops-");
  for (const [path, text] of Object.entries({ "langgraph.json": JSON.stringify({ graphs: { agent: "./src/graph.ts:graph" } }), "src/graph.ts": source })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return extractProject({ projectDir: dir }).graphs.agent;
}

const survey = (list: string, loop = "for (const question of QUESTIONS) answers.push(interrupt({ question }));") => `
import { Annotation, END, START, StateGraph, interrupt } from "@langchain/langgraph";
const State = Annotation.Root({ answers: Annotation<string[]>() });
const QUESTIONS = ${list};
async function survey(state: typeof State.State) {
  const answers: string[] = [];
  ${loop}
  return { answers };
}
export const graph = new StateGraph(State).addNode("survey", survey).addEdge(START, "survey").addEdge("survey", END).compile();
`;
const sites = (g: GraphSnapshot) => g.nodes.survey.interrupts.map((i) => i.fingerprint);

describe("interrupt() in a loop over a constant list (18b)", () => {
  it("is unrolled, one site per element, in list order", () => {
    const ab = sites(graphOf(survey(`["name?", "email?"]`)));
    const ba = sites(graphOf(survey(`["email?", "name?"]`)));
    expect(ab).toHaveLength(2);
    expect(ab[0]).not.toBe(ab[1]);
    expect(ba).toEqual([ab[1], ab[0]]);
  });
  it("renaming the loop variable or writing the callback form asks the same questions", () => {
    const ab = sites(graphOf(survey(`["name?", "email?"]`)));
    expect(sites(graphOf(survey(`["name?", "email?"]`, "for (const q of QUESTIONS) answers.push(interrupt({ question: q }));")))).toEqual(ab);
    expect(sites(graphOf(survey(`["name?", "email?"]`, "QUESTIONS.forEach((question) => answers.push(interrupt({ question })));")))).toEqual(ab);
  });
  it("a loop over a non-constant iterable folds its header: a new order changes the site", () => {
    const plain = sites(graphOf(survey(`["x"]`, "for (const question of state.answers) answers.push(interrupt({ question }));")));
    const sorted = sites(graphOf(survey(`["x"]`, "for (const question of [...state.answers].sort()) answers.push(interrupt({ question }));")));
    expect(plain).toHaveLength(1);
    expect(sorted).toHaveLength(1);
    expect(sorted[0]).not.toBe(plain[0]);
  });
});

const checkout = (iterable: string, variable = "item") => `
import { MemorySaver, entrypoint, interrupt, task } from "@langchain/langgraph";
const charge = task("charge", async (item: string) => item);
const confirm = task("confirm", async (total: number) => {
  const first = interrupt({ total, question: "ok?" });
  const second = interrupt({ total, question: "sure?" });
  return first && second;
});
export const graph = entrypoint({ name: "checkout", checkpointer: new MemorySaver() }, async (input: { items: string[] }) => {
  for (const ${variable} of ${iterable}) await charge(${variable});
  return confirm(input.items.length);
});
`;
const body = (g: GraphSnapshot) => g.entrypoint!.body;
const loopHeader = (items: FlowItem[]) => (items[0] as Extract<FlowItem, { kind: "loop" }>).header;

describe("functional API", () => {
  it("records the interrupt() calls inside a task, in order, and none for a task without them", () => {
    const items = body(graphOf(checkout("input.items")));
    const loop = items[0] as Extract<FlowItem, { kind: "loop" }>;
    const charge = loop.body[0] as Extract<FlowItem, { kind: "task" }>;
    const confirm = items[1] as Extract<FlowItem, { kind: "task" }>;
    expect(charge.interrupts).toEqual([]);
    expect(confirm.interrupts).toHaveLength(2);
    expect(confirm.interrupts![0].fingerprint).not.toBe(confirm.interrupts![1].fingerprint);
  });
  it("a loop header changes with the iteration order, not with the loop variable's name", () => {
    const header = loopHeader(body(graphOf(checkout("input.items"))));
    expect(header).toMatch(/^[0-9a-f]{16}$/);
    expect(loopHeader(body(graphOf(checkout("input.items", "entry"))))).toBe(header);
    expect(loopHeader(body(graphOf(checkout("[...input.items].sort()"))))).not.toBe(header);
  });
});
