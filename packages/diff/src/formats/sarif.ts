/**
 * SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer): one `rules` entry per catalogue rule, one
 * result per breaking or risky finding (safe ones as `note` when asked), locations relative to the repository
 * root, and `partialFingerprints` from the finding's fingerprint, so an alert survives line moves.
 */
import type { Log, ReportingDescriptor, Result } from "sarif";
import { listRules } from "../catalogue.js";
import { renderFix, renderMessage } from "../render.js";
import type { DiffResult, Severity } from "../types.js";
import { shown, shownAt, type FormatOptions } from "./common.js";

const LEVEL: Record<Severity, Result.level> = { breaking: "error", risky: "warning", safe: "note" };

export function renderSarif(result: DiffResult, options: FormatOptions = {}): string {
  const catalogue = listRules();
  const index = new Map(catalogue.map((r, i) => [r.id, i]));
  const rules: ReportingDescriptor[] = catalogue.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: r.summary },
    fullDescription: { text: `${r.summary} Threads endangered: ${r.exposure}; outcome: ${r.outcome}. Rests on rows ${r.semanticsRows.join(", ")} of the measured LangGraph semantics.` },
    help: { text: r.fix, markdown: `**How to ship it safely:** ${r.fix}\n\nSeverity: **${r.severity}** (worst case); outcome for endangered threads: ${r.outcome}.` },
    ...(options.ruleUrl ? { helpUri: options.ruleUrl(r.id) } : {}),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { precision: "high", tags: ["langgraph", "compatibility", r.outcome, r.exposure] },
  }));
  const results: Result[] = shown(result.findings, options).map((f) => {
    const at = shownAt(options, f);
    const endangers = f.severity !== "safe" && f.endangered?.length ? ` Endangers: ${f.endangered.join("; ")}.` : "";
    return {
      ruleId: f.ruleId,
      ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
      level: LEVEL[f.severity],
      message: { text: `${renderMessage(f)} (graph ${f.graph}, ${f.path}).${endangers} Fix: ${renderFix(f)}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(at.file), uriBaseId: "%SRCROOT%" }, region: { startLine: at.line, startColumn: at.column } } }],
      partialFingerprints: { "langgraphCompat/v1": f.fingerprint },
      properties: { graph: f.graph, path: f.path, severity: f.severity, endangered: f.endangered ?? [], ...(f.threads ? { threads: f.threads } : {}) },
    };
  });
  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "langgraph-compat", ...(options.version ? { version: options.version, semanticVersion: options.version } : {}), rules } },
        results,
        // Columns are counted as TypeScript counts them: in UTF-16 code units.
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
