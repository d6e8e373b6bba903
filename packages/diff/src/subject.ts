/**
 * What a finding is about, as data: a typed subject instead of a string other code parses back. A
 * finding's `path` (what people read, what ignore globs match, what the fingerprint hashes) is derived
 * from its subject by {@link formatPath}, the one place that escapes names.
 *
 * Real LangGraph accepts any string as a node name, including `a->b`, `a+b`, `a/b` and `x*`. Unescaped,
 * the edge `a->b -> c` and the edge `a -> b->c` would share a path and a fingerprint. So every name in a
 * path has `%`, `/`, `>`, `+`, `*` and `#` percent-encoded; a name without them is written as is, so paths
 * of ordinary names read as they always did (and keep their fingerprints).
 */

/** A field of a node a rule reports on: `nodes/<node>/<field>`. */
export type NodeField = "function" | "options" | "input" | "ends" | "prebuilt" | "gotos" | "sends";

/** A facet of a state key a rule reports on: `state/<key>/<facet>`. */
export type StateFacet = "type" | "reducer" | "default";

/** Where a sequence of interrupt() calls lives: a node, a functional entrypoint, or a task. */
export type InterruptOwnerSubject =
  | { kind: "node"; node: string }
  | { kind: "entrypoint"; entrypoint: string }
  | { kind: "task"; task: string };

/**
 * What a finding is about. Plain JSON (it is serialised with the finding); `kind` discriminates.
 * The comment of each member shows its formatted path, with `<…>` an escaped name.
 */
export type Subject =
  /** `graphs/<graph>`: a graph id of `langgraph.json`. */
  | { kind: "graph"; graph: string }
  /** `nodes/<node>` */
  | { kind: "node"; node: string }
  /** `nodes/<node>/<field>` */
  | { kind: "node-field"; node: string; field: NodeField }
  /** `nodes/<node>/gotos/<target>` or `nodes/<node>/sends/<target>`: one target of a goto or Send. */
  | { kind: "node-target"; node: string; via: "gotos" | "sends"; target: string }
  /** `state`: the state schema as a whole (its form). */
  | { kind: "state" }
  /** `state/config`, `state/input`, `state/output`: a schema beside the state channels. */
  | { kind: "schema"; schema: "config" | "input" | "output" }
  /** `state/<key>` or `state/<key>/<facet>` */
  | { kind: "state-key"; key: string; facet?: StateFacet }
  /** `edges/<from>-><to>` */
  | { kind: "edge"; from: string; to: string }
  /** `joins/<source>+<source>…-><to>` */
  | { kind: "join"; sources: string[]; to: string }
  /** `branches/<from>`: the router out of a node. */
  | { kind: "branch"; from: string }
  /** `branches/<from>/targets/<target>`: one destination of a router. */
  | { kind: "branch-target"; from: string; target: string }
  /** `breakpoints/interruptBefore` or `breakpoints/interruptAfter` */
  | { kind: "breakpoints"; list: "interruptBefore" | "interruptAfter" }
  /** `<owner>/interrupts` (the whole sequence) or `<owner>/interrupts/<index>` (one call, 0-based). */
  | { kind: "interrupts"; owner: InterruptOwnerSubject; index?: number }
  /** `entrypoints/<entrypoint>` */
  | { kind: "entrypoint"; entrypoint: string }
  /** `entrypoints/<entrypoint>/tasks/<index>`: the task call at a 0-based call index. */
  | { kind: "task"; entrypoint: string; index: number }
  /** `entrypoints/<entrypoint>/nondeterministic/<call>` (`#<occurrence>` from the second one on). */
  | { kind: "nondeterministic"; entrypoint: string; call: string; occurrence: number }
  /** `unresolved/<element>/<id>`: an unresolved element of kind `element`; `id` is a short hash. */
  | { kind: "unresolved"; element: string; id: string }
  /** `prebuilt`: the prebuilt factory of the graph itself. */
  | { kind: "prebuilt" }
  /** `nodes/<node>/<inner path>`: a subject inside the subgraph of node `node`. */
  | { kind: "nested"; node: string; subject: Subject };

