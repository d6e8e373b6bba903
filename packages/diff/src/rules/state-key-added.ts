import { defineRule } from "../define-rule.js";

export const rule = defineRule({
  id: "state-key-added",
  severity: "risky",
  exposure: "any",
  outcome: "wrong-value",
  semanticsRows: ["10a", "10b", "10c", "10d", "10e"],
  summary: "A state key was added; old threads have no value for it.",
  fix: "Give the key a channel default (Annotation default, withLangGraph default or a StateSchema default), or make it optional and handle undefined.",
  message: (m: { key: string; default: string; optional?: boolean }) => `state key "${m.key}" was added (${m.default})`,
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
      if (c.untracked)
        return {
          ...base,
          meta: { key: c.name, default: "untracked" },
          severity: "safe" as const,
          reasons: ["lowered to safe: the key is never checkpointed"],
        };
      // An optional key's type admits undefined, but that alone does not make an old thread's undefined one
      // a new thread could see at the same point: a thread paused after a node that now writes the key, or
      // finished after it ran, holds a value on v2 where an old thread holds none (row 10a). The verdict asks
      // endangers at every position whether a node reads the key after resume (or on the next turn) before
      // a node writes it, while some node of v2 writes it.
      if (c.optional && c.default.kind === "none") return { ...base, meta: { key: c.name, default: "optional", optional: true } };
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
