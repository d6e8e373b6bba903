/**
 * Monorepos: a run from the root of an open-swe-shaped workspace (fixtures/monorepo/open-swe-shaped) reads each
 * app with a `langgraph.json` in its own folder, writes each app's snapshot beside it, and reports exactly what
 * runs in the apps' folders report, with graph ids and paths namespaced by folder.
 */
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../../test-helpers/temp-dirs.js";
import { cli } from "./helpers.js";

const fixture = join(import.meta.dirname, "..", "..", "..", "fixtures", "monorepo", "open-swe-shaped");
const APPS = ["apps/agent", "apps/reviewer"];

/** The CLI run with `dir` as the working directory. */
async function cliIn(dir: string, ...argv: string[]) {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await cli(...argv);
  } finally {
    process.chdir(before);
  }
}

function copy(): string {
  const dir = tempDir("lgc-mono-");
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

/** v2 of the fixture: a node the agent's planner pauses in is renamed, and the shared state gains a key. */
function change(dir: string) {
  const planner = join(dir, "apps/agent/src/graphs/planner.ts");
  writeFileSync(planner, readFileSync(planner, "utf8").replaceAll('"approve-plan"', '"human-approval"'));
  const state = join(dir, "packages/shared/src/state.ts");
  writeFileSync(state, readFileSync(state, "utf8").replace("  approved: Annotation<boolean>,", "  approved: Annotation<boolean>,\n  priority: Annotation<number>,"));
}

type JsonFinding = { ruleId: string; severity: string; graph: string; path: string; fingerprint: string; before?: { file: string }; after?: { file: string } };

/** The findings of `check --format json` run in each app's folder, namespaced as a root run names them. */
async function perFolderFindings(dir: string, ...flags: string[]): Promise<JsonFinding[]> {
  const all: JsonFinding[] = [];
  for (const app of APPS) {
    const { stdout } = await cliIn(join(dir, app), "check", "--format", "json", "--include-safe", ...flags);
    for (const f of JSON.parse(stdout).findings as JsonFinding[]) {
      const at = (loc?: { file: string }) => (loc ? { ...loc, file: `${app}/${loc.file}` } : loc);
      all.push({ ...f, graph: `${app}:${f.graph}`, before: at(f.before), after: at(f.after) });
    }
  }
  return sortFindings(all);
}

const sortFindings = (findings: JsonFinding[]) => [...findings].sort((a, b) => `${a.graph} ${a.path} ${a.ruleId}`.localeCompare(`${b.graph} ${b.path} ${b.ruleId}`));
const rootFindings = async (dir: string, ...flags: string[]) =>
  sortFindings(JSON.parse((await cliIn(dir, "check", "--format", "json", "--include-safe", ...flags)).stdout).findings);

describe("a monorepo run from the root", () => {
  it("writes each app's snapshot beside its langgraph.json, byte-identical to a run in the app's folder", async () => {
    const fromRoot = copy();
    const { code, stdout } = await cliIn(fromRoot, "snapshot");
    expect(code).toBe(0);
    // Graph ids collide across the apps (`planner`) and stay apart, namespaced by folder.
    expect(stdout).toContain("apps/agent:planner: 2 nodes, 1 pause points, 4 channels, 0 unresolved");
    expect(stdout).toContain("apps/reviewer:planner: 1 nodes, 1 pause points, 4 channels, 0 unresolved");
    expect(stdout).not.toContain("apps/web");
    const inFolders = copy();
    for (const app of APPS) expect((await cliIn(join(inFolders, app), "snapshot")).code).toBe(0);
    for (const app of APPS) {
      const file = join(app, "langgraph-compat.snapshot.json");
      expect(readFileSync(join(fromRoot, file), "utf8")).toBe(readFileSync(join(inFolders, file), "utf8"));
    }
  });

  it("finds exactly what runs in each app's folder find, with the same fingerprints", async () => {
    const dir = copy();
    await cliIn(dir, "snapshot");
    change(dir);
    const expected = await perFolderFindings(dir);
    expect(expected.filter((f) => f.severity === "breaking").map((f) => `${f.graph} ${f.ruleId} ${f.after?.file}`)).toEqual([
      "apps/agent:planner node-renamed apps/agent/src/graphs/planner.ts",
    ]);
    expect(expected.filter((f) => f.ruleId === "state-key-added").map((f) => f.graph)).toEqual(["apps/agent:planner", "apps/agent:programmer", "apps/reviewer:planner"]);
    expect(await rootFindings(dir)).toEqual(expected);
    // The same from a glob, and from the folders named one by one.
    expect(await rootFindings(dir, "--project", "apps/*")).toEqual(expected);
    expect(await rootFindings(dir, "--project", "apps/agent", "--project", "apps/reviewer")).toEqual(expected);
    const text = await cliIn(dir, "check");
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("node-renamed  nodes/approve-plan  (apps/agent/src/graphs/planner.ts:7:4)");
  });

  it("finds the same apps from a pnpm workspace", async () => {
    const dir = copy();
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "acme", private: true }));
    writeFileSync(join(dir, "pnpm-workspace.yaml"), "packages:\n  - apps/*\n  - packages/*\n");
    await cliIn(dir, "snapshot");
    change(dir);
    expect(await rootFindings(dir)).toEqual(await perFolderFindings(dir));
  });

  it("checks against a git ref from one checkout, an app added since having no graphs there", async () => {
    const dir = copy();
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: dir, stdio: "ignore" });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "v1");
    change(dir);
    mkdirSync(join(dir, "apps/triage/src"), { recursive: true });
    cpSync(join(dir, "apps/reviewer/src/graph.ts"), join(dir, "apps/triage/src/graph.ts"));
    writeFileSync(join(dir, "apps/triage/langgraph.json"), JSON.stringify({ graphs: { triage: "./src/graph.ts:graph" } }));
    const found = await rootFindings(dir, "--against-ref", "HEAD");
    expect(found.filter((f) => f.graph === "apps/triage:triage").map((f) => f.ruleId)).toEqual(["graph-added"]);
    const others = found.filter((f) => f.graph !== "apps/triage:triage");
    expect(others).toEqual(await perFolderFindings(dir, "--against-ref", "HEAD"));
  });

  it("draws every app on one report page", async () => {
    const dir = copy();
    await cliIn(dir, "snapshot");
    change(dir);
    const { code, stdout } = await cliIn(dir, "report", "--out", "report.html");
    expect(code).toBe(0);
    expect(stdout).toBe("wrote report.html: 1 breaking, 3 risky, 0 safe\n");
    const html = readFileSync(join(dir, "report.html"), "utf8");
    for (const id of ["apps/agent:planner", "apps/agent:programmer", "apps/reviewer:planner"]) expect(html).toContain(id);
  });

  it("refuses, in one line, what names one project's files when there are several, and a glob that finds none", async () => {
    const dir = copy();
    expect(await cliIn(dir, "snapshot", "--out", "x.json")).toMatchObject({
      code: 2,
      stderr: "langgraph-compat: snapshot: --out names one project's files, and this run covers 2 projects (apps/agent, apps/reviewer); pass --project with one of them\n",
    });
    expect((await cliIn(dir, "check", "--project", "apps/*", "--graph", "src/graph.ts:graph")).stderr).toMatch(/^langgraph-compat: check: --graph names one project's files/);
    expect(await cliIn(dir, "check", "--project", "packages/*")).toMatchObject({
      code: 2,
      stderr: "langgraph-compat: check: --project packages/*: matches no folder with a langgraph.json\n",
    });
    // An app without a snapshot yet is named, and nothing is written for the others.
    rmSync(join(dir, "apps/reviewer/langgraph-compat.snapshot.json"), { force: true });
    await cliIn(join(dir, "apps/agent"), "snapshot");
    const missing = await cliIn(dir, "check");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("apps/reviewer/langgraph-compat.snapshot.json");
  });

  it("applies a config at the root to every app without one of its own", async () => {
    const dir = copy();
    await cliIn(dir, "snapshot");
    change(dir);
    writeFileSync(join(dir, "langgraph-compat.config.json"), JSON.stringify({ rules: { "state-key-added": "breaking" } }));
    writeFileSync(join(dir, "apps/reviewer/langgraph-compat.config.json"), JSON.stringify({}));
    const found = await rootFindings(dir);
    const levels = found.filter((f) => f.ruleId === "state-key-added").map((f) => `${f.graph} ${f.severity}`);
    expect(levels).toEqual(["apps/agent:planner breaking", "apps/agent:programmer breaking", "apps/reviewer:planner risky"]);
  });

  it("takes the folder itself as the project when --graph names its graphs", async () => {
    const dir = copy();
    const { code, stdout } = await cliIn(dir, "snapshot", "--graph", "apps/reviewer/src/graph.ts:graph", "--out", "-");
    expect(code).toBe(0);
    expect(Object.keys(JSON.parse(stdout).graphs)).toEqual(["graph"]);
  });
});
