/**
 * `check --threads`: for every breaking or risky finding, the stored threads it endangers, decided by the same
 * `endangers` the static verdict and the host use, over each thread's position read from its checkpoint (with
 * the version stamps it really carries). Streams: counts only, plus a few thread ids per finding.
 */
import type { GraphSnapshot, Snapshot } from "@langgraph-compat/snapshot";
import { endangerContext, endangers, summarize, withCheckpointStamps, type DiffResult, type EndangerContext, type Finding } from "@langgraph-compat/diff";
import type { ScannedThread } from "./scan.js";

export interface ExposureOptions {
  /** Thread ids kept per finding. */
  sample?: number;
  /** Lower a finding that endangers none of the stored threads to safe (`--threads-lower`). */
  lower?: boolean;
  scannedAt?: Date;
}

export class ExposureBuilder {
  private readonly counts = new Map<Finding, { endangered: number; byState: Record<string, number>; sample: string[] }>();
  private readonly perGraph = new Map<string, { findings: Finding[]; context: EndangerContext; after: GraphSnapshot }>();
  private readonly scannedPerGraph = new Map<string, number>();
  private unknown = 0;
  private readonly sample: number;

  constructor(private readonly result: DiffResult, before: Snapshot, after: Snapshot, private readonly options: ExposureOptions = {}) {
    this.sample = options.sample ?? 5;
    for (const finding of result.findings) {
      if (finding.severity === "safe") continue;
      const b = before.graphs[finding.graph];
      const a = after.graphs[finding.graph];
      if (b === undefined || a === undefined) continue; // a removed graph: every one of its threads, counted below
      let entry = this.perGraph.get(finding.graph);
      if (entry === undefined) this.perGraph.set(finding.graph, (entry = { findings: [], context: endangerContext(b, a), after: a }));
      entry.findings.push(finding);
      this.counts.set(finding, { endangered: 0, byState: {}, sample: [] });
    }
    for (const finding of result.findings) {
      // A graph removed or changed in kind: every thread of it is endangered (rows 1a, 12o).
      if (finding.severity !== "safe" && !this.counts.has(finding)) this.counts.set(finding, { endangered: 0, byState: {}, sample: [] });
    }
  }

  add(thread: ScannedThread): void {
    if (thread.kind !== "read") {
      this.unknown++;
      return;
    }
    this.scannedPerGraph.set(thread.graph, (this.scannedPerGraph.get(thread.graph) ?? 0) + 1);
    const entry = this.perGraph.get(thread.graph);
    const values = thread.record.checkpoint.channel_values;
    if (entry !== undefined) {
      const position = withCheckpointStamps(thread.position, values, entry.after);
      for (const finding of entry.findings) {
        const harm = endangers(finding, position, entry.context);
        if (harm !== undefined) this.count(finding, harm.state, thread.threadId);
      }
    }
    for (const finding of this.result.findings) {
      if (finding.graph === thread.graph && this.counts.has(finding) && !entry?.findings.includes(finding) && thread.position.exists) {
        this.count(finding, "every thread of the graph", thread.threadId);
      }
    }
  }

  private count(finding: Finding, state: string, threadId: string): void {
    const c = this.counts.get(finding)!;
    c.endangered++;
    c.byState[state] = (c.byState[state] ?? 0) + 1;
    if (c.sample.length < this.sample) c.sample.push(threadId);
  }

  /** The result with `threads` on every breaking or risky finding, lowered where asked and sound to. */
  resultWithThreads(): DiffResult {
    const scannedAt = (this.options.scannedAt ?? new Date()).toISOString();
    const findings = this.result.findings.map((finding) => {
      const c = this.counts.get(finding);
      if (c === undefined) return finding;
      const scanned = this.scannedPerGraph.get(finding.graph) ?? 0;
      const threads = { scanned, endangered: c.endangered, byState: c.byState, sample: c.sample, unknown: this.unknown, scannedAt };
      // Lowered only when nothing is unknown: an unreadable or unmatched thread may be the one endangered.
      if (this.options.lower && c.endangered === 0 && this.unknown === 0) {
        const reason = `lowered to safe by --threads-lower: 0 of ${scanned} threads exposed, scanned at ${scannedAt}`;
        return { ...finding, severity: "safe" as const, threads, reasons: [...(finding.reasons ?? []), reason] };
      }
      return { ...finding, threads };
    });
    return { ...this.result, findings, summary: summarize(findings) };
  }
}
