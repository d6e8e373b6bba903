import { defineRule } from "../define-rule.js";
import { judgeNodeLoss } from "../rule-helpers.js";

export const rule = defineRule({
  id: "node-removed",
  severity: "breaking",
  exposure: "paused-in-node",
  outcome: "silent-halt",
  semanticsRows: ["1a", "3a", "4a", "4b", "4e", "4g", "7d", "8a", "13b", "14o"],
  summary: "A node was removed from the graph.",
  fix: "Keep the node registered and reachable until no thread can be paused in it, then remove it.",
  message: (m: { node: string; why?: string }) =>
    `node "${m.node}" was removed${m.why ? `; ${m.why}` : ""}`,
  check(ctx) {
    return ctx.match.nodes.removed.map((node) => {
      const { why, ...judgement } = judgeNodeLoss(ctx, node.name);
      return { subject: { kind: "node" as const, node: node.name }, meta: { node: node.name, why }, before: node.location, ...judgement };
    });
  },
});
