import type { Location } from "@langgraph-compat/snapshot";

/** What the `compat` rule asks its worker: check one project against its committed snapshot. */
export interface CheckRequest {
  projectDir: string;
  snapshotFile: string;
  configFile: string;
  /** Rule levels from ESLint's settings, as in the config file's `rules`; they win over the file's. */
  rules?: unknown;
  /** Files the last check read whose size and time have not changed since: not looked at again. */
  unchanged?: string[];
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
  /** For a rename of a top-level node: what keeping the old name as an alias takes (row 2c). */
  alias?: AliasPlan;
}

/** The routes of a renamed node that its old name, kept as an alias, must repeat. */
export interface AliasPlan {
  from: string;
  to: string;
  /** Targets of the new node's static edges. */
  edges: string[];
  /** The new node's `ends`, when it declares them. */
  ends?: string[];
  /** The new node's conditional edges (`addConditionalEdges` calls), relative to the project directory. */
  branches: Location[];
}

/** Something the extractor could not follow statically in the current code. */
export interface EditorUnresolved {
  kind: string;
  reason: string;
  text: string;
  /** Relative to the project directory. */
  location: Location;
}

/** A key with no reducer that nodes of one superstep both write (InvalidUpdateError at run time). */
export interface EditorParallelWrite {
  key: string;
  graph: string;
  nodes: string[];
  /** Each writer's `addNode` call, relative to the project directory. */
  locations: Array<{ node: string; location: Location }>;
}

/** A node whose Commands go to nodes its `ends` does not list. */
export interface EditorGotoOutsideEnds {
  node: string;
  missing: string[];
  /** The node's `addNode` call, relative to the project directory. */
  location: Location;
}

/** A node no route from START reaches (every route of its graph is known). */
export interface EditorUnreachable {
  graph: string;
  node: string;
  /** The node's `addNode` call, relative to the project directory. */
  location: Location;
}

/** A state key whose only default is a plain zod `.default()`, new to the threads in flight (rows 10c-10e). */
export interface EditorZodDefault {
  graph: string;
  key: string;
  /** The key in the state schema, relative to the project directory. */
  location: Location;
}

/** A state key no node or router reads or writes. */
export interface EditorUnusedKey {
  graph: string;
  key: string;
  /** The key in the state schema, relative to the project directory. */
  location: Location;
}

export interface CheckResponse {
  /** Of the current code. */
  unusedKeys?: EditorUnusedKey[];
  /** Of the current code. */
  unreachable?: EditorUnreachable[];
  /** Of the current code, new since the committed snapshot when there is one. */
  zodDefaults?: EditorZodDefault[];
  /** How many source files this check parsed: the ones that changed since the last check of the project. */
  parsed?: number;
  /** How long the worker spent extracting, and in all (bench/eslint.mjs prints them). */
  ms?: { extract: number; total: number };
  /** Absolute paths of the source files the check read: only a change to one of them can change its result. */
  files?: string[];
  /** Of the current code. */
  gotoOutsideEnds?: EditorGotoOutsideEnds[];
  /** Of the current code. */
  parallel?: EditorParallelWrite[];
  /** Empty without a snapshot file. */
  findings: EditorFinding[];
  /** Of the current code, snapshot or not. */
  unresolved: EditorUnresolved[];
  /** One line when the check could not run (a corrupt or newer snapshot, a bad config). */
  error?: string;
}
