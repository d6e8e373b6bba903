import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "./helpers.js";

const repo = join(import.meta.dirname, "..", "..", "..");
const example = join(repo, "examples", "support-desk", "v1");
const bin = join(repo, "packages", "cli", "dist", "bin.js");

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "lgc-usererr-"));
  temps.push(dir);
  cpSync(example, dir, { recursive: true });
  return dir;
}

/** Every file and folder under `dir`, recursively, sorted: to prove a failed command wrote nothing. */
const tree = (dir: string) => (readdirSync(dir, { recursive: true }) as string[]).sort();

/** A user error: exit 2, nothing on stdout, exactly one line on stderr, no stack trace. */
function expectUserError(result: { code: number; stdout: string; stderr: string }): string {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(/^langgraph-compat: [^\n]+\n$/);
  expect(result.stderr).not.toMatch(/internal error|\bat .*:\d+:\d+/);
  return result.stderr;
}

describe("snapshot --out", () => {
  it("naming an existing directory is a user error, and nothing is written in it or beside it", async () => {
    const dir = project();
    const outDir = join(dir, "out");
    mkdirSync(outDir);
    const before = tree(dir);
    const stderr = expectUserError(await cli("snapshot", "--project", dir, "--out", outDir));
    expect(stderr).toBe(
      `langgraph-compat: snapshot: --out ${outDir} is a directory; name the file, e.g. --out ${join(outDir, "langgraph-compat.snapshot.json")}\n`,
    );
    expect(tree(dir)).toEqual(before);
  });

  it("a path ending in a slash names a directory too, even one that does not exist yet", async () => {
    const dir = project();
    const before = tree(dir);
    expectUserError(await cli("snapshot", "--project", dir, "--out", `${join(dir, "new")}/`));
    expect(tree(dir)).toEqual(before);
  });

  it("`--out /tmp`-like: a directory whose parent we must not write into", async () => {
    // The reported bug: `--out /tmp` put a temporary file into `/`. Here the parent is a scratch dir we watch.
    const parent = mkdtempSync(join(tmpdir(), "lgc-parent-"));
    temps.push(parent);
    const target = join(parent, "tmp");
    mkdirSync(target);
    expectUserError(await cli("snapshot", "--project", project(), "--out", target));
    expect(tree(parent)).toEqual(["tmp"]);
  });

  it("a parent that is a file is a user error naming the path, and leaves no temporary file", async () => {
    const dir = project();
    writeFileSync(join(dir, "plain"), "a file, not a folder");
    const before = tree(dir);
    const out = join(dir, "plain", "snap.json");
    const stderr = expectUserError(await cli("snapshot", "--project", dir, "--out", out));
    expect(stderr).toBe(`langgraph-compat: cannot write ${out}: a parent is not a directory\n`);
    expect(tree(dir)).toEqual(before);
  });

  it("the built binary exits 2 with one line", () => {
    expect(existsSync(bin), "build first: npx tsc -b packages/cli").toBe(true);
    const dir = project();
    const run = spawnSync(process.execPath, [bin, "snapshot", "--project", dir, "--out", dir], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^langgraph-compat: snapshot: --out .* is a directory; [^\n]*\n$/);
  });
});

describe("rule ids in the config are catalogue ids only", () => {
  let dir: string;
  beforeAll(async () => {
    dir = project();
    expect((await cli("snapshot", "--project", dir)).code).toBe(0);
  });

  /** Run `check` with `config` (JSON text, so `__proto__` stays an own key) in its own file. */
  async function checkWith(configText: string) {
    const file = join(dir, `config-${temps.length}-${Math.random().toString(16).slice(2)}.json`);
    writeFileSync(file, configText);
    return { file, result: await cli("check", "--project", dir, "--config", file) };
  }

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf"])(
    "rules.%s is rejected: exit 2, one line naming the file and the id",
    async (id) => {
      const { file, result } = await checkWith(`{ "rules": { ${JSON.stringify(id)}: "off" } }`);
      const stderr = expectUserError(result);
      expect(stderr).toContain(`${file}: rules: unknown rule id ${JSON.stringify(id)}`);
    },
  );

  it.each(["constructor", "__proto__", "toString"])("ignore[].ruleId %s is rejected", async (id) => {
    const { file, result } = await checkWith(JSON.stringify({ ignore: [{ ruleId: id, path: "nodes/*", reason: "r" }] }));
    expect(expectUserError(result)).toContain(`${file}: ignore[0]: unknown rule id ${JSON.stringify(id)}`);
  });

  it("a near miss suggests the catalogue id", async () => {
    const { file, result } = await checkWith(JSON.stringify({ rules: { "node-remove": "risky" } }));
    expect(expectUserError(result)).toBe(`langgraph-compat: ${file}: rules: unknown rule id "node-remove"; did you mean "node-removed"?\n`);
  });

  it("a real id is still accepted", async () => {
    const { result } = await checkWith(JSON.stringify({ rules: { "node-removed": "risky" }, ignore: [{ ruleId: "node-added", path: "*", reason: "r" }] }));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});
