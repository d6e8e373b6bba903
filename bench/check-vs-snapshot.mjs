#!/usr/bin/env node
// Benchmark (issue 9, "Speed on real code"): `check` against `snapshot` on real LangGraph.js apps.
//
// Both commands extract the project once; `check` then diffs the result against a snapshot file. So the
// ratio check/snapshot is the cost of the diff (type comparisons above all) on top of extraction.
// Target: check / snapshot <= 1.3 on every app.
//
// Two kinds of case:
//   self   `check` against the project's own snapshot (taken at the same commit). Every graph is extracted
//          and diffed, but nothing changed, so it measures the floor.
//   pair   (--pairs) a corpus pair (bench/corpus/*.json): the project at `before` is snapshotted once, then
//          `snapshot` of `after` is timed against `check` of `after` with `--snapshot <before's snapshot>`.
//          This is `check --against-ref <before>` minus the second extraction: the diff sees real type
//          changes between two commits.
// The two commands of one case run in turn (snapshot, check, snapshot, check, ...), and the ratio is the
// median of the per-run ratios, so a machine that slows down during the run moves both sides alike.
//
// Projects come from local clones in --src (see bench/corpus/README.md): by default every corpus repo
// clone found there, at its HEAD, in each project dir its corpus pairs name (skipped when absent at HEAD).
// --project DIR (repeatable) times those directories instead, as they are on disk. Trees are read from git
// with `git archive` into a temporary directory, so the clones are never touched.
//
// A benchmark prints; it never asserts. Exit code is 0 unless the script itself is misused (2).
//
//   node bench/check-vs-snapshot.mjs [--src DIR] [--project DIR]... [--pairs] [--only PREFIX]...
//                                    [--runs 3] [--timeout SEC] [--cli FILE]

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CORPUS = join(ROOT, "bench/corpus");
const TARGET = 1.3;

function usageError(message) {
  process.stderr.write(`check-vs-snapshot: ${message}\n`);
  process.exit(2);
}

let flags;
try {
  ({ values: flags } = parseArgs({
    options: {
      src: { type: "string", default: "/work/corpus-src" },
      project: { type: "string", multiple: true, default: [] },
      pairs: { type: "boolean", default: false },
      only: { type: "string", multiple: true, default: [] },
      runs: { type: "string", default: "3" },
      timeout: { type: "string", default: "300" },
      cli: { type: "string", default: join(ROOT, "packages/cli/dist/bin.js") },
    },
  }));
} catch (error) {
  usageError(error.message);
}
const RUNS = Number(flags.runs);
const TIMEOUT_MS = Number(flags.timeout) * 1000;
if (!(Number.isInteger(RUNS) && RUNS > 0)) usageError(`--runs must be a positive integer, got "${flags.runs}"`);
if (!(TIMEOUT_MS > 0)) usageError(`--timeout must be a positive number of seconds, got "${flags.timeout}"`);
if (!existsSync(flags.cli)) usageError(`CLI not built: ${flags.cli} is missing (run: npx tsc -b packages/cli)`);

const git = (dir, args) => execFileSync("git", ["-C", dir, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** Every corpus file's repo and pairs. */
function loadCorpus() {
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(CORPUS, f), "utf8")));
}

/** The clone of `repo` in --src, or undefined. */
function cloneDir(repo) {
  const dir = join(resolve(flags.src), repo.replace("/", "+"));
  return existsSync(join(dir, ".git")) || existsSync(join(dir, "HEAD")) ? dir : undefined;
}

/** Unpacks the repository at `rev` into a new directory under `tmp`; undefined when git cannot. */
function unpack(clone, rev, tmp, name) {
  const tree = join(tmp, name);
  mkdirSync(tree, { recursive: true });
  const tar = join(tmp, `${name}.tar`);
  try {
    git(clone, ["archive", "--format=tar", `--output=${tar}`, rev]);
  } catch {
    return undefined;
  }
  const untar = spawnSync("tar", ["-x", "-f", tar, "-C", tree]);
  rmSync(tar, { force: true });
  return untar.status === 0 ? tree : undefined;
}

// CPU seconds (user + system) of the child, read by GNU time when it is there: on a shared machine wall
// time mostly measures the neighbours. Without it, wall seconds.
const GNU_TIME = "/usr/bin/time";
const CPU = existsSync(GNU_TIME);

