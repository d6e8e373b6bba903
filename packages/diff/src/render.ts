import type { Location } from "@langgraph-compat/snapshot";
import { getRule } from "./catalogue.js";
import type { DiffResult, Finding, Severity, ThreadExposure } from "./types.js";
import { REPORT_FORMAT_VERSION, SEVERITIES } from "./types.js";

/** The message of a finding, rendered from its meta by its rule. */
export function renderMessage(finding: Finding): string {
  const rule = getRule(finding.ruleId);
  return rule ? rule.message(finding.meta) : `${finding.ruleId} at ${finding.path}`;
}

export interface TextOptions {
  /** How to colour each severity's label (the CLI passes picocolors' red, yellow, green); plain when absent. */
  paint?: Record<Severity, (text: string) => string>;
}
const where = (l: Location | undefined) => (l ? `${l.file}:${l.line}:${l.column}` : undefined);

/**
 * Human-readable report: findings grouped by graph, then severity; each with one line of why (the
 * message) and one of how to fix (the rule's advice), plus any re-levelling reasons.
 */
export function renderText(result: DiffResult, options: TextOptions = {}): string {
  const paint = (severity: Severity, text: string) => (options.paint ? options.paint[severity](text) : text);
  const lines: string[] = [];
  const graphs = [...new Set(result.findings.map((f) => f.graph))];
  for (const graph of graphs) {
    lines.push(`graph ${graph}`);
    for (const severity of SEVERITIES) {
      const group = result.findings.filter((f) => f.graph === graph && f.severity === severity);
      if (group.length === 0) continue;
      lines.push(`  ${paint(severity, severity.toUpperCase())} (${group.length})`);
      for (const f of group) {
        const loc = where(f.after) ?? where(f.before);
        // The fingerprint is what the config's `accepted` entries name.
        lines.push(`    ${f.ruleId}  ${f.path}${loc ? `  (${loc})` : ""}  #${f.fingerprint}`);
        lines.push(`      why: ${renderMessage(f)}`);
        lines.push(`      fix: ${renderFix(f)}`);
        if (severity !== "safe" && f.endangered?.length) lines.push(`      endangers: ${f.endangered.join("; ")}`);
        if (f.threads) lines.push(`      threads: ${renderThreads(f.threads)}`);
        for (const reason of f.reasons ?? []) lines.push(`      note: ${reason}`);
      }
    }
  }
  const { breaking, risky, safe } = result.summary;
  if (graphs.length === 0) lines.push("no changes");
  lines.push(`${breaking} breaking, ${risky} risky, ${safe} safe`);
  return `${lines.join("\n")}\n`;
}

/** What the `fix:` line says for a finding: its rule's one-line advice. */
export function renderFix(finding: Finding): string {
  return getRule(finding.ruleId)?.fix ?? "see the rule's docs page";
}

/** A finding as the JSON report writes it: all its fields, absent locations as null, plus its rendered text. */
export interface JsonFinding extends Omit<Finding, "before" | "after" | "reasons"> {
  /** The why line: the rule's `message(meta)`. */
  message: string;
  /** The fix line: the rule's advice. */
  fix: string;
  /** Every re-levelling, in order; empty when none. */
  reasons: string[];
  before: Location | null;
  after: Location | null;
}

/** The `check --format json` report, as `report.schema.json` describes it. */
export interface JsonReport {
  formatVersion: typeof REPORT_FORMAT_VERSION;
  findings: JsonFinding[];
  summary: DiffResult["summary"];
}

/**
 * The JSON report object (`formatVersion` 2, described by `report.schema.json`). Each finding carries all
 * of its data (`meta`, `reasons`, locations, fingerprint, and any other field a finding has), so CI can see
 * why a severity was changed and a stored finding can be re-rendered, plus the text the text report prints
 * for it: `message` (the why line) and `fix`. Absent locations are null; `reasons` is always an array.
 */
export function toJsonReport(result: DiffResult): JsonReport {
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    findings: result.findings.map((f) => {
      // `rest` carries fields this renderer does not name (e.g. a typed subject), so none is dropped;
      // the schema test fails until such a field is described in report.schema.json.
      const { ruleId, severity, graph, path, meta, before, after, fingerprint, reasons, ...rest } = f;
      return {
        ruleId,
        severity,
        graph,
        path,
        ...rest,
        message: renderMessage(f),
        fix: renderFix(f),
        meta,
        reasons: reasons ?? [],
        before: before ?? null,
        after: after ?? null,
        fingerprint,
      };
    }),
    summary: { breaking: result.summary.breaking, risky: result.summary.risky, safe: result.summary.safe },
  };
}

/** The JSON report as text (two-space indented, trailing newline), for `check --format json`. */
export function renderJson(result: DiffResult): string {
  return `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
}

/** `37 of 1204 stored threads endangered (paused in \`review\`: 37): t-1, t-2, …`, for the reports. */
export function renderThreads(t: ThreadExposure): string {
  const states = Object.entries(t.byState).map(([state, n]) => `${state.replace(/^threads /, "")}: ${n}`).join("; ");
  const ids = t.sample.length > 0 ? `: ${t.sample.join(", ")}${t.endangered > t.sample.length ? ", …" : ""}` : "";
  const unknown = t.unknown > 0 ? `; ${t.unknown} more could not be read or matched to a graph` : "";
  return `${t.endangered} of ${t.scanned} stored threads endangered${states ? ` (${states})` : ""}${ids}${unknown}`;
}
