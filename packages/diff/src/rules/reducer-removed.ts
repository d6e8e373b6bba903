import { defineRule } from "../define-rule.js";
import { describeReducer } from "../rule-helpers.js";

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
    (m.parallelWriters.length > 1 ? `, and parallel writes by ${m.parallelWriters.join(", ")} now throw (and so does getState)` : ""),
  check(ctx) {
    return ctx.match.channels.kept
      .filter(([b, a]) => b.reducer.kind !== "none" && a.reducer.kind === "none")
      .map(([b, a]) => ({
        path: `state/${b.name}/reducer`,
        meta: { key: b.name, reducer: describeReducer(b.reducer), parallelWriters: a.writtenBy },
        before: b.location,
        after: a.location,
      }));
  },
});
