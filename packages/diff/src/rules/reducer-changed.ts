import { defineRule } from "../define-rule.js";
import { describeReducer, reducerIdentity } from "../rule-helpers.js";

export const rule = defineRule({
  id: "reducer-changed",
  severity: "risky",
  exposure: "any",
  outcome: "wrong-value",
  semanticsRows: ["11a", "11c"],
  summary: "The body of a state key's custom reducer changed (same reducer, new code).",
  fix: "Check that the new body combines an old stored value the same way; if it now replaces instead of appending, treat it as a new key.",
  message: (m: { key: string; reducer: string }) =>
    `${m.reducer} of state key "${m.key}" has a new body; stored values are combined the new way`,
  check(ctx) {
    return ctx.match.channels.kept
      .filter(
        ([b, a]) =>
          b.reducer.kind === "custom" &&
          a.reducer.kind === "custom" &&
          reducerIdentity(b.reducer) === reducerIdentity(a.reducer) &&
          b.reducer.fingerprint !== a.reducer.fingerprint,
      )
      .map(([b, a]) => ({
        subject: { kind: "state-key" as const, key: b.name, facet: "reducer" as const },
        meta: { key: b.name, reducer: describeReducer(a.reducer) },
        before: b.reducer.kind === "custom" ? b.reducer.location ?? b.location : b.location,
        after: a.reducer.kind === "custom" ? a.reducer.location ?? a.location : a.location,
        // A combining body that now returns the update as is drops what was accumulated (11c, 17c).
        ...(b.reducer.kind === "custom" && !b.reducer.replaces && a.reducer.kind === "custom" && a.reducer.replaces
          ? {
              severity: "breaking" as const,
              reasons: ["raised to breaking: the new body returns the update as is, so values accumulated by the old body are replaced (rows 11c, 17c)"],
            }
          : {}),
      }));
  },
});
