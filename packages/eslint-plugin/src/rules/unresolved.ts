/**
 * `unresolved`: code the analyzer cannot follow statically, at its line: a node name or router target
 * computed at run time, a `Send` to a value, a state schema built from data. Every later verdict about what
 * it hides is weaker (`check` assumes the worst there), so making it literal makes the checks exact. Needs no
 * snapshot: it reads the current code only.
 */
import { createRule } from "../util.js";
import { reportInFile } from "../locate.js";

export const rule = createRule<[], "unresolved">({
  name: "unresolved",
  meta: {
    type: "suggestion",
    docs: { description: "Report graph code the analyzer cannot follow statically", recommended: "warn" },
    schema: [],
    messages: {
      unresolved: "langgraph-compat cannot follow this {{kind}} statically ({{reason}}), so checks of what it hides assume the worst. Make it literal (a string node name, an explicit path map) to have it checked.",
    },
  },
  defaultOptions: [],
  create(context) {
    return reportInFile(
      context,
      (r) => r.unresolved.map((u) => ({ item: u, location: u.location })),
      (u, loc) => context.report({ loc, messageId: "unresolved", data: { kind: u.kind, reason: u.reason.replace(/\.$/, "") } }),
    );
  },
});
