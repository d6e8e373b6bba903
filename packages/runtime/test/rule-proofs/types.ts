/** The shape of the rule-proof table (table.ts). */
import type { ProofRun } from "./harness.js";

export type Severity = "breaking" | "risky" | "safe";

/** A rule's claim, proved on one golden fixture case. */
export interface Proof {
  rule: string;
  /** `<rule-id>/<case>` under fixtures/diff. */
  case: string;
  /** The severity the rule gives its finding in this case (checked against the live diff of the case, rule-proofs/live.ts). */
  severity: Severity;
  /** Rows of docs/semantics.md the outcome is taken from. */
  rows: string[];
  /** The endangered thread state, and what happens to it when resumed on `after`. */
  claim: string;
  /** Drives the thread on `before`, resumes it on `after`, asserts the claim. */
  prove(p: ProofRun): Promise<void>;
  /** The rule's `-ok` case driven the same way: a clean resume with the intended result. */
  ok?: { case: string; prove(p: ProofRun): Promise<void> };
  /** Why no `-ok` run is meaningful (e.g. the `-ok` case still carries another breaking finding). */
  noOk?: string;
  /**
   * Set when a runtime does not confirm the claim: what the rule says and what the runtimes do. The proof
   * then runs as an expected failure, so whoever fixes the rule (or the runtime) must remove this mark.
   */
  disagreement?: string;
}

/** A rule with no proof, and the specific reason why it cannot have one. */
export interface Unprovable {
  rule: string;
  reason: string;
}
