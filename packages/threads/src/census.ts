/**
 * Where the stored threads stand, per graph: the "can I remove this node yet?" answer. Counts threads paused
 * per node and interrupt, waiting at breakpoints, finished and errored, with the oldest paused thread per
 * pause point; threads that match no graph or cannot be read are counted and listed, never dropped.
 */
import type { GraphSnapshot, Snapshot } from "@langgraph-compat/snapshot";
import type { ThreadPosition } from "@langgraph-compat/diff";
import type { ScannedThread } from "./scan.js";

export interface PausePoint {
  /** `review`, or `outer/inner` inside a subgraph. */
  node: string;
  /** `interrupt` (the `interrupt()` call numbered `call`, from 1), or a breakpoint: `before` / `after` the node. */
  at: "interrupt" | "before" | "after";
  call?: number;
  threads: number;
  /** The oldest such thread's last checkpoint time (ISO), when the saver recorded one. */
  oldest?: string;
}

export interface GraphCensus {
  graph: string;
  threads: number;
  paused: PausePoint[];
  finished: number;
  /** Threads whose last step failed (a pending `__error__` write); also counted where they stand. */
  errored: number;
}

export interface Census {
  scannedAt: string;
  scanned: number;
  graphs: GraphCensus[];
  unmatched: { threads: number; sample: string[]; named: Record<string, number> };
  unreadable: { threads: number; sample: Array<{ threadId: string; reason: string }> };
}

const SAMPLE = 10;

/** The pause points of a position, innermost subgraph node named as `outer/inner`. */
function pointsOf(position: ThreadPosition, graph: GraphSnapshot | undefined, prefix = ""): Array<Omit<PausePoint, "threads" | "oldest">> {
  const points: Array<Omit<PausePoint, "threads" | "oldest">> = [];
  for (const node of position.pausedIn) {
    const inner = position.subgraphs[node];
    if (inner !== undefined && inner.pausedIn.length + inner.pending.length > 0) points.push(...pointsOf(inner, graph?.nodes[node]?.subgraph, `${prefix}${node}/`));
    else points.push({ node: prefix + node, at: "interrupt", call: (position.answered[node] ?? 0) + 1 });
  }
  if (position.pausedIn.length === 0) {
    const before = graph?.interruptBefore ?? [];
    for (const node of position.pending) points.push({ node: prefix + node, at: before === "*" || before.includes(node) ? "before" : "after" });
  }
  return points;
}

/** Collects a census; `add` each scanned thread, then `result()`. */
export class CensusBuilder {
  private readonly graphs = new Map<string, { census: GraphCensus; points: Map<string, PausePoint> }>();
  private readonly census: Census;
  constructor(private readonly snapshot: Snapshot, scannedAt = new Date()) {
    this.census = { scannedAt: scannedAt.toISOString(), scanned: 0, graphs: [], unmatched: { threads: 0, sample: [], named: {} }, unreadable: { threads: 0, sample: [] } };
    for (const id of Object.keys(snapshot.graphs).sort()) this.graphs.set(id, { census: { graph: id, threads: 0, paused: [], finished: 0, errored: 0 }, points: new Map() });
  }

  add(thread: ScannedThread): void {
    this.census.scanned++;
    if (thread.kind === "unmatched") {
      const u = this.census.unmatched;
      u.threads++;
      if (u.sample.length < SAMPLE) u.sample.push(thread.threadId);
      if (thread.named !== undefined) u.named[thread.named] = (u.named[thread.named] ?? 0) + 1;
      return;
    }
    if (thread.kind === "unreadable") {
      this.census.unreadable.threads++;
      if (this.census.unreadable.sample.length < SAMPLE) this.census.unreadable.sample.push({ threadId: thread.threadId, reason: thread.reason });
      return;
    }
    const entry = this.graphs.get(thread.graph)!;
    entry.census.threads++;
    if (thread.errored) entry.census.errored++;
    const points = pointsOf(thread.position, this.snapshot.graphs[thread.graph]);
    if (points.length === 0) entry.census.finished++;
    for (const point of points) {
      const key = `${point.node}\0${point.at}\0${point.call ?? ""}`;
      const found = entry.points.get(key) ?? { ...point, threads: 0 };
      found.threads++;
      if (thread.ts !== undefined && (found.oldest === undefined || thread.ts < found.oldest)) found.oldest = thread.ts;
      entry.points.set(key, found);
    }
  }

  result(): Census {
    this.census.graphs = [...this.graphs.values()].map(({ census, points }) => ({
      ...census,
      paused: [...points.values()].sort((a, b) => a.node.localeCompare(b.node) || a.at.localeCompare(b.at) || (a.call ?? 0) - (b.call ?? 0)),
    }));
    return this.census;
  }
}

/** An age in words: `3 d`, `5 h`, `12 min`. */
export function age(from: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(from).getTime()) / 60_000));
  if (minutes >= 2 * 24 * 60) return `${Math.floor(minutes / (24 * 60))} d`;
  if (minutes >= 120) return `${Math.floor(minutes / 60)} h`;
  return `${minutes} min`;
}

/** The census as text, a block per graph. */
export function renderCensus(census: Census, label: string): string {
  const now = new Date(census.scannedAt);
  const lines = [`${census.scanned} threads in ${label}, scanned ${census.scannedAt}`];
  for (const g of census.graphs) {
    lines.push("", `graph ${g.graph}: ${g.threads} threads, ${g.finished} finished${g.errored ? `, ${g.errored} errored` : ""}`);
    for (const p of g.paused) {
      const where = p.at === "interrupt" ? `paused in ${p.node} at interrupt #${p.call}` : `waiting ${p.at} ${p.node} (breakpoint)`;
      lines.push(`  ${String(p.threads).padStart(6)}  ${where}${p.oldest ? `, oldest ${age(p.oldest, now)} ago` : ""}`);
    }
  }
  const u = census.unmatched;
  if (u.threads > 0) {
    const named = Object.entries(u.named).map(([n, c]) => `${c} name graph "${n}"`).join(", ");
    lines.push("", `${u.threads} threads match no graph${named ? ` (${named}, not in this project)` : ""}: ${u.sample.join(", ")}${u.threads > u.sample.length ? ", …" : ""}`, "  pass --threads-graph ID to count threads whose metadata names no graph");
  }
  if (census.unreadable.threads > 0) {
    lines.push("", `${census.unreadable.threads} threads could not be read:`);
    for (const t of census.unreadable.sample) lines.push(`  ${t.threadId}: ${t.reason}`);
  }
  return `${lines.join("\n")}\n`;
}
