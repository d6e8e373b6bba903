import type { GraphSnapshot, Snapshot } from "./types.js";

/** Sort an object's keys recursively; arrays keep their order (it can be meaningful). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}

const byKey = <T>(key: (item: T) => string) => (a: T, b: T) => {
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};
const loc = (l: { file: string; line: number; column: number }) =>
  `${l.file}:${String(l.line).padStart(8, "0")}:${String(l.column).padStart(6, "0")}`;

/**
 * Put the lists whose order carries no meaning into a stable order. Interrupt sites, join sources,
 * path maps and entrypoint bodies keep source order, because LangGraph's behaviour depends on it.
 */
function normalizeGraph(graph: GraphSnapshot): GraphSnapshot {
  const nodes: GraphSnapshot["nodes"] = {};
  for (const [name, node] of Object.entries(graph.nodes)) {
    nodes[name] = node.subgraph ? { ...node, subgraph: normalizeGraph(node.subgraph) } : node;
  }
  return {
    ...graph,
    nodes,
    edges: [...graph.edges].sort(byKey((e) => `${e.from}\u0000${e.to}\u0000${loc(e.location)}`)),
    joins: [...graph.joins].sort(byKey((j) => `${j.to}\u0000${j.sources.join("+")}\u0000${loc(j.location)}`)),
    branches: [...graph.branches].sort(byKey((b) => `${b.from}\u0000${loc(b.location)}`)),
    unresolved: [...graph.unresolved].sort(byKey((u) => `${loc(u.location)}\u0000${u.kind}\u0000${u.text}`)),
  };
}

/** Return the snapshot in canonical form: stable list order and sorted object keys. */
export function canonicalize(snapshot: Snapshot): Snapshot {
  const graphs: Snapshot["graphs"] = {};
  for (const id of Object.keys(snapshot.graphs).sort()) graphs[id] = normalizeGraph(snapshot.graphs[id]);
  return sortKeys({ ...snapshot, graphs }) as Snapshot;
}

/** Serialize a snapshot canonically: same content, same bytes; two-space indent and a final newline. */
export function serializeSnapshot(snapshot: Snapshot): string {
  return `${JSON.stringify(canonicalize(snapshot), null, 2)}\n`;
}
