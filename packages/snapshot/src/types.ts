/**
 * Types of the langgraph-compat snapshot file.
 *
 * A snapshot records, per graph, everything a persisted LangGraph thread depends on: node names, where a
 * thread can pause, edges (which are persisted as `branch:to:*` and `join:*` channel writes), state
 * channels with their reducers and defaults, and the functional-API call structure. Paths are relative
 * POSIX paths from the project root; nothing in it depends on the machine or the time it was made.
 */

/** The snapshot format this package reads and writes. Bump on any incompatible change. */
export const FORMAT_VERSION = 1 as const;

/** Node name LangGraph uses for the graph's start (`START`). */
export const START = "__start__";
/** Node name LangGraph uses for the graph's end (`END`). */
export const END = "__end__";

/** The snapshot file `snapshot` writes and `check` reads in a project directory by default. */
export const SNAPSHOT_FILE = "langgraph-compat.snapshot.json";

/** A place in the project's source: relative POSIX path, 1-based line and column. */
export interface Location {
  file: string;
  line: number;
  column: number;
}

/** A JSON Schema fragment describing a value type. `x-source` keeps the source text of a type we could not model. */
export type JsonSchema = { [key: string]: unknown };

/**
 * Something the extractor saw but could not resolve statically. The diff reports these as needing review;
 * they are never silently dropped.
 */
export interface Unresolved {
  /** What could not be resolved. */
  kind:
    | "graph"
    | "node-name"
    | "node"
    | "edge"
    | "router-target"
    | "goto-target"
    | "send-target"
    | "interrupt"
    | "state"
    | "state-key"
    | "reducer"
    | "task"
    | "breakpoint";
  /** One sentence: why it could not be resolved. */
  reason: string;
  /** The source text involved, shortened. */
  text: string;
  location: Location;
  /** The node the construct belongs to, when known. */
  node?: string;
}

/** A place a thread can pause inside a node or entrypoint body. */
export interface InterruptSite {
  kind: "interrupt" | "NodeInterrupt";
  /** Hash of the normalized call expression (its arguments); no line numbers. */
  fingerprint: string;
  location: Location;
  /** Helper functions followed from the node body to reach this call, outermost first. */
  via: string[];
}

/** A reference to the function that implements something (a node, a router, a reducer). */
export interface FunctionRef {
  /** The function's declared name, or undefined for an inline arrow function. */
  name?: string;
  /** Hash of the normalized body: whitespace, comments and local names do not count. */
  fingerprint: string;
  location: Location;
}

export type NodeKind = "function" | "subgraph" | "prebuilt" | "unknown";

