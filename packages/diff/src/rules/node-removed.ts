import { defineRule } from "../define-rule.js";

export const rule = defineRule({
  id: "node-removed",
  severity: "breaking",
  exposure: "paused-in-node",
  outcome: "silent-halt",
  semanticsRows: ["1a", "3a", "4a", "4b", "4e", "4g", "7d", "8a", "13b", "14o"],
  summary: "A node was removed from the graph.",
  fix: "Keep the node registered and reachable until no thread can be paused in it, then remove it.",
  message: (m: { node: string }) => `node "${m.node}" was removed; threads paused in, waiting for or beside it halt or lose writes`,
  check(ctx) {
    // Who is hurt is the verdict's: threads at the node (endangers), and its last-writer residual.
    return ctx.match.nodes.removed.map((node) => ({
      subject: { kind: "node" as const, node: node.name },
      meta: { node: node.name },
      before: node.location,
      residual: { kind: "last-writer" as const, node: node.name },
    }));
  },
});
