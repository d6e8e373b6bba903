/**
 * `langgraph-compat report`: one self-contained HTML page (inline CSS, SVG and script; no network). Per graph
 * the before and after pictures side by side, laid out by Graphviz (`@viz-js/viz`, compiled to WebAssembly),
 * coloured by the findings; the findings, filterable by severity, with why, fix and the rule page; the state
 * table; functional entrypoints as their ordered steps. Every name from user code is escaped.
 */
import type { Viz } from "@viz-js/viz";
import type { ChannelSnapshot, FlowItem, GraphSnapshot, Snapshot } from "@langgraph-compat/snapshot";
import { SEVERITIES, renderFix, renderMessage, renderThreads, type DiffResult, type Finding } from "@langgraph-compat/diff";
import { STYLE, SCRIPT } from "./assets.js";
import { toDot, type Severity } from "./dot.js";
import { elementRefs, stateKey } from "./elements.js";

export interface ReportInput {
  after: Snapshot;
  /** Absent when there is no baseline: the current graphs alone. */
  before?: Snapshot;
  result?: DiffResult;
  /** What the baseline is, in words: "langgraph-compat.snapshot.json (committed 2026-12-01)", "origin/main (abc1234)". */
  baseline?: string;
  /** What the current side is, in words. */
  current: string;
  /** The page of a rule (Markdown), to embed; undefined when it is not at hand. */
  rulePage: (id: string) => string | undefined;
  viz: Viz;
}

/** HTML-escape text for content and attribute values. */
export const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const RANK: Record<Severity, number> = { breaking: 3, risky: 2, safe: 1 };

/** Worst severity per element key, for one graph key. */
function severities(findings: readonly Finding[], graph: string): Map<string, Severity> {
  const out = new Map<string, Severity>();
  for (const f of findings) {
    for (const ref of elementRefs(f)) {
      if (ref.graph !== graph) continue;
      const was = out.get(ref.element);
      if (was === undefined || RANK[f.severity] > RANK[was]) out.set(ref.element, f.severity);
    }
  }
  return out;
}

/** A graph drawn as inline SVG: the XML prolog, doctype and comments removed. */
function drawn(viz: Viz, graph: GraphSnapshot, key: string, side: string, findings: readonly Finding[], elements: Record<string, { graph: string; element: string; label: string }>): string {
  const ids = new Map<string, string>();
  const prefix = `g${Object.keys(elements).length}-${side}`;
  const svg = viz.renderString(toDot(graph, { prefix, severity: severities(findings, key), ids }), { format: "svg" });
  for (const [id, element] of ids) elements[id] = { graph: key, element, label: `${element.replace(/^(node|edge|key):/, "")} (${side})` };
  return svg.replace(/<\?xml[^>]*\?>/, "").replace(/<!DOCTYPE[^>]*>/, "").replace(/<!--[\s\S]*?-->/g, "").trim();
}

const typeText = (c: ChannelSnapshot | undefined) => (c === undefined ? "" : `${JSON.stringify(c.type)}${c.optional ? "?" : ""}${c.nullable ? " | null" : ""}`);
const reducerText = (c: ChannelSnapshot | undefined) => (c === undefined ? "" : c.reducer.kind === "custom" ? `custom${c.reducer.name ? ` ${c.reducer.name}` : ""}` : c.reducer.kind);

