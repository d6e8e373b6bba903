import type { GraphSnapshot, Location, Snapshot } from "@langgraph-compat/snapshot";
import type { GraphMatch } from "./match.js";
import type { PositionSet } from "./positions/verdict.js";
import type { RuleId } from "./rules/index.js";
import type { TypeComparison } from "./schema-compare.js";
import type { Subject } from "./subject.js";

/** How dangerous a change is for threads already persisted. */
export type Severity = "breaking" | "risky" | "safe";

/** Severities from worst to least bad; the index is the rank used for sorting. */
export const SEVERITIES: readonly Severity[] = ["breaking", "risky", "safe"];

/** The thread state a rule endangers. */
export type ThreatenedState = "paused-in-node" | "paused-after-node" | "finished" | "any";

/** What a thread in the endangered state suffers (see docs/semantics.md, "Outcome words"). */
export type Outcome =
  | "silent-halt"
  | "silent-data-loss"
  | "wrong-value"
  | "stale-route"
  | "stuck"
  | "throws"
  | "re-execution"
  | "none";

/** Free-form, JSON-serialisable data a message is rendered from. */
export type FindingMeta = Record<string, unknown>;

/**
 * One classified change. It is data: the message is rendered from `meta` by the rule at output time, and
 * `fingerprint` hashes only `ruleId` and `path`, so it survives line moves and wording changes.
 */
export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** The `langgraph.json` id of the top-level graph. */
  graph: string;
  /** What changed inside the graph, as data (plain JSON): what code reads, instead of parsing `path`. */
  subject: Subject;
  /**
   * The subject as text, made by `formatPath` (names escaped), e.g. `nodes/review`, `state/notes`,
   * `nodes/sub/nodes/inner`, `edges/a-%3Eb->c`. Ignore globs match it; the fingerprint hashes it.
   */
  path: string;
  meta: FindingMeta;
  before?: Location;
  after?: Location;
  fingerprint: string;
  /** Every re-levelling applied to this finding (positions, config, renames, ignores, accepted), in order. */
  reasons?: string[];
  /**
   * The thread states a breaking or risky finding endangers, in words ("threads paused in `review`",
   * "finished threads whose last writer was `tail` (updateState without asNode throws)"), sorted.
   */
  endangered?: string[];
  /** With `check --threads`: how many of the stored threads this finding endangers, where they stand. */
  threads?: ThreadExposure;
}

/** The stored threads a breaking or risky finding endangers, counted by `check --threads`. */
export interface ThreadExposure {
  /** Threads of the finding's graph that were read. */
  scanned: number;
  /** How many of them the finding endangers. */
  endangered: number;
  /** Endangered threads per thread state in words (`threads paused in \`review\``). */
  byState: Record<string, number>;
  /** Up to N endangered thread ids. */
  sample: string[];
  /** Threads of the store that could not be read, or matched to no graph: they may be endangered too. */
  unknown: number;
  /** When the store was read (ISO). */
  scannedAt: string;
}

/**
 * The version of the report format: of {@link DiffResult} and of the `check --format json` report
 * (`report.schema.json`). 2 added `meta`, `reasons` and `fix` to each JSON finding.
 */
export const REPORT_FORMAT_VERSION = 2;

/** What {@link diffSnapshots} returns. */
export interface DiffResult {
  formatVersion: typeof REPORT_FORMAT_VERSION;
  findings: Finding[];
  summary: { breaking: number; risky: number; safe: number };
}

/** What a rule's `check` reports: the rule id, graph and fingerprint are filled in by the engine. */
export interface Report {
  /** What the finding is about; the engine formats it into the path, nesting it inside subgraphs. */
  subject: Subject;
  meta: FindingMeta;
  before?: Location;
  after?: Location;
  /** Set when the rule's analysis lowers (or, for sub-cases, raises) the default severity. */
  severity?: Severity;
  /** Why `severity` differs from the rule's default; required whenever it does. */
  reasons?: string[];
  /** A harm that does not depend on where a thread stands, judged by the verdict pass with the rest. */
  residual?: Residual;
}

/**
 * A position-independent harm a rule declares beside what {@link endangers} finds per position:
 * - `last-writer`: `updateState` without `asNode` throws on threads whose last writer was the node
 *   (rows 4b, 4g, 16a); the verdict decides whether the node can be one (4a, 4d say when it cannot);
 * - `failed`: a thread that failed in the middle of a step keeps the state the finding hurts.
 */
export type Residual =
  | { kind: "last-writer"; node: string }
  | { kind: "failed"; outcome: Outcome; rows: string[]; state: string; reason: string };

/** Everything a graph-scoped rule sees about one pair of graphs (a top-level graph or a nested subgraph). */
export interface GraphContext {
  /** Top-level graph id the findings are filed under. */
  graph: string;
  /** The subgraph nodes this graph sits in, outermost first: `[]` at top level, `["sub"]` inside node `sub`. */
  within: readonly string[];
  before: GraphSnapshot;
  after: GraphSnapshot;
  match: GraphMatch;
  /**
   * Where a thread of `before` can be saved: its static positions, computed once per graph pair on first
   * use. Rules state what they need and the verdict judges it over these; a rule reads them only to word a
   * message (see positions/reach.ts).
   */
  positions(): PositionSet;
  /** Compare two channel types (cached; async because json-schema-diff is). */
  compareTypes(before: ChannelTypeView, after: ChannelTypeView): Promise<TypeComparison>;
}

/** The part of a channel a type comparison looks at. */
export interface ChannelTypeView {
  type: Record<string, unknown>;
  optional: boolean;
  nullable: boolean;
}

/** What a snapshot-scoped rule sees: both snapshots whole. */
export interface SnapshotContext {
  before: Snapshot;
  after: Snapshot;
}

/** A rule's static description, as listed by `langgraph-compat rules`. */
export interface RuleInfo {
  id: string;
  severity: Severity;
  exposure: ThreatenedState;
  outcome: Outcome;
  semanticsRows: readonly string[];
  summary: string;
  fix: string;
  /** `graph` rules run once per graph pair (and per nested subgraph pair); `snapshot` rules once per diff. */
  scope: "graph" | "snapshot";
}
