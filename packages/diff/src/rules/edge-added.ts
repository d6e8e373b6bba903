import { defineRule } from "../define-rule.js";
import { edgeChanges } from "../edge-changes.js";
import { judgeRouting } from "../rule-helpers.js";

export const rule = defineRule({
  id: "edge-added",
  severity: "risky",
  exposure: "paused-after-node",
  outcome: "stale-route",
  semanticsRows: ["15f", "5a"],
  summary: "A static edge was added out of an existing node.",
  fix: "Threads paused after the source will not take the new edge; if they must, migrate them or add the step later in the flow.",
  message: (m: { from: string; to: string; why?: string }) => `edge ${m.from} -> ${m.to} was added${m.why ? `; ${m.why}` : ""}`,
  check(ctx) {
    return edgeChanges(ctx).added.map(({ edge, source }) => {
      const { why, ...judgement } = judgeRouting(ctx, source);
      return { subject: { kind: "edge" as const, from: edge.from, to: edge.to }, meta: { from: edge.from, to: edge.to, why }, after: edge.location, ...judgement };
    });
  },
});
