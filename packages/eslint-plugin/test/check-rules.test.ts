/**
 * RuleTester cases for the rules that read the project's check: each case lints a file of a project written
 * to disk (the check reads the project, not the text handed to the rule, so `code` is that file's text).
 * Every report's messageId and exact range is asserted, and every suggestion's output.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RuleTester } from "@typescript-eslint/rule-tester";
import { serializeSnapshot } from "@langgraph-compat/snapshot";
import { extractProject } from "@langgraph-compat/extract";
import { rules } from "../src/index.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester();
const example = join(import.meta.dirname, "..", "..", "..", "examples", "support-desk");
const fixtures = join(import.meta.dirname, "..", "..", "..", "fixtures");

/** A project on disk with one graph in `src/graph.ts`; `snapshotOf` is written first and snapshotted. */
function project(prefix: string, files: Record<string, string>, snapshotOf?: Record<string, string>): string {
  const dir = tempDir(`lgc-rt-${prefix}-`);
  const write = (all: Record<string, string>) => {
    for (const [path, text] of Object.entries(all)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  };
  write({ "langgraph.json": JSON.stringify({ graphs: { agent: "./src/graph.ts:graph" } }) });
  if (snapshotOf) {
    write(snapshotOf);
    writeFileSync(join(dir, "langgraph-compat.snapshot.json"), serializeSnapshot(extractProject({ projectDir: dir })));
  }
  write(files);
  return dir;
}

/** `file` of `dir` as a RuleTester case's code and filename. */
const source = (dir: string, file: string) => ({ code: readFileSync(join(dir, file), "utf8"), filename: join(dir, file) });

// The demo's pull request: v1 snapshotted, v2's sources over it.
const demo = tempDir("lgc-rt-demo-");
cpSync(join(example, "v1"), demo, { recursive: true });
writeFileSync(join(demo, "langgraph-compat.snapshot.json"), serializeSnapshot(extractProject({ projectDir: demo })));
cpSync(join(example, "v2", "src"), join(demo, "src"), { recursive: true });
const renamedToRisky = { "langgraph-compat": { rules: { "node-renamed": "risky" } } };
/** graph.ts after the node-renamed suggestion: the old name kept, reachable and routed as the new one (row 2c). */
const withAlias = readFileSync(join(demo, "src/graph.ts"), "utf8").replace(
  "  .addNode(Step.Review, review)\n",
  '  .addNode(Step.Review, review, { ends: ["review"] })\n  .addNode("review", review)\n  .addConditionalEdges("review", (state) => (state.approved ? Step.Send : Step.Draft))\n',
);
const keepAlias = [{ messageId: "keepAlias" as const, data: { from: "review", to: "human_review" }, output: withAlias }];

tester.run("compat", rules.compat, {
  valid: [source(demo, "src/state.ts"), source(demo, "src/steps.ts"), { ...source(demo, "src/graph.ts"), settings: renamedToRisky }],
  invalid: [
    { ...source(demo, "src/graph.ts"), errors: [{ messageId: "finding", line: 38, column: 4, endLine: 38, endColumn: 32, suggestions: keepAlias }] },
    // A bad rule id in the settings: one message on the graph's entry file, the first line, never a crash.
    {
      ...source(demo, "src/graph.ts"),
      settings: { "langgraph-compat": { rules: { "node-renamd": "risky" } } },
      errors: [{ messageId: "unavailable", data: { error: 'ESLint settings["langgraph-compat"]: rules: unknown rule id "node-renamd"; did you mean "node-renamed"?' }, line: 1, column: 1, endLine: 1, endColumn: 76 }],
    },
  ],
});

tester.run("compat-risky", rules["compat-risky"], {
  valid: [source(demo, "src/graph.ts")],
  invalid: [
    { ...source(demo, "src/state.ts"), errors: [{ messageId: "finding", line: 15, column: 3, endLine: 15, endColumn: 41 }] },
    // ESLint settings move node-renamed to risky, as the config file's `rules` would.
    { ...source(demo, "src/graph.ts"), settings: renamedToRisky, errors: [{ messageId: "finding", line: 38, column: 4, endLine: 38, endColumn: 32, suggestions: keepAlias }] },
  ],
});

const spreads = tempDir("lgc-rt-spreads-");
cpSync(join(fixtures, "extract", "spreads"), spreads, { recursive: true });

tester.run("unresolved", rules.unresolved, {
  valid: [source(spreads, "src/shared.ts")],
  invalid: [
    {
      ...source(spreads, "src/graph.ts"),
      errors: [
        { messageId: "unresolved", line: 19, column: 40, endLine: 19, endColumn: 55 },
        { messageId: "unresolved", line: 26, column: 31, endLine: 26, endColumn: 45 },
        { messageId: "unresolved", line: 34, column: 25, endLine: 34, endColumn: 41 },
        { messageId: "unresolved", line: 41, column: 49, endLine: 41, endColumn: 65 },
        { messageId: "unresolved", line: 50, column: 14, endLine: 50, endColumn: 28 },
      ],
    },
  ],
});

const fanOut = (summary: string) => `import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
const State = Annotation.Root({
  topic: Annotation<string>(),
  summary: Annotation<string>(${summary}),
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
const parallel = project("parallel", { "src/graph.ts": fanOut("") });
const reduced = project("parallel-ok", { "src/graph.ts": fanOut('{ reducer: (a: string, b: string) => a + b, default: () => "" }') });

tester.run("parallel-writes", rules["parallel-writes"], {
  valid: [source(reduced, "src/graph.ts")],
  invalid: [
    {
      ...source(parallel, "src/graph.ts"),
      errors: [
        { messageId: "parallel", line: 8, column: 4, endLine: 8, endColumn: 90 },
        { messageId: "parallel", line: 9, column: 4, endLine: 9, endColumn: 76 },
      ],
    },
  ],
});

const routed = (ends: string[]) => `import { Annotation, Command, END, START, StateGraph } from "@langchain/langgraph";
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

tester.run("goto-outside-ends", rules["goto-outside-ends"], {
  valid: [source(project("ends-ok", { "src/graph.ts": routed(["done", "retry"]) }), "src/graph.ts")],
  invalid: [{ ...source(project("ends", { "src/graph.ts": routed(["done"]) }), "src/graph.ts"), errors: [{ messageId: "outside", line: 7, column: 4, endLine: 7, endColumn: 47 }] }],
});

const orphan = (edge: string) => `import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
const State = Annotation.Root({ topic: Annotation<string>() });
export const graph = new StateGraph(State)
  .addNode("plan", async () => ({}))
  .addNode("orphan", async () => ({}))
  .addEdge(START, "plan")
  .addEdge(${edge}, END)
  .addEdge("orphan", END)
  .compile();
`;

tester.run("unreachable-node", rules["unreachable-node"], {
  valid: [
    // Reached through a path map entry the router may never take: still reachable (row 2c).
    source(project("reach-ok", { "src/graph.ts": orphan('"plan"').replace('.addEdge("plan", END)', '.addConditionalEdges("plan", () => "end", { end: END, legacy: "orphan" })') }), "src/graph.ts"),
    // A computed route may lead anywhere: not judged.
    source(spreads, "src/graph.ts"),
  ],
  invalid: [{ ...source(project("reach", { "src/graph.ts": orphan('"plan"') }), "src/graph.ts"), errors: [{ messageId: "unreachable", line: 5, column: 4, endLine: 5, endColumn: 39 }] }],
});

tester.run("unused-state-key", rules["unused-state-key"], {
  // Every key is read or written by a node; a router's reads count too.
  valid: [source(parallel, "src/graph.ts"), source(project("used-by-router", { "src/graph.ts": orphan('"plan"').replace('.addEdge("plan", END)', '.addConditionalEdges("plan", (s: typeof State.State) => (s.topic ? "end" : "orphan"), { end: END, orphan: "orphan" })') }), "src/graph.ts")],
  invalid: [{ ...source(project("unused-key", { "src/graph.ts": orphan('"plan"') }), "src/graph.ts"), errors: [{ messageId: "unused", line: 2, column: 33, endLine: 2, endColumn: 60 }] }],
});

const zodState = (fields: string, head = "") => `import { z } from "zod";
${head}import { StateGraph, START, END } from "@langchain/langgraph";

const State = z.object({
  topic: z.string(),
${fields}});

export const graph = new StateGraph(State)
  .addNode("triage", async (s: z.infer<typeof State>) => ({ topic: s.topic }))
  .addEdge(START, "triage")
  .addEdge("triage", END)
  .compile();
`;
const zodNew = zodState(`  priority: z.string().default("normal"),\n  tags: z.array(z.string()).default([]).describe("labels"),\n  meta: z.object({ a: z.number() }).default({ a: 1 }),\n`);
const withImport = 'import { withLangGraph } from "@langchain/langgraph/zod";\n';
/** `zodNew` with `from` replaced by `to` and withLangGraph imported after the last import. */
const moved = (from: string, to: string) => zodNew.replace('"@langchain/langgraph";\n', `"@langchain/langgraph";\n${withImport}`).replace(from, to);
const zodProject = project("zod", { "src/graph.ts": zodNew });
// With a snapshot, only keys it lacks are new: `priority` existed, `tags` and `meta` did not.
const zodSince = project("zod-since", { "src/graph.ts": zodNew }, { "src/graph.ts": zodState(`  priority: z.string().default("normal"),\n`) });
const zodChannel = project("zod-ok", { "src/graph.ts": zodState(`  priority: withLangGraph(z.string(), { default: () => "normal" }),\n`, withImport) });

tester.run("zod-default", rules["zod-default"], {
  valid: [source(zodChannel, "src/graph.ts")],
  invalid: [
    {
      ...source(zodProject, "src/graph.ts"),
      errors: [
        {
          messageId: "zodDefault",
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 41,
          suggestions: [{ messageId: "moveDefault", output: moved('z.string().default("normal")', 'withLangGraph(z.string(), { default: () => "normal" })') }],
        },
        {
          messageId: "zodDefault",
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 59,
          suggestions: [{ messageId: "moveDefault", output: moved('z.array(z.string()).default([]).describe("labels")', 'withLangGraph(z.array(z.string()).describe("labels"), { default: () => [] })') }],
        },
        {
          messageId: "zodDefault",
          line: 8,
          column: 3,
          endLine: 8,
          endColumn: 54,
          suggestions: [{ messageId: "moveDefault", output: moved("z.object({ a: z.number() }).default({ a: 1 })", "withLangGraph(z.object({ a: z.number() }), { default: () => ({ a: 1 }) })") }],
        },
      ],
    },
    {
      ...source(zodSince, "src/graph.ts"),
      errors: [
        { messageId: "zodDefault", line: 7, column: 3, endLine: 7, endColumn: 59, suggestions: [{ messageId: "moveDefault", output: moved('z.array(z.string()).default([]).describe("labels")', 'withLangGraph(z.array(z.string()).describe("labels"), { default: () => [] })') }] },
        { messageId: "zodDefault", line: 8, column: 3, endLine: 8, endColumn: 54, suggestions: [{ messageId: "moveDefault", output: moved("z.object({ a: z.number() }).default({ a: 1 })", "withLangGraph(z.object({ a: z.number() }), { default: () => ({ a: 1 }) })") }] },
      ],
    },
  ],
});

describe("the node-renamed suggestion", () => {
  it("gives code whose check calls the rename a safe alias", async () => {
    const dir = tempDir("lgc-rt-alias-");
    cpSync(demo, dir, { recursive: true });
    writeFileSync(join(dir, "src/graph.ts"), withAlias);
    const { diffSnapshots } = await import("@langgraph-compat/diff");
    const before = JSON.parse(readFileSync(join(dir, "langgraph-compat.snapshot.json"), "utf8"));
    const renamed = (await diffSnapshots(before, extractProject({ projectDir: dir }))).findings.filter((f) => f.ruleId === "node-renamed");
    expect(renamed.map((f) => [f.severity, f.meta.alias])).toEqual([["safe", true]]);
  });
});
