/**
 * Adoption, as a new user meets the tool: the packages packed as they are published (`pnpm run pack`, which
 * bundles the packages of ours each one needs), the CLI's tarball installed into a fresh project with npm, pnpm
 * and yarn, then `--version`, `snapshot`, `check`, `explain node-renamed` (the whole page, from the package) and
 * `check --help`. Nothing native is built, and the install stays small. Needs the build (the README's test
 * command builds first) and the npm registry for third-party packages.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

const root = join(import.meta.dirname, "..", "..", "..");
const MAX_MB = 45;
const version = JSON.parse(readFileSync(join(root, "packages", "cli", "package.json"), "utf8")).version;

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

/** How each package manager adds a tarball as a dev dependency (yarn 1 with a cache of its own: it caches by name and version). */
const INSTALL: Record<string, (tarball: string, project: string) => [string, string[]]> = {
  npm: (tarball) => ["npm", ["install", "--no-audit", "--no-fund", "--save-dev", tarball]],
  pnpm: (tarball) => ["npx", ["-y", "pnpm@10.34.8", "add", "--save-dev", tarball]],
  yarn: (tarball, project) => ["npx", ["-y", "yarn@1.22.22", "add", "--dev", "--cache-folder", join(project, ".yarn-cache"), `file:${tarball}`]],
};

let packs: string;
beforeAll(() => {
  packs = tempDir("lgc-adopt-packs-");
  execFileSync("node", [join(root, "scripts", "pack.mjs"), "--out", packs], { stdio: "ignore" });
}, 120_000);

describe("adoption from the packed tarballs", () => {
  it("packs every package, each installable alone", () => {
    const names = readdirSync(packs).sort();
    expect(names).toEqual(readdirSync(join(root, "packages")).map((p) => (p === "cli" ? `langgraph-compat-${version}.tgz` : `langgraph-compat-${p}-${version}.tgz`)).sort());
    for (const name of names) {
      const manifest = JSON.parse(execFileSync("tar", ["xzf", join(packs, name), "-O", "package/package.json"], { encoding: "utf8" }));
      // No package of ours is looked up on the registry: those it needs are inside its tarball.
      expect(Object.keys(manifest.dependencies ?? {}).filter((d) => d.startsWith("@langgraph-compat/"))).toEqual([]);
    }
  });

  it.each(Object.keys(INSTALL))("installs the CLI with %s without building anything, small, and runs", { timeout: 240_000 }, (manager) => {
    const project = tempDir(`lgc-adopt-${manager}-`);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "adopter", private: true }));
    const [command, args] = INSTALL[manager]!(join(packs, `langgraph-compat-${version}.tgz`), project);
    const install = spawnSync(command, args, { cwd: project, encoding: "utf8" });
    expect(install.status, install.stderr).toBe(0);
    expect(install.stderr).not.toMatch(/install-scripts|gyp/);
    const { bytes, native } = measure(join(project, "node_modules"));
    expect(native).toEqual([]);
    expect(bytes / 2 ** 20).toBeLessThan(MAX_MB);

    const bin = join(project, "node_modules", ".bin", "langgraph-compat");
    const run = (...args: string[]) => spawnSync(bin, args, { cwd: project, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(run("--version").stdout).toBe(`${version}\n`);
    cpSync(join(root, "examples", "support-desk", "v1"), project, { recursive: true });
    expect(run("snapshot").status).toBe(0);
    cpSync(join(root, "examples", "support-desk", "v2", "src"), join(project, "src"), { recursive: true });
    const check = run("check");
    expect(check.status).toBe(1);
    expect(check.stdout).toContain("node-renamed");
    expect(run("explain", "node-renamed").stdout).toBe(readFileSync(join(root, "docs", "rules", "node-renamed.md"), "utf8"));
    expect(run("explain", "--row", "2c").stdout).toContain("| 2c | rename, but keep old");
    expect(run("check", "--help").stdout).toMatch(/^usage: langgraph-compat check /);
  });

  it("installs the host alone with pnpm, the strictest layout, and it loads", { timeout: 120_000 }, () => {
    const project = tempDir("lgc-adopt-host-");
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "adopter", private: true, type: "module" }));
    const [command, args] = INSTALL.pnpm!(join(packs, `langgraph-compat-host-${version}.tgz`), project);
    const install = spawnSync(command, args, { cwd: project, encoding: "utf8" });
    expect(install.status, install.stderr).toBe(0);
    const load = spawnSync("node", ["--input-type=module", "-e", 'const m = await import("@langgraph-compat/host"); console.log(typeof m.GraphHost)'], { cwd: project, encoding: "utf8" });
    expect(load.stdout, load.stderr).toBe("function\n");
  });
});
