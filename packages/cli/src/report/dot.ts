/**
 * A graph of a snapshot as Graphviz DOT, for `@viz-js/viz` to lay out: nodes with their pause points, static
 * edges, joins, conditional routes (labelled by path-map key), `Send` and `Command` targets, `ends`, and the
 * compile-time breakpoints. Every element gets an `id` (for the page's script) and a class naming the worst
 * severity of its findings. Names are quoted as DOT strings; Graphviz escapes them again in the SVG.
 */
import { END, START, type GraphSnapshot } from "@langgraph-compat/snapshot";
import { edgeKey, nodeKey } from "./elements.js";

export type Severity = "breaking" | "risky" | "safe";

/** A DOT string: quotes and backslashes escaped, line breaks kept as `\n`. */
export const quote = (text: string) => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n")}"`;

export interface DrawOptions {
  /** Prefix of every element id, unique per drawing (`g0-after`). */
  prefix: string;
  /** Worst severity per element key (see elements.ts). */
  severity: ReadonlyMap<string, Severity>;
  /** The element key of every id given out: the page's script maps a click to findings with it. */
  ids: Map<string, string>;
}

export function toDot(graph: GraphSnapshot, options: DrawOptions): string {
  let counter = 0;
  const idOf = (key: string) => {
    const id = `${options.prefix}-${counter++}`;
    options.ids.set(id, key);
    return id;
  };
  const cls = (key: string, base: string) => {
    const severity = options.severity.get(key);
    return quote(severity ? `${base} sev-${severity}` : base);
  };
  const lines = [
    "digraph G {",
    '  graph [rankdir=TB, bgcolor="transparent", fontname="Helvetica", nodesep=0.35, ranksep=0.45];',
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#57606a", fontname="Helvetica", fontsize=11, height=0.3];',
    '  edge [fontname="Helvetica", fontsize=9, color="#57606a", arrowsize=0.7];',
    `  ${quote(START)} [label="START", shape=circle, fillcolor="#24292f", fontcolor="white", fontsize=8, width=0.5, id=${quote(idOf(nodeKey(START)))}];`,
    `  ${quote(END)} [label="END", shape=doublecircle, fillcolor="#24292f", fontcolor="white", fontsize=8, width=0.45, id=${quote(idOf(nodeKey(END)))}];`,
  ];
  const breakpoint = (list: string[] | "*", name: string) => list === "*" || list.includes(name);
  for (const node of Object.values(graph.nodes)) {
    const key = nodeKey(node.name);
    const marks = [
      node.interrupts.length > 0 ? `${node.interrupts.length} × interrupt()` : "",
      breakpoint(graph.interruptBefore, node.name) ? "interruptBefore" : "",
      breakpoint(graph.interruptAfter, node.name) ? "interruptAfter" : "",
      node.subgraph ? "subgraph" : node.prebuilt ? node.prebuilt : "",
    ].filter((m) => m !== "");
    const label = marks.length > 0 ? `${node.name}\n${marks.join(" · ")}` : node.name;
    const pauses = node.interrupts.length > 0 || breakpoint(graph.interruptBefore, node.name) || breakpoint(graph.interruptAfter, node.name);
    lines.push(`  ${quote(node.name)} [label=${quote(label)}, id=${quote(idOf(key))}, class=${cls(key, "el node-el")}${pauses ? ", peripheries=2" : ""}${node.subgraph ? ', style="rounded,filled,bold"' : ""}];`);
  }
  const edge = (from: string, to: string, attrs: string) => {
    const key = edgeKey(from, to);
    lines.push(`  ${quote(from)} -> ${quote(to)} [id=${quote(idOf(key))}, class=${cls(key, "el edge-el")}${attrs}];`);
  };
  for (const e of graph.edges) edge(e.from, e.to, "");
  for (const j of graph.joins) for (const s of j.sources) edge(s, j.to, `, label=${quote("join")}, style=bold`);
  for (const b of graph.branches) {
    const byTarget = new Map<string, string[]>();
    if (b.pathMap && !Array.isArray(b.pathMap)) for (const [k, t] of Object.entries(b.pathMap)) byTarget.set(t, [...(byTarget.get(t) ?? []), k]);
    for (const t of b.targets) {
      if (b.sendTargets.includes(t)) continue;
      const keys = byTarget.get(t);
      edge(b.from, t, `, style=dashed${keys ? `, label=${quote(keys.join(", "))}` : ""}`);
    }
    for (const t of b.sendTargets) edge(b.from, t, `, style=dotted, label=${quote("Send")}`);
  }
  for (const node of Object.values(graph.nodes)) {
    for (const t of node.gotos) edge(node.name, t, `, style=dashed, color="#8250df", fontcolor="#8250df", label=${quote("goto")}`);
    for (const t of node.sends) edge(node.name, t, `, style=dotted, color="#8250df", fontcolor="#8250df", label=${quote("Send")}`);
    for (const t of node.ends ?? []) if (!node.gotos.includes(t)) edge(node.name, t, `, style=dotted, color="#afb8c1", label=${quote("ends")}`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
