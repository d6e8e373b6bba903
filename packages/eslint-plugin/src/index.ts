/**
 * @langgraph-compat/eslint-plugin: LangGraph.js checks in the editor. Flat config only (ESLint 9 and 10).
 */
import type { TSESLint } from "@typescript-eslint/utils";
import { rule as nondeterminismOutsideTask } from "./rules/nondeterminism-outside-task.js";
import { compat, compatRisky } from "./rules/compat.js";
import { rule as unresolved } from "./rules/unresolved.js";
import { rule as parallelWrites } from "./rules/parallel-writes.js";
import { rule as gotoOutsideEnds } from "./rules/goto-outside-ends.js";

export const rules = {
  compat,
  "compat-risky": compatRisky,
  "goto-outside-ends": gotoOutsideEnds,
  "nondeterminism-outside-task": nondeterminismOutsideTask,
  "parallel-writes": parallelWrites,
  unresolved,
};

type Plugin = TSESLint.FlatConfig.Plugin & { configs: Record<"recommended" | "strict", TSESLint.FlatConfig.Config> };

const plugin: Plugin = {
  meta: { name: "@langgraph-compat/eslint-plugin", version: "0.1.0" },
  rules: rules as unknown as TSESLint.FlatConfig.Plugin["rules"],
  configs: {} as Plugin["configs"],
};

/** `recommended`: breaking findings are errors, risky ones warnings; row 12i is breaking. */
plugin.configs.recommended = {
  name: "langgraph-compat/recommended",
  plugins: { "langgraph-compat": plugin },
  rules: {
    "langgraph-compat/compat": "error",
    "langgraph-compat/compat-risky": "warn",
    "langgraph-compat/goto-outside-ends": "warn",
    "langgraph-compat/nondeterminism-outside-task": "error",
    "langgraph-compat/parallel-writes": "error",
    "langgraph-compat/unresolved": "warn",
  },
};

/** `strict`: risky findings are errors too, for teams that ship no risky change unreviewed. */
plugin.configs.strict = {
  name: "langgraph-compat/strict",
  plugins: { "langgraph-compat": plugin },
  rules: { ...plugin.configs.recommended.rules, "langgraph-compat/compat-risky": "error" },
};

export const configs = plugin.configs;
export default plugin;
