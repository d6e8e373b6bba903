/**
 * What the analyzer says about a golden fixture case right now: both sides extracted with the real
 * extractor and diffed with the real rules. Rule proofs check their claimed severity against this live
 * output, not against the case's expected.json, so a rule that drifts fails its proof. Test-only: the
 * runtime's src never imports the extractor or the diff.
 */
import { join } from "node:path";
import { extractProject } from "@langgraph-compat/extract";
import { diffSnapshots } from "@langgraph-compat/diff";
import { FIXTURES } from "./load.js";

export interface LiveFinding {
  ruleId: string;
  severity: string;
  path: string;
}

const cache = new Map<string, Promise<LiveFinding[]>>();

async function compute(caseDir: string): Promise<LiveFinding[]> {
  const before = extractProject({ projectDir: join(FIXTURES, caseDir, "before") });
  const after = extractProject({ projectDir: join(FIXTURES, caseDir, "after") });
  const result = await diffSnapshots(before, after, { now: new Date("2026-06-01T00:00:00Z") });
  return result.findings.map(({ ruleId, severity, path }) => ({ ruleId, severity, path }));
}

/** The live findings of `<rule>/<case>` under fixtures/diff, extracted once per case and test file. */
export function liveFindings(caseDir: string): Promise<LiveFinding[]> {
  let found = cache.get(caseDir);
  if (found === undefined) {
    found = compute(caseDir);
    cache.set(caseDir, found);
  }
  return found;
}
