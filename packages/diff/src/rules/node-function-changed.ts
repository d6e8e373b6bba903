import { defineRule } from "../define-rule.js";

export const rule = defineRule({
  id: "node-function-changed",
  severity: "safe",
  exposure: "any",
  outcome: "none",
  semanticsRows: ["15a"],
  summary: "A node's implementation changed (its normalized body fingerprint differs).",
  fix: "Nothing to do for the body itself; interrupt, state and routing changes inside it have their own findings.",
  message: (m: { node: string }) => `node "${m.node}" has a new implementation`,
  check(ctx) {
    return ctx.match.nodes.kept
      .filter(([b, a]) => b.function && a.function && b.function.fingerprint !== a.function.fingerprint)
      .map(([b, a]) => ({ subject: { kind: "node-field" as const, node: b.name, field: "function" as const }, meta: { node: b.name }, before: b.function?.location, after: a.function?.location }));
  },
});
