/**
 * Hand-written claims about an extract fixture (`fixtures/extract/<case>/claims.json`), and the same view
 * of a live snapshot, so the two can be compared category by category. The format is documented in
 * fixtures/extract/README.md. A category a claim leaves out is not checked; one it states is compared as
 * an exact set (or an exact list where order matters: join sources, interrupts, flow items).
 */
import type { FlowItem, GraphSnapshot, InterruptSite, Snapshot } from "@langgraph-compat/snapshot";

/** Claims for one graph. Every field is optional; a stated one must match exactly. */
export interface GraphClaims {
  kind?: GraphSnapshot["kind"];
  prebuilt?: string;
  state?: string;
  /** Node name -> node kind. */
  nodes?: Record<string, string>;
  /** `"from -> to"`. */
  edges?: string[];
  /** `"a + b -> c"`, sources in the order written. */
  joins?: string[];
  branches?: BranchClaim[];
  /** Node -> targets; nodes not listed have none. Same for `ends` and `sends`. */
  gotos?: Record<string, string[]>;
  ends?: Record<string, string[]>;
  sends?: Record<string, string[]>;
  /** Node -> state keys it reads (`*` for any key); nodes not listed read none. */
  reads?: Record<string, string[]>;
  /** Node -> state keys every completed run writes (`alwaysWrites`); nodes not listed have none. */
  alwaysWrites?: Record<string, string[]>;
  /** Node -> the literal it writes into each key on every run (thread-start nodes only): `{ "stamp": { "flow_version": 2 } }`. */
  constantWrites?: Record<string, Record<string, string | number | boolean>>;
  /** Node -> interrupt sites in call order: `"interrupt src/x.ts:4"`, `"NodeInterrupt src/x.ts:9 via helper"`. */
  interrupts?: Record<string, string[]>;
  interruptBefore?: string[] | "*";
  interruptAfter?: string[] | "*";
  /** Channel -> `"<reducer> / <default>"`, e.g. `"custom / channel"`, `"none / none"`. */
  channels?: Record<string, string>;
  /** Functional API: entrypoint body items in source order (see README). */
  flow?: string[];
  /** `"<kind> <file>:<line>"`, one per element. */
  unresolved?: string[];
  /** Node -> claims about the graph that node holds. */
  subgraphs?: Record<string, GraphClaims>;
}

export interface BranchClaim {
  from: string;
  targets: string[];
  sendTargets?: string[];
  pathMap?: string[] | Record<string, string>;
  returns?: string[];
  /** A router deciding by one comparison: `"flow_version >= 2 ? legal_check : review"` (the literal as JSON). */
  gate?: string;
}

/** A whole fixture: the graphs it yields, or the code of the user error it must raise. */
export type FixtureClaims = { graphs: Record<string, GraphClaims> } | { error: string };

const sorted = (list: string[]) => [...list].sort();

/** Drop empty lists from a node -> targets map, so `{"a": []}` may state "a has none" explicitly. */
function nonEmpty(map: Record<string, string[]>, order: boolean): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const key of Object.keys(map).sort()) if (map[key].length > 0) out[key] = order ? map[key] : sorted(map[key]);
  return out;
}

function site(s: InterruptSite): string {
  return `${s.kind} ${s.location.file}:${s.location.line}${s.via.length > 0 ? ` via ${s.via.join(" > ")}` : ""}`;
}

/** One entrypoint body item as a line: `task name`, `interrupt file:line`, `loop { ... }`, `branch { ... | ... }`. */
export function flowLine(item: FlowItem): string {
  const items = (list: FlowItem[]) => list.map(flowLine).join("; ");
  switch (item.kind) {
    case "task":
      return `task ${item.name}${item.interrupts?.length ? ` pauses at ${item.interrupts.map(site).join(", ")}` : ""}`;
    case "interrupt":
      return `interrupt ${item.location.file}:${item.location.line}`;
    case "nondeterministic":
      return `nondeterministic ${item.call}${item.decidesControlFlow ? " decides" : ""}`;
    case "loop":
      return `loop { ${items(item.body)} }`;
    case "branch":
      return `branch { ${item.arms.map(items).join(" | ")} }`;
  }
}

function branchKey(b: BranchClaim): string {
  return JSON.stringify(b);
}

