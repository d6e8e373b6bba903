import { defineRule } from "../define-rule.js";

export const rule = defineRule({
  id: "branch-removed",
  severity: "risky",
  exposure: "paused-after-node",
  outcome: "stale-route",
  semanticsRows: ["6d", "5b"],
  summary: "A conditional edge out of a surviving node was removed.",
  fix: "Threads paused after the source still follow the route chosen before; keep its targets working for them.",
  message: (m: { from: string; targets: string[] }) =>
    `conditional edge out of "${m.from}" was removed (targets ${m.targets.join(", ") || "unknown"})`,
  check(ctx) {
    // Whether a thread can be paused after the source's routes fired is the verdict's (endangers).
    return ctx.match.branches.removed.map((b) => ({
      subject: { kind: "branch" as const, from: b.from },
      meta: { from: b.from, targets: b.targets },
      before: b.location,
    }));
  },
});
