/**
 * Which drawn element of which graph a finding is about: a node, an edge, or a state key, inside the graph or
 * a subgraph (`<graph>/nodes/<node>` for a nested one). Findings about the graph as a whole have none.
 */
import type { Finding, Subject } from "@langgraph-compat/diff";

export interface ElementRef {
  /** The graph's key: the graph id, then `/nodes/<node>` per subgraph level. */
  graph: string;
  /** `node:<name>`, `edge:<from>-><to>` or `key:<name>`. */
  element: string;
}

export const nodeKey = (name: string) => `node:${name}`;
export const edgeKey = (from: string, to: string) => `edge:${from}->${to}`;
export const stateKey = (name: string) => `key:${name}`;

function elementOf(subject: Subject): string | undefined {
  switch (subject.kind) {
    case "node":
    case "node-field":
      return nodeKey(subject.node);
    case "node-target":
      return edgeKey(subject.node, subject.target);
    case "edge":
      return edgeKey(subject.from, subject.to);
    case "join":
      return nodeKey(subject.to);
    case "branch":
      return nodeKey(subject.from);
    case "branch-target":
      return edgeKey(subject.from, subject.target);
    case "state-key":
      return stateKey(subject.key);
    case "interrupts":
      return subject.owner.kind === "node" ? nodeKey(subject.owner.node) : undefined;
    default:
      return undefined;
  }
}

/** The drawn elements a finding is about: a renamed node is both its old name (before) and its new one (after). */
export function elementRefs(finding: Finding): ElementRef[] {
  let graph = finding.graph;
  let subject = finding.subject;
  while (subject.kind === "nested") {
    graph = `${graph}/nodes/${subject.node}`;
    subject = subject.subject;
  }
  const element = elementOf(subject);
  if (element === undefined) return [];
  const refs = [{ graph, element }];
  const to = (finding.meta as { to?: unknown }).to;
  if (subject.kind === "node" && typeof to === "string") refs.push({ graph, element: nodeKey(to) });
  return refs;
}
