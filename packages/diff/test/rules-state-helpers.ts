/**
 * Shared by the rules-state-*.test.ts files: every finding as a user reads it in the JSON report
 * (rule, severity, path, message, reasons, and the before/after locations it points at).
 */
import type { GraphSnapshot, Location } from "@langgraph-compat/snapshot";
import { renderMessage, type CompatConfig } from "../src/index.js";
import { diff, node } from "./helpers.js";

export interface Seen {
  ruleId: string;
  severity: string;
  path: string;
  message: string;
  reasons: string[];
  before?: Location;
  after?: Location;
}

/** Every finding of the diff, sorted by rule and path. */
export async function seen(before: GraphSnapshot, after: GraphSnapshot, config?: CompatConfig): Promise<Seen[]> {
  const result = await diff(before, after, config);
  return result.findings
    .map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      path: f.path,
      message: renderMessage(f),
      reasons: f.reasons ?? [],
      ...(f.before ? { before: f.before } : {}),
      ...(f.after ? { after: f.after } : {}),
    }))
    .sort((x, y) => `${x.ruleId} ${x.path}`.localeCompare(`${y.ruleId} ${y.path}`));
}

/** The findings of one rule. */
export async function seenOf(ruleId: string, before: GraphSnapshot, after: GraphSnapshot, config?: CompatConfig): Promise<Seen[]> {
  return (await seen(before, after, config)).filter((s) => s.ruleId === ruleId);
}

/**
 * The graph with one unrelated change (a new, unconnected node), so the diff runs every rule instead of
 * stopping at "same shape": a "no finding" expectation then tests the rule, not the shortcut.
 */
export function touched(g: GraphSnapshot): GraphSnapshot {
  const extra = node("unrelated_extra");
  return { ...g, nodes: { ...g.nodes, [extra.name]: extra } };
}
