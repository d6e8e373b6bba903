/** A tiny builder for hand-made snapshots, and a helper that diffs them down to comparable triples. */
import {
  END,
  START,
  type BranchSnapshot,
  type ChannelSnapshot,
  type EntrypointSnapshot,
  type FlowItem,
  type GraphSnapshot,
  type InterruptSite,
  type Location,
  type NodeSnapshot,
  type Snapshot,
  type StateForm,
  type Unresolved,
} from "@langgraph-compat/snapshot";
import { expect } from "vitest";
import { diffSnapshots, type CompatConfig, type DiffResult } from "../src/index.js";

export { START, END };

let line = 0;
/** A fresh location (lines only need to differ, they never matter to the diff). */
export const loc = (file = "src/graph.ts"): Location => ({ file, line: ++line, column: 1 });

export function node(name: string, opts: Partial<NodeSnapshot> = {}): NodeSnapshot {
  return {
    name,
    kind: "function",
    location: loc(),
    function: { name, fingerprint: `fn:${name}`, location: loc() },
    options: {},
    interrupts: [],
    gotos: [],
    sends: [],
    reads: [],
    writes: [],
    ...opts,
  };
}

/** An interrupt() call site; `fp` stands for its normalized arguments. */
export const interrupt = (fp: string): InterruptSite => ({ kind: "interrupt", fingerprint: fp, location: loc(), via: [] });

export function channel(name: string, opts: Partial<ChannelSnapshot> = {}): ChannelSnapshot {
  return {
    name,
    type: { type: "string" },
    optional: false,
    nullable: false,
    reducer: { kind: "none" },
    default: { kind: "none" },
    untracked: false,
    readBy: [],
    writtenBy: [],
    location: loc("src/state.ts"),
    ...opts,
  };
}

export function branch(from: string, targets: string[], opts: Partial<BranchSnapshot> = {}): BranchSnapshot {
  return {
    from,
    router: { name: `route_${from}`, fingerprint: `router:${from}`, location: loc() },
    targets: [...targets].sort(),
    sendTargets: [],
    location: loc(),
    ...opts,
  };
}

export interface GraphSpec {
  id?: string;
  kind?: GraphSnapshot["kind"];
  nodes?: NodeSnapshot[];
  /** `[from, to]` pairs; use START / END. */
  edges?: Array<[string, string]>;
  joins?: Array<[string[], string]>;
  branches?: BranchSnapshot[];
  channels?: ChannelSnapshot[];
  form?: StateForm;
  config?: Record<string, Record<string, unknown>>;
  interruptBefore?: string[] | "*";
  interruptAfter?: string[] | "*";
  entrypoint?: { name: string; body: FlowItem[] };
  unresolved?: Unresolved[];
  prebuilt?: string;
}

/** Build a graph; channels' readBy / writtenBy are derived from the nodes' reads / writes. */
export function graph(spec: GraphSpec = {}): GraphSnapshot {
  const nodes = spec.nodes ?? [];
  const channels: Record<string, ChannelSnapshot> = {};
  for (const c of spec.channels ?? []) {
    channels[c.name] = {
      ...c,
      readBy: c.readBy.length ? c.readBy : nodes.filter((n) => n.reads.includes(c.name)).map((n) => n.name).sort(),
      writtenBy: c.writtenBy.length ? c.writtenBy : nodes.filter((n) => n.writes.includes(c.name)).map((n) => n.name).sort(),
    };
  }
  const entrypoint: EntrypointSnapshot | undefined = spec.entrypoint
    ? { name: spec.entrypoint.name, location: loc(), body: spec.entrypoint.body }
    : undefined;
  return {
    id: spec.id ?? "agent",
    kind: spec.kind ?? (spec.entrypoint ? "functional" : "graph"),
    location: loc(),
    nodes: Object.fromEntries(nodes.map((n) => [n.name, n])),
    edges: (spec.edges ?? []).map(([from, to]) => ({ from, to, location: loc() })),
    joins: (spec.joins ?? []).map(([sources, to]) => ({ sources, to, location: loc() })),
    branches: spec.branches ?? [],
    state: { form: spec.form ?? "annotation", channels, ...(spec.config ? { config: spec.config } : {}) },
    interruptBefore: spec.interruptBefore ?? [],
    interruptAfter: spec.interruptAfter ?? [],
    ...(entrypoint ? { entrypoint } : {}),
    ...(spec.prebuilt ? { prebuilt: spec.prebuilt } : {}),
    unresolved: spec.unresolved ?? [],
  };
}

/** Edges START -> names[0] -> ... -> END. */
export const chain = (...names: string[]): Array<[string, string]> =>
  [START, ...names, END].slice(0, -1).map((from, i) => [from, [...names, END][i]] as [string, string]);

export const snapshot = (...graphs: GraphSnapshot[]): Snapshot => ({
  formatVersion: 1,
  graphs: Object.fromEntries(graphs.map((g) => [g.id, g])),
});

export const task = (name: string, args = "args"): FlowItem => ({ kind: "task", name, argsFingerprint: args, location: loc() });
export const ask = (fp: string): FlowItem => ({ kind: "interrupt", fingerprint: fp, location: loc() });

export type Triple = [ruleId: string, severity: string, path: string];

/** Fixed "today" for expiry tests. */
export const NOW = new Date("2026-06-15T12:00:00Z");

/**
 * Diff two graphs (or snapshots) and return sorted (ruleId, severity, path) triples. Also asserts that
 * each side diffed against itself is empty, so every snapshot a test builds is covered by diff(A, A).
 */
export async function triples(
  before: GraphSnapshot | Snapshot,
  after: GraphSnapshot | Snapshot,
  config?: CompatConfig,
): Promise<Triple[]> {
  const b = "formatVersion" in before ? before : snapshot(before);
  const a = "formatVersion" in after ? after : snapshot(after);
  for (const s of [b, a]) {
    expect((await diffSnapshots(s, s, { now: NOW })).findings).toEqual([]);
    // Moving every line must not count as a change either (and it defeats the identical-graph shortcut).
    expect((await diffSnapshots(s, shiftLines(s), { now: NOW })).findings).toEqual([]);
  }
  const result = await diffSnapshots(b, a, { config, now: NOW });
  return result.findings.map((f) => [f.ruleId, f.severity, f.path] as Triple).sort(byTriple);
}

export async function diff(before: GraphSnapshot, after: GraphSnapshot, config?: CompatConfig): Promise<DiffResult> {
  return diffSnapshots(snapshot(before), snapshot(after), { config, now: NOW });
}

export const byTriple = (x: Triple, y: Triple) => (x.join("\u0000") < y.join("\u0000") ? -1 : x.join("\u0000") > y.join("\u0000") ? 1 : 0);
export const sorted = (list: Triple[]) => [...list].sort(byTriple);

/** A deep copy with every `line` moved down, as if code had been added above everything. */
export function shiftLines<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => (key === "line" && typeof v === "number" ? v + 100 : v)) as T;
}
