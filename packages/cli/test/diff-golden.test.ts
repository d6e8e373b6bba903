/**
 * Diff golden cases: fixtures/diff/<rule-id>/<case>/{before,after}/ and expected.json.
 *
 * expected.json is a claim a person wrote and reviewed: the exact set of (ruleId, severity, path) the case
 * stands for. Each test extracts both sides with the real extractor, diffs them, and compares that live
 * output with the claim. A normal run never writes a claim (so `vitest -u` cannot rewrite one, and a
 * missing claim fails). Only a case named in UPDATE_GOLDEN is regenerated, for a person to read before
 * committing; under CI nothing is written and UPDATE_GOLDEN fails the run.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { extractProject } from "@langgraph-compat/extract";
import { diffSnapshots, listRules } from "@langgraph-compat/diff";

const repo = join(import.meta.dirname, "..", "..", "..");
const root = join(repo, "fixtures", "diff");
const SEVERITIES = ["breaking", "risky", "safe"];

interface Claim {
  ruleId: string;
  severity: string;
  path: string;
}

const dirs = (path: string) =>
  existsSync(path) ? readdirSync(path, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort() : [];

/** Every golden case, named `<rule-id>/<case>`. */
const cases = dirs(root).flatMap((rule) => dirs(join(root, rule)).map((name) => ({ rule, name, id: `${rule}/${name}`, dir: join(root, rule, name) })));

type Env = Record<string, string | undefined>;

/** CI as the usual runners set it; unset, empty, "false" and "0" mean a local run. */
const isCI = (env: Env) => !["", "0", "false"].includes((env.CI ?? "").trim().toLowerCase());

/**
 * The diff cases named in UPDATE_GOLDEN (comma-separated). The variable is shared with the extract goldens,
 * whose cases are plain folder names: an entry with a `/` is a diff case `<rule>/<case>`, one without is
 * not ours and is left to the other harness.
 */
