import { defineRule } from "../define-rule.js";
import { describeReducer, reducerIdentity } from "../rule-helpers.js";

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
      }));
  },
});
