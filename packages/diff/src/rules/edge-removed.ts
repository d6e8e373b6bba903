import { defineRule } from "../define-rule.js";
import { edgeChanges } from "../edge-changes.js";
import { judgeEdge } from "../rule-helpers.js";

export const rule = defineRule({
  id: "edge-removed",
  severity: "risky",
  exposure: "paused-after-node",
  outcome: "stale-route",
  semanticsRows: ["5b", "5d"],
  summary: "A static edge between two surviving nodes was removed.",
  fix: "Threads paused after the source still take the removed edge once; make sure its target copes, or migrate them first.",
  message: (m: { from: string; to: string; why?: string }) => `edge ${m.from} -> ${m.to} was removed${m.why ? `; ${m.why}` : ""}`,
  check(ctx) {
    return edgeChanges(ctx).removed.map(({ edge, source }) => {
      const { why, ...judgement } = judgeEdge(ctx, source, edge.to);
      return { subject: { kind: "edge" as const, from: edge.from, to: edge.to }, meta: { from: edge.from, to: edge.to, why }, before: edge.location, ...judgement };
    });
  },
});
