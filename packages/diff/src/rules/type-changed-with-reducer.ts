import { defineRule } from "../define-rule.js";
import { typeChanges } from "../type-changes.js";

export const rule = defineRule({
  id: "type-changed-with-reducer",
  severity: "breaking",
  exposure: "any",
  outcome: "wrong-value",
  semanticsRows: ["11e", "11e2"],
  summary: "The type of a state key that has a reducer changed: the reducer runs on the old stored value.",
  fix: "Add a new key with the new type and reducer, migrate to it, and retire the old key later.",
  message: (m: { key: string; details: string[] }) =>
    `type of state key "${m.key}" changed while it has a reducer (${m.details.join("; ")}); the reducer meets old stored values`,
  async check(ctx) {
    const changes = await typeChanges(ctx);
    return changes
      // A pure widening keeps every old stored value valid for the new type, so the reducer only meets values
      // it was written for: that is type-widened. Row 11e needs old values outside the new type, or a type
      // that could not be modelled (its change may be anything). A replace-style reducer never reads the
      // stored value, so it cannot fold an old value into a new one: type-narrowed judges that key.
      .filter((c) => (c.comparison.narrowed || c.comparison.unmodelled) && c.combines)
      .map(({ before, after, comparison }) => ({
        subject: { kind: "state-key" as const, key: before.name, facet: "type" as const },
        meta: { key: before.name, details: comparison.details },
        before: before.location,
        after: after.location,
      }));
  },
});
