import { defineRule } from "../define-rule.js";

export const rule = defineRule({
  id: "branch-added",
  severity: "risky",
  exposure: "paused-after-node",
  outcome: "stale-route",
  semanticsRows: ["15f", "6d"],
  summary: "A conditional edge (addConditionalEdges) was added out of an existing node.",
  fix: "Threads paused after the source keep the route chosen before; make sure that route still works, or migrate them.",
  message: (m: { from: string; targets: string[] }) =>
    `conditional edge out of "${m.from}" was added (targets ${m.targets.join(", ") || "unknown"})`,
  check(ctx) {
    const sourceOf = (after: string) =>
      Object.keys(ctx.before.nodes).find((n) => ctx.match.nodeName(n) === after) ?? after;
    // Whether a thread can be paused after the source's routes fired is the verdict's (endangers).
    return ctx.match.branches.added.map((b) => {
      const source = sourceOf(b.from);
      const meta = source === b.from ? { from: b.from, targets: b.targets } : { from: b.from, targets: b.targets, source };
      return { subject: { kind: "branch" as const, from: b.from }, meta, after: b.location };
    });
  },
});
