import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isUserError, parseSnapshot, serializeSnapshot } from "@langgraph-compat/snapshot";
import { extractProject } from "@langgraph-compat/extract";

const root = join(import.meta.dirname, "..", "..", "..", "fixtures", "extract");
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** Extract and serialize, or return the one-line error a user would see. */
function run(dir: string): { text?: string; error?: string } {
  try {
    return { text: serializeSnapshot(extractProject({ projectDir: dir })) };
  } catch (error) {
    if (isUserError(error)) return { error: `${error.code}: ${error.message.replaceAll(dir, "<project>")}` };
    throw error;
  }
}

describe("extract golden fixtures (update with `vitest -u`)", () => {
  it("has fixtures", () => expect(cases.length).toBeGreaterThan(10));

  for (const name of cases) {
    const dir = join(root, name);
    it(name, async () => {
      const result = run(dir);
      if (existsSync(join(dir, "expected.error.txt")) || result.error !== undefined) {
        expect(result.text).toBeUndefined();
        await expect(`${result.error}\n`).toMatchFileSnapshot(join(dir, "expected.error.txt"));
        return;
      }
      // Every golden is a valid snapshot by the published JSON Schema.
      expect(() => parseSnapshot(JSON.parse(result.text!), name)).not.toThrow();
      await expect(result.text).toMatchFileSnapshot(join(dir, "expected.snapshot.json"));
    });
  }
});

describe("determinism", () => {
  it("gives the same bytes twice and whatever order the files were written in", () => {
    for (const name of cases.filter((c) => !existsSync(join(root, c, "expected.error.txt")))) {
      const dir = join(root, name);
      const first = run(dir).text;
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
