import { defineRule } from "../define-rule.js";
import { judgeRouting } from "../rule-helpers.js";

export const rule = defineRule({
  id: "branch-removed",
  severity: "risky",
  exposure: "paused-after-node",
  outcome: "stale-route",
  semanticsRows: ["6d", "5b"],
  summary: "A conditional edge out of a surviving node was removed.",
  fix: "Threads paused after the source still follow the route chosen before; keep its targets working for them.",
  message: (m: { from: string; targets: string[]; why?: string }) =>
    `conditional edge out of "${m.from}" was removed (targets ${m.targets.join(", ") || "unknown"})${m.why ? `; ${m.why}` : ""}`,
  check(ctx) {
    return ctx.match.branches.removed.map((b) => {
      const { why, ...judgement } = judgeRouting(ctx, b.from);
      return { subject: { kind: "branch" as const, from: b.from }, meta: { from: b.from, targets: b.targets, why }, before: b.location, ...judgement };
    });
  },
});
