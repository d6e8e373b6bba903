/**
 * Version ids from content: a version is its sources' hash plus the user's label (`v2@3f9c2a1b0d4e`), so the
 * same code deployed from two processes, or redeployed after an undo, is one version.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const SKIPPED = new Set(["node_modules", "dist", ".git", ".turbo", "coverage"]);

function filesBelow(path: string, found: string[]): void {
  if (!statSync(path).isDirectory()) {
    found.push(path);
    return;
  }
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || SKIPPED.has(entry.name)) continue;
    filesBelow(join(path, entry.name), found);
  }
}

/** The deepest folder holding every one of `paths` (a folder itself when it is the only one). */
function commonRoot(paths: string[]): string {
  const dirs = paths.map((p) => resolve(p)).map((p) => (statSync(p).isDirectory() ? p : dirname(p)));
  let root = dirs[0] ?? process.cwd();
  while (!dirs.every((d) => d === root || d.startsWith(root.endsWith(sep) ? root : root + sep))) root = dirname(root);
  return root;
}

/**
 * SHA-256 (hex) of the files at `paths` (folders are walked, skipping node_modules, dist and hidden entries):
 * each file's path relative to `root` (by default the deepest folder holding them all, so the hash does not
 * depend on where the process starts) and its bytes, in path order, so renames count and order does not.
 */
export function sourceHash(paths: string[], root = commonRoot(paths)): string {
  const files: string[] = [];
  for (const path of paths) filesBelow(path, files);
  const hash = createHash("sha256");
  for (const file of [...new Set(files)].map((f) => ({ f, rel: relative(root, f).split(sep).join("/") })).sort((a, b) => (a.rel < b.rel ? -1 : 1))) {
    hash.update(`${file.rel}\0`).update(readFileSync(file.f)).update("\0");
  }
  return hash.digest("hex");
}

/** `label@` and the first 12 hex digits of `hash`. */
export const versionId = (label: string, hash: string): string => `${label}@${hash.slice(0, 12)}`;