/** Runs the CLI, timed from outside: seconds (CPU when available, else wall), first stderr line on failure. */
function runCli(args, tmp) {
  const cpuFile = join(tmp, "cpu.txt");
  const command = CPU ? [GNU_TIME, "-f", "%U %S", "-o", cpuFile, process.execPath, flags.cli, ...args] : [process.execPath, flags.cli, ...args];
  const start = process.hrtime.bigint();
  const run = spawnSync(command[0], command.slice(1), { timeout: TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const error = run.error ? run.error.message : run.status !== 0 ? (run.stderr.trim().split("\n").at(-1) ?? `exit ${run.status}`) : undefined;
  let seconds = wall;
  if (CPU && !error) {
    const [user, system] = readFileSync(cpuFile, "utf8").trim().split("\n").at(-1).split(" ").map(Number);
    seconds = user + system;
  }
  return { seconds, wall, error, stdout: run.stdout };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Times `snapshot` of `project` against `check` of it with `--snapshot against` (its own snapshot when
 * `against` is undefined), RUNS times in turn. Returns the medians and the median per-run ratio.
 */
function timeCase(project, against, tmp) {
  const own = join(tmp, "own.snapshot.json");
  const snapshot = [];
  const check = [];
  let findings;
  for (let i = 0; i < RUNS; i++) {
    const s = runCli(["snapshot", "--project", project, "--out", own], tmp);
    if (s.error) return { error: `snapshot: ${s.error}` };
    const c = runCli(["check", "--project", project, "--snapshot", against ?? own, "--format", "json", "--fail-on", "never"], tmp);
    if (c.error) return { error: `check: ${c.error}` };
    snapshot.push(s.seconds);
    check.push(c.seconds);
    try {
      findings = JSON.parse(c.stdout).findings.length;
    } catch {
      return { error: "check: output is not a JSON report" };
    }
  }
  return { snapshot: median(snapshot), check: median(check), ratio: median(check.map((c, i) => c / snapshot[i])), findings };
}

/** The cases to time: explicit --project dirs, else HEAD of every corpus clone (and its pairs with --pairs). */
function cases() {
  if (flags.project.length > 0) return flags.project.map((p) => ({ name: p, dir: resolve(p) }));
  const out = [];
  for (const doc of loadCorpus()) {
    const clone = cloneDir(doc.repo);
    if (!clone) continue;
    const name = doc.repo.split("/")[1];
    const projects = [...new Set(doc.pairs.map((p) => p.project))];
    if (flags.only.length === 0 || flags.only.some((o) => name.startsWith(o) || `${name}@HEAD`.startsWith(o))) {
      for (const project of projects) out.push({ name: `${name}@HEAD${project === "." ? "" : `:${project}`}`, clone, rev: "HEAD", project });
    }
    if (!flags.pairs) continue;
    for (const pair of doc.pairs) {
      if (flags.only.length > 0 && !flags.only.some((o) => pair.id.startsWith(o))) continue;
      out.push({ name: pair.id, clone, rev: pair.after, before: pair.before, project: pair.project });
    }
  }
  return out;
}

function runCase(c) {
  if (c.dir) {
    const tmp = mkdtempSync(join(tmpdir(), "lgc-cvs-"));
    try {
      return timeCase(c.dir, undefined, tmp);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  const tmp = mkdtempSync(join(tmpdir(), "lgc-cvs-"));
  try {
    const after = unpack(c.clone, c.rev, tmp, "after");
    if (!after) return { skipped: `cannot read ${c.rev}` };
    const project = join(after, c.project);
    if (!existsSync(project)) return { skipped: `no ${c.project} at ${c.rev}` };
    let against;
    if (c.before) {
      const before = unpack(c.clone, c.before, tmp, "before");
      if (!before || !existsSync(join(before, c.project))) return { skipped: `no ${c.project} at ${c.before}` };
      against = join(tmp, "before.snapshot.json");
      const s = runCli(["snapshot", "--project", join(before, c.project), "--out", against], tmp);
      if (s.error) return { skipped: `snapshot of before: ${s.error}` };
    }
    return timeCase(project, against, tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const all = cases();
if (all.length === 0) usageError(`nothing to time: no corpus clone in ${flags.src} (or none matches --only)`);
console.log(`check vs snapshot: ${all.length} case(s), median of ${RUNS} run(s) each, ${CPU ? "CPU (user+sys)" : "wall"} seconds, target check/snapshot <= ${TARGET}`);
console.log(`${"case".padEnd(44)} ${"snapshot s".padStart(10)} ${"check s".padStart(9)} ${"ratio".padStart(6)} findings`);
const ratios = [];
for (const c of all) {
  const r = runCase(c);
  if (r.skipped || r.error) {
    console.log(`${c.name.padEnd(44)} ${r.skipped ? "skipped" : "FAILED"}: ${r.skipped ?? r.error}`);
    continue;
  }
  ratios.push({ name: c.name, ratio: r.ratio });
  const mark = r.ratio > TARGET ? "  <- above target" : "";
  console.log(`${c.name.padEnd(44)} ${r.snapshot.toFixed(2).padStart(10)} ${r.check.toFixed(2).padStart(9)} ${r.ratio.toFixed(2).padStart(6)} ${String(r.findings).padStart(8)}${mark}`);
}
if (ratios.length > 0) {
  const worst = ratios.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const over = ratios.filter((r) => r.ratio > TARGET).length;
  console.log(`worst ratio ${worst.ratio.toFixed(2)} (${worst.name}); ${over} of ${ratios.length} above ${TARGET}`);
}
