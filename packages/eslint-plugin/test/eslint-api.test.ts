/** The plugin through real ESLint (its Node API, flat config), as `eslint .` and the editor run it. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";
import tsParser from "@typescript-eslint/parser";
import plugin, { configs } from "../src/index.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

describe("ESLint with the recommended config", () => {
  it("reports a clock read in an entrypoint as an error on its line, and nothing in a task", async () => {
    const dir = tempDir("lgc-eslint-");
    mkdirSync(join(dir, "src"));
    writeFileSync(
      join(dir, "src", "workflow.ts"),
      [
        `import { entrypoint, task, interrupt } from "@langchain/langgraph";`,
        `const stamp = task("stamp", async () => Date.now());`,
        `export const wf = entrypoint("review", async (topic: string) => {`,
        `  const fast = Date.now() % 2 === 0;`,
        `  const at = await stamp();`,
        `  return interrupt({ topic, fast, at });`,
        `});`,
        ``,
      ].join("\n"),
    );
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [{ files: ["**/*.ts"], languageOptions: { parser: tsParser } }, configs.recommended],
    });
    const [result] = await eslint.lintFiles(["src/workflow.ts"]);
    expect(result.messages.map((m) => [m.ruleId, m.severity, m.line, m.column, m.endColumn])).toEqual([["langgraph-compat/nondeterminism-outside-task", 2, 4, 16, 26]]);
    expect(result.messages[0].message).toContain("entrypoint `review`");
    expect(plugin.meta?.name).toBe("@langgraph-compat/eslint-plugin");
  });

  it("generates both configs from the rules' meta: recommended at each rule's level, strict all errors", () => {
    const names = Object.keys(plugin.rules ?? {}).map((name) => `langgraph-compat/${name}`).sort();
    expect(Object.keys(configs.recommended.rules ?? {}).sort()).toEqual(names);
    expect(Object.keys(configs.strict.rules ?? {}).sort()).toEqual(names);
    expect(Object.values(configs.strict.rules ?? {}).every((level) => level === "error")).toBe(true);
    expect(configs.recommended.rules?.["langgraph-compat/compat"]).toBe("error");
    expect(configs.recommended.rules?.["langgraph-compat/compat-risky"]).toBe("warn");
    for (const [name, rule] of Object.entries(plugin.rules ?? {})) {
      const docs = (rule as { meta: { docs: { recommended: string; url: string } } }).meta.docs;
      expect(configs.recommended.rules?.[`langgraph-compat/${name}`]).toBe(docs.recommended);
      expect(docs.url).toContain(`#${name}`);
    }
  });
});
