#!/usr/bin/env node
/**
 * Mutation testing as a measure (issue 8): run StrykerJS on one package's sources and print the mutation
 * score per package, per folder and per file. Not part of `pnpm test` or CI; a run takes tens of minutes.
 *
 *   pnpm mutation diff                       # mutate packages/diff/src/**
 *   pnpm mutation extract                    # mutate packages/extract/src/**
 *   pnpm mutation extract --mutate 'packages/extract/src/interrupts.ts,packages/extract/src/branches.ts'
 *   pnpm mutation diff --mutate 'packages/diff/src/rules/a*.ts' --out diff-rules-a   # report under another name
 *   pnpm mutation diff --no-goldens          # without the diff golden cases (much faster; a lower bound)
 *   pnpm mutation diff --concurrency 2       # both cores, when nothing else runs on the machine
 *   pnpm mutation extract --sample-lines 300 --seed 1   # a seeded random sample of source lines (a whole
 *                                            # package is thousands of mutants: hours on 2 cores); the summary
 *                                            # adds a 95% confidence interval for the package score
 *   pnpm mutation summary diff               # reprint the scores of the last run from its JSON report
 *
 * Settings live in stryker.config.mjs (concurrency 1, per-test coverage, tests narrowed by
 * stryker/vitest.config.ts). Reports: reports/mutation/<package>/mutation.{html,json} (gitignored).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const PACKAGES = ["diff", "extract"];
const usage = "usage: pnpm mutation <diff|extract> [--mutate <glob,glob>] [--out <name>] [--no-goldens] [--concurrency N] [--sample-lines N [--seed S]] | pnpm mutation summary <diff|extract|name>";

/** A one-line error and exit 2: these are user mistakes, not crashes. */
function fail(message) {
  process.stderr.write(`mutation: ${message}\n${usage}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const summaryOnly = args[0] === "summary";
const pkg = summaryOnly ? args[1] : args[0];
if (!summaryOnly && !PACKAGES.includes(pkg)) fail(`unknown package ${JSON.stringify(pkg ?? "")}`);
const outAt = args.indexOf("--out");
if (outAt >= 0 && !/^[\w.-]+$/.test(args[outAt + 1] ?? "")) fail("--out needs a plain name (letters, digits, . _ -)");
if (summaryOnly && !/^[\w.-]+$/.test(pkg ?? "")) fail(`unknown report ${JSON.stringify(pkg ?? "")}`);
const name = outAt >= 0 ? args[outAt + 1] : pkg;
const mutateAt = args.indexOf("--mutate");
if (mutateAt >= 0 && !args[mutateAt + 1]) fail("--mutate needs a comma-separated list of globs");
let mutate = mutateAt >= 0 ? args[mutateAt + 1].split(",").map((s) => s.trim()).filter(Boolean) : [`packages/${pkg}/src/**/*.ts`];

const concurrencyAt = args.indexOf("--concurrency");
if (concurrencyAt >= 0 && !/^[1-9]\d*$/.test(args[concurrencyAt + 1] ?? "")) fail("--concurrency needs a positive whole number");
const concurrency = concurrencyAt >= 0 ? Number(args[concurrencyAt + 1]) : undefined;

const sampleAt = args.indexOf("--sample-lines");
if (sampleAt >= 0 && !/^[1-9]\d*$/.test(args[sampleAt + 1] ?? "")) fail("--sample-lines needs a positive whole number");
if (sampleAt >= 0 && mutateAt >= 0) fail("--sample-lines samples the whole package; leave out --mutate");
const seedAt = args.indexOf("--seed");
if (seedAt >= 0 && !/^\d+$/.test(args[seedAt + 1] ?? "")) fail("--seed needs a whole number");
const sample = sampleAt >= 0 ? { lines: Number(args[sampleAt + 1]), seed: seedAt >= 0 ? Number(args[seedAt + 1]) : 1 } : undefined;

/** Every .ts file under a folder, relative to the repo, sorted so that a seed always picks the same lines. */
function sourceFiles(dir) {
  return readdirSync(join(repo, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(`${dir}/${e.name}`) : e.name.endsWith(".ts") ? [`${dir}/${e.name}`] : []))
    .sort();
}

/** A small seeded generator (mulberry32), so a sample can be rerun after adding tests. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `file:line-line` ranges for a seeded sample of code lines (not blank, comment or import lines). */
function sampleLines({ lines, seed }) {
  const candidates = sourceFiles(`packages/${pkg}/src`).flatMap((file) =>
    readFileSync(join(repo, file), "utf8")
      .split("\n")
      .map((text, i) => ({ file, line: i + 1, text: text.trim() }))
      .filter(({ text }) => text !== "" && !/^(\/\/|\/\*|\*|import\b|export \{|\}\)?;?$)/.test(text)),
  );
  const next = random(seed);
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }
  return candidates.slice(0, lines).map(({ file, line }) => `${file}:${line}-${line}`);
}

const outDir = join(repo, "reports", "mutation", name);
// Read by stryker/vitest.config.ts in Stryker's test runner processes, which inherit the environment.
if (args.includes("--no-goldens")) process.env.MUTATION_NO_GOLDENS = "1";
const jsonReport = join(outDir, "mutation.json");

/** Stryker's score: detected (killed or timed out) over valid mutants (detected, survived, no coverage). */
function tally(files) {
  const t = { killed: 0, survived: 0, noCoverage: 0, timeout: 0, ignored: 0, errors: 0 };
  for (const mutants of files) {
    for (const m of mutants) {
      if (m.status === "Killed") t.killed++;
      else if (m.status === "Survived") t.survived++;
      else if (m.status === "NoCoverage") t.noCoverage++;
      else if (m.status === "Timeout") t.timeout++;
      else if (m.status === "Ignored") t.ignored++;
      else t.errors++; // CompileError, RuntimeError: not valid mutants
    }
  }
  const detected = t.killed + t.timeout;
  const valid = detected + t.survived + t.noCoverage;
  return { ...t, valid, score: valid === 0 ? NaN : (100 * detected) / valid };
}

const line = (name, t) =>
  `${name.padEnd(48)} ${(Number.isNaN(t.score) ? "n/a" : t.score.toFixed(1) + "%").padStart(7)}  ` +
  `valid ${String(t.valid).padStart(5)}  killed ${String(t.killed).padStart(5)}  timeout ${String(t.timeout).padStart(3)}  ` +
  `survived ${String(t.survived).padStart(4)}  nocov ${String(t.noCoverage).padStart(4)}  ignored ${String(t.ignored).padStart(4)}  errors ${t.errors}`;

/** The score of the whole package, of each folder (src/rules on its own), and of each file. */
function summarize(report) {
  const files = Object.entries(report.files).map(([name, f]) => [relative(repo, join(repo, name)).replaceAll("\\", "/"), f.mutants]);
  const byFolder = new Map();
  for (const [name, mutants] of files) {
    const folder = dirname(name);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), mutants]);
  }
  const out = [line(`${name} (all mutated files)`, tally(files.map(([, m]) => m))), ""];
  for (const [folder, groups] of [...byFolder].sort()) out.push(line(folder, tally(groups)));
  out.push("");
  for (const [name, mutants] of files.sort()) out.push(line(name, tally([mutants])));
  const sampled = existsSync(join(outDir, "sample.json")) ? JSON.parse(readFileSync(join(outDir, "sample.json"), "utf8")) : null;
  if (sampled !== null) out.unshift(interval(files, sampled), "");
  return out.join("\n");
}

/**
 * The package score estimated from a line sample: a ratio estimator over lines (each sampled line is a
 * cluster of mutants), with a normal-approximation 95% interval. Lines without valid mutants count as
 * clusters of size 0, which is what they are.
 */
function interval(files, { lines, seed }) {
  const clusters = new Map();
  for (const [file, mutants] of files)
    for (const m of mutants) {
      const key = `${file}:${m.location.start.line}`;
      const c = clusters.get(key) ?? { detected: 0, valid: 0 };
      if (m.status === "Killed" || m.status === "Timeout") (c.detected++, c.valid++);
      else if (m.status === "Survived" || m.status === "NoCoverage") c.valid++;
      clusters.set(key, c);
    }
  const cs = [...clusters.values()].filter((c) => c.valid > 0);
  const n = cs.length;
  const detected = cs.reduce((a, c) => a + c.detected, 0);
  const valid = cs.reduce((a, c) => a + c.valid, 0);
  if (n < 2 || valid === 0) return `sample of ${lines} lines (seed ${seed}): too few mutated lines for an interval`;
  const r = detected / valid;
  const meanValid = valid / n;
  const variance = cs.reduce((a, c) => a + (c.detected - r * c.valid) ** 2, 0) / (n - 1) / (n * meanValid ** 2);
  const half = 1.96 * Math.sqrt(variance);
  return `sample of ${lines} lines (seed ${seed}), ${n} with mutants: package score ${(100 * r).toFixed(1)}% ± ${(100 * half).toFixed(1)} (95% interval ${(100 * (r - half)).toFixed(1)}–${(100 * (r + half)).toFixed(1)}%)`;
}

if (!summaryOnly) {
  mkdirSync(outDir, { recursive: true });
  if (sample !== undefined) mutate = sampleLines(sample);
  writeFileSync(join(outDir, "sample.json"), JSON.stringify(sample ?? null) + "\n");
  const { Stryker } = await import("@stryker-mutator/core");
  const started = Date.now();
  process.chdir(repo);
  await new Stryker({
    configFile: join(repo, "stryker.config.mjs"),
    mutate,
    ...(concurrency === undefined ? {} : { concurrency }),
    // No "related tests" lookup: it misses every test that imports the sources through the package alias
    // (a whole-folder run saw 22 of the diff test files, and scored the new rule tests as absent), and it takes
    // a line range for a file name. The narrowed suite runs once; per mutant, only the tests that reached it.
    vitest: { configFile: "stryker/vitest.config.ts", related: false },
    // One temp dir per package, so a diff run and an extract run can share the checkout.
    tempDirName: `.stryker-tmp-${name}`,
    jsonReporter: { fileName: relative(repo, jsonReport) },
    htmlReporter: { fileName: relative(repo, join(outDir, "mutation.html")) },
  }).runMutationTest();
  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  process.stdout.write(`\nmutation run ${name} on packages/${pkg} (${sample ? `a sample of ${sample.lines} lines, seed ${sample.seed}` : mutate.join(", ")}) took ${minutes} min\n`);
}
if (!existsSync(jsonReport)) fail(`no report at ${relative(repo, jsonReport)}; run \`pnpm mutation ${pkg}\` first`);
const summary = summarize(JSON.parse(readFileSync(jsonReport, "utf8")));
writeFileSync(join(outDir, "summary.txt.tmp"), summary + "\n");
renameSync(join(outDir, "summary.txt.tmp"), join(outDir, "summary.txt"));
process.stdout.write(`\n${summary}\n`);
