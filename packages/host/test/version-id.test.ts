/** Version ids from content: the same sources give one id wherever the process starts; a change or rename gives another. */
import { cpSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sourceHash, versionId } from "../src/index.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

function project(): string {
  const dir = tempDir("lgc-version-id-");
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src", "graph.ts"), "export const graph = 1;\n");
  writeFileSync(join(dir, "langgraph.json"), "{}\n");
  return dir;
}

describe("sourceHash and versionId", () => {
  it("depend on the sources only: not on the working directory, the folder's place, node_modules or dist", () => {
    const a = project();
    const before = process.cwd();
    const here = sourceHash([a]);
    try {
      process.chdir(join(a, "src"));
      expect(sourceHash([a])).toBe(here);
    } finally {
      process.chdir(before);
    }
    const b = tempDir("lgc-version-id-copy-");
    cpSync(a, b, { recursive: true });
    mkdirSync(join(b, "node_modules"));
    writeFileSync(join(b, "node_modules", "x.js"), "1");
    mkdirSync(join(b, "dist"));
    writeFileSync(join(b, "dist", "graph.js"), "1");
    expect(sourceHash([b])).toBe(here);
    expect(versionId("v2", here)).toBe(`v2@${here.slice(0, 12)}`);
  });

  it("change with an edit or a rename", () => {
    const a = project();
    const first = sourceHash([a]);
    writeFileSync(join(a, "src", "graph.ts"), "export const graph = 2;\n");
    const edited = sourceHash([a]);
    expect(edited).not.toBe(first);
    renameSync(join(a, "src", "graph.ts"), join(a, "src", "main.ts"));
    expect(sourceHash([a])).not.toBe(edited);
  });
});
