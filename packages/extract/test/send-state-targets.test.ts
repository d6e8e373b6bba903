/**
 * `new Send(state.k, ...)`: the target is what the thread holds in `k`. When every node that writes `k`
 * writes only string literals, those are the Send's targets (so the diff can see one that names no node,
 * row 7e); the computed target always stays an `unresolved` element, since an input or updateState may set
 * `k` to anything. Whatever is not exact records no target.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GraphSnapshot } from "@langgraph-compat/snapshot";
import { extractProject } from "@langgraph-compat/extract";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

function graphOf(source: string): GraphSnapshot {
  const dir = tempDir("lgc-send-state-");
  for (const [path, text] of Object.entries({ "langgraph.json": JSON.stringify({ graphs: { agent: "./src/graph.ts:graph" } }), "src/graph.ts": source })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return extractProject({ projectDir: dir }).graphs.agent;
}

/** Nodes pick (writing `next` as `pickBody` returns it), a, b; a router from pick sending as `route`. */
const source = (pickBody: string, route = "(s: typeof State.State) => new Send(s.next, s)", extra = "") => `
import { Annotation, Command, END, START, Send, StateGraph } from "@langchain/langgraph";
const State = Annotation.Root({ next: Annotation<string>(), q: Annotation<string>(), items: Annotation<string[]>() });
const pick = async (state: typeof State.State) => { ${pickBody} };
const noop = async () => ({});
${extra}
export const graph = new StateGraph(State)
  .addNode("pick", pick).addNode("a", noop).addNode("b", noop)
  .addEdge(START, "pick")
  .addConditionalEdges("pick", ${route})
  .addEdge("a", END).addEdge("b", END)
  .compile();
`;

const sendsOf = (g: GraphSnapshot) => ({ sendTargets: g.branches[0].sendTargets, unresolved: g.unresolved.map((u) => `${u.kind} ${u.text}`) });

describe("Send targets read from state", () => {
  it("are the literals the nodes write into the key, next to the unresolved element", () => {
    expect(sendsOf(graphOf(source(`return state.q ? { next: "a" } : { next: "result.route" };`)))).toEqual({
      sendTargets: ["a", "result.route"],
      unresolved: ["send-target s.next"],
    });
  });

  it("follow a ternary value, a Command update, and a destructured parameter", () => {
    const body = `if (state.q === "x") return new Command({ update: { next: "b" } }); return { next: state.q ? "a" : "b" };`;
    expect(sendsOf(graphOf(source(body, "({ next }: typeof State.State) => new Send(next, {})"))).sendTargets).toEqual(["a", "b"]);
  });

  it("record nothing when a writer writes a computed value, a spread, or an object we cannot read", () => {
    for (const body of [`return { next: state.q };`, `return { ...state, next: "a" };`, `const out = JSON.parse(state.q); return out;`]) {
      const g = sendsOf(graphOf(source(body)));
      expect(g.sendTargets, body).toEqual([]);
      expect(g.unresolved, body).toEqual(["send-target s.next"]);
    }
  });

  it("record nothing for a key no node writes (only an input sets it)", () => {
    expect(sendsOf(graphOf(source(`return { q: "a" };`))).sendTargets).toEqual([]);
  });

  it("are not taken from the parameter of a callback (each item is not the state)", () => {
    const route = `(s: typeof State.State) => s.items.map((item: any) => new Send(item.next, {}))`;
    expect(sendsOf(graphOf(source(`return { next: "a" };`, route))).sendTargets).toEqual([]);
  });
});

describe("Sends to the parent graph", () => {
  it("are not this graph's Send targets", () => {
    const body = `return new Command({ graph: Command.PARENT, goto: [new Send("supervisor", {})] });`;
    const g = graphOf(source(body, `(s: typeof State.State) => "a"`));
    expect(g.nodes.pick.sends).toEqual([]);
    expect(g.nodes.pick.gotos).toEqual([]);
  });
});
