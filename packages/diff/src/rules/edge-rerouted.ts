import { defineRule } from "../define-rule.js";
import { edgeChanges } from "../edge-changes.js";

export const rule = defineRule({
  id: "edge-rerouted",
  severity: "risky",
  exposure: "paused-after-node",
  outcome: "stale-route",
  semanticsRows: ["5c", "5d", "5h"],
  summary: "A static edge out of a node now leads elsewhere, possibly through a newly inserted node.",
  fix: "Threads paused after the source still follow the old edge; keep the old target working for them, or migrate them first.",
  message: (m: { from: string; to: string; newTo: string; inserted: boolean }) =>
    (m.inserted
      ? `node "${m.newTo}" was inserted on edge ${m.from} -> ${m.to}`
      : `edge ${m.from} -> ${m.to} now goes to ${m.newTo}`),
  check(ctx) {
    const aliases = new Set(ctx.match.nodes.renamed.filter((r) => r.alias).map((r) => `${r.before.name}->${r.after.name}`));
    // Whether a thread can be paused with the old edge fired is the verdict's (endangers); a reroute to
    // an alias of a target that stays registered and reachable harms no one (row 2c).
    return edgeChanges(ctx).rerouted.map(({ before, after }) => ({
      subject: { kind: "edge" as const, from: before.from, to: before.to },
      meta: { from: before.from, to: before.to, newTo: after.to, inserted: ctx.match.isNewNode(after.to) },
      before: before.location,
      after: after.location,
      ...(aliases.has(`${before.to}->${after.to}`)
        ? {
            severity: "safe" as const,
            reasons: [`lowered to safe: "${before.to}" stays registered and reachable, so threads routed there still resume (row 2c)`],
          }
        : {}),
    }));
  },
});
