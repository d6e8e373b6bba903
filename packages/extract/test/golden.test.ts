import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isUserError, parseSnapshot, serializeSnapshot } from "@langgraph-compat/snapshot";
import { extractProject } from "@langgraph-compat/extract";

/*
 * Second layer of the extract goldens: the exact bytes of `expected.snapshot.json` (or the one-line user
 * error in `expected.error.txt`). The hand-written `claims.json` (claims.test.ts) is what states the facts;
 * these files catch any other change. Nothing here is written in a normal run: regenerate named cases with
 * `UPDATE_GOLDEN=<case>[,<case>] npx vitest run packages/extract/test/golden.test.ts`, never under CI.
 */

const root = join(import.meta.dirname, "..", "..", "..", "fixtures", "extract");
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** Cases named in UPDATE_GOLDEN: only these may be rewritten. */
const toUpdate = new Set(
  (process.env.UPDATE_GOLDEN ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== ""),
);
const inCI = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false";

/** Extract and serialize, or return the one-line error a user would see. */
function run(dir: string): { text?: string; error?: string } {
  try {
    return { text: serializeSnapshot(extractProject({ projectDir: dir })) };
  } catch (error) {
    if (isUserError(error)) return { error: `${error.code}: ${error.message.replaceAll(dir, "<project>")}` };
    throw error;
  }
}

/** Compare `actual` with the file's bytes, or write it when the case is named in UPDATE_GOLDEN. */
function expectFile(name: string, file: string, actual: string): void {
  if (toUpdate.has(name) && !inCI) {
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`${file} is missing; write it with UPDATE_GOLDEN=${name}`);
  expect(actual, `${name}: differs from ${file}; if the change is intended, UPDATE_GOLDEN=${name}`).toBe(readFileSync(file, "utf8"));
}

describe("extract golden fixtures (regenerate with UPDATE_GOLDEN=<case>)", () => {
  it("has fixtures", () => expect(cases.length).toBeGreaterThan(10));

  it("UPDATE_GOLDEN names existing cases and is never set under CI", () => {
    if (toUpdate.size > 0) expect(inCI, "UPDATE_GOLDEN is not allowed when CI is set").toBe(false);
    for (const name of toUpdate) expect(cases, `UPDATE_GOLDEN names unknown case "${name}"`).toContain(name);
  });

  for (const name of cases) {
    const dir = join(root, name);
    it(name, () => {
      const result = run(dir);
      const errorFile = join(dir, "expected.error.txt");
      const snapshotFile = join(dir, "expected.snapshot.json");
      // Whether a case is an error case is declared by hand (expected.error.txt exists), never inferred.
      if (existsSync(errorFile)) {
        expect(existsSync(snapshotFile), `${name}: an error case has no expected.snapshot.json`).toBe(false);
        expect(result.error, `${name} is declared an error case but extracted`).toBeDefined();
        expectFile(name, errorFile, `${result.error}\n`);
        return;
      }
      expect(result.error, `${name} is a good case but failed to extract`).toBeUndefined();
      // Every golden is a valid snapshot by the published JSON Schema.
      expect(() => parseSnapshot(JSON.parse(result.text!), name)).not.toThrow();
      expectFile(name, snapshotFile, result.text!);
    });
  }
});

describe("determinism", () => {
  it("gives the same bytes twice and whatever order the files were written in", () => {
    for (const name of cases.filter((c) => !existsSync(join(root, c, "expected.error.txt")))) {
      const dir = join(root, name);
      const first = run(dir).text;
      expect(first, `${name} extracts`).toBeDefined();
      expect(run(dir).text).toBe(first);
      const copy = mkdtempSync(join(tmpdir(), "lgc-order-"));
      try {
        const files = readdirSync(dir, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => join(entry.parentPath, entry.name))
          .reverse();
        for (const file of files) cpSync(file, join(copy, file.slice(dir.length)), { recursive: true });
        expect(run(copy).text, name).toBe(first);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    }
  });

  it("never writes absolute paths into a snapshot", () => {
    for (const name of cases) {
      const file = join(root, name, "expected.snapshot.json");
      if (existsSync(file)) expect(readFileSync(file, "utf8")).not.toContain(root);
    }
  });
});
