/**
 * GitLab's Code Quality report (the GitLab counterpart of SARIF): a JSON array of issues that merge requests
 * show inline. Breaking findings are `critical`, risky ones `major`, safe ones `info` when asked.
 */
import { renderFix, renderMessage, renderThreads } from "../render.js";
import type { DiffResult, Severity } from "../types.js";
import { shown, shownAt, type FormatOptions } from "./common.js";

const LEVEL: Record<Severity, string> = { breaking: "critical", risky: "major", safe: "info" };

export function renderGitlab(result: DiffResult, options: FormatOptions = {}): string {
  const issues = shown(result.findings, options).map((f) => {
    const at = shownAt(options, f);
    return {
      type: "issue",
      check_name: f.ruleId,
      description: `${renderMessage(f)} (graph ${f.graph}). Fix: ${renderFix(f)}${f.threads ? ` Stored threads: ${renderThreads(f.threads)}.` : ""}`,
      categories: ["Bug Risk"],
      severity: LEVEL[f.severity],
      fingerprint: f.fingerprint,
      location: { path: at.file, lines: { begin: at.line } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
