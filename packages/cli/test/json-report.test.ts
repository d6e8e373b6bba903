import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSnapshot } from "@langgraph-compat/snapshot";
import { extractProject } from "@langgraph-compat/extract";
import { diffSnapshots, getRule, renderText, reportSchema, toJsonReport, type DiffResult, type Finding, type JsonFinding, type JsonReport } from "@langgraph-compat/diff";
import { cli } from "./helpers.js";

const repo = join(import.meta.dirname, "..", "..", "..");
const example = join(repo, "examples", "support-desk");
const bin = join(repo, "packages", "cli", "dist", "bin.js");

// The validator the snapshot package already uses (ajv, draft 2020-12), loaded from that package so the
// CLI needs no dependency of its own for a test.
const { Ajv2020 } = createRequire(join(repo, "packages", "snapshot", "package.json"))("ajv/dist/2020.js");
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(reportSchema);
const schemaErrors = (data: unknown) => (validate(data) ? [] : validate.errors);

/** A stored JSON report back as a DiffResult: drop the rendered text, nulls back to absent locations. */
function fromJson(report: JsonReport): DiffResult {
  const findings = report.findings.map((f: JsonFinding) => {
    const { message: _message, fix: _fix, before, after, reasons, ...rest } = f;
    return { ...rest, ...(before ? { before } : {}), ...(after ? { after } : {}), ...(reasons.length ? { reasons } : {}) } as Finding;
  });
  return { formatVersion: report.formatVersion, findings, summary: report.summary };
}

const temps: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("check --format json (report format 2)", () => {
  let dir: string;
  let configPath: string;
  beforeAll(async () => {
    // v1's snapshot, v2's sources, and a config that re-levels: what a reviewed pull request looks like.
    dir = tempDir("lgc-json-");
    cpSync(join(example, "v1"), dir, { recursive: true });
    expect((await cli("snapshot", "--project", dir)).code).toBe(0);
    rmSync(join(dir, "src"), { recursive: true });
    cpSync(join(example, "v2", "src"), join(dir, "src"), { recursive: true });
    configPath = join(dir, "langgraph-compat.config.json");
    const config = {
      renames: { nodes: { "support desk": { review: "human_review" } } },
      rules: { "state-key-added": "breaking" },
    };
    writeFileSync(configPath, JSON.stringify(config));
  });

  async function jsonReport() {
    const result = await cli("check", "--project", dir, "--format", "json", "--fail-on", "never");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout);
  }

  it("validates against report.schema.json and says formatVersion 2", async () => {
    const report = await jsonReport();
    expect(schemaErrors(report)).toEqual([]);
    expect(report.formatVersion).toBe(2);
    expect(report.findings.length).toBeGreaterThan(2);
  });

  it("carries meta and the reasons a finding was re-levelled", async () => {
    const report = await jsonReport();
    const renamed = report.findings.find((f: JsonFinding) => f.ruleId === "node-renamed");
    expect(renamed).toMatchObject({ severity: "risky", graph: "support desk", path: "nodes/review" });
    expect(renamed.meta).toMatchObject({ from: "review", to: "human_review", declared: true });
    expect(renamed.reasons).toContain("lowered to risky: the rename is declared in config renames");
    const added = report.findings.find((f: JsonFinding) => f.ruleId === "state-key-added");
    expect(added.severity).toBe("breaking");
    expect(added.reasons).toEqual([expect.stringMatching(/^severity set to breaking by config rules\.state-key-added \(was /)]);
    expect(report.findings.every((f: JsonFinding) => Array.isArray(f.reasons))).toBe(true);
  });

  it("carries every field of the finding, unchanged", async () => {
    const report = await jsonReport();
    const result = await diffSnapshots(loadSnapshot(join(dir, "langgraph-compat.snapshot.json")), extractProject({ projectDir: dir }), {
      config: JSON.parse(readFileSync(configPath, "utf8")),
    });
    expect(report.findings).toHaveLength(result.findings.length);
    result.findings.forEach((finding, i) => {
      const json = report.findings[i];
      for (const [key, value] of Object.entries(finding)) expect(json[key], `${finding.path} ${key}`).toEqual(JSON.parse(JSON.stringify(value)));
      expect(json.before).toEqual(finding.before ?? null);
      expect(json.after).toEqual(finding.after ?? null);
      expect(json.reasons).toEqual(finding.reasons ?? []);
    });
  });

  it("a stored report re-renders to the same text: message from the rule's message(meta)", async () => {
    const report = await jsonReport();
    for (const f of report.findings as JsonFinding[]) {
      const rule = getRule(f.ruleId);
      expect(rule, f.ruleId).toBeDefined();
      expect(f.message).toBe(rule?.message(f.meta));
      expect(f.fix).toBe(rule?.fix);
    }
    const text = await cli("check", "--project", dir, "--format", "text", "--fail-on", "never");
    expect(renderText(fromJson(report))).toBe(text.stdout);
  });

  it("the schema is strict: a finding without meta, reasons or a subject kind, or with an unknown field, is rejected", async () => {
    const report = await jsonReport();
    const first = report.findings[0];
    for (const broken of [
      { ...first, meta: undefined },
      { ...first, subject: undefined },
      { ...first, subject: { node: "review" } },
      { ...first, reasons: undefined },
      { ...first, colour: "red" },
      { ...first, fingerprint: "xyz" },
    ]) {
      expect(schemaErrors({ ...report, findings: [JSON.parse(JSON.stringify(broken))] })).not.toEqual([]);
    }
    expect(schemaErrors({ ...report, formatVersion: 1 })).not.toEqual([]);
  });

  it("the built binary prints a report that validates", () => {
    expect(existsSync(bin), "build first: npx tsc -b packages/cli").toBe(true);
    const run = spawnSync(process.execPath, [bin, "check", "--project", dir, "--format", "json"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1); // state-key-added raised to breaking by the config
    expect(schemaErrors(JSON.parse(run.stdout))).toEqual([]);
  });

  it("the schema is published as @langgraph-compat/diff/report.schema.json", () => {
    const resolved = createRequire(join(repo, "packages", "cli", "package.json")).resolve("@langgraph-compat/diff/report.schema.json");
    expect(JSON.parse(readFileSync(resolved, "utf8"))).toEqual(reportSchema);
    const pkg = JSON.parse(readFileSync(join(repo, "packages", "diff", "package.json"), "utf8"));
    expect(pkg.files).toContain("report.schema.json");
  });
});

describe("every rule's findings survive the JSON report", () => {
  const root = join(repo, "fixtures", "diff");
  const dirs = (path: string) => readdirSync(path, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  // One firing golden case per rule: its meta must round-trip through JSON and re-render the same message.
  const cases = dirs(root).map((rule) => ({ rule, name: dirs(join(root, rule)).find((n) => !n.endsWith("-ok")) ?? "" }));

  it.each(cases)("$rule/$name", async ({ rule, name }) => {
    const dir = join(root, rule, name);
    const result = await diffSnapshots(extractProject({ projectDir: join(dir, "before") }), extractProject({ projectDir: join(dir, "after") }), {
      now: new Date("2026-06-01T00:00:00Z"),
    });
    expect(result.findings.some((f) => f.ruleId === rule)).toBe(true);
    const stored = JSON.parse(JSON.stringify(toJsonReport(result)));
    expect(schemaErrors(stored)).toEqual([]);
    for (const f of stored.findings as JsonFinding[]) expect(f.message).toBe(getRule(f.ruleId)?.message(f.meta));
    expect(renderText(fromJson(stored))).toBe(renderText(result));
  });
});
