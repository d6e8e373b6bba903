/**
 * `parallel-writes`: nodes that run in the same superstep (siblings of one fan-out, or the instances of a
 * `Send` target) and write one key with no reducer. LangGraph then throws `InvalidUpdateError` ("LastValue
 * can only receive one value per step"), and later `getState` throws too (row 11f). Needs no snapshot.
 */
import { createRule } from "../util.js";
import { findingsForFile, lintTarget } from "./compat.js";
import { locIn } from "../locate.js";

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
    const { file, projectDir } = lintTarget(context);
    if (projectDir === undefined) return {};
    return {
      Program() {
        for (const p of findingsForFile(context, projectDir, file).parallel ?? []) {
          for (const { node, location } of p.locations) {
            const loc = locIn(projectDir, file, context.sourceCode, location);
            if (loc === undefined) continue;
            const others = p.nodes.filter((n) => n !== node);
            context.report({
              loc,
              messageId: "parallel",
              data: { node, key: p.key, others: others.length > 0 ? others.map((n) => `\`${n}\``).join(", ") : "other instances of itself (a Send target)" },
            });
          }
        }
      },
    };
  },
});
