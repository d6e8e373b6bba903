/** better-sqlite3 is an optional peer: the runtime loads without it, and SqliteSaver says what to install. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

describe("the SQLite saver's native addon", () => {
  it("is an optional peer dependency, not a dependency", () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8"));
    expect(pkg.dependencies?.["better-sqlite3"]).toBeUndefined();
    expect(pkg.peerDependencies?.["better-sqlite3"]).toBe("^12.0.0");
    expect(pkg.peerDependenciesMeta?.["better-sqlite3"]?.optional).toBe(true);
  });

  it("is loaded only when a SqliteSaver is made, with one clear line when missing", () => {
    const source = readFileSync(join(import.meta.dirname, "..", "src", "sqlite-saver.ts"), "utf8");
    expect(source).not.toMatch(/^import (?!type )[^\n]*"better-sqlite3"/m);
    expect(source).toContain("SqliteSaver needs the optional package better-sqlite3 12.x: npm install better-sqlite3@12");
  });
});
