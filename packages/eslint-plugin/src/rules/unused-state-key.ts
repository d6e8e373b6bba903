/**
 * `unused-state-key`: a state key that no node and no router reads or writes. It only carries what a caller
 * passes in, and every checkpoint stores it. Judged only where every reader and writer is known (see
 * facts.ts). Removing it later drops its stored values (row 17b): decide while no thread holds any.
 */
import { createRule } from "../util.js";
import { reportInFile } from "../locate.js";

export const rule = createRule<[], "unused">({
  name: "unused-state-key",
  meta: {
    type: "suggestion",
    docs: { description: "Report state keys that no node or router reads or writes", recommended: "warn" },
    schema: [],
    messages: {
      unused:
        "state key `{{key}}` of graph `{{graph}}` is never read or written by a node or a router: it only carries what a caller passes in, and every checkpoint stores it. Remove it if nothing outside the graph uses it (once threads hold values in it, removing it drops them, row 17b).",
    },
  },
  defaultOptions: [],
  create(context) {
    return reportInFile(
      context,
      (r) => (r.unusedKeys ?? []).map((k) => ({ item: k, location: k.location })),
      (k, loc) => context.report({ loc, messageId: "unused", data: { key: k.key, graph: k.graph } }),
    );
  },
});
