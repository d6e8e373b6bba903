import { defineRule } from "../define-rule.js";
import { describeReducer } from "../rule-helpers.js";

export const rule = defineRule({
  id: "reducer-added",
  severity: "risky",
  exposure: "any",
  outcome: "wrong-value",
  semanticsRows: ["11a"],
  summary: "A reducer was added to a last-value state key.",
  fix: "Make sure every writer now returns deltas, not the full value, or old values are duplicated.",
  // A replace-style reducer returns the update as is: nothing is combined, so nothing can be duplicated.
  message: (m: { key: string; reducer: string; replaces?: boolean }) =>
    `state key "${m.key}" now has ${m.reducer}; ` +
    (m.replaces ? "it returns the update as is, so stored values are those of the last-value channel" : "writers that still return the full value duplicate it"),
  check(ctx) {
    return ctx.match.channels.kept
      .filter(([b, a]) => b.reducer.kind === "none" && a.reducer.kind !== "none")
      .map(([b, a]) => ({
        subject: { kind: "state-key" as const, key: b.name, facet: "reducer" as const },
        meta: { key: b.name, reducer: describeReducer(a.reducer), replaces: a.reducer.kind === "custom" && a.reducer.replaces === true },
        before: b.location,
        after: a.location,
        ...(a.reducer.kind === "custom" && a.reducer.replaces
          ? {
              severity: "safe" as const,
              reasons: [
                "lowered to safe: the reducer returns the update as is, so stored values are those of the last-value channel it replaces; only parallel writes change, from an error to the last write (rows 11a, 11f)",
              ],
            }
          : {}),
      }));
  },
});
