import { defineRule } from "../define-rule.js";

export const rule = defineRule({
  id: "node-kind-changed",
  severity: "risky",
  exposure: "paused-in-node",
  outcome: "re-execution",
  semanticsRows: ["13a", "13d"],
  summary: "A node switched kind (function, subgraph, prebuilt) under the same name.",
  fix: "Register the new implementation under a new name and keep the old one until no thread is paused inside it.",
  message: (m: { node: string; from: string; to: string }) =>
    `node "${m.node}" changed from ${m.from} to ${m.to}; a thread paused inside it loses its nested checkpoint`,
  check(ctx) {
    return ctx.match.nodes.kept
      .filter(([b, a]) => b.kind !== a.kind)
      // Only a thread paused *inside* the node has nested state to lose (the verdict asks the positions);
      // one waiting for it runs the new kind.
      .map(([b, a]) => ({ subject: { kind: "node" as const, node: b.name }, meta: { node: b.name, from: b.kind, to: a.kind }, before: b.location, after: a.location }));
  },
});
