/**
 * A pull-request comment in GitHub-flavoured Markdown: a hidden stable marker (a bot finds its own comment
 * and updates it), a one-line verdict, counts per graph, and each finding in a collapsible section with why,
 * fix, the thread states it endangers and the rule's page. Names from user code are HTML-escaped: GitHub
 * renders HTML in comments.
 */
import { renderFix, renderMessage, renderThreads } from "../render.js";
import { SEVERITIES, type DiffResult, type Severity } from "../types.js";
import { shown, shownAt, type FormatOptions } from "./common.js";

/** The marker the comment starts with; a bot looks for it to update its comment instead of adding one. */
export const COMMENT_MARKER = "<!-- langgraph-compat:report -->";

const ICON: Record<Severity, string> = { breaking: "🔴", risky: "🟠", safe: "🟢" };

/** Text that GitHub shows as text, in a table cell or inline HTML: HTML, pipes, code, emphasis and links escaped. */
export function mdEscape(text: string): string {
  return text.replace(/[&<>|\\`*_[\]]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : `\\${c}`));
}

/** Inline code that holds any text: HTML `<code>` with the text escaped (backticks cannot break out). */
const code = (text: string) => `<code>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</code>`;

export function renderMarkdown(result: DiffResult, options: FormatOptions = {}): string {
  const { breaking, risky, safe } = result.summary;
  const verdict =
    breaking > 0
      ? `❌ **${breaking} breaking**, ${risky} risky, ${safe} safe: threads already persisted would break`
      : risky > 0
        ? `⚠️ **${risky} risky**, ${safe} safe: review the risky changes`
        : `✅ no breaking or risky change (${safe} safe)`;
  const lines = [COMMENT_MARKER, `### langgraph-compat: ${verdict}`, ""];
  const graphs = [...new Set(result.findings.map((f) => f.graph))].sort();
  if (graphs.length > 0) {
    lines.push("| graph | breaking | risky | safe |", "| --- | ---: | ---: | ---: |");
    for (const graph of graphs) {
      const count = (s: Severity) => result.findings.filter((f) => f.graph === graph && f.severity === s).length;
      lines.push(`| ${mdEscape(graph)} | ${count("breaking")} | ${count("risky")} | ${count("safe")} |`);
    }
    lines.push("");
  }
  const findings = shown(result.findings, options);
  for (const severity of SEVERITIES) {
    for (const f of findings.filter((x) => x.severity === severity)) {
      const at = shownAt(options, f);
      lines.push(`<details><summary>${ICON[severity]} ${severity} ${code(f.ruleId)} ${code(f.path)} in ${code(f.graph)} at ${code(`${at.file}:${at.line}`)}</summary>`, "");
      lines.push(`**Why:** ${mdEscape(renderMessage(f))}`, "");
      lines.push(`**Fix:** ${mdEscape(renderFix(f))}`, "");
      if (severity !== "safe" && f.endangered?.length) lines.push(`**Endangers:** ${f.endangered.map(mdEscape).join("; ")}`, "");
      if (f.threads) lines.push(`**Stored threads:** ${mdEscape(renderThreads(f.threads))}`, "");
      for (const reason of f.reasons ?? []) lines.push(`> ${mdEscape(reason)}`, "");
      if (options.ruleUrl) lines.push(`[Rule ${f.ruleId}](${options.ruleUrl(f.ruleId)}) · fingerprint ${code(f.fingerprint)}`, "");
      else lines.push(`Fingerprint ${code(f.fingerprint)}`, "");
      lines.push("</details>", "");
    }
  }
  if (!options.includeSafe && safe > 0) lines.push(`<sub>${safe} safe finding(s) not listed.</sub>`, "");
  return `${lines.join("\n").trimEnd()}\n`;
}
