import { defineRule } from "../define-rule.js";
import { typeChanges } from "../type-changes.js";

export const rule = defineRule({
  id: "type-narrowed",
  severity: "breaking",
  exposure: "any",
  outcome: "throws",
  semanticsRows: ["10f", "10g", "10h", "10j"],
  summary: "A state key's type was narrowed (some old value is no longer valid).",
  fix: "Widen back, or keep accepting the old values and convert them in the node before writing the key back.",
  message: (m: { key: string; details: string[]; writers: string[] }) =>
    `type of state key "${m.key}" was narrowed (${m.details.join("; ")})` +
    (m.writers.length ? `; ${m.writers.join(", ")} write it back and fail validation on old values` : ""),
  async check(ctx) {
    const changes = await typeChanges(ctx);
    return changes
      .filter((c) => c.comparison.narrowed && !c.comparison.unmodelled && !c.hasReducer)
      .map(({ before, after, comparison }) => {
        const base = {
          subject: { kind: "state-key" as const, key: before.name, facet: "type" as const },
          meta: { key: before.name, details: comparison.details, writers: after.writtenBy },
          before: before.location,
          after: after.location,
        };
        const form = ctx.after.state.form;
        if (form === "annotation" || form === "channels")
          return {
            ...base,
            severity: "risky" as const,
            reasons: [`lowered to risky: ${form === "annotation" ? "Annotation.Root" : "raw channel"} states are never validated, so old values reach nodes but nothing throws (M7, row 10f)`],
          };
        if (after.writtenBy.length === 0)
          return {
            ...base,
            severity: "risky" as const,
            reasons: ["lowered to risky: no node writes the key, and only written keys are validated (rows 10f, 10h)"],
          };
        return base;
      });
  },
});
