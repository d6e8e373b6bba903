#!/usr/bin/env node
// Part of the build: the rule pages, the semantics table and the catalogue ship inside the CLI package, which renders them
// (`explain`) and links to them (SARIF `helpUri`, the Markdown comment). `docs/` at the repo root stays the
// one source; packages/cli/docs is a build output (git-ignored).
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(ROOT, "packages/cli/docs");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(join(ROOT, "docs/rules"), join(out, "rules"), { recursive: true });
cpSync(join(ROOT, "docs/semantics.md"), join(out, "semantics.md"));
// The catalogue as data, so `rules` and `explain` start without loading the analyzer (built first by tsc -b).
const { listRules } = await import(join(ROOT, "packages/diff/dist/index.js"));
writeFileSync(join(out, "rules.json"), `${JSON.stringify({ formatVersion: 1, rules: listRules() }, null, 2)}\n`);
