import { defineRule } from "../define-rule.js";

export const rule = defineRule({
  id: "node-added",
  severity: "safe",
  exposure: "any",
  outcome: "none",
  semanticsRows: ["5a", "17d"],
  summary: "A node was added. Edges out of existing nodes into it are reported by the edge rules.",
  fix: "Nothing to do for the node itself; check the edge findings that lead into it.",
  message: (m: { node: string }) => `node "${m.node}" was added`,
  check(ctx) {
    return ctx.match.nodes.added.map((node) => ({ subject: { kind: "node" as const, node: node.name }, meta: { node: node.name }, after: node.location }));
  },
});
