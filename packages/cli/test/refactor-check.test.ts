import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractProject } from "@langgraph-compat/extract";
import { diffSnapshots } from "@langgraph-compat/diff";

const repo = join(import.meta.dirname, "..", "..", "..");
const dirs = (path: string) => readdirSync(path, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

describe("pure refactors produce no risky or breaking finding", () => {
  const root = join(repo, "fixtures", "refactor");
  it.each(dirs(root))("%s", async (name) => {
    const before = extractProject({ projectDir: join(root, name, "before") });
    const after = extractProject({ projectDir: join(root, name, "after") });
    const result = await diffSnapshots(before, after);
    const loud = result.findings.filter((f) => f.severity !== "safe").map((f) => `${f.severity} ${f.ruleId} ${f.path}`);
    expect(loud).toEqual([]);
  });
});

describe("diff(A, A) is empty for every extract fixture", () => {
  const root = join(repo, "fixtures", "extract");
  const cases = dirs(root).filter((name) => !existsSync(join(root, name, "expected.error.txt")));
  it.each(cases)("%s", async (name) => {
    const snapshot = extractProject({ projectDir: join(root, name) });
    expect((await diffSnapshots(snapshot, snapshot)).findings).toEqual([]);
  });
});
