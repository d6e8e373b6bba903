import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSnapshot } from "@langgraph-compat/snapshot";
import { cli } from "./helpers.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

const repo = join(import.meta.dirname, "..", "..", "..");
const example = join(repo, "examples", "support-desk", "v1");
const fixtures = join(repo, "fixtures", "extract");

function copy(dir: string): string {
  const target = tempDir("lgc-cli-");
  cpSync(dir, target, { recursive: true });
  return target;
}

describe("langgraph-compat snapshot", () => {
  it("writes DIR/langgraph-compat.snapshot.json and prints a summary per graph", async () => {
    const dir = copy(example);
    const result = await cli("snapshot", "--project", dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^support desk: 7 nodes, 2 pause points, \d+ channels, 0 unresolved$/m);
    const snapshot = loadSnapshot(join(dir, "langgraph-compat.snapshot.json"));
    expect(Object.keys(snapshot.graphs)).toEqual(["support desk"]);
  });

  it("writes to --out and leaves no temporary files behind", async () => {
    const dir = copy(example);
    const out = join(dir, "nested", "out.json");
    expect((await cli("snapshot", "--project", dir, "--out", out)).code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(readdirSync(join(dir, "nested"))).toEqual(["out.json"]);
  });

  it.each(readdirSync(fixtures).filter((name) => name.startsWith("error-")))(
    "%s: exit 2, one line, no stack, and the previous snapshot is kept",
    async (name) => {
      const dir = copy(join(fixtures, name));
      const out = join(dir, "langgraph-compat.snapshot.json");
      writeFileSync(out, "previous good snapshot");
      const result = await cli("snapshot", "--project", dir);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      const lines = result.stderr.trim().split("\n");
      // "No graphs found" is one message listing what was looked at, one indented line per item.
      if (name === "error-no-graphs") expect(lines.slice(1).every((line) => line.startsWith("  "))).toBe(true);
      else expect(lines).toHaveLength(1);
      expect(result.stderr).toMatch(/^langgraph-compat: /);
      expect(result.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
      expect(readFileSync(out, "utf8")).toBe("previous good snapshot");
    },
  );

  it("reports a missing project directory", async () => {
    const result = await cli("snapshot", "--project", join(tmpdir(), "does-not-exist-lgc"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no such project directory/);
  });
});

describe("usage errors", () => {
  it("rejects unknown flags with one line and exit 2", async () => {
    const result = await cli("snapshot", "--nope");
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/--nope/);
  });

  it("rejects unknown commands", async () => {
    const result = await cli("frobnicate");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it("prints help", async () => {
    const result = await cli("help");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/usage: langgraph-compat/);
  });
});

describe("the built binary", () => {
  const bin = join(repo, "packages", "cli", "dist", "bin.js");

  it("runs as `langgraph-compat` with the documented exit codes", () => {
    expect(existsSync(bin), "build first: the README's test command does").toBe(true);
    const dir = copy(example);
    const out = execFileSync(process.execPath, [bin, "snapshot", "--project", dir], { encoding: "utf8" });
    expect(out).toMatch(/support desk: 7 nodes/);
    const bad = spawnSync(process.execPath, [bin, "snapshot", "--project", join(fixtures, "error-syntax")], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("langgraph-compat: src/graph.ts:4:33: syntax error: ')' expected.\n");
  });
});
