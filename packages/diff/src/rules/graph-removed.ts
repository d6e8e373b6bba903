import { defineRule } from "../define-rule.js";
import { analyzeExposure } from "../exposure.js";

export const rule = defineRule({
  id: "graph-removed",
  scope: "snapshot",
  severity: "breaking",
  exposure: "any",
  outcome: "silent-halt",
  semanticsRows: ["1a", "17b"],
  summary: "A graph id disappeared from langgraph.json (removed, or its id renamed).",
  fix: "Keep the old graph id registered until its threads are finished or migrated; rename ids only with a migration.",
  message: (m: { graph: string }) => `graph "${m.graph}" was removed; threads stored under it can no longer be resumed`,
  check(ctx) {
    return Object.values(ctx.before.graphs)
      .filter((g) => !(g.id in ctx.after.graphs))
      .map((g) => {
        const canPause = analyzeExposure(g, g).hasPausePoints;
        return {
          graph: g.id,
          subject: { kind: "graph" as const, graph: g.id },
          meta: { graph: g.id },
          before: g.location,
          ...(canPause
            ? {}
            : {
                severity: "risky" as const,
                reasons: ["lowered to risky: the graph has no pause point, so only finished threads are stranded (row 17b)"],
              }),
        };
      });
  },
});