/** The characters escaped in names, each with its percent-encoding (`%` first, so it is never doubled). */
const ESCAPES: ReadonlyArray<readonly [string, string]> = [
  ["%", "%25"],
  ["/", "%2F"],
  [">", "%3E"],
  ["+", "%2B"],
  ["*", "%2A"],
  ["#", "%23"],
];
const SPECIAL = /[%/>+*#]/g;
const ENCODE = new Map(ESCAPES);

/**
 * Escape a name for a path: `%`, `/`, `>`, `+`, `*` and `#` are percent-encoded, everything else is kept.
 * `/` separates segments, `->` an edge's ends, `+` a join's sources, `#` an occurrence, `*` is a glob
 * wildcard, and `%` is the escape itself; with `>` encoded, a name can never contain `->`.
 */
export function escapeName(name: string): string {
  return name.replace(SPECIAL, (c) => ENCODE.get(c) as string);
}

/** The path of an interrupt owner, without the `/interrupts` suffix (also shown in messages). */
export function formatOwner(owner: InterruptOwnerSubject): string {
  switch (owner.kind) {
    case "node":
      return `nodes/${escapeName(owner.node)}`;
    case "entrypoint":
      return `entrypoints/${escapeName(owner.entrypoint)}`;
    case "task":
      return `tasks/${escapeName(owner.task)}`;
  }
}

/**
 * The path of a subject: the one formatter, so two different subjects never share a path. Names are
 * escaped with {@link escapeName}; the structure (`/`, `->`, `+`, `#`) is written by this function only.
 *
 * @example formatPath({ kind: "edge", from: "a->b", to: "c" }) // "edges/a-%3Eb->c"
 */
export function formatPath(subject: Subject): string {
  const e = escapeName;
  switch (subject.kind) {
    case "graph":
      return `graphs/${e(subject.graph)}`;
    case "node":
      return `nodes/${e(subject.node)}`;
    case "node-field":
      return `nodes/${e(subject.node)}/${subject.field}`;
    case "node-target":
      return `nodes/${e(subject.node)}/${subject.via}/${e(subject.target)}`;
    case "state":
      return "state";
    case "schema":
      return `state/${subject.schema}`;
    case "state-key":
      return `state/${e(subject.key)}${subject.facet ? `/${subject.facet}` : ""}`;
    case "edge":
      return `edges/${e(subject.from)}->${e(subject.to)}`;
    case "join":
      return `joins/${subject.sources.map(e).join("+")}->${e(subject.to)}`;
    case "branch":
      return `branches/${e(subject.from)}`;
    case "branch-target":
      return `branches/${e(subject.from)}/targets/${e(subject.target)}`;
    case "breakpoints":
      return `breakpoints/${subject.list}`;
    case "interrupts":
      return `${formatOwner(subject.owner)}/interrupts${subject.index === undefined ? "" : `/${subject.index}`}`;
    case "entrypoint":
      return `entrypoints/${e(subject.entrypoint)}`;
    case "task":
      return `entrypoints/${e(subject.entrypoint)}/tasks/${subject.index}`;
    case "nondeterministic":
      return `entrypoints/${e(subject.entrypoint)}/nondeterministic/${e(subject.call)}${subject.occurrence > 0 ? `#${subject.occurrence}` : ""}`;
    case "unresolved":
      return `unresolved/${e(subject.element)}/${e(subject.id)}`;
    case "prebuilt":
      return "prebuilt";
    case "nested":
      return `nodes/${e(subject.node)}/${formatPath(subject.subject)}`;
  }
}

/** Wrap `subject` as seen from the graphs that contain it: `["sub", "inner"]` is `nodes/sub/nodes/inner/…`. */
export function nestSubject(subgraphNodes: readonly string[], subject: Subject): Subject {
  return subgraphNodes.reduceRight<Subject>((inner, node) => ({ kind: "nested", node, subject: inner }), subject);
}