export interface NodeSnapshot {
  name: string;
  kind: NodeKind;
  /** Where `addNode` (or the constructor entry) registers it. */
  location: Location;
  /** The implementation, when it is a function we could read. */
  function?: FunctionRef;
  /** `ends` option (targets a `Command` may go to), sorted. */
  ends?: string[];
  /** `input` schema option: the keys the node sees. */
  input?: JsonSchema;
  /** Other `addNode` options by name (retryPolicy, defer, cachePolicy, metadata, subgraphs), value fingerprints. */
  options: Record<string, string>;
  /** `interrupt()` calls and `NodeInterrupt` throws reachable from the body, in call order. */
  interrupts: InterruptSite[];
  /** `Command({ goto })` targets found in the node's return values, sorted. */
  gotos: string[];
  /** `Send(target, ...)` targets created in the node body, sorted. */
  sends: string[];
  /** State keys the node reads, sorted. */
  reads: string[];
  /** State keys the node writes (returned object keys, `Command.update` keys), sorted. */
  writes: string[];
  /**
   * The keys of `writes` that every completed run writes (every `return` gives an object literal naming the
   * key; no path falls off the body's end or returns nothing), sorted. Absent when none is sure, and in
   * snapshots older than this field: readers must then assume a node writes a key only sometimes.
   */
  alwaysWrites?: string[];
  /**
   * True when every `Command` the node returns goes to at most one node by name (a string, or a conditional
   * of strings), and it never returns a list of Commands: a run starts one of `gotos`/`ends`, or none.
   * Absent when not sure (a list, Sends, a value we cannot read): readers must then assume any subset at once.
   */
  singleGoto?: boolean;
  /**
   * For a node a static edge from START enters: the state keys only it writes and every completed run of it writes, each
   * with the one literal it always writes (every `return` gives an object literal holding the key with
   * that value), such as a version stamp `{ flow_version: 2 }`. Absent on other nodes and when there is none.
   */
  constantWrites?: Record<string, StampValue>;
  /** For `kind: "subgraph"`: the nested graph. */
  subgraph?: GraphSnapshot;
  /**
   * For a `ToolNode`: every tool in its list was read (a project function given to `tool()` or a
   * `Dynamic*Tool`, or a tool class from a package other than LangGraph, taken as neither pausing nor
   * reading the graph state). Its `interrupts` are then all its pause points, and its `reads`/`writes` are
   * `messages` (`*` when a tool takes the state). Absent otherwise: the node may pause and read anything.
   */
  toolsFollowed?: boolean;
  /** For `kind: "prebuilt"`: the factory called (`createReactAgent`, ...). */
  prebuilt?: string;
}

/** A static edge `addEdge(from, to)`: persisted as a write to `branch:to:<to>`. */
export interface EdgeSnapshot {
  from: string;
  to: string;
  location: Location;
}

/** A join `addEdge([a, b], c)`: persisted as channel `join:a+b:c`, so source order matters. */
export interface JoinSnapshot {
  /** Sources in the order written. */
  sources: string[];
  to: string;
  location: Location;
}

/** A literal a node writes or a router compares against. */
export type StampValue = string | number | boolean;

/**
 * A router whose whole decision is one comparison of a state key with a literal, each arm returning one
 * static route (`state.flow_version >= 2 ? "legal" : "publish"`): the docs' version-stamp pattern. The
 * comparison is JavaScript's, the key on the left (`2 <= state.k` is recorded as `k >= 2`).
 */
export interface BranchGate {
  key: string;
  op: "===" | "!==" | "==" | "!=" | "<" | "<=" | ">" | ">=";
  value: StampValue;
  /** The target (through the path map) when the comparison holds, and when it does not. */
  then: string;
  else: string;
}

/** `addConditionalEdges(from, router, pathMap?)`. */
export interface BranchSnapshot {
  from: string;
  router: FunctionRef;
  /** The path map as written: an array of targets, or an object of router value -> target. */
  pathMap?: string[] | Record<string, string>;
  /**
   * With a path map: the static values the router returns, sorted. One outside the path map makes every
   * run that returns it throw (row 6b).
   */
  returns?: string[];
  /** Every node the branch can lead to (through the path map, literal returns or Send), sorted. */
  targets: string[];
  /** Targets reached through `Send`, sorted. */
  sendTargets: string[];
  /**
   * True when every `return` of the router gives one name or one `Send` (a string, a conditional of them,
   * `new Send(...)`), never a list: a run of it starts one target. Absent when not sure.
   */
  oneValue?: boolean;
  /** When the router's whole decision compares one state key with a literal. */
  gate?: BranchGate;
  /** State keys the router reads, sorted (`*` when it passes the state on). Absent when it could not be read. */
  reads?: string[];
  location: Location;
}

