import { defineRule } from "../define-rule.js";

export const rule = defineRule({
  id: "state-key-added",
  severity: "risky",
  exposure: "any",
  outcome: "wrong-value",
  semanticsRows: ["10a", "10b", "10c", "10d", "10e"],
  summary: "A state key was added; old threads have no value for it.",
  fix: "Give the key a channel default (Annotation default, withLangGraph default or a StateSchema default), or make it optional and handle undefined.",
  message: (m: { key: string; default: string }) => `state key "${m.key}" was added (${m.default})`,
  check(ctx) {
    return ctx.match.channels.added.map((c) => {
      const base = { subject: { kind: "state-key" as const, key: c.name }, after: c.location };
      if (c.default.kind === "channel")
        return {
          ...base,
          meta: { key: c.name, default: "with a channel default" },
          severity: "safe" as const,
          reasons: ["lowered to safe: a channel default is applied to old threads too (rows 10d, 10e)"],
        };
      if (c.untracked || c.optional)
        return {
          ...base,
          meta: { key: c.name, default: c.untracked ? "untracked" : "optional" },
          severity: "safe" as const,
          reasons: [`lowered to safe: the key is ${c.untracked ? "never checkpointed" : "optional, so undefined is a valid value"}`],
        };
      return {
        ...base,
        meta: {
          key: c.name,
          default: c.default.kind === "zod" ? "only a zod .default(), which old threads do not get" : "no default: old threads read undefined",
        },
      };
    });
  },
});
