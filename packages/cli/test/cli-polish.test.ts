/**
 * The CLI's manners: --version, per-command --help, "did you mean" for commands and flags, a single-value
 * flag given twice, `-` for stdout, errors that name what is wrong, and a closed pipe as a clean exit.
 */
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./helpers.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

const root = join(import.meta.dirname, "..", "..", "..");
const version = JSON.parse(readFileSync(join(root, "packages", "cli", "package.json"), "utf8")).version;

describe("CLI manners", () => {
  it("prints its version, and each command's help", async () => {
    expect(await cli("--version")).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    expect((await cli("check", "--version")).stdout).toBe(`${version}\n`);
    const help = await cli("check", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: langgraph-compat check \[--project DIR\|GLOB\]\.\.\. /);
    expect(help.stdout).not.toMatch(/snapshot \[--project/);
    expect((await cli("help", "report")).stdout).toMatch(/^usage: langgraph-compat report /);
  });

  it("suggests the command or flag that was meant", async () => {
    expect(await cli("chek")).toMatchObject({ code: 2, stderr: 'langgraph-compat: unknown command "chek"; did you mean "check"?; see `langgraph-compat help`\n' });
    expect((await cli("check", "--fromat", "json")).stderr).toBe("langgraph-compat: check: Unknown option '--fromat'; did you mean --format?\n");
  });

  it("refuses a single-value flag given twice, and names a missing project", async () => {
    expect(await cli("check", "--snapshot", "a", "--snapshot", "b")).toMatchObject({ code: 2, stderr: "langgraph-compat: check: --snapshot was given twice; pass it once\n" });
    expect(await cli("check", "--project", "no-such-dir")).toMatchObject({ code: 2, stderr: "langgraph-compat: check: --project no-such-dir: no such project directory\n" });
  });

  it("writes the snapshot to stdout for --out -", async () => {
    const dir = tempDir("lgc-polish-");
    cpSync(join(root, "examples", "support-desk", "v1"), dir, { recursive: true });
    const { code, stdout, stderr } = await cli("snapshot", "--project", dir, "--out", "-");
    expect(code).toBe(0);
    expect(JSON.parse(stdout).formatVersion).toBe(1);
    expect(stderr).toMatch(/^support desk: 7 nodes/);
  });

  it("ends cleanly when the reader of its output goes away", () => {
    const bin = join(root, "packages", "cli", "dist", "bin.js");
    const r = spawnSync("bash", ["-c", `"${process.execPath}" "${bin}" rules | head -1; echo "exit \${PIPESTATUS[0]}"`], { encoding: "utf8" });
    expect(r.stdout).toMatch(/^branch-added .*\nexit 0\n$/);
    expect(r.stderr).toBe("");
  });

  it("explains a row of the semantics table the findings cite, from the package's copy", async () => {
    const row = await cli("explain", "--row", "2c");
    expect(row.code).toBe(0);
    expect(row.stdout).toMatch(/^\| # \| change/);
    expect(row.stdout).toMatch(/\n\| 2c \| rename, but keep old `ask` registered/);
    expect((await cli("explain", "--row", "10e")).stdout).toContain("| 10d/10e |");
    expect((await cli("explain", "--row", "15b")).stdout).toContain("| 15a–c |");
    expect(await cli("explain", "--row", "99z")).toMatchObject({ code: 2, stderr: 'langgraph-compat: explain: no row "99z" in the semantics table; rows look like 1a, 2c, 10d\n' });
  });

  it("lists the catalogue from the package's rules.json, the same as the analyzer's", async () => {
    const { listRules } = await import("@langgraph-compat/diff");
    const listed = JSON.parse((await cli("rules", "--format", "json")).stdout).rules;
    expect(listed).toEqual(JSON.parse(JSON.stringify(listRules())));
    expect(await cli("explain", "node-renamd")).toMatchObject({ code: 2, stderr: 'langgraph-compat: explain: unknown rule "node-renamd"; did you mean "node-renamed"?\n' });
  });

  it("init writes the first snapshot and a config with its schema, leaves both alone the second time, and prints the setup", async () => {
    const dir = tempDir("lgc-init-");
    cpSync(join(root, "examples", "support-desk", "v1"), dir, { recursive: true });
    const first = await cli("init", "--project", dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("wrote " + join(dir, "langgraph-compat.snapshot.json"));
    expect(first.stdout).toMatch(/langgraphCompat\.configs\.recommended/);
    expect(first.stdout).toMatch(/langgraph-compat check --format github/);
    const { parseConfig } = await import("@langgraph-compat/diff");
    const config = JSON.parse(readFileSync(join(dir, "langgraph-compat.config.json"), "utf8"));
    expect(config.$schema).toMatch(/config\.schema\.json$/);
    expect(() => parseConfig(config)).not.toThrow();
    expect((await cli("check", "--project", dir)).code).toBe(0);
    const again = await cli("init", "--project", dir);
    expect(again.stdout).toMatch(/langgraph-compat\.snapshot\.json exists: left as it is/);
    expect(again.stdout).toMatch(/langgraph-compat\.config\.json exists: left as it is/);
  });
});
