/** `goto-outside-ends` through real ESLint: a Command target the node's `ends` does not list (15d, 15e). */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { ESLint } from "eslint";
import tsParser from "@typescript-eslint/parser";
import { configs } from "../src/index.js";
import { clearResults } from "../src/rules/compat.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

const graph = (ends: string[]) => `import { Annotation, Command, END, START, StateGraph } from "@langchain/langgraph";
const State = Annotation.Root({ ok: Annotation<boolean>() });
async function route(s: typeof State.State) {
  return new Command({ goto: s.ok ? "done" : "retry" });
}
export const graph = new StateGraph(State)
  .addNode("route", route, { ends: ${JSON.stringify(ends)} })
  .addNode("done", async () => ({}))
  .addNode("retry", async () => ({}))
  .addEdge(START, "route")
  .addEdge("done", END)
  .addEdge("retry", END)
  .compile();
`;

async function lint(source: string) {
  const dir = tempDir("lgc-eslint-ends-");
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "langgraph.json"), JSON.stringify({ graphs: { agent: "./src/graph.ts:graph" } }));
  writeFileSync(join(dir, "src", "graph.ts"), source);
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [{ files: ["**/*.ts"], languageOptions: { parser: tsParser } }, configs.recommended] });
  const [result] = await eslint.lintFiles(["src/graph.ts"]);
  return result.messages.filter((m) => m.ruleId === "langgraph-compat/goto-outside-ends");
}

beforeEach(() => clearResults());

describe("goto-outside-ends", () => {
  it("warns on the addNode call of a node whose Command goes where its ends does not list", async () => {
    const found = await lint(graph(["done"]));
    expect(found.map((m) => [m.line, m.column, m.severity])).toEqual([[7, 4, 1]]);
    expect(found[0].message).toContain("`route` sends Commands to `retry`, which its `ends` does not list");
  });

  it("is silent when ends lists every target", async () => {
    expect(await lint(graph(["done", "retry"]))).toEqual([]);
  });
});
