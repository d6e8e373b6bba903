/**
 * `parallel-writes`: nodes that run in the same superstep (siblings of one fan-out, or the instances of a
 * `Send` target) and write one key with no reducer. LangGraph then throws `InvalidUpdateError` ("LastValue
 * can only receive one value per step"), and later `getState` throws too (row 11f). Needs no snapshot.
 */
import { createRule } from "../util.js";
import { reportInFile } from "../locate.js";

export const rule = createRule<[], "parallel">({
  name: "parallel-writes",
  meta: {
    type: "problem",
    docs: { description: "Disallow nodes of one superstep writing a state key that has no reducer", recommended: "error" },
    schema: [],
    messages: {
      parallel:
        "`{{node}}` writes `{{key}}`, which has no reducer, in the same superstep as {{others}}: LangGraph throws InvalidUpdateError there, and getState throws after (row 11f). Give `{{key}}` a reducer, or write it from one node.",
    },
  },
  defaultOptions: [],
  create(context) {
    return reportInFile(
      context,
      (r) => (r.parallel ?? []).flatMap((p) => p.locations.map(({ node, location }) => ({ item: { ...p, node }, location }))),
      (p, loc) => {
        const others = p.nodes.filter((n) => n !== p.node);
        context.report({
          loc,
          messageId: "parallel",
          data: { node: p.node, key: p.key, others: others.length > 0 ? others.map((n) => `\`${n}\``).join(", ") : "other instances of itself (a Send target)" },
        });
      },
    );
  },
});
