import { execFileSync } from "node:child_process";
import { cpSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { listRules } from "@langgraph-compat/diff";
import { tempDir } from "../../../test-helpers/temp-dirs.js";
import { cli } from "./helpers.js";

const repo = join(import.meta.dirname, "..", "..", "..");
const example = join(repo, "examples", "support-desk");

/** A project dir holding v1's snapshot and v2's sources: what a PR that changes the graph looks like. */
async function pullRequest(): Promise<string> {
  const dir = tempDir("lgc-check-");
  cpSync(join(example, "v1"), dir, { recursive: true });
  expect((await cli("snapshot", "--project", dir)).code).toBe(0);
  rmSync(join(dir, "src"), { recursive: true });
  cpSync(join(example, "v2", "src"), join(dir, "src"), { recursive: true });
  return dir;
}

describe("langgraph-compat check", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await pullRequest();
  });

  it("fails on the breaking rename of a paused node and reports risky and safe changes too", async () => {
    const result = await cli("check", "--project", dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/graph support desk/);
    expect(result.stdout).toMatch(/BREAKING \(1\)\n\s+node-renamed\s+nodes\/review/);
    expect(result.stdout).toMatch(/RISKY \(1\)\n\s+state-key-added\s+state\/priority/);
    expect(result.stdout).toMatch(/SAFE/);
    expect(result.stdout).toMatch(/why: /);
    expect(result.stdout).toMatch(/fix: /);
  });

  it("prints the documented JSON shape", async () => {
    const result = await cli("check", "--project", dir, "--format", "json");
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(["formatVersion", "findings", "summary"]);
    expect(report.formatVersion).toBe(2);
    expect(report.summary).toEqual({ breaking: 1, risky: 1, safe: expect.any(Number) });
    const renamed = report.findings.find((f: { ruleId: string }) => f.ruleId === "node-renamed");
    // The full shape is checked against report.schema.json in json-report.test.ts.
    expect(Object.keys(renamed)).toEqual(expect.arrayContaining(["ruleId", "severity", "graph", "path", "message", "fix", "meta", "reasons", "before", "after", "fingerprint"]));
    expect(renamed).toMatchObject({ severity: "breaking", graph: "support desk", path: "nodes/review" });
    expect(renamed.message).toMatch(/human_review/);
  });

  it("honours --fail-on", async () => {
    expect((await cli("check", "--project", dir, "--fail-on", "never")).code).toBe(0);
    expect((await cli("check", "--project", dir, "--fail-on", "risky")).code).toBe(1);
  });

  it("exits 0 when the code matches its snapshot", async () => {
    const same = tempDir("lgc-same-");
    cpSync(join(example, "v1"), same, { recursive: true });
    await cli("snapshot", "--project", same);
    const result = await cli("check", "--project", same, "--fail-on", "risky");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/0 breaking, 0 risky, 0 safe/);
  });

  it("applies the project's config: a declared rename keeps the finding and says why it was lowered", async () => {
    const configured = await pullRequest();
    // v2 renames `review` to `human_review`; declaring it is the user vouching that no thread is lost.
    writeFileSync(join(configured, "langgraph-compat.config.json"), JSON.stringify({ renames: { nodes: { "support desk": { review: "human_review" } } } }));
    const text = await cli("check", "--project", configured);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/0 breaking, 2 risky, \d+ safe/);
    expect(text.stdout).not.toMatch(/BREAKING/);
    const renamed = /RISKY \(2\)\n(?:.*\n)*?\s+node-renamed\s+nodes\/review[^\n]*\n((?:\s{6}\S[^\n]*\n)+)/.exec(text.stdout);
    expect(renamed, text.stdout).not.toBeNull();
    expect(renamed![1]).toMatch(/why: node "review" was renamed to "human_review" \(declared in config\)/);
    expect(renamed![1]).toContain("note: lowered to risky: the rename is declared in config renames\n");
    const report = JSON.parse((await cli("check", "--project", configured, "--format", "json")).stdout);
    const findings = report.findings.filter((f: { ruleId: string }) => f.ruleId === "node-renamed");
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "risky", path: "nodes/review", meta: { from: "review", to: "human_review", declared: true } });
    expect(findings[0].reasons).toEqual(["lowered to risky: the rename is declared in config renames"]);
    expect(report.summary.breaking).toBe(0);
  });
});

