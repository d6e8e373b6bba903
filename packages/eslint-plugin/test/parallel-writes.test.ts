/** `parallel-writes` through real ESLint: fan-out siblings writing a key with no reducer (row 11f). */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { ESLint } from "eslint";
import tsParser from "@typescript-eslint/parser";
import { configs } from "../src/index.js";
import { clearResults } from "../src/rules/compat.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

const graph = (reducer: boolean) => `import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
const State = Annotation.Root({
  topic: Annotation<string>(),
  summary: Annotation<string>(${reducer ? "{ reducer: (a: string, b: string) => a + b, default: () => \"\" }" : ""}),
});
export const graph = new StateGraph(State)
  .addNode("plan", async () => ({}))
  .addNode("short", async (s: typeof State.State) => ({ summary: s.topic.slice(0, 10) }))
  .addNode("long", async (s: typeof State.State) => ({ summary: s.topic }))
  .addEdge(START, "plan")
  .addEdge("plan", "short")
  .addEdge("plan", "long")
  .addEdge("short", END)
  .addEdge("long", END)
  .compile();
`;

async function lint(source: string) {
  const dir = tempDir("lgc-eslint-parallel-");
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "langgraph.json"), JSON.stringify({ graphs: { agent: "./src/graph.ts:graph" } }));
  writeFileSync(join(dir, "src", "graph.ts"), source);
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [{ files: ["**/*.ts"], languageOptions: { parser: tsParser } }, configs.recommended] });
  const [result] = await eslint.lintFiles(["src/graph.ts"]);
  return result.messages.filter((m) => m.ruleId === "langgraph-compat/parallel-writes");
}

beforeEach(() => clearResults());

describe("parallel-writes", () => {
  it("reports both siblings of a fan-out that write a key with no reducer, on their addNode lines", async () => {
    const found = await lint(graph(false));
    expect(found.map((m) => [m.line, m.column, m.severity])).toEqual([
      [8, 4, 2],
      [9, 4, 2],
    ]);
    expect(found[0].message).toContain("`short` writes `summary`, which has no reducer, in the same superstep as `long`");
  });

  it("is silent once the key has a reducer", async () => {
    expect(await lint(graph(true))).toEqual([]);
  });
});
