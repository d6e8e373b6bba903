import { defineRule } from "../define-rule.js";
import { storedValueReaders, typeChanges, oldValueWriters } from "../type-changes.js";

export const rule = defineRule({
  id: "type-narrowed",
  severity: "breaking",
  exposure: "any",
  outcome: "throws",
  semanticsRows: ["10f", "10g", "10h", "10j", "9a"],
  summary: "A state key's type was narrowed (some old value is no longer valid), or changed to a disjoint type (no old value is).",
  fix: "Widen back, or keep accepting the old values and convert them in the node before writing the key back; for a disjoint type, add a new key.",
  message: (m: { key: string; details: string[]; writers: string[]; disjoint?: boolean; readers?: string[] }) =>
    `type of state key "${m.key}" was ${m.disjoint ? "changed to a disjoint type, no old value fits it" : "narrowed"} (${m.details.join("; ")})` +
    (m.readers?.length ? `; ${m.readers.join(", ")} read the stored value, unusable to v2` : "") +
    (m.writers.length ? `; ${m.writers.join(", ")} can write an old value back (after a resume, or read on the next turn) and fail validation` : ""),
  async check(ctx) {
    const changes = await typeChanges(ctx);
    return changes
      // A reducer that combines the stored value is type-changed-with-reducer's case; a replace-style one
      // stores what a last-value channel would, so the key is judged as one.
      .filter((c) => c.comparison.narrowed && !c.comparison.unmodelled && !c.combines)
      .map(({ before, after, comparison, disjoint }) => {
        const writers = oldValueWriters(ctx, before, after);
        const subject = { kind: "state-key" as const, key: before.name, facet: "type" as const };
        const where = { before: before.location, after: after.location };
        if (disjoint) {
          // Every stored value is outside the new type: for a node that reads it, the thread's data is as good
          // as gone, validated or not (rows 9a, 10f). Breaking when such a read can happen on an old thread.
          const readers = storedValueReaders(ctx, before, after);
          const named = [...new Set([...readers.afterPause, ...readers.nextTurn])].sort();
          const meta = { key: before.name, details: comparison.details, writers, disjoint: true, readers: named };
          if (named.length > 0) return { subject, meta, ...where };
          return {
            subject,
            meta,
            ...where,
            severity: "risky" as const,
            reasons: [
              "lowered to risky: no node that runs after a resume, or on a finished thread's next turn before the key is written, reads it; the stored value is still unusable (rows 9a, 10f, 17b)",
            ],
          };
        }
        const base = { subject, meta: { key: before.name, details: comparison.details, writers }, ...where };
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
        if (writers.length === 0)
          return {
            ...base,
            severity: "risky" as const,
            reasons: [
              "lowered to risky: no writer of the key can run after a resume or passes the stored value on at the next turn, so none writes an old value back; the others write v2's own values (rows 10f, 10h)",
            ],
          };
        return base;
      });
  },
});
