import { defineRule } from "../define-rule.js";

export const rule = defineRule({
  id: "graph-kind-changed",
  scope: "snapshot",
  severity: "breaking",
  exposure: "any",
  outcome: "silent-halt",
  semanticsRows: ["2a", "12j"],
  summary: "A graph switched between the Graph API, the Functional API and a prebuilt agent.",
  fix: "Register the new implementation under a new graph id and keep the old one until its threads finish.",
  message: (m: { graph: string; from: string; to: string }) =>
    `graph "${m.graph}" changed from a ${m.from} graph to a ${m.to} graph; no stored node or task name survives`,
  check(ctx) {
    return Object.values(ctx.before.graphs)
      .filter((g) => g.id in ctx.after.graphs && ctx.after.graphs[g.id].kind !== g.kind)
      .map((g) => ({
        graph: g.id,
        subject: { kind: "graph" as const, graph: g.id },
        meta: { graph: g.id, from: g.kind, to: ctx.after.graphs[g.id].kind },
        before: g.location,
        after: ctx.after.graphs[g.id].location,
      }));
  },
});
