/**
 * The `compat` rules through real ESLint on the bundled example: v2's sources against v1's snapshot. The
 * errors and warnings sit on the lines `check` reports, one for one; an unchanged project is not checked
 * again; a corrupt snapshot gives one message on the graph's entry file.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { ESLint } from "eslint";
import tsParser from "@typescript-eslint/parser";
import { serializeSnapshot } from "@langgraph-compat/snapshot";
import { extractProject } from "@langgraph-compat/extract";
import { diffSnapshots } from "@langgraph-compat/diff";
import { configs } from "../src/index.js";
import { clearResults, stats } from "../src/project-check.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

const example = join(import.meta.dirname, "..", "..", "..", "examples", "support-desk");

/** v1 snapshotted, then v2's sources copied over it: the demo's pull request. */
function changedProject(): string {
  const dir = tempDir("lgc-eslint-compat-");
  cpSync(join(example, "v1"), dir, { recursive: true });
  writeFileSync(join(dir, "langgraph-compat.snapshot.json"), serializeSnapshot(extractProject({ projectDir: dir })));
  cpSync(join(example, "v2", "src"), join(dir, "src"), { recursive: true });
  return dir;
}

const eslintIn = (dir: string) =>
  new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [{ files: ["**/*.ts"], languageOptions: { parser: tsParser } }, configs.recommended] });

beforeEach(() => clearResults());

describe("compat through ESLint", () => {
  it("puts every breaking and risky finding of check on its line, as error or warning", async () => {
    const dir = changedProject();
    const results = await eslintIn(dir).lintFiles(["src/**/*.ts"]);
    const seen = results
      .flatMap((r) => r.messages.filter((m) => m.ruleId?.startsWith("langgraph-compat/compat")).map((m) => [r.filePath.slice(dir.length + 1), m.line, m.column, m.severity, m.message]))
      .sort();
    const check = await diffSnapshots(JSON.parse(readFileSync(join(dir, "langgraph-compat.snapshot.json"), "utf8")), extractProject({ projectDir: dir }));
    const expected = check.findings
      .filter((f) => f.severity !== "safe")
      .map((f) => [f.after!.file, f.after!.line, f.after!.column, f.severity === "breaking" ? 2 : 1])
      .sort();
    expect(seen.map((s) => s.slice(0, 4))).toEqual(expected);
    expect(seen.length).toBeGreaterThan(1);
    const renamed = seen.find((s) => String(s[4]).includes("[node-renamed]"));
    expect(renamed?.[4]).toContain('node "review" was renamed to "human_review"');
    expect(renamed?.[4]).toContain("endangers: threads paused in `review`");
    expect(renamed?.[3]).toBe(2);
  });

  it("checks the project once per state of its files: again after an edit (parsing the edited file alone), not on a second lint", async () => {
    const dir = changedProject();
    const eslint = eslintIn(dir);
    const start = stats.checks;
    await eslint.lintFiles(["src/**/*.ts"]);
    expect(stats.checks - start).toBe(1);
    await eslint.lintFiles(["src/**/*.ts"]);
    expect(stats.checks - start).toBe(1);
    // Rename the node back in steps.ts: the breaking finding on graph.ts's addNode goes away on the next lint.
    const steps = join(dir, "src", "steps.ts");
    writeFileSync(steps, readFileSync(steps, "utf8").replace('Review = "human_review"', 'Review = "review"'));
    const parsed = stats.parsed;
    const again = await eslint.lintFiles(["src/graph.ts"]);
    expect(stats.checks - start).toBe(2);
    expect(stats.parsed - parsed).toBe(1);
    expect(again[0].messages.filter((m) => m.message.includes("[node-renamed]"))).toEqual([]);
  });

  it("checks each project of a monorepo against its own snapshot and config, in one run from the root", async () => {
    const root = tempDir("lgc-eslint-monorepo-");
    cpSync(changedProject(), join(root, "apps", "desk"), { recursive: true });
    cpSync(changedProject(), join(root, "apps", "quiet"), { recursive: true });
    // The second project vouches for the rename in its own config: lowered to risky there only.
    writeFileSync(join(root, "apps", "quiet", "langgraph-compat.config.json"), JSON.stringify({ rules: { "node-renamed": "risky" } }));
    const results = await eslintIn(root).lintFiles(["apps/*/src/**/*.ts"]);
    const renamed = results.flatMap((r) => r.messages.filter((m) => m.message.includes("[node-renamed]")).map((m) => [r.filePath.slice(root.length + 1), m.line, m.severity]));
    expect(renamed.sort()).toEqual([
      ["apps/desk/src/graph.ts", 38, 2],
      ["apps/quiet/src/graph.ts", 38, 1],
    ]);
  });

  it("reports nothing without a snapshot, and one message on the entry file for a corrupt one", async () => {
    const dir = changedProject();
    writeFileSync(join(dir, "langgraph-compat.snapshot.json"), "{ not json");
    const results = await eslintIn(dir).lintFiles(["src/**/*.ts"]);
    const messages = results.flatMap((r) => r.messages.filter((m) => m.ruleId?.startsWith("langgraph-compat/compat")).map((m) => [r.filePath.slice(dir.length + 1), m.line, m.message]));
    expect(messages).toHaveLength(1);
    expect(messages[0][0]).toBe("src/graph.ts");
    expect(String(messages[0][2])).toMatch(/^langgraph-compat: the check could not run: .*langgraph-compat\.snapshot\.json/);
  });
});

describe("unresolved through ESLint", () => {
  it("warns at every element the extractor could not follow, with no snapshot needed", async () => {
    const dir = tempDir("lgc-eslint-unresolved-");
    cpSync(join(example, "..", "..", "fixtures", "extract", "spreads"), dir, { recursive: true });
    const results = await eslintIn(dir).lintFiles(["src/**/*.ts"]);
    const seen = results
      .flatMap((r) => r.messages.filter((m) => m.ruleId === "langgraph-compat/unresolved").map((m) => [r.filePath.slice(dir.length + 1), m.line, m.column, m.severity]))
      .sort();
    const expected = Object.values(extractProject({ projectDir: dir }).graphs)
      .flatMap((g) => g.unresolved.map((u) => [u.location.file, u.location.line, u.location.column, 1]))
      .sort();
    expect(seen).toEqual(expected);
    expect(seen.length).toBeGreaterThan(2);
  });
});

