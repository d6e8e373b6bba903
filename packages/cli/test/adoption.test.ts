/**
 * Adoption, as a new user meets the tool: the packages packed as npm would publish them, installed from the
 * tarballs into a fresh project with npm, then `--version`, `snapshot`, `check`, `explain node-renamed` (the
 * whole page, from the package) and `check --help`. Nothing native is built, and the install stays small.
 * Needs the build (the README's test command builds first) and the npm registry for third-party packages.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

const root = join(import.meta.dirname, "..", "..", "..");
/** The packages a CLI user installs (not the ESLint plugin, which is installed on its own). */
const PACKAGES = ["snapshot", "extract", "diff", "runtime", "host", "cli"];
const MAX_MB = 45;

/** Total size of a directory tree, in bytes, and every file name ending in `.node` (native addons). */
function measure(dir: string, found = { bytes: 0, native: [] as string[] }) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) measure(path, found);
    else if (entry.isFile()) {
      found.bytes += statSync(path).size;
      if (entry.name.endsWith(".node")) found.native.push(path);
    }
  }
  return found;
}

describe("adoption from the packed tarballs", () => {
  it("installs with npm without building anything, small, and runs", { timeout: 240_000 }, () => {
    const packs = tempDir("lgc-adopt-packs-");
    for (const name of PACKAGES) {
      // pnpm packs as it publishes: `workspace:*` becomes the version.
      execFileSync("npx", ["-y", "pnpm@10.34.8", "pack", "--pack-destination", packs], { cwd: join(root, "packages", name), stdio: "ignore" });
    }
    const project = tempDir("lgc-adopt-");
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "adopter", private: true }));
    const tarballs = readdirSync(packs).map((f) => join(packs, f));
    expect(tarballs).toHaveLength(PACKAGES.length);
    const install = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--save-dev", ...tarballs], { cwd: project, encoding: "utf8" });
    expect(install.status, install.stderr).toBe(0);
    expect(install.stderr).not.toMatch(/install-scripts|gyp/);
    const { bytes, native } = measure(join(project, "node_modules"));
    expect(native).toEqual([]);
    expect(bytes / 2 ** 20).toBeLessThan(MAX_MB);

    const bin = join(project, "node_modules", ".bin", "langgraph-compat");
    const run = (...args: string[]) => spawnSync(bin, args, { cwd: project, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    const version = JSON.parse(readFileSync(join(root, "packages", "cli", "package.json"), "utf8")).version;
    expect(run("--version").stdout).toBe(`${version}\n`);
    cpSync(join(root, "examples", "support-desk", "v1"), project, { recursive: true });
    expect(run("snapshot").status).toBe(0);
    cpSync(join(root, "examples", "support-desk", "v2", "src"), join(project, "src"), { recursive: true });
    const check = run("check");
    expect(check.status).toBe(1);
    expect(check.stdout).toContain("node-renamed");
    expect(run("explain", "node-renamed").stdout).toBe(readFileSync(join(root, "docs", "rules", "node-renamed.md"), "utf8"));
    expect(run("check", "--help").stdout).toMatch(/^usage: langgraph-compat check /);
  });
});
