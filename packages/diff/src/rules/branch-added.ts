import { defineRule } from "../define-rule.js";
import { judgeRouting } from "../rule-helpers.js";

export const rule = defineRule({
  id: "branch-added",
  severity: "risky",
  exposure: "paused-after-node",
  outcome: "stale-route",
  semanticsRows: ["15f", "6d"],
  summary: "A conditional edge (addConditionalEdges) was added out of an existing node.",
  fix: "Threads paused after the source keep the route chosen before; make sure that route still works, or migrate them.",
  message: (m: { from: string; targets: string[]; why?: string }) =>
    `conditional edge out of "${m.from}" was added (targets ${m.targets.join(", ") || "unknown"})${m.why ? `; ${m.why}` : ""}`,
  check(ctx) {
    const sourceOf = (after: string) =>
      Object.keys(ctx.before.nodes).find((n) => ctx.match.nodeName(n) === after) ?? after;
    return ctx.match.branches.added.map((b) => {
      const { why, ...judgement } = judgeRouting(ctx, sourceOf(b.from));
      return { subject: { kind: "branch" as const, from: b.from }, meta: { from: b.from, targets: b.targets, why }, after: b.location, ...judgement };
    });
  },
});
