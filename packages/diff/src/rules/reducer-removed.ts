import { defineRule } from "../define-rule.js";
import { describeReducer } from "../rule-helpers.js";
import { combinesStoredValue } from "../stored-value.js";
import { parallelWriters } from "../graph-walk.js";

export const rule = defineRule({
  id: "reducer-removed",
  severity: "breaking",
  exposure: "any",
  outcome: "silent-data-loss",
  semanticsRows: ["11b", "11f", "11g", "17c"],
  summary: "The reducer of a state key was removed (the key becomes last-value-wins).",
  fix: "Keep the reducer; if the key must stop accumulating, add a new key and migrate readers to it.",
  message: (m: { key: string; reducer: string; parallelWriters: string[] }) =>
    `reducer ${m.reducer} of state key "${m.key}" was removed; accumulated values are overwritten` +
    (m.parallelWriters.length > 0 ? `, and parallel writes by ${m.parallelWriters.join(", ")} now throw (and so does getState)` : ""),
  check(ctx) {
    return ctx.match.channels.kept
      .filter(([b, a]) => b.reducer.kind !== "none" && a.reducer.kind === "none")
      .map(([b, a]) => {
        const parallel = parallelWriters(ctx.after, a.name);
        const finding = {
          subject: { kind: "state-key" as const, key: b.name, facet: "reducer" as const },
          meta: { key: b.name, reducer: describeReducer(b.reducer), parallelWriters: parallel },
          before: b.location,
          after: a.location,
        };
        // A replace-style reducer (`(_, u) => u`, `(x, y) => y ?? x`) never accumulated anything: the last-value
        // channel stores what it stored. Only writes that land in one superstep change, from merged to an error.
        if (combinesStoredValue(b) || parallel.length > 0) return finding;
        return {
          ...finding,
          severity: "safe" as const,
          reasons: [
            "lowered to safe: the removed reducer never combined the stored value with the update, so the last-value channel stores the same values; no two writers of the key run in one superstep, so none can throw (rows 11b, 11f)",
          ],
        };
      });
  },
});
