/**
 * `check`'s CI formats on the bundled example's v1 -> v2: golden files for every format (regenerate with
 * `UPDATE_GOLDEN=formats npx vitest run packages/cli/test/formats.test.ts`, never under CI), SARIF validated
 * against the official SARIF 2.1.0 schema, JUnit read by a strict XML parser; `--output`, `--include-safe`
 * and `--fail-on stale`; names from user code escaped.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import Ajv from "ajv-draft-04";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { serializeSnapshot } from "@langgraph-compat/snapshot";
import { extractProject } from "@langgraph-compat/extract";
import { listRules } from "@langgraph-compat/diff";
import { cli } from "./helpers.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

const root = join(import.meta.dirname, "..", "..", "..");
const goldens = join(root, "fixtures", "formats");
const update = process.env.UPDATE_GOLDEN?.split(",").includes("formats") && !process.env.CI;

/** The demo's pull request: v1 snapshotted, v2's sources over it (outside git: paths are project-relative). */
function demo(): string {
  const dir = tempDir("lgc-formats-");
  cpSync(join(root, "examples", "support-desk", "v1"), dir, { recursive: true });
  writeFileSync(join(dir, "langgraph-compat.snapshot.json"), serializeSnapshot(extractProject({ projectDir: dir })));
  cpSync(join(root, "examples", "support-desk", "v2", "src"), join(dir, "src"), { recursive: true });
  return dir;
}

function golden(name: string, actual: string): void {
  const file = join(goldens, name);
  if (update) writeFileSync(file, actual);
  expect(existsSync(file), `${file} is missing; UPDATE_GOLDEN=formats`).toBe(true);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

const sarifSchema = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));