describe("check input errors: exit 2 with one line", () => {
  async function expectUsageError(args: string[], pattern: RegExp) {
    const result = await cli(...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
  }

  it("a missing snapshot", async () => {
    const dir = tempDir("lgc-nosnap-");
    cpSync(join(example, "v1"), dir, { recursive: true });
    await expectUsageError(["check", "--project", dir], /no such file; create it with `langgraph-compat snapshot`/);
  });

  it("a corrupt snapshot", async () => {
    const dir = await pullRequest();
    writeFileSync(join(dir, "langgraph-compat.snapshot.json"), "{ not json");
    await expectUsageError(["check", "--project", dir], /not valid JSON/);
  });

  it("a snapshot that fails the schema", async () => {
    const dir = await pullRequest();
    writeFileSync(join(dir, "langgraph-compat.snapshot.json"), JSON.stringify({ formatVersion: 1, graphs: { g: { id: 3 } } }));
    await expectUsageError(["check", "--project", dir], /invalid snapshot at \/graphs\/g/);
  });

  it("a snapshot from a newer format", async () => {
    const dir = await pullRequest();
    writeFileSync(join(dir, "langgraph-compat.snapshot.json"), JSON.stringify({ formatVersion: 2, graphs: {} }));
    await expectUsageError(["check", "--project", dir], /format 2 is newer than this tool reads \(1\); upgrade langgraph-compat/);
  });

  it("a config with an unknown rule id", async () => {
    const dir = await pullRequest();
    writeFileSync(join(dir, "langgraph-compat.config.json"), JSON.stringify({ rules: { "no-such-rule": "safe" } }));
    await expectUsageError(["check", "--project", dir], /no-such-rule/);
  });

  it("bad flag values", async () => {
    await expectUsageError(["check", "--format", "xml"], /--format must be one of text, json/);
    await expectUsageError(["check", "--fail-on", "sometimes"], /--fail-on must be one of breaking, risky, stale, never/);
  });
});

describe("rules and explain", () => {
  it("rules lists the whole catalogue, as text and as JSON", async () => {
    const text = await cli("rules");
    expect(text.code).toBe(0);
    for (const rule of listRules()) expect(text.stdout).toContain(rule.id);
    const json = JSON.parse((await cli("rules", "--format", "json")).stdout);
    expect(json.rules.map((r: { id: string }) => r.id)).toEqual(listRules().map((r) => r.id));
  });

  it("explain prints the rule's docs page", async () => {
    const result = await cli("explain", "node-removed");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# node-removed/);
    expect(result.stdout).toMatch(/## How to ship it safely/);
  });

  it("explain suggests the closest id for a typo", async () => {
    const result = await cli("explain", "node-remove");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/did you mean "node-removed"\?/);
  });
});

describe("check --against-ref", () => {
  it("diffs the working tree against the project as committed at a git ref", async () => {
    const repoDir = tempDir("lgc-git-");
    const project = join(repoDir, "apps", "desk");
    cpSync(join(example, "v1"), project, { recursive: true });
    const git = (...args: string[]) => execFileSync("git", ["-C", repoDir, ...args], { stdio: "pipe" });
    git("init", "-q");
    git("-c", "user.email=ci@example.com", "-c", "user.name=ci", "add", ".");
    git("-c", "user.email=ci@example.com", "-c", "user.name=ci", "commit", "-qm", "v1");
    rmSync(join(project, "src"), { recursive: true });
    cpSync(join(example, "v2", "src"), join(project, "src"), { recursive: true });
    const result = await cli("check", "--project", project, "--against-ref", "HEAD", "--format", "json");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === "node-renamed")).toMatchObject({ severity: "breaking", path: "nodes/review" });
  });

  it("reports an unknown ref or a directory outside git in one line", async () => {
    const outside = tempDir("lgc-nogit-");
    cpSync(join(example, "v1"), outside, { recursive: true });
    const result = await cli("check", "--project", outside, "--against-ref", "HEAD");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^langgraph-compat: .*not in a git repository/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("refuses --snapshot together with --against-ref", async () => {
    const result = await cli("check", "--snapshot", "x.json", "--against-ref", "main");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/alternatives/);
  });
});