function stateTable(before: GraphSnapshot | undefined, after: GraphSnapshot | undefined, sev: Map<string, Severity>): string {
  const keys = [...new Set([...Object.keys(before?.state.channels ?? {}), ...Object.keys(after?.state.channels ?? {})])].sort();
  if (keys.length === 0) return "";
  const rows = keys.map((k) => {
    const b = before?.state.channels[k];
    const a = after?.state.channels[k];
    const state = before === undefined ? "" : b === undefined ? "added" : a === undefined ? "removed" : JSON.stringify(b) !== JSON.stringify(a) ? "changed" : "";
    const s = sev.get(stateKey(k));
    const cells = [
      `<code>${esc(k)}</code>${s ? ` <span class="sev-label-${s}">${s}</span>` : ""}`,
      before ? esc(typeText(b)) : "",
      esc(typeText(a)),
      esc(reducerText(a ?? b)),
      esc((a ?? b)?.default.kind ?? ""),
      esc((a ?? b)?.readBy.join(", ") ?? ""),
      esc((a ?? b)?.writtenBy.join(", ") ?? ""),
    ];
    return `<tr class="${state}">${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`;
  });
  return `<h3>State</h3><table><thead><tr><th>key</th><th>type before</th><th>type after</th><th>reducer</th><th>default</th><th>read by</th><th>written by</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** An entrypoint's steps, one line each; `tasks` counts task calls in order (findings name them by that index). */
function flowText(items: readonly FlowItem[], depth = 0, tasks = { next: 0 }): string[] {
  const pad = "  ".repeat(depth);
  return items.flatMap((item): string[] => {
    switch (item.kind) {
      case "task":
        return [`${pad}task ${item.name}${item.interrupts?.length ? ` (${item.interrupts.length} interrupt)` : ""}\u0000${tasks.next++}`];
      case "interrupt":
        return [`${pad}interrupt()`];
      case "nondeterministic":
        return [`${pad}${item.call} (outside task)`];
      case "loop":
        return [`${pad}loop`, ...flowText(item.body, depth + 1, tasks)];
      case "branch":
        return [`${pad}branch`, ...item.arms.flatMap((arm, i) => [`${pad}  arm ${i + 1}`, ...flowText(arm, depth + 2, tasks)])];
      default:
        return [];
    }
  });
}

/** Worst severity per task call index of an entrypoint, from `task` findings. */
function taskSeverities(findings: readonly Finding[], graph: string): Map<number, Severity> {
  const out = new Map<number, Severity>();
  for (const f of findings) {
    if (f.graph !== graph || f.subject.kind !== "task") continue;
    const was = out.get(f.subject.index);
    if (was === undefined || RANK[f.severity] > RANK[was]) out.set(f.subject.index, f.severity);
  }
  return out;
}

function entrypoints(before: GraphSnapshot | undefined, after: GraphSnapshot | undefined, sev: Map<number, Severity>): string {
  if (!before?.entrypoint && !after?.entrypoint) return "";
  const line = (l: string) => {
    const [text, task] = l.split("\u0000");
    const s = task === undefined ? undefined : sev.get(Number(task));
    return `<li${s ? ` class="sev-label-${s}"` : ""}>${esc(text)}</li>`;
  };
  const list = (g: GraphSnapshot | undefined) => (g?.entrypoint ? `<ol class="flow">${flowText(g.entrypoint.body).map(line).join("")}</ol>` : "<p class=legend>none</p>");
  return `<h3>Entrypoint: tasks and interrupts in order</h3><div class="sides"><div class="side"><h4>before</h4>${list(before)}</div><div class="side"><h4>after</h4>${list(after)}</div></div>`;
}

function graphSection(input: ReportInput, key: string, title: string, before: GraphSnapshot | undefined, after: GraphSnapshot | undefined, elements: Record<string, { graph: string; element: string; label: string }>, nested: boolean): string {
  const findings = input.result?.findings ?? [];
  // A functional-API graph is its entrypoint's steps: no nodes to draw, so nothing is laid out.
  const functional = (before ?? after)?.kind === "functional" && (after ?? before)?.kind === "functional";
  const sides: string[] = [];
  if (!functional) {
    if (input.before !== undefined) sides.push(`<div class="side"><h4>before</h4>${before ? drawn(input.viz, before, key, "before", findings, elements) : "<p class=legend>not in the baseline (added)</p>"}</div>`);
    sides.push(`<div class="side"><h4>${input.before !== undefined ? "after" : "current"}</h4>${after ? drawn(input.viz, after, key, "after", findings, elements) : "<p class=legend>removed</p>"}</div>`);
  }
  const pictures = functional ? "" : `<div class="sides${sides.length === 1 ? " single" : ""}">${sides.join("")}</div>`;
  const subgraphs = [...new Set([...Object.keys(before?.nodes ?? {}), ...Object.keys(after?.nodes ?? {})])]
    .filter((n) => before?.nodes[n]?.subgraph || after?.nodes[n]?.subgraph)
    .map((n) => graphSection(input, `${key}/nodes/${n}`, `subgraph in node ${n}`, before?.nodes[n]?.subgraph, after?.nodes[n]?.subgraph, elements, true));
  const body = `${pictures}${stateTable(before, after, severities(findings, key))}${entrypoints(before, after, taskSeverities(findings, key))}${subgraphs.join("")}`;
  return nested ? `<details class="subgraph"><summary>${esc(title)}</summary>${body}</details>` : `<section class="graph"><h2>Graph <code>${esc(title)}</code></h2>${body}</section>`;
}

function findingHtml(input: ReportInput, f: Finding): string {
  const at = f.after ?? f.before;
  const page = input.rulePage(f.ruleId);
  const parts = [
    `<div class="head"><span class="sev-label-${f.severity}">${f.severity}</span> <code>${esc(f.ruleId)}</code> <code>${esc(f.path)}</code> in <code>${esc(f.graph)}</code>${at ? ` at <code>${esc(`${at.file}:${at.line}:${at.column}`)}</code>` : ""}</div>`,
    `<div class="why">${esc(renderMessage(f))}</div>`,
    `<div class="fix">Fix: ${esc(renderFix(f))}</div>`,
  ];
  if (f.severity !== "safe" && f.endangered?.length) parts.push(`<div class="endangers">Endangers: ${esc(f.endangered.join("; "))}</div>`);
  if (f.threads) parts.push(`<div class="threads">Stored threads: ${esc(renderThreads(f.threads))}, read ${esc(f.threads.scannedAt)}</div>`);
  for (const r of f.reasons ?? []) parts.push(`<div class="note legend">${esc(r)}</div>`);
  if (page) parts.push(`<details><summary>Rule page: ${esc(f.ruleId)}</summary><pre>${esc(page)}</pre></details>`);
  return `<div class="finding ${f.severity}">${parts.join("")}</div>`;
}

export function renderReport(input: ReportInput): string {
  const elements: Record<string, { graph: string; element: string; label: string }> = {};
  const findings = input.result?.findings ?? [];
  const summary = input.result?.summary;
  const ids = [...new Set([...Object.keys(input.before?.graphs ?? {}), ...Object.keys(input.after.graphs)])].sort();
  const graphs = ids.map((id) => graphSection(input, id, id, input.before?.graphs[id], input.after.graphs[id], elements, false));
  const verdict = summary === undefined ? "current graphs (no baseline)" : summary.breaking > 0 ? "breaking changes" : summary.risky > 0 ? "risky changes" : "no breaking or risky change";
  const endangered = [...new Set(findings.filter((f) => f.severity !== "safe").flatMap((f) => f.endangered ?? []))].sort();
  const data = {
    elements,
    findings: findings.map((f) => ({ refs: elementRefs(f), severity: f.severity, ruleId: f.ruleId, message: renderMessage(f), fix: renderFix(f), endangered: f.endangered ?? [], threads: f.threads ? renderThreads(f.threads) : "" })),
  };
  const list = SEVERITIES.flatMap((s) => findings.filter((f) => f.severity === s)).map((f) => findingHtml(input, f));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>langgraph-compat report: ${esc(verdict)}</title><style>${STYLE}</style></head>
<body>
<header><h1>langgraph-compat: ${esc(verdict)}</h1>
<div class="meta">${input.baseline ? `${esc(input.baseline)} → ` : ""}${esc(input.current)}</div></header>
<main>
${summary ? `<p class="counts"><span class="breaking">${summary.breaking} breaking</span><span class="risky">${summary.risky} risky</span><span class="safe">${summary.safe} safe</span></p>` : ""}
${endangered.length > 0 ? `<p><strong>Thread states endangered:</strong> ${endangered.map(esc).join("; ")}</p>` : ""}
<p class="legend">Double border: a pause point (<code>interrupt()</code>, <code>interruptBefore</code>/<code>interruptAfter</code>). Solid: edge; dashed: conditional route (labelled by path-map key); purple: Command <code>goto</code> and <code>Send</code>; dotted grey: <code>ends</code>. Red, amber, green: breaking, risky, safe findings. Click an element for its findings.</p>
${graphs.join("\n")}
${summary ? `<section class="findings"><h2>Findings</h2><p class="filters">${SEVERITIES.map((s) => `<label><input type="checkbox" data-filter="${s}" checked> ${s} (${findings.filter((f) => f.severity === s).length})</label>`).join("")}</p>${list.join("\n")}</section>` : ""}
</main>
<div id="panel"><button id="panel-close" aria-label="close">×</button><h5 id="panel-title"></h5><div id="panel-body"></div></div>
<script type="application/json" id="lgc-data">${JSON.stringify(data).replace(/</g, "\\u003c")}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
