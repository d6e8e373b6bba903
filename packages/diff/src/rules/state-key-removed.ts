import { defineRule } from "../define-rule.js";
import { judgeKeyLoss } from "../rule-helpers.js";

export const rule = defineRule({
  id: "state-key-removed",
  severity: "breaking",
  exposure: "any",
  outcome: "silent-data-loss",
  semanticsRows: ["9a", "9c", "14k", "17b"],
  summary: "A persisted state key was removed.",
  fix: "Stop reading the key first and ship that; remove it once no thread needs its value (and no static interruptBefore remains).",
  message: (m: { key: string; why?: string }) => `state key "${m.key}" was removed; its stored value is dropped${m.why ? `; ${m.why}` : ""}`,
  check(ctx) {
    return ctx.match.channels.removed.map((c) => {
      const { why, ...judgement } = judgeKeyLoss(ctx, c.name);
      return { subject: { kind: "state-key" as const, key: c.name }, meta: { key: c.name, why }, before: c.location, ...judgement };
    });
  },
});
