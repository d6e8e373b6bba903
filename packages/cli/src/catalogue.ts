/**
 * The rule catalogue as `rules` and `explain` read it: `docs/rules.json` in this package, written by the
 * build from `@langgraph-compat/diff`'s `listRules()`, so these commands start without loading the analyzer.
 * Falls back to the diff package when the file is missing (a source checkout that was not built).
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RuleInfo } from "@langgraph-compat/diff";

const FILE = fileURLToPath(new URL("../docs/rules.json", import.meta.url));

export async function catalogue(): Promise<RuleInfo[]> {
  if (existsSync(FILE)) return (JSON.parse(readFileSync(FILE, "utf8")) as { rules: RuleInfo[] }).rules;
  return (await import("@langgraph-compat/diff")).listRules();
}
