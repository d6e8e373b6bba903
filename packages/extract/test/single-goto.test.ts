/**
 * `singleGoto`: every Command of the node names at most one node. Static positions then let a run start one
 * of its goto targets (or none) instead of any subset, so it must never be set where a run may start two.
 */
import { describe, expect, it } from "vitest";
import { extractGraph } from "./one-file-project.js";

function singleOf(body: string): boolean | undefined {
  const source = `
import { Annotation, Command, END, Send, START, StateGraph } from "@langchain/langgraph";
const State = Annotation.Root({ a: Annotation<string>() });
async function node(state: typeof State.State) {
  ${body}
}
export const graph = new StateGraph(State)
  .addNode("node", node, { ends: ["x", "y"] })
  .addNode("x", async () => ({}))
  .addNode("y", async () => ({}))
  .addEdge(START, "node")
  .compile();
`;
  return extractGraph(source, {}, "lgc-single-goto-").nodes.node.singleGoto;
}

describe("singleGoto", () => {
  it("is set when every Command names one node: a string, a conditional, a let of strings, a one-element list", () => {
    expect(singleOf(`return new Command({ goto: "x" });`)).toBe(true);
    expect(singleOf(`if (state.a) return new Command({ goto: "x" }); return new Command({ goto: state.a === "b" ? "y" : END });`)).toBe(true);
    expect(singleOf(`let to = "x"; if (state.a) to = "y"; return new Command({ goto: to });`)).toBe(true);
    expect(singleOf(`return new Command({ goto: ["y"] });`)).toBe(true);
  });

  it("is not set where a run may start several nodes, or where the node has no goto", () => {
    expect(singleOf(`return new Command({ goto: ["x", "y"] });`)).toBeUndefined();
    expect(singleOf(`return new Command({ goto: [new Send("x", {})] });`)).toBeUndefined();
    expect(singleOf(`return [new Command({ goto: "x" }), new Command({ goto: "y" })];`)).toBeUndefined();
    expect(singleOf(`const out = []; out.push(new Command({ goto: "x" })); out.push(new Command({ goto: "y" })); return out;`)).toBeUndefined();
    expect(singleOf(`return new Command({ goto: pick(state) });`.replace("pick(state)", "(globalThis as any).pick(state)"))).toBeUndefined();
    expect(singleOf(`return { a: "1" };`)).toBeUndefined();
  });
});

function oneValueOf(router: string): boolean | undefined {
  const source = `
import { Annotation, END, Send, START, StateGraph } from "@langchain/langgraph";
const State = Annotation.Root({ a: Annotation<string>() });
function route(state: typeof State.State) {
  ${router}
}
export const graph = new StateGraph(State)
  .addNode("r", async () => ({}))
  .addNode("x", async () => ({}))
  .addNode("y", async () => ({}))
  .addEdge(START, "r")
  .addConditionalEdges("r", route, ["x", "y", END])
  .compile();
`;
  return extractGraph(source, {}, "lgc-one-value-").branches[0].oneValue;
}

describe("a router's oneValue", () => {
  it("is set when every return gives one name or one Send", () => {
    expect(oneValueOf(`if (state.a) return new Send("y", { a: state.a }); return state.a === "" ? "x" : END;`)).toBe(true);
  });
  it("is not set for a list, Sends mapped over data, or a value we cannot read", () => {
    expect(oneValueOf(`return ["x", "y"];`)).toBeUndefined();
    expect(oneValueOf(`return [state.a].map((a) => new Send("y", { a }));`)).toBeUndefined();
    expect(oneValueOf(`return (globalThis as any).pick(state);`)).toBeUndefined();
  });
});
