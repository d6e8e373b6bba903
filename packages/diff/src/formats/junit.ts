/**
 * JUnit XML for CI dashboards: a test suite per graph, a test case per graph and catalogue rule. A case
 * fails when the graph has breaking or risky findings of that rule (the failure's `type` says which); safe
 * findings go to the case's `system-out` when asked.
 */
import { listRules } from "../catalogue.js";
import { renderFix, renderMessage, renderThreads } from "../render.js";
import type { DiffResult, Finding } from "../types.js";
import { shownAt, type FormatOptions } from "./common.js";

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text for XML content and attributes; characters XML 1.0 cannot hold are dropped. */
export function xmlEscape(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "").replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

function detail(options: FormatOptions, f: Finding): string {
  const at = shownAt(options, f);
  const lines = [`${f.severity}: ${renderMessage(f)}`, `at ${at.file}:${at.line}:${at.column} (${f.path})`, `fix: ${renderFix(f)}`];
  if (f.endangered?.length) lines.push(`endangers: ${f.endangered.join("; ")}`);
  if (f.threads) lines.push(`stored threads: ${renderThreads(f.threads)}`);
  return lines.join("\n");
}

/** `graphs`: every graph checked, with findings or not; the graphs of the findings when absent. */
export function renderJunit(result: DiffResult, options: FormatOptions & { graphs?: readonly string[] } = {}): string {
  const rules = listRules();
  const graphs = [...new Set([...(options.graphs ?? []), ...result.findings.map((f) => f.graph)])].sort();
  const suites: string[] = [];
  let failures = 0;
  for (const graph of graphs) {
    const cases: string[] = [];
    let failed = 0;
    for (const rule of rules) {
      const found = result.findings.filter((f) => f.graph === graph && f.ruleId === rule.id);
      const bad = found.filter((f) => f.severity !== "safe");
      const safe = options.includeSafe ? found.filter((f) => f.severity === "safe") : [];
      const body: string[] = [];
      if (bad.length > 0) {
        failed++;
        const type = bad.some((f) => f.severity === "breaking") ? "breaking" : "risky";
        body.push(`      <failure type="${type}" message="${xmlEscape(`${renderMessage(bad[0])}${bad.length > 1 ? ` (and ${bad.length - 1} more)` : ""}`)}">${xmlEscape(bad.map((f) => detail(options, f)).join("\n\n"))}</failure>`);
      }
      if (safe.length > 0) body.push(`      <system-out>${xmlEscape(safe.map((f) => detail(options, f)).join("\n\n"))}</system-out>`);
      const open = `    <testcase classname="${xmlEscape(`langgraph-compat.${graph}`)}" name="${xmlEscape(rule.id)}"`;
      cases.push(body.length > 0 ? `${open}>\n${body.join("\n")}\n    </testcase>` : `${open}/>`);
    }
    failures += failed;
    suites.push(`  <testsuite name="${xmlEscape(`graph ${graph}`)}" tests="${rules.length}" failures="${failed}" errors="0" skipped="0">\n${cases.join("\n")}\n  </testsuite>`);
  }
  const tests = graphs.length * rules.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="langgraph-compat" tests="${tests}" failures="${failures}" errors="0">\n${suites.join("\n")}${suites.length > 0 ? "\n" : ""}</testsuites>\n`;
}
