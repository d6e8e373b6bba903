/**
 * What `langgraph-compat host status` reports of a GraphHost's pin store, per graph: the versions and the threads on
 * each, the threads held on a version other than their target and why, the canary, the versions that can be retired,
 * and the last audit entries. Computed from the store's reads alone (never a write), by the rules GraphHost applies.
 */
import { keptVersions, newestOf, targetOf, type AuditEntry, type HostState, type PinRow, type PinStore, type VersionRow } from "@langgraph-compat/host";
import { canonicalJson } from "@langgraph-compat/snapshot";

/** How many audit entries, the newest ones, a status shows per graph. */
export const AUDIT_SHOWN = 10;

export type VersionMark = "newest" | "rollback-target" | "canary" | "canary-base";

export interface VersionStatus {
  id: string;
  label: string | null;
  hash: string | null;
  /** Null for a version the state or a pin names but the versions table does not hold. */
  deployedAt: string | null;
  retiredAt: string | null;
  threads: number;
  marks: VersionMark[];
}

export interface PinnedThread {
  threadId: string;
  version: string;
  /** The version GraphHost would move it to: the newest, or during a canary the base for threads on it or older. */
  target: string | null;
  /** Rule ids that hold it; empty when it is behind its target but not yet decided (its next run or deploy decides). */
  reason: string[];
  updatedAt: string;
}

export interface GraphStatus {
  graph: string;
  newest: string | null;
  rollbackTarget: string | null;
  canary: { version: string; base: string; fraction: number } | null;
  threads: number;
  versions: VersionStatus[];
  pinned: PinnedThread[];
  /** Versions not retired that no thread is on, other than the newest, the rollback target and the canary base. */
  retirable: string[];
  /** The last {@link AUDIT_SHOWN} entries, oldest first; `detail` with its keys sorted (Postgres's jsonb reorders them). */
  audit: Array<{ at: string; action: string; version: string | null; by: string | null; detail: Record<string, unknown> | null }>;
}

/** The status of `graphId` from `store`'s reads (state, versions, pins, audit). */
export async function graphStatus(store: PinStore, graphId: string): Promise<GraphStatus> {
  const [state, rows, pins, audit] = await Promise.all([store.state(graphId), store.versions(graphId), store.pins(graphId), store.audit(graphId, AUDIT_SHOWN)]);
  return statusOf(graphId, state, rows, pins, audit);
}

