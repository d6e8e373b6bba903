import { defineRule } from "../define-rule.js";
import { isPaused } from "../positions/position.js";
import { staticPositions } from "../positions/static.js";

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
        // The positions of the removed graph: a thread of it can be paused unless none is (and all were explored).
        const { positions, truncated } = g.kind === "graph" ? staticPositions(g) : { positions: [], truncated: true };
        const canPause = truncated || positions.some(isPaused);
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
