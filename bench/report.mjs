#!/usr/bin/env node
// Benchmark (issue 11): `langgraph-compat report` against `langgraph-compat check` on the same project, as
// separate processes, interleaved, median wall time of N runs. Target: report / check <= 1.5.
//
// A benchmark prints; it never asserts. Exit code is 0 unless the script itself is misused.
//
//   node bench/report.mjs [--project DIR] [--runs 3]
//
// Without --project it generates the ~2,000-file project of bench/extract.mjs (and leaves it in /tmp).

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { benchProject } from "./bench-project.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "packages/cli/dist/bin.js");
const { values: flags } = parseArgs({ options: { project: { type: "string" }, runs: { type: "string", default: "3" } } });
const RUNS = Number(flags.runs);

const project = () => benchProject(flags.project);

function time(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status === 2 || r.status === 3) throw new Error(`${args[0]} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (!existsSync(CLI)) {
  console.log("report bench: build first (pnpm run setup)");
} else {
  const dir = project();
  if (!existsSync(join(dir, "langgraph-compat.snapshot.json"))) spawnSync(process.execPath, [CLI, "snapshot", "--project", dir]);
  const out = join(mkdtempSync(join(tmpdir(), "lgc-report-bench-")), "report.html");
  const check = [];
  const report = [];
  for (let i = 0; i < RUNS; i++) {
    check.push(time(["check", "--project", dir, "--fail-on", "never"]));
    report.push(time(["report", "--project", dir, "--out", out]));
  }
  const c = median(check);
  const r = median(report);
  console.log(`report bench: ${dir}, median of ${RUNS} run(s), wall time`);
  console.log(`  check:  ${(c / 1000).toFixed(2)} s`);
  console.log(`  report: ${(r / 1000).toFixed(2)} s`);
  console.log(`  ratio report/check ${(r / c).toFixed(2)} (target <= 1.5)`);
}
