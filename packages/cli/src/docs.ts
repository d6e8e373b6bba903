/**
 * What this package ships under `docs/` (the build copies it from the repo's `docs/`, see
 * scripts/copy-docs.mjs): the rule pages, the semantics table the findings cite, and the catalogue as data.
 * Read from the package itself, the same from `src/` and `dist/`; never a path outside the package.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RuleInfo } from "@langgraph-compat/diff";

const docs = (path: string) => fileURLToPath(new URL(`../docs/${path}`, import.meta.url));

/** The semantics table's path. */
export const SEMANTICS = docs("semantics.md");

/** A rule's page (Markdown), or undefined when this install lacks it. */
export function rulePage(id: string): string | undefined {
  const page = docs(`rules/${id}.md`);
  return existsSync(page) ? readFileSync(page, "utf8") : undefined;
}

/**
 * The rule catalogue as `rules` and `explain` read it: `docs/rules.json`, written by the build from
 * `@langgraph-compat/diff`'s `listRules()`, so these commands start without loading the analyzer. Falls back
 * to the diff package when the file is missing (a source checkout that was not built).
 */
export async function catalogue(): Promise<RuleInfo[]> {
  const file = docs("rules.json");
  if (existsSync(file)) return (JSON.parse(readFileSync(file, "utf8")) as { rules: RuleInfo[] }).rules;
  return (await import("@langgraph-compat/diff")).listRules();
}