describe("check --format", () => {
  const dir = demo();
  const ext = { text: "txt", json: "json", sarif: "sarif", junit: "xml", github: "txt", gitlab: "json", markdown: "md" } as const;
  for (const format of Object.keys(ext) as Array<keyof typeof ext>) {
    it(`${format}: golden output, exit 1 for the breaking rename`, async () => {
      const { code, stdout } = await cli("check", "--project", dir, "--format", format);
      expect(code).toBe(1);
      golden(`support-desk.${format}.${ext[format]}`, stdout.replaceAll(dir, "<project>"));
    });
  }

  it("text: coloured through picocolors with FORCE_COLOR, plain with NO_COLOR or into a file", () => {
    const bin = join(root, "packages", "cli", "dist", "bin.js");
    const run = (env: Record<string, string>) => {
      const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !["FORCE_COLOR", "NO_COLOR", "CI"].includes(k)));
      return spawnSync(process.execPath, [bin, "check", "--project", dir], { env: { ...clean, ...env }, encoding: "utf8" }).stdout;
    };
    expect(run({ FORCE_COLOR: "1" })).toContain("\u001b[31mBREAKING\u001b[39m");
    expect(run({ NO_COLOR: "1" })).not.toContain("\u001b[");
  });

  it("html: golden output (the page report writes)", async () => {
    const out = join(tempDir("lgc-formats-html-"), "r.html");
    expect((await cli("report", "--project", dir, "--out", out)).code).toBe(0);
    golden("support-desk.report.html", readFileSync(out, "utf8"));
  });

  it("sarif: valid against the SARIF 2.1.0 schema, one rule per catalogue rule, fingerprints and levels", async () => {
    const { stdout } = await cli("check", "--project", dir, "--format", "sarif", "--include-safe");
    const log = JSON.parse(stdout);
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(sarifSchema);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(listRules().map((r) => r.id));
    for (const rule of run.tool.driver.rules) expect(rule.helpUri).toMatch(/^https:\/\/unpkg\.com\/langgraph-compat@[\d.]+\/docs\/rules\/[a-z-]+\.md$/);
    expect(run.results.map((r: { level: string }) => r.level).sort()).toEqual(["error", "note", "note", "warning"]);
    for (const r of run.results) expect(r.partialFingerprints["langgraphCompat/v1"]).toMatch(/^[0-9a-f]{16}$/);
  });

  it("junit: well-formed, a suite per graph with a case per rule, the failures are the breaking and risky rules", async () => {
    const { stdout } = await cli("check", "--project", dir, "--format", "junit");
    expect(XMLValidator.validate(stdout)).toBe(true);
    const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "testsuite" || name === "testcase" }).parse(stdout);
    const [suite] = xml.testsuites.testsuite;
    expect(suite["@_name"]).toBe("graph support desk");
    expect(suite.testcase).toHaveLength(listRules().length);
    const failed = suite.testcase.filter((c: { failure?: unknown }) => c.failure !== undefined);
    expect(failed.map((c: { "@_name": string; failure: { "@_type": string } }) => [c["@_name"], c.failure["@_type"]])).toEqual([
      ["node-renamed", "breaking"],
      ["state-key-added", "risky"],
    ]);
  });

  it("--output writes each FORMAT=FILE whole, FILE replaces stdout, - is stdout; mistakes are usage errors", async () => {
    const out = tempDir("lgc-formats-out-");
    const many = await cli("check", "--project", dir, "--output", `sarif=${join(out, "a.sarif")}`, "--output", `markdown=${join(out, "c.md")}`);
    expect(many.stdout).toContain("node-renamed");
    expect(JSON.parse(readFileSync(join(out, "a.sarif"), "utf8")).version).toBe("2.1.0");
    expect(readFileSync(join(out, "c.md"), "utf8")).toMatch(/^<!-- langgraph-compat:report -->\n/);
    const bare = await cli("check", "--project", dir, "--format", "json", "--output", join(out, "r.json"), "--output", "github=-");
    expect(JSON.parse(readFileSync(join(out, "r.json"), "utf8")).summary.breaking).toBe(1);
    expect(bare.stdout).toMatch(/^::error file=src\/graph\.ts,line=38,col=4,/);
    expect((await cli("check", "--project", dir, "--output", "yaml=x.yml")).stderr).toMatch(/unknown format "yaml"/);
    expect((await cli("check", "--project", dir, "--output", "a.txt", "--output", "b.txt")).stderr).toMatch(/--output FILE may be given once/);
    const dirAsFile = await cli("check", "--project", dir, "--output", `sarif=${out}`);
    expect([dirAsFile.code, dirAsFile.stderr.trim().split("\n").length]).toEqual([2, 1]);
  });

  it("--fail-on stale fails on any difference from the committed snapshot, safe ones included", async () => {
    const same = tempDir("lgc-formats-stale-");
    cpSync(join(root, "examples", "support-desk", "v1"), same, { recursive: true });
    writeFileSync(join(same, "langgraph-compat.snapshot.json"), serializeSnapshot(extractProject({ projectDir: same })));
    expect((await cli("check", "--project", same, "--fail-on", "stale")).code).toBe(0);
    // A safe change only (a node's body): breaking would pass, stale does not.
    const nodes = join(same, "src", "graph.ts");
    writeFileSync(nodes, readFileSync(nodes, "utf8").replace("Ticket ${state.ticketId} escalated", "Escalated ${state.ticketId}"));
    expect((await cli("check", "--project", same)).code).toBe(0);
    const stale = await cli("check", "--project", same, "--fail-on", "stale");
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/stale: run `langgraph-compat snapshot` and commit/);
  });
});

describe("names from user code", () => {
  it("stay text in Markdown and workflow commands", async () => {
    const dir = tempDir("lgc-formats-xss-");
    cpSync(join(root, "examples", "support-desk", "v1"), dir, { recursive: true });
    writeFileSync(join(dir, "langgraph-compat.snapshot.json"), serializeSnapshot(extractProject({ projectDir: dir })));
    const steps = join(dir, "src", "steps.ts");
    writeFileSync(steps, readFileSync(steps, "utf8").replace('Review = "review"', 'Review = "<img src=x onerror=alert(1)>|**x**"'));
    const md = (await cli("check", "--project", dir, "--format", "markdown")).stdout;
    expect(md).not.toContain("<img");
    expect(md).toContain("&lt;img src=x onerror=alert(1)&gt;\\|\\*\\*x\\*\\*");
    const gh = (await cli("check", "--project", dir, "--format", "github")).stdout;
    expect(gh.split("\n").filter((l) => l.startsWith("::")).every((l) => !l.slice(2).includes("\n"))).toBe(true);
  });
});
