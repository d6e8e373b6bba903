/**
 * @langgraph-compat/eslint-plugin: LangGraph.js checks in the editor. Flat config only (ESLint 9 and 10).
 */
import type { ESLint, Linter } from "eslint";
import { rule as nondeterminismOutsideTask } from "./rules/nondeterminism-outside-task.js";
import { compat, compatRisky } from "./rules/compat.js";
import { rule as unresolved } from "./rules/unresolved.js";
import { rule as parallelWrites } from "./rules/parallel-writes.js";
import { rule as gotoOutsideEnds } from "./rules/goto-outside-ends.js";
import { rule as unreachableNode } from "./rules/unreachable-node.js";
import { rule as zodDefault } from "./rules/zod-default.js";
import { rule as unusedStateKey } from "./rules/unused-state-key.js";

export const rules = {
  compat,
  "compat-risky": compatRisky,
  "goto-outside-ends": gotoOutsideEnds,
  "nondeterminism-outside-task": nondeterminismOutsideTask,
  "parallel-writes": parallelWrites,
  "unreachable-node": unreachableNode,
  unresolved,
  "unused-state-key": unusedStateKey,
  "zod-default": zodDefault,
};

export type RuleName = keyof typeof rules;

/** Typed with ESLint's own types, so `eslint.config.ts` (and `defineConfig`) takes it as it is. */
export type Plugin = ESLint.Plugin & { configs: Record<"recommended" | "strict", Linter.Config> };

const plugin: Plugin = {
  meta: { name: "@langgraph-compat/eslint-plugin", version: "0.1.0" },
  rules: rules as unknown as ESLint.Plugin["rules"],
  configs: {} as Plugin["configs"],
};

/** Every rule at a level: from its `meta.docs.recommended`, or `error` for all (typescript-eslint's way). */
const levels = (level: (docs: { recommended: "error" | "warn" }) => "error" | "warn"): Linter.RulesRecord =>
  Object.fromEntries(Object.entries(rules).map(([name, rule]) => [`langgraph-compat/${name}`, level(rule.meta.docs!)]));

/** `recommended`: breaking findings and measured run-time failures are errors; risky findings and weaker checks warn. */
plugin.configs.recommended = { name: "langgraph-compat/recommended", plugins: { "langgraph-compat": plugin }, rules: levels((docs) => docs.recommended) };

/** `strict`: every rule an error, risky findings included, for teams that ship no risky change unreviewed. */
plugin.configs.strict = { name: "langgraph-compat/strict", plugins: { "langgraph-compat": plugin }, rules: levels(() => "error") };

export const configs: Plugin["configs"] = plugin.configs;
export default plugin;
