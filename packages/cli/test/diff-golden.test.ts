import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractProject } from "@langgraph-compat/extract";
import { diffSnapshots, listRules } from "@langgraph-compat/diff";

const repo = join(import.meta.dirname, "..", "..", "..");
const root = join(repo, "fixtures", "diff");

interface Expected {
  ruleId: string;
  severity: string;
  path: string;
}

const dirs = (path: string) =>
  existsSync(path) ? readdirSync(path, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort() : [];

/** Every golden case: fixtures/diff/<rule-id>/<case>/{before,after}/ + expected.json. */
const cases = dirs(root).flatMap((rule) => dirs(join(root, rule)).map((name) => ({ rule, name, dir: join(root, rule, name) })));

/** Extract both sides with the real extractor and diff them; the exact set of (ruleId, severity, path). */
async function findings(dir: string): Promise<Expected[]> {
  const before = extractProject({ projectDir: join(dir, "before") });
  const after = extractProject({ projectDir: join(dir, "after") });
  const result = await diffSnapshots(before, after, { now: new Date("2026-06-01T00:00:00Z") });
  return result.findings
    .map(({ ruleId, severity, path }) => ({ ruleId, severity, path }))
    .sort((a, b) => `${a.ruleId} ${a.path}`.localeCompare(`${b.ruleId} ${b.path}`));
}

describe("diff golden cases, through the real extractor (update with `vitest -u`, then read the diff)", () => {
  for (const { rule, name, dir } of cases) {
    it(`${rule}/${name}`, async () => {
      const actual = await findings(dir);
      // The exact set of (ruleId, severity, path), in a canonical order, so -u rewrites the golden file.
      await expect(`${JSON.stringify(actual, null, 2)}\n`).toMatchFileSnapshot(join(dir, "expected.json"));
      if (name.endsWith("-ok")) expect(actual.filter((f) => f.ruleId === rule)).toEqual([]);
      else expect(actual.some((f) => f.ruleId === rule)).toBe(true);
    });
  }
});

describe("golden coverage of the catalogue", () => {
  it.each(listRules().map((rule) => rule.id))("%s has a case that fires and an -ok case", (id) => {
    const names = dirs(join(root, id));
    expect(names.some((n) => !n.endsWith("-ok")), `fixtures/diff/${id}/ needs a case that fires`).toBe(true);
    expect(names.some((n) => n.endsWith("-ok")), `fixtures/diff/${id}/ needs an -ok case`).toBe(true);
  });

  it("has no fixture folder for a rule that does not exist", () => {
    const ids = new Set(listRules().map((rule) => rule.id));
    expect(dirs(root).filter((name) => !ids.has(name))).toEqual([]);
  });
});
