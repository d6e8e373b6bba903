#!/usr/bin/env node
// Real-history corpus (issue 9): runs `check --against-ref` on commit pairs of public LangGraph.js apps
// and compares the worst severity with the label a person gave by reading the diff against
// docs/semantics.md.
//
// The corpus is metadata only (bench/corpus/<owner>+<name>.json). The apps' code comes from local
// clones in --src DIR, one per repository, named <owner>+<name> (see bench/corpus/README.md).
// For each pair a detached worktree of `after` is made in a temporary directory, the built CLI checks
// the pair's project against `before`, and the worktree is removed again. Nothing of the apps is run:
// the CLI only reads their source.
//
// Per pair it prints one of
//   exact        the worst severity equals the label
//   false-safe   the tool is lower than the label (a real danger under-reported)
//   false-alarm  the tool is higher than the label
//   crash        exit code >= 2, a timeout, or output that is not a JSON report
//   missing      the clone or a commit is not there (not counted in the percentages)
// then totals with percentages. Targets (issue 9): >= 90% exact, 0 false-safe, 0 crashes.
// A measurement prints; it exits 0 whatever the figures, 2 on a usage or corpus-file error.
//
//   node bench/corpus/run.mjs [--src DIR] [--only ID]... [--json] [--timeout SEC] [--cli FILE]

import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const RANK = { safe: 0, risky: 1, breaking: 2 };
const SHA = /^[0-9a-f]{7,40}$/;

/** Prints one line and exits 2: the corpus or the flags are wrong, not the tool. */
function usageError(message) {
  process.stderr.write(`corpus: ${message}\n`);
  process.exit(2);
}

let flags;
try {
  ({ values: flags } = parseArgs({
    options: {
      src: { type: "string", default: "/work/corpus-src" },
      only: { type: "string", multiple: true, default: [] },
      json: { type: "boolean", default: false },
      timeout: { type: "string", default: "300" },
      cli: { type: "string", default: join(ROOT, "packages/cli/dist/bin.js") },
    },
  }));
} catch (error) {
  usageError(error.message);
}
const TIMEOUT_MS = Number(flags.timeout) * 1000;
if (!(TIMEOUT_MS > 0)) usageError(`--timeout must be a positive number of seconds, got "${flags.timeout}"`);
if (!existsSync(flags.cli)) usageError(`CLI not built: ${flags.cli} is missing (run: npx tsc -b packages/cli)`);

/**
 * Reads and checks every corpus file; a malformed pair is a usage error, so a typo never reads as a
 * tool failure.
 */
function loadCorpus() {
  const pairs = [];
  const ids = new Set();
  for (const file of readdirSync(HERE).filter((f) => f.endsWith(".json")).sort()) {
    let doc;
    try {
      doc = JSON.parse(readFileSync(join(HERE, file), "utf8"));
    } catch (error) {
      usageError(`${file}: not JSON (${error.message})`);
    }
    if (typeof doc.repo !== "string" || !/^[\w.-]+\/[\w.-]+$/.test(doc.repo)) usageError(`${file}: "repo" must be "owner/name"`);
    if (!Array.isArray(doc.pairs)) usageError(`${file}: "pairs" must be an array`);
    for (const [i, pair] of doc.pairs.entries()) {
      const where = `${file} pair ${pair.id ?? i}`;
      if (typeof pair.id !== "string" || pair.id === "") usageError(`${where}: "id" is required`);
      if (ids.has(pair.id)) usageError(`${where}: duplicate id`);
      ids.add(pair.id);
      for (const key of ["before", "after"]) {
        if (!SHA.test(pair[key] ?? "")) usageError(`${where}: "${key}" must be a commit sha`);
      }
      if (typeof pair.project !== "string") usageError(`${where}: "project" must be a directory in the repo ("." for the root)`);
      if (!(pair.label in RANK)) usageError(`${where}: "label" must be breaking, risky or safe`);
      if (typeof pair.reason !== "string" || pair.reason === "") usageError(`${where}: "reason" is required`);
      if (pair.expected !== undefined && !Array.isArray(pair.expected)) usageError(`${where}: "expected" must be an array`);
      pairs.push({ ...pair, repo: doc.repo, file });
    }
  }
  return pairs;
}

/** The clone of `repo` in --src, or undefined. */
function cloneDir(repo) {
  const dir = join(resolve(flags.src), repo.replace("/", "+"));
  return existsSync(join(dir, ".git")) || existsSync(join(dir, "HEAD")) ? dir : undefined;
}

