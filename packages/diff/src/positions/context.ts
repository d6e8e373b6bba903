/**
 * What `endangers` needs to know of the version a thread moves to: one builder for the static check (per
 * graph pair, in `diff.ts`) and for a host deciding one real thread, so both judge with the same facts.
 */
import type { GraphSnapshot } from "@langgraph-compat/snapshot";
import { matchGraphs, type DeclaredRenames, type GraphMatch } from "../match.js";
import type { EndangerContext } from "./endangers.js";

/** The context for a thread of `before` moving to `after`, given their matching and the subgraph contexts. */
export function contextOf(before: GraphSnapshot, after: GraphSnapshot, match: GraphMatch, children: ReadonlyMap<string, EndangerContext>): EndangerContext {
  return {
    // A breakpoint list the extractor could not read (an env flag, say) may name any node: assume it does.
    staticInterruptBefore: after.interruptBefore === "*" || after.interruptBefore.length > 0 || after.unresolved.some((u) => u.kind === "breakpoint"),
    before,
    after,
    nodeName: (name) => match.nodeName(name),
    child: (name) => children.get(name),
  };
}

/**
 * The context for one thread of `before` moving to `after`, subgraphs kept under the same name included,
 * as the static check builds it (renames declared in a config are not known here: a renamed node then
 * counts as gone, the sound side).
 */
export function endangerContext(before: GraphSnapshot, after: GraphSnapshot, declared: DeclaredRenames = { nodes: {}, stateKeys: {} }): EndangerContext {
  const match = matchGraphs(before, after, declared);
  const children = new Map<string, EndangerContext>();
  for (const [b, a] of match.nodes.kept) if (b.subgraph && a.subgraph) children.set(b.name, endangerContext(b.subgraph, a.subgraph));
  return contextOf(before, after, match, children);
}
