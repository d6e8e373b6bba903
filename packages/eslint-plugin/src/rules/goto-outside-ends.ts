/**
 * `goto-outside-ends`: a node declares where its `Command` may go (`ends`) but its code goes elsewhere too.
 * LangGraph does not enforce `ends` at run time (row 15e), but it is what `compile()` reads to decide that a
 * node can be reached (15d: `UnreachableNodeError` when nothing else leads there) and what the graph is drawn
 * and checked from, so a missing entry hides a route from every tool, this one included.
 */
import { createRule } from "../util.js";
import { reportInFile } from "../locate.js";

export const rule = createRule<[], "outside">({
  name: "goto-outside-ends",
  meta: {
    type: "problem",
    docs: { description: "Disallow Command goto targets that the node's ends does not list", recommended: "warn" },
    schema: [],
    messages: {
      outside:
        "`{{node}}` sends Commands to {{missing}}, which its `ends` does not list: the route is invisible to compile (which may reject the target as unreachable, row 15d), to the drawn graph and to checks (15e). Add it to `ends`.",
    },
  },
  defaultOptions: [],
  create(context) {
    return reportInFile(
      context,
      (r) => (r.gotoOutsideEnds ?? []).map((n) => ({ item: n, location: n.location })),
      (n, loc) => context.report({ loc, messageId: "outside", data: { node: n.node, missing: n.missing.map((m) => `\`${m}\``).join(", ") } }),
    );
  },
});
