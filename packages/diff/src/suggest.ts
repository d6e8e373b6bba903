import { closest } from "@langgraph-compat/snapshot";
import { listRules } from "./catalogue.js";

/**
 * The catalogue id a mistyped rule id most likely meant (at most 4 edits away), for "did you mean"
 * hints in config and `explain` errors; undefined when nothing is that close.
 */
export function closestRuleId(id: string): string | undefined {
  return closest(id, listRules().map((rule) => rule.id), 4);
}
