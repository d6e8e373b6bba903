#!/usr/bin/env node
// Benchmark (issue 12): how long the CLI takes to answer the commands that read no project (`rules`,
// `explain node-renamed`, `--help`, `--version`), as a ratio to `node -e 0` in the same run. Separate
// processes, interleaved, median wall time of N runs. Target: each <= 0.2 s.
//
// A benchmark prints; it never asserts. Exit code is 0 unless the script itself is misused.
//
//   node bench/startup.mjs [--runs 11]

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "packages/cli/dist/bin.js");
const { values: flags } = parseArgs({ options: { runs: { type: "string", default: "11" } } });
const RUNS = Number(flags.runs);

const CASES = { "node -e 0": ["-e", "0"], rules: [CLI, "rules"], "explain node-renamed": [CLI, "explain", "node-renamed"], "--help": [CLI, "--help"], "--version": [CLI, "--version"] };

function time(args) {
  const t0 = process.hrtime.bigint();
  spawnSync(process.execPath, args, { stdio: "ignore" });
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

if (!existsSync(CLI)) {
  console.log("startup bench: build first (pnpm run setup)");
} else {
  const times = Object.fromEntries(Object.keys(CASES).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) for (const [name, args] of Object.entries(CASES)) times[name].push(time(args));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = median(times["node -e 0"]);
  console.log(`startup bench: median of ${RUNS} run(s), wall time`);
  for (const [name, xs] of Object.entries(times)) {
    const m = median(xs);
    console.log(`  ${name.padEnd(22)} ${(m / 1000).toFixed(3)} s  ${(m / base).toFixed(2)}x node -e 0${name === "node -e 0" ? "" : m <= 200 ? "" : "  (over 0.2 s)"}`);
  }
}
