#!/usr/bin/env node
// Renders the squiggle shown in packages/eslint-plugin/README.md: real ESLint with the plugin's recommended
// config on the bundled example's pull request (v1 snapshotted, v2's sources over it), drawn as an editor
// would draw it, and photographed by Debian's chromium through playwright-core. Needs the build (pnpm run
// setup) and `apt-get install -y chromium`.
//
//   node scripts/eslint-screenshot.mjs [--out packages/eslint-plugin/docs/squiggle.png]

import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { execFileSync } from "node:child_process";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: flags } = parseArgs({ options: { out: { type: "string", default: join(ROOT, "packages/eslint-plugin/docs/squiggle.png") } } });
// ESLint and the parser are the plugin's dev dependencies.
const fromPlugin = createRequire(join(ROOT, "packages/eslint-plugin/package.json"));
const { ESLint } = await import(pathToFileURL(fromPlugin.resolve("eslint")).href);
const { default: tsParser } = await import(pathToFileURL(fromPlugin.resolve("@typescript-eslint/parser")).href);
const { default: plugin } = await import(join(ROOT, "packages/eslint-plugin/dist/index.js"));
const { chromium } = await import("playwright-core");

const work = mkdtempSync(join(tmpdir(), "lgc-screenshot-"));
try {
  const dir = join(work, "support-desk");
  cpSync(join(ROOT, "examples/support-desk/v1"), dir, { recursive: true });
  execFileSync(process.execPath, [join(ROOT, "packages/cli/dist/bin.js"), "snapshot", "--project", dir], { stdio: "ignore" });
  cpSync(join(ROOT, "examples/support-desk/v2/src"), join(dir, "src"), { recursive: true });
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [{ files: ["**/*.ts"], languageOptions: { parser: tsParser } }, plugin.configs.recommended] });
  const [result] = await eslint.lintFiles(["src/graph.ts"]);
  const message = result.messages.find((m) => m.ruleId === "langgraph-compat/compat");
  if (!message) throw new Error("no compat error on src/graph.ts: is the build current?");
  const lines = readFileSync(join(dir, "src/graph.ts"), "utf8").split("\n");
  writeFileSync(join(work, "page.html"), page(lines, message));
  // An empty profile of its own, as playwright-core wants it given.
  const browser = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 980, height: 420 },
    deviceScaleFactor: 2,
  });
  try {
    const tab = await browser.newPage();
    await tab.goto(`file://${join(work, "page.html")}`);
    const partial = `${flags.out}.partial`;
    await tab.screenshot({ path: partial, type: "png", fullPage: true });
    renameSync(partial, flags.out);
  } finally {
    await browser.close();
  }
  console.log(`wrote ${flags.out}: ${message.line}:${message.column} ${message.message.slice(0, 60)}…`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function escape(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

/** Lines around the error, the error's range underlined, and the hover an editor shows for it. */
function page(lines, m) {
  const first = Math.max(1, m.line - 8);
  const last = Math.min(lines.length, m.line + 4);
  const rows = [];
  for (let n = first; n <= last; n++) {
    const text = lines[n - 1];
    let code = escape(text);
    if (n === m.line) {
      const end = m.endLine === m.line ? m.endColumn - 1 : text.length;
      code = `${escape(text.slice(0, m.column - 1))}<span class="squiggle">${escape(text.slice(m.column - 1, end))}</span>${escape(text.slice(end))}`;
    }
    rows.push(`<div class="row"><span class="no">${n}</span><span class="code">${code || " "}</span></div>`);
    if (n === m.line) rows.push(`<div class="hover"><div>${escape(m.message)}</div><div class="src">ESLint(${escape(m.ruleId)})</div></div>`);
  }
  return `<!doctype html><meta charset="utf-8"><style>
body { margin: 0; background: #1e1e1e; font: 13px/19px "DejaVu Sans Mono", monospace; color: #d4d4d4; }
.tab { background: #252526; color: #fff; padding: 6px 14px; font-family: "DejaVu Sans", sans-serif; font-size: 12px; }
.row { white-space: pre; } .no { display: inline-block; width: 44px; padding-right: 14px; text-align: right; color: #858585; }
.squiggle { text-decoration: underline wavy #f14c4c; text-underline-offset: 3px; }
.hover { margin: 2px 0 4px 58px; max-width: 760px; background: #252526; border: 1px solid #454545; padding: 8px 10px; white-space: normal; font-family: "DejaVu Sans", sans-serif; font-size: 12.5px; line-height: 18px; }
.hover .src { color: #9d9d9d; margin-top: 4px; }
</style><div class="tab">src/graph.ts — support-desk</div><div style="padding: 8px 0">${rows.join("\n")}</div>`;
}
