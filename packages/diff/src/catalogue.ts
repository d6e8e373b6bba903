import type { Rule } from "./define-rule.js";
import { rules } from "./rules/index.js";
import type { RuleInfo } from "./types.js";

/** The rule catalogue as data, sorted by id (what `langgraph-compat rules` prints). */
export function listRules(): RuleInfo[] {
  return (Object.values(rules) as Rule[])
    .map(({ id, severity, exposure, outcome, semanticsRows, summary, fix, scope }) => ({
      id,
      severity,
      exposure,
      outcome,
      semanticsRows: [...semanticsRows],
      summary,
      fix,
      scope,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** One rule by id, or undefined when there is no such rule. */
export function getRule(id: string): Rule | undefined {
  return Object.prototype.hasOwnProperty.call(rules, id) ? (rules as Record<string, Rule>)[id] : undefined;
}
