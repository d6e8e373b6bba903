// The ~2,000-file synthetic project the extraction, ESLint and report benchmarks share.
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** `given` when a project was named (--project), else a fresh one from `bench/extract.mjs --keep`, left in /tmp. */
export function benchProject(given) {
  if (given) return resolve(given);
  const out = spawnSync(process.execPath, [join(ROOT, "bench/extract.mjs"), "--runs", "1", "--keep"], { encoding: "utf8" });
  const kept = /kept (\S+)/.exec(out.stdout)?.[1];
  if (!kept) throw new Error(`bench/extract.mjs did not keep its project:\n${out.stdout}${out.stderr}`);
  return join(kept, "app");
}
