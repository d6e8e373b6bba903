/**
 * `unreachable-node`: a registered node that no edge, route, Command or Send leads to from START. New threads
 * never run it, and it is no safe alias either: an old name kept for paused threads must stay reachable (row
 * 2c), and a node nothing targets makes `compile()` throw `UnreachableNodeError` (15d). Judged only in graphs
 * whose routes are all known: a computed route may lead anywhere.
 */
import { createRule } from "../util.js";
import { reportInFile } from "../locate.js";

export const rule = createRule<[], "unreachable">({
  name: "unreachable-node",
  meta: {
    type: "problem",
    docs: { description: "Disallow nodes that no route from START reaches", recommended: "warn" },
    schema: [],
    messages: {
      unreachable:
        "node `{{node}}` of graph `{{graph}}` cannot be reached from START: no edge, route, Command or Send leads to it, so no thread runs it. A name kept for paused threads must stay reachable (row 2c); with nothing leading to it, compile() throws UnreachableNodeError (15d).",
    },
  },
  defaultOptions: [],
  create(context) {
    return reportInFile(
      context,
      (r) => (r.unreachable ?? []).map((n) => ({ item: n, location: n.location })),
      (n, loc) => context.report({ loc, messageId: "unreachable", data: { node: n.node, graph: n.graph } }),
    );
  },
});
