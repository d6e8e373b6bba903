import { defineRule } from "../define-rule.js";
import { judgeKeyLoss } from "../rule-helpers.js";

export const rule = defineRule({
  id: "state-key-renamed",
  severity: "breaking",
  exposure: "any",
  outcome: "silent-data-loss",
  semanticsRows: ["9b", "14k"],
  summary: "A state key was renamed (a removed and an added key with the same type and reducer, or declared in config).",
  fix: "Add the new key next to the old one, copy the value over in a node, and remove the old key only when no thread needs it.",
  message: (m: { from: string; to: string; declared: boolean; why?: string }) =>
    `state key "${m.from}" was renamed to "${m.to}"${m.declared ? " (declared in config)" : ""}; old threads read undefined under the new name${m.why ? `; ${m.why}` : ""}`,
  check(ctx) {
    return ctx.match.channels.renamed.map((r) => {
      const { why, ...judgement } = judgeKeyLoss(ctx, r.before.name, r.after.name);
      return {
        subject: { kind: "state-key" as const, key: r.before.name },
        meta: { from: r.before.name, to: r.after.name, declared: r.declared, why },
        before: r.before.location,
        after: r.after.location,
        ...judgement,
      };
    });
  },
});