export function statusOf(graph: string, state: HostState, rows: VersionRow[], pins: PinRow[], audit: AuditEntry[]): GraphStatus {
  const newest = newestOf(state) ?? null;
  const rollbackTarget = state.heads.at(-2) ?? null;
  const canary = state.canary ? { version: state.canary.version, base: state.canary.base, fraction: state.canary.fraction } : null;
  const count = new Map<string, number>();
  for (const pin of pins) count.set(pin.version, (count.get(pin.version) ?? 0) + 1);
  const recorded = new Set(rows.map((r) => r.id));
  const unrecorded = [...new Set([...state.heads, ...(canary ? [canary.base, canary.version] : []), ...pins.map((p) => p.version)])].filter((id) => !recorded.has(id));
  const marksOf = (id: string): VersionMark[] => {
    const marks: Array<[VersionMark, boolean]> = [["newest", id === newest], ["rollback-target", id === rollbackTarget], ["canary", id === canary?.version], ["canary-base", id === canary?.base]];
    return marks.filter(([, on]) => on).map(([mark]) => mark);
  };
  const versions: VersionStatus[] = [
    ...rows.map((r) => ({ id: r.id, label: r.label ?? null, hash: r.hash ?? null, deployedAt: r.deployedAt, retiredAt: r.retiredAt ?? null })),
    ...unrecorded.map((id) => ({ id, label: null, hash: null, deployedAt: null, retiredAt: null })),
  ].map((v) => ({ ...v, threads: count.get(v.id) ?? 0, marks: marksOf(v.id) }));
  const pinned = pins
    .map((pin) => ({ threadId: pin.threadId, version: pin.version, target: targetOf(state, pin.version) ?? null, reason: [...pin.reason], updatedAt: pin.updatedAt }))
    .filter((pin) => pin.reason.length > 0 || (pin.target !== null && pin.target !== pin.version));
  // What GraphHost would retire now: recorded, not retired, and not among the versions it keeps.
  const kept = keptVersions(state, pins.map((p) => p.version));
  const retirable = versions.filter((v) => v.deployedAt !== null && v.retiredAt === null && !kept.has(v.id)).map((v) => v.id);
  return {
    graph,
    newest,
    rollbackTarget,
    canary,
    threads: pins.length,
    versions,
    pinned,
    retirable,
    audit: audit.map((a) => ({ at: a.at, action: a.action, version: a.version ?? null, by: a.by ?? null, detail: a.detail === undefined ? null : (JSON.parse(canonicalJson(a.detail)) as Record<string, unknown>) })),
  };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
const percent = (fraction: number) => `${Math.round(fraction * 1000) / 10}%`;

/** The text report: one block per graph, in the tone of `threads`. */
export function renderHostStatus(graphs: GraphStatus[], label: string): string {
  if (graphs.length === 0) return `${label}: migrated, no graph deployed yet\n`;
  const lines = [`${plural(graphs.length, "graph")} in ${label}`];
  for (const g of graphs) {
    const canary = g.canary ? `, canary ${g.canary.version} for ${percent(g.canary.fraction)} of new threads (the rest on ${g.canary.base})` : "";
    lines.push("", `graph ${g.graph}: ${plural(g.threads, "thread")}, ${g.newest === null ? "nothing deployed" : `newest ${g.newest}`}${canary}`);
    lines.push(g.versions.length === 0 ? "  versions: none" : "  versions, first deployed first:");
    const idWidth = Math.max(0, ...g.versions.map((v) => v.id.length));
    for (const v of g.versions) {
      const facts = [
        ...(v.label !== null ? [`label ${v.label}`] : []),
        ...(v.hash !== null ? [`hash ${v.hash}`] : []),
        v.deployedAt === null ? "not in the versions table" : `deployed ${v.deployedAt}`,
        ...(v.retiredAt !== null ? [`retired ${v.retiredAt}`] : []),
      ];
      const marks = v.marks.length > 0 ? `  (${v.marks.map((m) => m.replace("-", " ")).join(", ")})` : "";
      lines.push(`    ${v.id.padEnd(idWidth)}  ${String(v.threads).padStart(6)} ${v.threads === 1 ? "thread " : "threads"}  ${facts.join(", ")}${marks}`);
    }
    if (g.pinned.length === 0) lines.push("  pinned threads: none");
    else lines.push(`  pinned threads (${g.pinned.length}):`);
    const threadWidth = Math.max(0, ...g.pinned.map((p) => p.threadId.length));
    for (const p of g.pinned) {
      const why = p.reason.length > 0 ? p.reason.join(", ") : "not decided yet (its next run or deploy decides)";
      lines.push(`    ${p.threadId.padEnd(threadWidth)}  on ${p.version}, target ${p.target ?? "none"}: ${why}`);
    }
    lines.push(`  can be retired: ${g.retirable.length > 0 ? g.retirable.join(", ") : "none"}`);
    lines.push(g.audit.length === 0 ? "  audit: empty" : `  last ${g.audit.length === 1 ? "audit entry" : `${g.audit.length} audit entries`}:`);
    for (const a of g.audit) {
      const parts = [a.at, a.action, ...(a.version !== null ? [a.version] : []), ...(a.by !== null ? [`by ${a.by}`] : []), ...(a.detail !== null && Object.keys(a.detail).length > 0 ? [canonicalJson(a.detail)] : [])];
      lines.push(`    ${parts.join("  ")}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
