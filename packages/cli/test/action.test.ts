/**
 * The composite Action (`action.yml` at the repo root), run as GitHub would run its `run` steps: in a temp git
 * repository with two commits (the bundled example's v1, then v2), with `${{ … }}` expressions replaced by
 * their values and GITHUB_ENV / GITHUB_OUTPUT files. GitHub itself is not reachable here, so the steps that
 * `uses:` another action (setup-node, upload-artifact) are not run, the install step is replaced by the
 * built CLI, and the comment step is skipped, as it is without a token.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

const root = join(import.meta.dirname, "..", "..", "..");
const CLI = join(root, "packages", "cli", "dist", "bin.js");

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}
const action = parse(readFileSync(join(root, "action.yml"), "utf8")) as { inputs: Record<string, { default?: string }>; runs: { using: string; steps: Step[] } };

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", ["-C", cwd, "-c", "user.email=ci@example.com", "-c", "user.name=ci", ...args], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

/** A repository whose HEAD is v2 of the example and whose HEAD~1 is v1. */
function repository(): { repo: string; base: string } {
  const repo = tempDir("lgc-action-repo-");
  git(repo, "init", "-q", "-b", "main");
  cpSync(join(root, "examples", "support-desk", "v1"), join(repo, "agent"), { recursive: true });
  git(repo, "add", ".");
  git(repo, "commit", "-q", "-m", "v1");
  const base = git(repo, "rev-parse", "HEAD");
  cpSync(join(root, "examples", "support-desk", "v2", "src"), join(repo, "agent", "src"), { recursive: true });
  git(repo, "add", ".");
  git(repo, "commit", "-q", "-m", "v2");
  return { repo, base };
}

/** Run the Action's `run` steps; returns the last step's exit code and everything printed. */
function runAction(repo: string, inputs: Record<string, string>): { code: number; log: string; temp: string } {
  const temp = tempDir("lgc-action-runner-");
  const values: Record<string, string> = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, String(v.default ?? "")])), ...inputs };
  const envFile = join(temp, "github_env");
  const outFile = join(temp, "github_output");
  writeFileSync(envFile, "");
  writeFileSync(outFile, "");
  // The install step, as it would leave things: $LGC runs the tool.
  const shim = join(temp, "langgraph-compat");
  writeFileSync(shim, `#!/usr/bin/env bash\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(shim, 0o755);
  let log = "";
  let code = 0;
  for (const step of action.runs.steps) {
    if (step.uses !== undefined || step.run === undefined) continue;
    if (step.name === "Install langgraph-compat") continue;
    if (step.if?.includes("inputs.github-token") && values["github-token"] === "") continue;
    const outputs = Object.fromEntries(readFileSync(outFile, "utf8").split("\n").filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)));
    const expand = (text: string) =>
      text
        .replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => values[name] ?? "")
        .replace(/\$\{\{\s*steps\.check\.outputs\.exit-code\s*\}\}/g, () => outputs["exit-code"] ?? "");
    const env = { ...process.env, LGC: shim, RUNNER_TEMP: temp, GITHUB_ENV: envFile, GITHUB_OUTPUT: outFile, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)])) };
    const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", expand(step.run)], { cwd: repo, env, encoding: "utf8" });
    // Colour codes stripped: under CI=true (as on GitHub's runners) picocolors colours the text report.
    log += (r.stdout + r.stderr).replace(/\u001b\[[0-9;]*m/g, "");
    code = r.status ?? 1;
    if (code !== 0) break;
  }
  return { code, log, temp };
}

describe("action.yml", () => {
  it("is a composite action whose inputs the steps use", () => {
    expect(action.runs.using).toBe("composite");
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(["project", "base-ref", "fail-on", "github-token", "sarif-file", "report-file"]));
    expect(action.runs.steps.map((s) => s.uses ?? s.name)).toEqual(expect.arrayContaining(["actions/setup-node@v4", "actions/upload-artifact@v4"]));
  });

  it("annotates, writes SARIF, the comment and the report, and fails on the breaking rename", () => {
    const { repo, base } = repository();
    const { code, log, temp } = runAction(repo, { project: "agent", "base-ref": base });
    expect(code).toBe(1);
    expect(log).toMatch(/^::error file=agent\/src\/graph\.ts,line=38,col=4,title=langgraph-compat breaking%3A node-renamed/m);
    expect(log).toContain("BREAKING (1)");
    const sarif = JSON.parse(readFileSync(join(repo, "langgraph-compat.sarif"), "utf8"));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("agent/src/graph.ts");
    expect(readFileSync(join(temp, "langgraph-compat-comment.md"), "utf8")).toMatch(/^<!-- langgraph-compat:report -->/);
    expect(readFileSync(join(repo, "langgraph-compat-report.html"), "utf8")).toContain("<svg");
    expect(log).toContain("langgraph-compat check exited with 1");
  });

  it("passes with fail-on never, and names the fix when the base is missing from a shallow clone", () => {
    const { repo, base } = repository();
    expect(runAction(repo, { project: "agent", "base-ref": base, "fail-on": "never" }).code).toBe(0);
    const shallow = tempDir("lgc-action-shallow-");
    spawnSync("git", ["clone", "-q", "--depth", "1", `file://${repo}`, shallow]);
    expect(existsSync(join(shallow, "agent"))).toBe(true);
    const missing = runAction(shallow, { project: "agent", "base-ref": base });
    expect(missing.code).toBe(2);
    expect(missing.log).toMatch(/this clone is shallow.*fetch-depth: 0/);
  });
});
