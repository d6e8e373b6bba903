import { defineRule } from "../define-rule.js";

export const rule = defineRule({
  id: "graph-added",
  scope: "snapshot",
  severity: "safe",
  exposure: "any",
  outcome: "none",
  semanticsRows: ["17d"],
  summary: "A new graph id appeared in langgraph.json.",
  fix: "Nothing to do: no thread can exist for a graph that did not exist.",
  message: (m: { graph: string }) => `graph "${m.graph}" was added`,
  check(ctx) {
    return Object.values(ctx.after.graphs)
      .filter((g) => !(g.id in ctx.before.graphs))
      .map((g) => ({ graph: g.id, subject: { kind: "graph" as const, graph: g.id }, meta: { graph: g.id }, after: g.location }));
  },
});