/** The live graph seen through the categories `claim` states, in the claims' own shape. */
export function viewOf(graph: GraphSnapshot, claim: GraphClaims): GraphClaims {
  const nodes = Object.values(graph.nodes);
  const perNode = (pick: (n: (typeof nodes)[number]) => string[] | undefined) =>
    Object.fromEntries(nodes.map((n) => [n.name, pick(n) ?? []]));
  const view: GraphClaims = {};
  const all: Required<{ [K in keyof GraphClaims]: () => GraphClaims[K] }> = {
    kind: () => graph.kind,
    prebuilt: () => graph.prebuilt,
    state: () => graph.state.form,
    nodes: () => Object.fromEntries(nodes.map((n) => [n.name, n.kind]).sort()),
    edges: () => sorted(graph.edges.map((e) => `${e.from} -> ${e.to}`)),
    joins: () => sorted(graph.joins.map((j) => `${j.sources.join(" + ")} -> ${j.to}`)),
    branches: () =>
      graph.branches
        .map((b) => {
          const out: BranchClaim = { from: b.from, targets: b.targets };
          if (b.sendTargets.length > 0) out.sendTargets = b.sendTargets;
          if (b.pathMap !== undefined) out.pathMap = b.pathMap;
          if (b.returns !== undefined) out.returns = b.returns;
          if (b.gate !== undefined) out.gate = `${b.gate.key} ${b.gate.op} ${JSON.stringify(b.gate.value)} ? ${b.gate.then} : ${b.gate.else}`;
          return out;
        })
        .sort((x, y) => branchKey(x).localeCompare(branchKey(y))),
    gotos: () => nonEmpty(perNode((n) => n.gotos), false),
    ends: () => nonEmpty(perNode((n) => n.ends), false),
    sends: () => nonEmpty(perNode((n) => n.sends), false),
    reads: () => nonEmpty(perNode((n) => n.reads), false),
    alwaysWrites: () => nonEmpty(perNode((n) => n.alwaysWrites ?? []), false),
    constantWrites: () =>
      Object.fromEntries(nodes.filter((n) => n.constantWrites !== undefined).map((n) => [n.name, n.constantWrites!]).sort(([a], [b]) => (a < b ? -1 : 1))),
    interrupts: () => nonEmpty(perNode((n) => n.interrupts.map(site)), true),
    interruptBefore: () => graph.interruptBefore,
    interruptAfter: () => graph.interruptAfter,
    channels: () =>
      Object.fromEntries(
        Object.values(graph.state.channels)
          .map((c) => {
            const reducer = c.reducer.kind === "known" ? c.reducer.name : c.reducer.kind;
            const extra = `${c.reducer.kind === "custom" && c.reducer.replaces ? " (replaces)" : ""}${c.untracked ? " untracked" : ""}`;
            return [c.name, `${reducer}${extra} / ${c.default.kind}`];
          })
          .sort(),
      ),
    flow: () => graph.entrypoint?.body.map(flowLine),
    unresolved: () => sorted(graph.unresolved.map((u) => `${u.kind} ${u.location.file}:${u.location.line}`)),
    subgraphs: () =>
      Object.fromEntries(
        nodes
          .filter((n) => n.subgraph !== undefined)
          .map((n) => [n.name, viewOf(n.subgraph!, claim.subgraphs?.[n.name] ?? {})]),
      ),
  };
  for (const key of Object.keys(claim) as Array<keyof GraphClaims>) {
    if (!(key in all)) throw new Error(`claims: unknown category "${key}"`);
    (view as Record<string, unknown>)[key] = all[key]();
  }
  return view;
}

/** The claim with its set-valued categories put in the view's canonical order. */
export function normalizeClaim(claim: GraphClaims): GraphClaims {
  const out: GraphClaims = { ...claim };
  if (claim.nodes) out.nodes = Object.fromEntries(Object.entries(claim.nodes).sort());
  if (claim.edges) out.edges = sorted(claim.edges);
  if (claim.joins) out.joins = sorted(claim.joins);
  if (claim.branches) {
    out.branches = claim.branches
      .map((b) => {
        // Same key order as the view, so the JSON sort keys agree.
        const n: BranchClaim = { from: b.from, targets: sorted(b.targets) };
        if (b.sendTargets) n.sendTargets = sorted(b.sendTargets);
        if (b.pathMap !== undefined) n.pathMap = b.pathMap;
        if (b.returns) n.returns = sorted(b.returns);
        if (b.gate !== undefined) n.gate = b.gate;
        return n;
      })
      .sort((x, y) => branchKey(x).localeCompare(branchKey(y)));
  }
  if (claim.gotos) out.gotos = nonEmpty(claim.gotos, false);
  if (claim.ends) out.ends = nonEmpty(claim.ends, false);
  if (claim.sends) out.sends = nonEmpty(claim.sends, false);
  if (claim.reads) out.reads = nonEmpty(claim.reads, false);
  if (claim.constantWrites) out.constantWrites = Object.fromEntries(Object.entries(claim.constantWrites).sort(([a], [b]) => (a < b ? -1 : 1)));
  if (claim.interrupts) out.interrupts = nonEmpty(claim.interrupts, true);
  if (Array.isArray(claim.interruptBefore)) out.interruptBefore = sorted(claim.interruptBefore);
  if (Array.isArray(claim.interruptAfter)) out.interruptAfter = sorted(claim.interruptAfter);
  if (claim.channels) out.channels = Object.fromEntries(Object.entries(claim.channels).sort());
  if (claim.unresolved) out.unresolved = sorted(claim.unresolved);
  if (claim.subgraphs) {
    out.subgraphs = Object.fromEntries(Object.entries(claim.subgraphs).map(([k, v]) => [k, normalizeClaim(v)]));
  }
  return out;
}

/** Ids of the graphs a snapshot holds, sorted. */
export function graphIds(snapshot: Snapshot): string[] {
  return Object.keys(snapshot.graphs).sort();
}
