import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractProject } from "@langgraph-compat/extract";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

describe("monorepo workspace packages without node_modules", () => {
  it("finds the pnpm workspace above the project and maps dist exports back to src", () => {
    const root = tempDir("lgc-ws-");
    write(root, {
      "pnpm-workspace.yaml": 'packages:\n  - "apps/*"\n  - libs/*   # shared code\n',
      "libs/state/package.json": JSON.stringify({
        name: "@acme/state",
        exports: { ".": { types: "./dist/index.d.ts", import: "./dist/index.js" } },
      }),
      "libs/state/src/index.ts": `import { Annotation } from "@langchain/langgraph";
export const AgentState = Annotation.Root({ task: Annotation<string>(), done: Annotation<boolean>() });
`,
      "apps/agent/langgraph.json": JSON.stringify({ graphs: { agent: "./src/graph.ts:graph" } }),
      "apps/agent/src/graph.ts": `import { START, StateGraph } from "@langchain/langgraph";
import { AgentState } from "@acme/state";
export const graph = new StateGraph(AgentState).addNode("work", async () => ({ done: true })).addEdge(START, "work").compile();
`,
    });
    const snapshot = extractProject({ projectDir: join(root, "apps", "agent") });
    const graph = snapshot.graphs.agent;
    expect(graph.unresolved).toEqual([]);
    expect(Object.keys(graph.state.channels)).toEqual(["done", "task"]);
    // Paths outside the project stay relative, never absolute.
    expect(graph.state.location?.file).toBe("../../libs/state/src/index.ts");
  });
});
