import { defineRule } from "../define-rule.js";
import { describeReducer, reducerIdentity } from "../rule-helpers.js";
import { combinesStoredValue, keepsStoredValue } from "../stored-value.js";

/**
 * A replacement loses data only when the old reducer accumulated and the new one drops the stored value
 * (11c). From a replace-style reducer to another, stored values are those of a last-value channel either
 * way; to a combining one, the new reducer folds updates into the last stored value, as a reducer added
 * to a last-value key does (11a). From one combining reducer to another, the stored value is kept and
 * folded the new way: what v1 accumulated (duplicates v2 would merge, an order v2 would not keep) stays,
 * a behaviour change like 11a. A type the new reducer cannot fold (11e) is type-changed-with-reducer's.
 */
function judgeReplacement(combinedBefore: boolean, combinesAfter: boolean, keepsAfter: boolean) {
  if (combinedBefore && !keepsAfter) return {};
  if (combinedBefore)
    return {
      severity: "risky" as const,
      reasons: [
        "lowered to risky: the new reducer keeps the whole stored value and adds to it, so nothing stored is dropped; what v1 accumulated is folded the new way from the next write on (behaviour change like row 11a)",
      ],
    };
  if (!combinesAfter)
    return {
      severity: "safe" as const,
      reasons: ["lowered to safe: neither reducer combines the stored value with the update, so stored values are those of a last-value channel either way (rows 11a, 11c)"],
    };
  return {
    severity: "risky" as const,
    reasons: ["lowered to risky: the old reducer never accumulated, so nothing stored is lost; the new one combines updates with the last stored value, and writers that still return the full value duplicate it (row 11a)"],
  };
}

export const rule = defineRule({
  id: "reducer-replaced",
  severity: "breaking",
  exposure: "any",
  outcome: "silent-data-loss",
  semanticsRows: ["11c", "11e"],
  summary: "A state key's reducer was replaced by a different one.",
  fix: "Add a new key with the new reducer, migrate readers and writers to it, and retire the old key later.",
  message: (m: { key: string; from: string; to: string }) =>
    `reducer of state key "${m.key}" was replaced: ${m.from} -> ${m.to}; stored values are combined the new way`,
  check(ctx) {
    return ctx.match.channels.kept
      .filter(
        ([b, a]) =>
          b.reducer.kind !== "none" &&
          a.reducer.kind !== "none" &&
          reducerIdentity(b.reducer) !== reducerIdentity(a.reducer) &&
          // The same body under another name (an inline reducer moved into a named function) is no replacement.
          !(b.reducer.kind === "custom" && a.reducer.kind === "custom" && b.reducer.fingerprint === a.reducer.fingerprint),
      )
      .map(([b, a]) => ({
        subject: { kind: "state-key" as const, key: b.name, facet: "reducer" as const },
        meta: { key: b.name, from: describeReducer(b.reducer), to: describeReducer(a.reducer) },
        before: b.reducer.kind === "custom" ? b.reducer.location ?? b.location : b.location,
        after: a.reducer.kind === "custom" ? a.reducer.location ?? a.location : a.location,
        ...judgeReplacement(combinesStoredValue(b), combinesStoredValue(a), keepsStoredValue(a)),
      }));
  },
});
