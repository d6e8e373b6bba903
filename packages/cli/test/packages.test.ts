/**
 * Every package is publishable: licence (MIT, with its LICENSE file), engines, repository, description,
 * keywords, and a README that stands alone on npm, with an example.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const packages = join(import.meta.dirname, "..", "..");

describe("package metadata", () => {
  for (const name of readdirSync(packages).filter((n) => existsSync(join(packages, n, "package.json")))) {
    it(`${name}: licence, engines, repository, description, keywords, a README with an example`, () => {
      const pkg = JSON.parse(readFileSync(join(packages, name, "package.json"), "utf8"));
      expect(pkg.license).toBe("MIT");
      expect(readFileSync(join(packages, name, "LICENSE"), "utf8")).toMatch(/^MIT License/);
      expect(pkg.engines?.node).toMatch(/^>=20/);
      expect(pkg.repository?.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
      expect(pkg.repository?.directory).toBe(`packages/${name}`);
      expect(pkg.description?.length).toBeGreaterThan(30);
      expect(pkg.keywords).toContain("langgraph");
      const readme = readFileSync(join(packages, name, "README.md"), "utf8");
      expect(readme).toMatch(/```/);
      expect(readme).not.toMatch(/repository README/i);
      // Source and declaration maps point into src/, so it ships with dist/.
      expect(pkg.files).toEqual(expect.arrayContaining(["dist", "src"]));
    });
  }
});
