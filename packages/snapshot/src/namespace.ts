/**
 * Names from one project of a run over several (a monorepo): graph `agent` of `apps/agent` becomes
 * `apps/agent:agent`, and its file `src/graph.ts` becomes `apps/agent/src/graph.ts`, so ids stay unique across
 * projects and paths are relative to where the run started. An empty namespace changes nothing.
 */
import { FORMAT_VERSION, type Snapshot } from "./types.js";

/** `apps/agent:agent`; the id itself when `namespace` is empty. */
export function namespacedId(namespace: string, id: string): string {
  return namespace === "" ? id : `${namespace}:${id}`;
}

const isLocation = (value: Record<string, unknown>) =>
  typeof value.file === "string" && typeof value.line === "number" && typeof value.column === "number";

/** A copy of `value` (plain JSON) in which every location's `file` is prefixed with `namespace/`. */
export function namespaceLocations<T>(value: T, namespace: string): T {
  if (namespace === "") return value;
  const walk = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(walk);
    if (item === null || typeof item !== "object") return item;
    const object = item as Record<string, unknown>;
    const copy: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(object)) copy[key] = walk(field);
    if (isLocation(object)) copy.file = `${namespace}/${object.file as string}`;
    return copy;
  };
  return walk(value) as T;
}

/** The snapshot with its graph ids and locations namespaced. */
export function namespaceSnapshot(snapshot: Snapshot, namespace: string): Snapshot {
  if (namespace === "") return snapshot;
  const graphs: Snapshot["graphs"] = {};
  for (const [id, graph] of Object.entries(snapshot.graphs)) {
    graphs[namespacedId(namespace, id)] = { ...namespaceLocations(graph, namespace), id: namespacedId(namespace, graph.id) };
  }
  return { ...snapshot, graphs };
}

/** One snapshot holding the graphs of several, already namespaced apart. */
export function mergeSnapshots(snapshots: readonly Snapshot[]): Snapshot {
  const graphs: Snapshot["graphs"] = {};
  for (const snapshot of snapshots) Object.assign(graphs, snapshot.graphs);
  return { formatVersion: FORMAT_VERSION, graphs };
}
