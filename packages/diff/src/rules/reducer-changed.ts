import { defineRule } from "../define-rule.js";
import { describeReducer, reducerIdentity } from "../rule-helpers.js";
import { combinesStoredValue } from "../stored-value.js";

/**
 * What a new body does to stored values, by whether each body combines the stored value with the update.
 * A combining body that now replaces drops what was accumulated (11c, 17c); two bodies that never read the
 * stored value store the same values a last-value channel would, whatever else changed in them.
 */
function judgeBodies(combinedBefore: boolean, combinesAfter: boolean) {
  if (combinedBefore && !combinesAfter)
    return {
      severity: "breaking" as const,
      reasons: ["raised to breaking: the new body no longer combines the stored value with the update, so values accumulated by the old body are replaced (rows 11c, 17c)"],
    };
  if (!combinedBefore && !combinesAfter)
    return {
      severity: "safe" as const,
      reasons: ["lowered to safe: neither body combines the stored value with the update (both replace it, or keep it when the update is missing), so stored values are those of a last-value channel either way (rows 11a, 11c)"],
    };
  return {};
}

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
        ...judgeBodies(combinesStoredValue(b), combinesStoredValue(a)),
      }));
  },
});
