#!/usr/bin/env node
// Benchmark (issue 10, Performance): ESLint with typescript-eslint's `recommended-type-checked` config, alone
// and with this plugin's `recommended` added, on the ~2,000-file synthetic project of bench/extract.mjs.
//
// Two figures, as ratios and differences in one run:
//   1. `eslint src` as a separate process, both configs interleaved, median wall time of N runs: the plugin's
//      overhead. Target <= 20%.
//   2. In one ESLint instance (an editor's process): lint one node file, edit it (a string in a node body,
//      so its graph is extracted again), lint it again. The second lint's extra time with the plugin.
//      Target <= 50 ms.
//
// A benchmark prints; it never asserts. Exit code is 0 unless the script itself is misused.
//
//   node bench/eslint.mjs [--project DIR] [--runs 3] [--edit-only]   (--edit-only: figure 2 alone)
//
// Without --project it generates the project with `node bench/extract.mjs --runs 1 --keep` (and leaves it in
// the temp directory it prints).

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { benchProject } from "./bench-project.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "packages/cli/dist/bin.js");
const PLUGIN = join(ROOT, "packages/eslint-plugin/dist/index.js");
const fromPlugin = createRequire(join(ROOT, "packages/eslint-plugin/package.json"));

const { values: flags } = parseArgs({ options: { project: { type: "string" }, runs: { type: "string", default: "3" }, "edit-only": { type: "boolean", default: false } } });
const RUNS = Number(flags.runs);

const project = () => benchProject(flags.project);

/** Flat configs: typescript-eslint's recommended-type-checked, and the same with the plugin's recommended. */
function writeConfigs(dir) {
  const tseslint = pathToFileURL(fromPlugin.resolve("typescript-eslint")).href;
  const plugin = pathToFileURL(PLUGIN).href;
  const base = `import tseslint from ${JSON.stringify(tseslint)};
export default tseslint.config(...tseslint.configs.recommendedTypeChecked, {
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: ${JSON.stringify(dir)} } },
});
`;
  writeFileSync(join(dir, "eslint.base.mjs"), base);
  writeFileSync(
    join(dir, "eslint.plugin.mjs"),
    base.replace("export default tseslint.config(", `import compat from ${JSON.stringify(plugin)};\nexport default tseslint.config(compat.configs.recommended, `),
  );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeEslint(dir, config) {
  const eslintBin = join(dirname(fromPlugin.resolve("eslint/package.json")), "bin", "eslint.js");
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [eslintBin, "-c", config, "--no-warn-ignored", "src"], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status === 2) throw new Error(`eslint failed (${config}):\n${r.stderr.slice(0, 2000)}`);
  return ms;
}

let edits = 0;

/** Milliseconds of the second lint; with the plugin, also its check's extraction time then. */
async function secondLint(dir, config, nodeFile) {
  const { stats } = await import(pathToFileURL(join(ROOT, "packages/eslint-plugin/dist/project-check.js")).href);
  const { ESLint } = await import(pathToFileURL(fromPlugin.resolve("eslint")).href);
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: join(dir, config) });
  await eslint.lintFiles([nodeFile]);
  const path = join(dir, nodeFile);
  // A real edit: the first string literal of a node body changes, so the node's fingerprint does.
  writeFileSync(path, readFileSync(path, "utf8").replace(/"([a-z]+)(-edit\d+)?"/, (_, word) => `"${word}-edit${++edits}"`));
  const extracted = stats.extractMs;
  const t0 = process.hrtime.bigint();
  await eslint.lintFiles([nodeFile]);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return config === "eslint.base.mjs" ? ms : { ms, extract: stats.extractMs - extracted };
}

async function main() {
  if (!existsSync(CLI) || !existsSync(PLUGIN)) {
    console.log("eslint bench: build first (pnpm run setup)");
    return;
  }
  const dir = project();
  const snap = spawnSync(process.execPath, [CLI, "snapshot", "--project", dir], { encoding: "utf8" });
  if (snap.status !== 0) throw new Error(`snapshot failed: ${snap.stderr}`);
  writeConfigs(dir);
  const nodes = readdirSync(join(dir, "src", "nodes")).filter((f) => f.endsWith(".ts")).sort();
  const nodeFile = join("src", "nodes", nodes[0]);
  console.log(`eslint bench: ${dir}, median of ${RUNS} run(s) each, wall time`);
  if (!flags["edit-only"]) {
    const base = [];
    const withPlugin = [];
    for (let i = 0; i < RUNS; i++) {
      base.push(timeEslint(dir, "eslint.base.mjs"));
      withPlugin.push(timeEslint(dir, "eslint.plugin.mjs"));
    }
    const b = median(base);
    const p = median(withPlugin);
    console.log(`  eslint src, recommended-type-checked:            ${(b / 1000).toFixed(2)} s`);
    console.log(`  eslint src, + langgraph-compat recommended:      ${(p / 1000).toFixed(2)} s`);
    console.log(`  overhead ${(((p - b) / b) * 100).toFixed(1)}% (target <= 20%)`);
  }
  const second = { base: [], plugin: [] };
  for (let i = 0; i < RUNS; i++) {
    second.base.push(await secondLint(dir, "eslint.base.mjs", nodeFile));
    second.plugin.push(await secondLint(dir, "eslint.plugin.mjs", nodeFile));
  }
  const sb = median(second.base);
  const sp = median(second.plugin.map((r) => r.ms));
  const parts = median(second.plugin.map((r) => r.extract));
  console.log(`  lint ${nodeFile} again after editing it: ${sb.toFixed(0)} ms alone, ${sp.toFixed(0)} ms with the plugin`);
  console.log(`  extra ${(sp - sb).toFixed(0)} ms (target <= 50 ms); of the plugin's check, extraction took ${parts.toFixed(0)} ms`);
}

await main();
