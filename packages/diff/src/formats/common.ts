/** What every CI format needs besides the findings: where the project is, and which findings to show. */
import type { Location } from "@langgraph-compat/snapshot";
import type { Finding } from "../types.js";

export interface FormatOptions {
  /**
   * The project directory relative to the repository root, POSIX, `""` for the root itself: finding
   * locations are relative to the project, CI formats want them relative to the repository.
   */
  projectPath?: string;
  /** Report safe findings too (SARIF `note`, JUnit passing cases, `::notice`); left out by default. */
  includeSafe?: boolean;
  /** The tool's version, for SARIF's driver. */
  version?: string;
  /** The page of a rule, for links (SARIF `helpUri`, the Markdown comment). */
  ruleUrl?: (ruleId: string) => string;
}

/** The snapshot file: where a finding about something that exists only in the snapshot is shown. */
const SNAPSHOT = "langgraph-compat.snapshot.json";

/** A path relative to the project, as a path relative to the repository root. */
export function inRepo(options: FormatOptions, file: string): string {
  const base = (options.projectPath ?? "").replace(/\/+$/, "");
  return base === "" || base === "." ? file : `${base}/${file}`;
}

/**
 * Where a finding is shown: its location in the current code, else in the snapshot's code (a removed node),
 * else the snapshot file's first line.
 */
export function shownAt(options: FormatOptions, finding: Finding): Location {
  const at = finding.after ?? finding.before ?? { file: SNAPSHOT, line: 1, column: 1 };
  return { ...at, file: inRepo(options, at.file) };
}

/** The findings a CI format reports: breaking and risky, and safe ones when asked. */
export function shown(findings: readonly Finding[], options: FormatOptions): Finding[] {
  return findings.filter((f) => f.severity !== "safe" || options.includeSafe === true);
}