/** Where a reducer comes from. */
export type Reducer =
  | { kind: "none" }
  | { kind: "known"; name: "messagesStateReducer" | "addMessages" }
  | {
      kind: "custom";
      fingerprint: string;
      name?: string;
      location?: Location;
      /**
       * True when the body never combines the stored value with the update: it returns the update as is, or
       * the stored value as is when the update is missing (`(_, next) => next`, `(x, y) => y ?? x`). The stored
       * values are those of a last-value channel; only parallel writes differ (merged instead of rejected).
       */
      replaces?: boolean;
      /**
       * True when the result always starts with the whole stored value (`(a, b) => a.concat(b)`,
       * `(a, b) => [...a, ...b]`): it keeps everything stored, whatever it adds. Absent when not sure.
       */
      keeps?: boolean;
    };

/**
 * A channel default. `channel` defaults (Annotation, `withLangGraph`, `StateSchema`) are written into
 * the first checkpoint and applied to old threads; a plain zod `.default()` is not (semantics rows 10c-10e).
 */
export type ChannelDefault = { kind: "none" } | { kind: "channel" | "zod"; fingerprint: string };

export interface ChannelSnapshot {
  name: string;
  /** Value type as JSON Schema (without null/undefined; see `optional` and `nullable`). */
  type: JsonSchema;
  optional: boolean;
  nullable: boolean;
  reducer: Reducer;
  default: ChannelDefault;
  /** `UntrackedValue`: never checkpointed. */
  untracked: boolean;
  /** Nodes that read the key, sorted. */
  readBy: string[];
  /** Nodes that write the key, sorted. */
  writtenBy: string[];
  location: Location;
}

export type StateForm = "annotation" | "zod" | "state-schema" | "channels" | "unknown";

export interface StateSnapshot {
  form: StateForm;
  /** Persisted channels, keyed by name. */
  channels: Record<string, ChannelSnapshot>;
  /** Keys of the `input` schema when it differs from the state (not persisted). */
  input?: Record<string, JsonSchema>;
  /** Keys of the `output` schema when it differs from the state (not persisted). */
  output?: Record<string, JsonSchema>;
  /** The config schema (second constructor argument or `context`): not persisted. */
  config?: Record<string, JsonSchema>;
  location?: Location;
}

/** One step of a functional-API entrypoint body, in source order. */
export type FlowItem =
  | {
      kind: "task";
      name: string;
      argsFingerprint: string;
      location: Location;
      /** `interrupt()` calls inside the task's function, in call order (matched by position on resume). */
      interrupts?: InterruptSite[];
    }
  | { kind: "interrupt"; fingerprint: string; location: Location }
  | { kind: "nondeterministic"; call: string; decidesControlFlow: boolean; location: Location }
  | {
      kind: "loop";
      body: FlowItem[];
      location: Location;
      /** Fingerprint of what the loop iterates over (its header, constants by value): a new order replays cached calls against other items. */
      header?: string;
    }
  | { kind: "branch"; arms: FlowItem[][]; location: Location };

export interface EntrypointSnapshot {
  name: string;
  location: Location;
  body: FlowItem[];
}

export type GraphKind = "graph" | "functional" | "prebuilt";

export interface GraphSnapshot {
  /** The `langgraph.json` id, or the export name when there is no `langgraph.json`. */
  id: string;
  kind: GraphKind;
  /** Where the graph is defined (the builder construction or the entrypoint call). */
  location: Location;
  nodes: Record<string, NodeSnapshot>;
  edges: EdgeSnapshot[];
  joins: JoinSnapshot[];
  branches: BranchSnapshot[];
  state: StateSnapshot;
  /** `compile({ interruptBefore })`: node names, or `"*"`. */
  interruptBefore: string[] | "*";
  /** `compile({ interruptAfter })`: node names, or `"*"`. */
  interruptAfter: string[] | "*";
  /** For `kind: "functional"`. */
  entrypoint?: EntrypointSnapshot;
  /** For `kind: "prebuilt"`: the factory called. */
  prebuilt?: string;
  unresolved: Unresolved[];
}

export interface Snapshot {
  formatVersion: typeof FORMAT_VERSION;
  /** Graphs keyed by id. */
  graphs: Record<string, GraphSnapshot>;
}
