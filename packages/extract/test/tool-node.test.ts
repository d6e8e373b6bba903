/**
 * A ToolNode whose tools are all read is known: it pauses only at the interrupt() calls in its tools and
 * reads and writes `messages` (`*` when a tool takes the graph state). Anything we cannot read keeps it
 * opaque (`toolsFollowed` absent): it may pause and read anything.
 */
import { describe, expect, it } from "vitest";
import { extractGraph } from "./one-file-project.js";
import type { NodeSnapshot } from "@langgraph-compat/snapshot";

function toolsNode(tools: string, prelude = ""): NodeSnapshot {
  const source = `
import { Annotation, Command, END, MessagesAnnotation, START, StateGraph, interrupt, getCurrentTaskInput } from "@langchain/langgraph";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import { tool, DynamicStructuredTool } from "@langchain/core/tools";
import { TavilySearchResults } from "@langchain/community/tools/tavily_search";
${prelude}
export const graph = new StateGraph(MessagesAnnotation)
  .addNode("tools", new ToolNode(${tools}))
  .addEdge(START, "tools")
  .addEdge("tools", END)
  .compile();
`;
  return extractGraph(source, {}, "lgc-tool-node-").nodes.tools;
}

const PLAIN = `const add = tool(async ({ a, b }: { a: number; b: number }) => String(a + b), { name: "add" });`;

describe("ToolNode tools", () => {
  it("project tool() functions and package tool classes are read: messages in, messages out", () => {
    const node = toolsNode(`[add, new TavilySearchResults({ maxResults: 1 })]`, PLAIN);
    expect(node).toMatchObject({ kind: "prebuilt", toolsFollowed: true, reads: ["messages"], writes: ["messages"], interrupts: [] });
  });

  it("a DynamicStructuredTool's func is followed, interrupts included", () => {
    const node = toolsNode(`[new DynamicStructuredTool({ name: "ask", description: "", schema: {} as any, func: async () => String(interrupt("ok?")) })]`);
    expect(node.toolsFollowed).toBe(true);
    expect(node.interrupts).toHaveLength(1);
  });

  it("a tool that takes the state reads every key", () => {
    expect(toolsNode(`[peek]`, `const peek = tool(async (_input: {}, runtime: any) => JSON.stringify(runtime.state), { name: "peek" });`).reads).toEqual(["*"]);
    expect(toolsNode(`[peek]`, `const peek = tool(async () => JSON.stringify(getCurrentTaskInput()), { name: "peek" });`).reads).toEqual(["*"]);
  });

  it("stays opaque for a tool that returns a Command, a list we cannot read, or a tool built elsewhere", () => {
    expect(toolsNode(`[route]`, `const route = tool(async () => new Command({ goto: END }), { name: "route" });`).toolsFollowed).toBeUndefined();
    expect(toolsNode(`makeTools()`, `declare function makeTools(): any[];`).toolsFollowed).toBeUndefined();
    expect(toolsNode(`[...extra, add]`, `${PLAIN}\ndeclare const extra: any[];`).toolsFollowed).toBeUndefined();
    expect(toolsNode(`[made]`, `declare const made: any;`).toolsFollowed).toBeUndefined();
    // A project wrapper around the function may pause or read the state itself.
    expect(toolsNode(`[wrapped]`, `declare function withRetry(f: unknown): any;\nconst wrapped = withRetry(async () => "ok");`).toolsFollowed).toBeUndefined();
  });
});