function git(dir, args) {
  return execFileSync("git", ["-C", dir, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function hasCommit(dir, sha) {
  try {
    git(dir, ["cat-file", "-e", `${sha}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** Runs the CLI; resolves with its exit code and stdout, never rejects. */
function runCli(args) {
  return new Promise((done) => {
    execFile(process.execPath, [flags.cli, ...args], { timeout: TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
      done({ code, stdout, stderr, timedOut: Boolean(error?.killed) });
    });
  });
}

/** Worst severity over the report's findings; no finding at all counts as safe. */
function worstSeverity(report) {
  let worst = "safe";
  for (const finding of report.findings) if (RANK[finding.severity] > RANK[worst]) worst = finding.severity;
  return worst;
}

/** Compares the optional expected (ruleId, severity, path) set with what the tool reported. */
function compareExpected(expected, findings) {
  if (!expected) return undefined;
  const key = (f) => `${f.ruleId} ${f.severity} ${f.path}`;
  const got = new Set(findings.map(key));
  const want = new Set(expected.map(key));
  return { missing: [...want].filter((k) => !got.has(k)), unexpected: [...got].filter((k) => !want.has(k) && !k.includes(" safe ")) };
}

/** Checks one pair in a fresh worktree of `after`, removed afterwards whatever happens. */
async function runPair(pair) {
  const base = { id: pair.id, repo: pair.repo, label: pair.label };
  const dir = cloneDir(pair.repo);
  if (!dir) return { ...base, outcome: "missing", detail: `no clone of ${pair.repo} in ${flags.src}` };
  for (const sha of [pair.before, pair.after]) {
    if (!hasCommit(dir, sha)) return { ...base, outcome: "missing", detail: `commit ${sha} not in ${dir}` };
  }
  const tmp = mkdtempSync(join(tmpdir(), "lgc-corpus-"));
  const worktree = join(tmp, "wt");
  try {
    try {
      git(dir, ["worktree", "add", "--detach", "--quiet", worktree, pair.after]);
    } catch (error) {
      // A mirror that left out large files cannot check the commit out: the pair is missing, not a crash of ours.
      const reason = String(error.stderr ?? error.message).trim().split("\n")[0];
      return { ...base, outcome: "missing", detail: `cannot check out ${pair.after} in ${dir}: ${reason}` };
    }
    const started = Date.now();
    const run = await runCli(["check", "--project", join(worktree, pair.project), "--against-ref", pair.before, "--format", "json", "--fail-on", "never"]);
    const seconds = (Date.now() - started) / 1000;
    const firstLine = run.stderr.trim().split("\n")[0] ?? "";
    if (run.timedOut) return { ...base, outcome: "crash", seconds, detail: `timed out after ${flags.timeout}s` };
    if (run.code === null || run.code >= 2) return { ...base, outcome: "crash", seconds, detail: `exit ${run.code}: ${firstLine}` };
    let report;
    try {
      report = JSON.parse(run.stdout);
      if (!Array.isArray(report.findings)) throw new Error("no findings array");
    } catch (error) {
      return { ...base, outcome: "crash", seconds, detail: `exit ${run.code}, unparsable report: ${error.message}${firstLine ? `; stderr: ${firstLine}` : ""}` };
    }
    const tool = worstSeverity(report);
    const delta = RANK[tool] - RANK[pair.label];
    const outcome = delta === 0 ? "exact" : delta < 0 ? "false-safe" : "false-alarm";
    // Message and reasons only for the findings that set the worst severity: they say why the tool decided.
    const findings = report.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      path: f.path,
      graph: f.graph,
      ...(f.severity === tool && tool !== "safe" ? { message: f.message, reasons: f.reasons } : {}),
    }));
    return { ...base, outcome, tool, seconds, findings, expected: compareExpected(pair.expected, findings) };
  } finally {
    try {
      git(dir, ["worktree", "remove", "--force", worktree]);
    } catch {
      // the worktree may not exist if `worktree add` failed; prune below forgets it either way
    }
    rmSync(tmp, { recursive: true, force: true });
    try {
      git(dir, ["worktree", "prune"]);
    } catch {
      // pruning is housekeeping only
    }
  }
}

function percent(n, total) {
  return total === 0 ? "-" : `${((100 * n) / total).toFixed(1)}%`;
}

function printText(results) {
  for (const r of results) {
    const tool = r.tool ? ` tool=${r.tool}` : "";
    const time = r.seconds !== undefined ? ` ${r.seconds.toFixed(1)}s` : "";
    process.stdout.write(`${r.outcome.padEnd(11)} ${r.id}  label=${r.label}${tool}${time}\n`);
    if (r.detail) process.stdout.write(`            ${r.detail}\n`);
    if (r.outcome === "false-alarm" || r.outcome === "false-safe") {
      for (const f of r.findings.filter((f) => f.severity === r.tool)) {
        process.stdout.write(`            ${f.severity} ${f.ruleId} ${f.graph}:${f.path}\n`);
      }
    }
    if (r.expected && (r.expected.missing.length > 0 || r.expected.unexpected.length > 0)) {
      for (const k of r.expected.missing) process.stdout.write(`            expected, not reported: ${k}\n`);
      for (const k of r.expected.unexpected) process.stdout.write(`            reported, not expected: ${k}\n`);
    }
  }
  const t = totals(results);
  process.stdout.write(
    `\n${t.counted} pairs from ${t.repos} repos: exact ${t.exact} (${percent(t.exact, t.counted)}), ` +
      `false-safe ${t["false-safe"]} (${percent(t["false-safe"], t.counted)}), ` +
      `false-alarm ${t["false-alarm"]} (${percent(t["false-alarm"], t.counted)}), ` +
      `crash ${t.crash} (${percent(t.crash, t.counted)})` +
      (t.missing > 0 ? `; ${t.missing} missing (clone or commit absent, not counted)` : "") +
      "\ntargets: >= 90% exact, 0 false-safe, 0 crash\n",
  );
}

function totals(results) {
  const t = { exact: 0, "false-safe": 0, "false-alarm": 0, crash: 0, missing: 0 };
  for (const r of results) t[r.outcome] += 1;
  const counted = results.length - t.missing;
  const repos = new Set(results.filter((r) => r.outcome !== "missing").map((r) => r.repo)).size;
  return { ...t, counted, repos };
}

const pairs = loadCorpus().filter((p) => flags.only.length === 0 || flags.only.some((o) => p.id.startsWith(o)));
if (pairs.length === 0) usageError("no pair selected");
const results = [];
for (const pair of pairs) {
  const result = await runPair(pair);
  results.push(result);
  if (!flags.json) process.stderr.write(`.`);
}
if (!flags.json) process.stderr.write("\n");
if (flags.json) process.stdout.write(`${JSON.stringify({ totals: totals(results), pairs: results }, null, 2)}\n`);
else printText(results);