const namedForUpdate = (env: Env) =>
  (env.UPDATE_GOLDEN ?? "")
    .split(",")
    .map((s) => s.trim().replace(/^fixtures\/diff\//, "").replace(/\/+$/, ""))
    .filter((s) => s.includes("/"));

/** A canonical order, so a claim reads the same however the rules report. */
const canonical = (claims: Claim[]) =>
  [...claims].sort((a, b) => `${a.ruleId} ${a.path} ${a.severity}`.localeCompare(`${b.ruleId} ${b.path} ${b.severity}`));

/** Extract both sides with the real extractor and diff them: the live (ruleId, severity, path) set. */
async function live(dir: string): Promise<Claim[]> {
  const before = extractProject({ projectDir: join(dir, "before") });
  const after = extractProject({ projectDir: join(dir, "after") });
  const result = await diffSnapshots(before, after, { now: new Date("2026-06-01T00:00:00Z") });
  return canonical(result.findings.map(({ ruleId, severity, path }) => ({ ruleId, severity, path })));
}

/** The case's written claim, checked for shape: a plain array of {ruleId, severity, path}, no duplicates. */
function readClaim(id: string, file: string): Claim[] {
  if (!existsSync(file)) {
    throw new Error(
      `fixtures/diff/${id}/expected.json is missing. Write the exact set of (ruleId, severity, path) this case claims, ` +
        `or generate a draft with UPDATE_GOLDEN=${id} npx vitest run packages/cli/test/diff-golden.test.ts and read it before committing.`,
    );
  }
  const claims: unknown = JSON.parse(readFileSync(file, "utf8"));
  expect(Array.isArray(claims), `${id}: expected.json must be an array`).toBe(true);
  const known = new Set(listRules().map((r) => r.id as string));
  for (const c of claims as Claim[]) {
    expect(Object.keys(c).sort(), `${id}: each claim has exactly ruleId, severity, path`).toEqual(["path", "ruleId", "severity"]);
    expect(known.has(c.ruleId), `${id}: unknown rule id ${c.ruleId}`).toBe(true);
    expect(SEVERITIES, `${id}: severity of ${c.ruleId} ${c.path}`).toContain(c.severity);
    expect(typeof c.path === "string" && c.path.length > 0, `${id}: path of ${c.ruleId}`).toBe(true);
  }
  const keys = (claims as Claim[]).map((c) => `${c.ruleId} ${c.path}`);
  expect(keys.filter((k, i) => keys.indexOf(k) !== i), `${id}: a (ruleId, path) is claimed twice`).toEqual([]);
  return canonical(claims as Claim[]);
}

/** Writes a regenerated claim atomically (a temp file renamed over the old one). */
function writeClaim(file: string, claims: Claim[]): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(claims, null, 2)}\n`);
  renameSync(temp, file);
}

/**
 * The claim `actual` is compared with. Only when `id` is named in UPDATE_GOLDEN, and never under CI, is the
 * file first rewritten from `actual`, for a person to read before committing.
 */
function claimFor(id: string, file: string, actual: Claim[], env: Env): Claim[] {
  if (namedForUpdate(env).includes(id)) {
    if (isCI(env)) throw new Error(`refusing to write ${relative(repo, file)} under CI`);
    writeClaim(file, actual);
    console.warn(`wrote ${relative(repo, file)}: read it before committing`);
  }
  return readClaim(id, file);
}

describe("UPDATE_GOLDEN for diff cases", () => {
  it("is refused under CI, and names only existing cases", () => {
    const toUpdate = namedForUpdate(process.env);
    if (toUpdate.length === 0) return;
    expect(isCI(process.env), "UPDATE_GOLDEN is set under CI: golden claims are never written in CI").toBe(false);
    const ids = new Set(cases.map((c) => c.id));
    expect(toUpdate.filter((id) => !ids.has(id)), "UPDATE_GOLDEN names diff cases that do not exist").toEqual([]);
  });
});

describe("diff golden cases: live extractor + diff against the written claim (expected.json)", () => {
  it("has cases", () => expect(cases.length).toBeGreaterThan(100));

  for (const { rule, name, id, dir } of cases) {
    it(id, async () => {
      const file = join(dir, "expected.json");
      const actual = await live(dir);
      const claimed = claimFor(id, file, actual, process.env);
      expect(actual, `live findings of ${id} differ from its expected.json`).toEqual(claimed);
      // The folder says what the case is for: its own rule fires, or an -ok case shows it silent.
      if (name.endsWith("-ok")) expect(claimed.filter((f) => f.ruleId === rule), `${id} is an -ok case`).toEqual([]);
      else expect(claimed.some((f) => f.ruleId === rule), `${id} must claim a ${rule} finding`).toBe(true);
    });
  }
});

describe("the harness never writes a claim it was not asked to", () => {
  const draft: Claim[] = [{ ruleId: "node-removed", severity: "breaking", path: "nodes/ask" }];
  const inTemp = (run: (file: string) => void) => {
    const dir = mkdtempSync(join(tmpdir(), "lgc-diff-golden-"));
    try {
      run(join(dir, "expected.json"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it("fails on a missing claim and does not create it, also with the case named elsewhere", () =>
    inTemp((file) => {
      expect(() => claimFor("r/c", file, draft, {})).toThrow(/expected\.json is missing.*UPDATE_GOLDEN=r\/c/);
      expect(() => claimFor("r/c", file, draft, { UPDATE_GOLDEN: "r/other,c" })).toThrow(/is missing/);
      expect(existsSync(file)).toBe(false);
    }));

  it("writes a named case, and refuses under CI leaving the file as it was", () =>
    inTemp((file) => {
      writeFileSync(file, "[]\n");
      expect(() => claimFor("r/c", file, draft, { UPDATE_GOLDEN: "r/c", CI: "true" })).toThrow(/under CI/);
      expect(() => claimFor("r/c", file, draft, { UPDATE_GOLDEN: " fixtures/diff/r/c/ ", CI: "1" })).toThrow(/under CI/);
      expect(readFileSync(file, "utf8")).toBe("[]\n");
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      try {
        expect(claimFor("r/c", file, draft, { UPDATE_GOLDEN: "x/y, r/c", CI: "false" })).toEqual(draft);
      } finally {
        warn.mockRestore();
      }
      expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(draft);
    }));

  it("rejects a claim that is not a plain set of (ruleId, severity, path)", () =>
    inTemp((file) => {
      const bad = [
        [{ ...draft[0], reason: "x" }],
        [{ ...draft[0], ruleId: "no-such-rule" }],
        [{ ...draft[0], severity: "fatal" }],
        [draft[0], { ...draft[0], severity: "risky" }],
      ];
      for (const claim of bad) {
        writeFileSync(file, JSON.stringify(claim));
        expect(() => claimFor("r/c", file, draft, {}), JSON.stringify(claim)).toThrow();
      }
    }));
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
