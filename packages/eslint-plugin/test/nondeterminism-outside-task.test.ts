/** RuleTester cases for `nondeterminism-outside-task` (row 12i): every report with its exact range. */
import { afterAll, describe, it } from "vitest";
import { RuleTester } from "@typescript-eslint/rule-tester";
import { rule } from "../src/rules/nondeterminism-outside-task.js";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester();
const HEAD = `import { entrypoint, task, interrupt } from "@langchain/langgraph";\n`;

tester.run("nondeterminism-outside-task", rule, {
  valid: [
    // Inside a task the result is saved and replayed.
    `${HEAD}const now = task("now", async () => Date.now());\nexport const wf = entrypoint("wf", async () => { const t = await now(); return interrupt(t); });`,
    `${HEAD}export const wf = entrypoint("wf", async () => { const t = await task("inline", async () => Math.random())(); return t; });`,
    // Outside any entrypoint, and `new Date(x)` of a known value.
    `${HEAD}const started = Date.now();\nexport const wf = entrypoint("wf", async (input: { at: number }) => new Date(input.at));`,
    // A local Date or fetch is not the global one; an entrypoint from another library is not LangGraph's.
    `${HEAD}export const wf = entrypoint("wf", async () => { const Date = { now: () => 1 }; return Date.now(); });`,
    `${HEAD}function fetch(x: string) { return x; }\nexport const wf = entrypoint("wf", async () => fetch("a"));`,
    `import { entrypoint } from "other-lib";\nexport const wf = entrypoint("wf", async () => Date.now());`,
  ],
  invalid: [
    {
      code: `${HEAD}export const wf = entrypoint("wf", async () => {\n  const slow = Date.now() % 2 === 0;\n  return slow;\n});`,
      errors: [{ messageId: "nondeterministic", data: { call: "Date.now()", entrypoint: "wf" }, line: 3, column: 16, endLine: 3, endColumn: 26 }],
    },
    {
      code: `${HEAD}export const wf = entrypoint({ name: "flow", checkpointer }, async () => {\n  const id = crypto.randomUUID();\n  const at = new Date();\n  const r = await fetch("https://x");\n  return [id, at, r, Math.random(), performance.now()];\n});`,
      errors: [
        { messageId: "nondeterministic", data: { call: "crypto.randomUUID()", entrypoint: "flow" }, line: 3, column: 14, endLine: 3, endColumn: 33 },
        { messageId: "nondeterministic", data: { call: "new Date()", entrypoint: "flow" }, line: 4, column: 14, endLine: 4, endColumn: 24 },
        { messageId: "nondeterministic", data: { call: "fetch()", entrypoint: "flow" }, line: 5, column: 19, endLine: 5, endColumn: 37 },
        { messageId: "nondeterministic", data: { call: "Math.random()", entrypoint: "flow" }, line: 6, column: 22, endLine: 6, endColumn: 35 },
        { messageId: "nondeterministic", data: { call: "performance.now()", entrypoint: "flow" }, line: 6, column: 37, endLine: 6, endColumn: 54 },
      ],
    },
    {
      // Aliased and namespace imports, a callback inside the body, and randomUUID from node:crypto.
      code: `import * as lg from "@langchain/langgraph";\nimport { randomUUID } from "node:crypto";\nexport const wf = lg.entrypoint("wf", async (xs: number[]) => xs.map(() => randomUUID()));`,
      errors: [{ messageId: "nondeterministic", data: { call: "randomUUID()", entrypoint: "wf" }, line: 3, column: 76, endLine: 3, endColumn: 88 }],
    },
    {
      code: `import { entrypoint as ep } from "@langchain/langgraph/func";\nimport fetch from "node-fetch";\nexport const wf = ep("wf", async function () { return fetch("u"); });`,
      errors: [{ messageId: "nondeterministic", data: { call: "fetch()", entrypoint: "wf" }, line: 3, column: 55, endLine: 3, endColumn: 65 }],
    },
  ],
});
