import { defineRule } from "../define-rule.js";
import { typeChanges } from "../type-changes.js";

export const rule = defineRule({
  id: "type-source-changed",
  severity: "risky",
  exposure: "any",
  outcome: "wrong-value",
  semanticsRows: ["10f", "11e"],
  summary: "A state key's type could not be modelled, or was too complex to compare, and it changed: review it by hand.",
  fix: "Review the type change: narrowing a written key or changing a key with a reducer breaks old threads.",
  message: (m: { key: string; details: string[]; hasReducer: boolean }) =>
    `type of state key "${m.key}" changed, review (${m.details.join("; ")})${m.hasReducer ? "; the key has a reducer" : ""}`,
  async check(ctx) {
    const changes = await typeChanges(ctx);
    return changes
      // With a reducer that combines the stored value, type-changed-with-reducer judges the change (row 11e).
      .filter((c) => c.comparison.unmodelled && !c.combines)
      .map(({ before, after, comparison, hasReducer }) => ({
        subject: { kind: "state-key" as const, key: before.name, facet: "type" as const },
        // tooComplex: the comparison was over its budget (schema-sets.ts), not a type the extractor missed.
        meta: { key: before.name, details: comparison.details, hasReducer, ...(comparison.tooComplex ? { tooComplex: true } : {}) },
        before: before.location,
        after: after.location,
      }));
  },
});
