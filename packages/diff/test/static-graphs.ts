/** Hand-made graph snapshots for the static-position tests: only what the exploration reads is filled in. */
import { END, START, type BranchSnapshot, type GraphSnapshot, type InterruptSite, type NodeSnapshot } from "@langgraph-compat/snapshot";

export { START, END };

const at = { file: "g.ts", line: 1, column: 1 };
const site = (k: number): InterruptSite => ({ kind: "interrupt", fingerprint: `i${k}`, location: at, via: [] });

/** A node: `interrupts` is how many `interrupt()` calls its body makes. */
export interface NodeSpec extends Partial<Omit<NodeSnapshot, "interrupts">> {
  interrupts?: number;
}

export interface GraphSpec {
  nodes: Record<string, NodeSpec>;
  edges?: Array<[string, string]>;
  joins?: Array<[string[], string]>;
  branches?: Array<{ from: string; targets: string[]; sendTargets?: string[]; pathMap?: BranchSnapshot["pathMap"] }>;
  keys?: string[];
  interruptBefore?: string[] | "*";
  interruptAfter?: string[] | "*";
  unresolved?: GraphSnapshot["unresolved"];
  kind?: GraphSnapshot["kind"];
  entrypoint?: GraphSnapshot["entrypoint"];
}

/** The snapshot of the graph `spec` describes. */
export function graph(spec: GraphSpec): GraphSnapshot {
  const nodes: Record<string, NodeSnapshot> = {};
  for (const [name, n] of Object.entries(spec.nodes)) {
    nodes[name] = {
      name,
      kind: "function",
      location: at,
      options: {},
      gotos: [],
      sends: [],
      reads: [],
      writes: [],
      ...n,
      interrupts: Array.from({ length: n.interrupts ?? 0 }, (_, k) => site(k)),
    };
  }
  const channels: GraphSnapshot["state"]["channels"] = {};
  for (const key of spec.keys ?? []) {
    channels[key] = {
      name: key,
      type: {},
      optional: true,
      nullable: false,
      reducer: { kind: "none" },
      default: { kind: "none" },
      untracked: false,
      readBy: [],
      writtenBy: Object.values(nodes).filter((n) => n.writes.includes(key)).map((n) => n.name),
      location: at,
    };
  }
  return {
    id: "g",
    kind: spec.kind ?? "graph",
    location: at,
    nodes,
    edges: (spec.edges ?? []).map(([from, to]) => ({ from, to, location: at })),
    joins: (spec.joins ?? []).map(([sources, to]) => ({ sources, to, location: at })),
    branches: (spec.branches ?? []).map((b) => ({
      from: b.from,
      router: { fingerprint: "r", location: at },
      targets: [...new Set([...b.targets, ...(b.sendTargets ?? [])])].sort(),
      sendTargets: b.sendTargets ?? [],
      ...(b.pathMap !== undefined ? { pathMap: b.pathMap } : {}),
      location: at,
    })),
    state: { form: "annotation", channels },
    interruptBefore: spec.interruptBefore ?? [],
    interruptAfter: spec.interruptAfter ?? [],
    ...(spec.entrypoint !== undefined ? { entrypoint: spec.entrypoint } : {}),
    unresolved: spec.unresolved ?? [],
  };
}
