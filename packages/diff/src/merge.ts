import { namespaceLocations, namespacedId } from "@langgraph-compat/snapshot";
import { compareFindings, summarize } from "./diff.js";
import { REPORT_FORMAT_VERSION, type DiffResult } from "./types.js";

/**
 * One result from the results of several projects (a monorepo run), each diffed on its own with its own
 * config: graph ids become `apps/agent:agent` and locations `apps/agent/src/...` (see `namespaceSnapshot`);
 * fingerprints stay as they are, so a finding keeps its fingerprint whether the run starts at the root or in
 * the project's folder.
 */
export function mergeResults(parts: ReadonlyArray<{ namespace: string; result: DiffResult }>): DiffResult {
  const findings = parts.flatMap(({ namespace, result }) =>
    result.findings.map((finding) => ({ ...namespaceLocations(finding, namespace), graph: namespacedId(namespace, finding.graph) })),
  );
  findings.sort(compareFindings);
  return { formatVersion: REPORT_FORMAT_VERSION, findings, summary: summarize(findings) };
}
