import { defineRule } from "../define-rule.js";
import { typeChanges } from "../type-changes.js";

export const rule = defineRule({
  id: "type-widened",
  severity: "safe",
  exposure: "any",
  outcome: "none",
  semanticsRows: ["10f"],
  summary: "A state key's type was widened (every old value is still valid).",
  fix: "Nothing to do for stored threads; make readers handle the new values.",
  message: (m: { key: string; details: string[] }) => `type of state key "${m.key}" was widened (${m.details.join("; ")})`,
  async check(ctx) {
    const changes = await typeChanges(ctx);
    return changes
      .filter((c) => c.comparison.widened && !c.comparison.narrowed && !c.comparison.unmodelled)
      .map(({ before, after, comparison }) => ({
        subject: { kind: "state-key" as const, key: before.name, facet: "type" as const },
        meta: { key: before.name, details: comparison.details },
        before: before.location,
        after: after.location,
      }));
  },
});
