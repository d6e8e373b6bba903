import { defineRule } from "../define-rule.js";

export const rule = defineRule({
  id: "state-form-changed",
  severity: "safe",
  exposure: "any",
  outcome: "none",
  semanticsRows: ["9a", "10g"],
  summary: "The state definition switched form (Annotation.Root, zod, StateSchema, raw channels).",
  fix: "Nothing to do when the channels are equivalent; note that zod and StateSchema validate written keys, Annotation does not.",
  message: (m: { from: string; to: string }) => `state is now defined with ${m.to} instead of ${m.from}`,
  check(ctx) {
    if (ctx.before.state.form === ctx.after.state.form) return [];
    return [
      {
        subject: { kind: "state" as const },
        meta: { from: ctx.before.state.form, to: ctx.after.state.form },
        before: ctx.before.state.location,
        after: ctx.after.state.location,
      },
    ];
  },
});
