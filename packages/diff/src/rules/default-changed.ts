import { defineRule } from "../define-rule.js";
import { canonicalJson } from "../match.js";

export const rule = defineRule({
  id: "default-changed",
  severity: "risky",
  exposure: "any",
  outcome: "wrong-value",
  semanticsRows: ["11d", "10c", "10d", "10e"],
  summary: "A state key's default changed, appeared or disappeared.",
  fix: "Old threads keep the default written into their first checkpoint; handle both the old and the new default in readers.",
  message: (m: { key: string; from: string; to: string }) =>
    m.from === "none" && m.to === "channel default"
      ? `state key "${m.key}" gained a channel default; old threads that never wrote it get it too`
      : `default of state key "${m.key}" changed (${m.from} -> ${m.to}); old threads keep the old default`,
  check(ctx) {
    const describe = (d: { kind: string }) => (d.kind === "none" ? "none" : d.kind === "zod" ? "zod .default()" : "channel default");
    return ctx.match.channels.kept
      .filter(([b, a]) => canonicalJson(b.default) !== canonicalJson(a.default))
      .map(([b, a]) => {
        const base = {
          subject: { kind: "state-key" as const, key: b.name, facet: "default" as const },
          meta:
            b.default.kind === a.default.kind
              ? { key: b.name, from: `old ${describe(b.default)}`, to: `new ${describe(a.default)}` }
              : { key: b.name, from: describe(b.default), to: describe(a.default) },
          before: b.location,
          after: a.location,
        };
        // With no default before, nothing was saved for a key a thread never wrote, so the new channel
        // default fills it on old threads exactly as on new ones (rows 10d, 10e); only a saved old default
        // outlives the change (11d).
        if (b.default.kind === "none" && a.default.kind === "channel")
          return {
            ...base,
            severity: "safe" as const,
            reasons: ["lowered to safe: the key had no default, so old threads saved none, and the new channel default is applied to them too (rows 10d, 10e)"],
          };
        return base;
      });
  },
});
