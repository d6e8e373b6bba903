/**
 * `alwaysWrites`: the keys every completed run of a node writes. The diff lets such a node hide the stored
 * value from later readers, so a key may be listed only when no run can complete without writing it.
 */
import { describe, expect, it } from "vitest";
import { extractGraph } from "./one-file-project.js";

function alwaysOf(body: string, prelude = ""): string[] | undefined {
  const source = `
import { Annotation, Command, END, START, StateGraph } from "@langchain/langgraph";
const State = Annotation.Root({ a: Annotation<string>(), b: Annotation<string>(), c: Annotation<string>() });
${prelude}
async function node(state: typeof State.State) {
  ${body}
}
export const graph = new StateGraph(State).addNode("node", node).addEdge(START, "node").addEdge("node", END).compile();
`;
  return extractGraph(source, {}, "lgc-always-writes-").nodes.node.alwaysWrites;
}

describe("alwaysWrites", () => {
  it("keys named by every return, through conditionals and known spreads", () => {
    expect(alwaysOf(`if (state.a) return { a: "x", b: "y" }; return { a: "z", c: "w" };`)).toEqual(["a"]);
    expect(alwaysOf(`return state.a ? { a: "x", b: "1" } : { b: "2" };`)).toEqual(["b"]);
    expect(alwaysOf(`return { ...BASE, c: "x" };`, `const BASE = { a: "1" };`)).toEqual(["a", "c"]);
    expect(alwaysOf(`return { ...state.other, b: "x" };`)).toEqual(["b"]);
    expect(alwaysOf(`const out = { a: "1" }; return out;`)).toEqual(["a"]);
  });

  it("none when some run may complete without writing the key", () => {
    expect(alwaysOf(`if (state.a) return { a: "x" };`)).toBeUndefined(); // falls off the end
    expect(alwaysOf(`if (state.a) return; return { a: "x" };`)).toBeUndefined(); // bare return
    expect(alwaysOf(`if (state.a) return {}; return { a: "x" };`)).toBeUndefined();
    expect(alwaysOf(`if (state.a) return new Command({ goto: END }); return { a: "x" };`)).toBeUndefined();
    expect(alwaysOf(`return state.a ? { a: "x" } : {};`)).toBeUndefined();
    expect(alwaysOf(`return { a: undefined };`)).toBeUndefined();
    expect(alwaysOf(`return makeUpdate(state);`, `declare function makeUpdate(s: unknown): { a: string };`)).toBeUndefined();
    expect(alwaysOf(`try { return { a: "x" }; } catch { return {}; }`)).toBeUndefined();
  });

  it("returns inside nested functions are not the node's", () => {
    expect(alwaysOf(`const f = () => { return {}; }; f(); return { a: "x" };`)).toEqual(["a"]);
  });
});
