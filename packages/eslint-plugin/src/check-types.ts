import type { Location } from "@langgraph-compat/snapshot";

/** What the `compat` rule asks its worker: check one project against its committed snapshot. */
export interface CheckRequest {
  projectDir: string;
  snapshotFile: string;
  configFile: string;
}

/** A breaking or risky finding with a location in the current code, as the rule reports it. */
export interface EditorFinding {
  ruleId: string;
  severity: "breaking" | "risky";
  message: string;
  endangered: string[];
  fingerprint: string;
  /** Relative to the project directory. */
  location: Location;
}

export interface CheckResponse {
  findings: EditorFinding[];
  /** One line when the check could not run (a corrupt or newer snapshot, a bad config). */
  error?: string;
}
