#!/usr/bin/env node
/**
 * Packs every package as it is published: `node scripts/pack.mjs [--out DIR]` (default `packs/`).
 *
 * `pnpm pack` alone makes tarballs whose `@langgraph-compat/*` dependencies name a version on the registry, so
 * npm installs them from a folder of tarballs only by luck of deduplication, and pnpm and yarn fail with a 404.
 * Each tarball here carries the packages of ours it needs as `bundleDependencies` (npm's standard field, which
 * npm, pnpm and yarn all install from the tarball and never fetch), and declares their third-party dependencies
 * and optional peers itself, so a package manager installs those beside it as usual. Every tarball installs
 * alone, from a file or from the registry, with any of the three.
 *
 * pnpm's own `pack` refuses `bundleDependencies` in an isolated workspace, so this stages each package: pnpm
 * packs every package (turning `workspace:*` into versions and applying `files`), the tarballs are unpacked, the
 * bundled packages are put under the staged package's `node_modules`, and npm packs the result.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const root = resolve(import.meta.dirname, "..");
const SCOPE = "@langgraph-compat/";
const { values } = parseArgs({ options: { out: { type: "string", default: join(root, "packs") } } });
const out = resolve(values.out);

const folders = readdirSync(join(root, "packages"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
const manifests = new Map(folders.map((folder) => [folder, JSON.parse(readFileSync(join(root, "packages", folder, "package.json"), "utf8"))]));
const folderOf = new Map([...manifests].map(([folder, m]) => [m.name, folder]));

/** The packages of ours `name` needs, directly or through another of ours. */
function ours(name, found = new Set()) {
  for (const dep of Object.keys(manifests.get(folderOf.get(name)).dependencies ?? {})) {
    if (folderOf.has(dep) && !found.has(dep)) {
      found.add(dep);
      ours(dep, found);
    }
  }
  return found;
}

const work = mkdtempSync(join(tmpdir(), "lgc-pack-"));
const plain = join(work, "plain");
mkdirSync(plain);
const unpacked = new Map();
for (const folder of folders) {
  const before = new Set(readdirSync(plain));
  execFileSync("npx", ["-y", "pnpm@10.34.8", "pack", "--pack-destination", plain], { cwd: join(root, "packages", folder), stdio: "ignore" });
  const tarball = readdirSync(plain).find((f) => !before.has(f));
  const dir = join(work, "unpacked", folder);
  mkdirSync(dir, { recursive: true });
  execFileSync("tar", ["xzf", join(plain, tarball), "-C", dir, "--strip-components=1"]);
  unpacked.set(manifests.get(folder).name, dir);
}

/** Adds `from`'s entries to `into`, refusing two different ranges for one package. */
function merge(into, from, owner) {
  for (const [name, range] of Object.entries(from ?? {})) {
    if (into[name] !== undefined && JSON.stringify(into[name]) !== JSON.stringify(range)) {
      throw new Error(`${owner} and a package it bundles ask for different ${name}: ${JSON.stringify(into[name])} and ${JSON.stringify(range)}`);
    }
    into[name] = range;
  }
  return into;
}

mkdirSync(out, { recursive: true });
for (const [name, dir] of unpacked) {
  const bundled = [...ours(name)].sort();
  const stage = join(work, "staged", folderOf.get(name));
  cpSync(dir, stage, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(stage, "package.json"), "utf8"));
  for (const dep of bundled) {
    const target = join(stage, "node_modules", dep);
    cpSync(unpacked.get(dep), target, { recursive: true });
    const theirs = JSON.parse(readFileSync(join(target, "package.json"), "utf8"));
    // A bundled package finds the others beside it; named as dependencies, yarn would look them up.
    theirs.dependencies = Object.fromEntries(Object.entries(theirs.dependencies ?? {}).filter(([n]) => !n.startsWith(SCOPE)));
    delete theirs.devDependencies;
    writeFileSync(join(target, "package.json"), `${JSON.stringify(theirs, null, 2)}\n`);
    const thirdParty = Object.fromEntries(Object.entries(theirs.dependencies ?? {}).filter(([n]) => !n.startsWith(SCOPE)));
    manifest.dependencies = merge(manifest.dependencies ?? {}, thirdParty, name);
    if (theirs.peerDependencies) manifest.peerDependencies = merge(manifest.peerDependencies ?? {}, theirs.peerDependencies, name);
    if (theirs.peerDependenciesMeta) manifest.peerDependenciesMeta = merge(manifest.peerDependenciesMeta ?? {}, theirs.peerDependenciesMeta, name);
    delete manifest.dependencies[dep];
  }
  if (bundled.length > 0) manifest.bundleDependencies = bundled;
  writeFileSync(join(stage, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const file = `${name.replace("@", "").replace("/", "-")}-${manifest.version}.tgz`;
  execFileSync("tar", ["czf", join(work, file), "--owner=0", "--group=0", "--transform", "s,^\\.,package,", "-C", stage, "."]);
  // Whole tarballs only: a run that fails halfway leaves the earlier ones, never a partial file.
  renameSync(join(work, file), join(out, file));
  console.log(join(out, file));
}
rmSync(work, { recursive: true, force: true });
