import { defineRule } from "../define-rule.js";
import { interruptChangesOf } from "../interrupt-owners.js";

export const rule = defineRule({
  id: "interrupt-reordered",
  severity: "breaking",
  exposure: "paused-in-node",
  outcome: "wrong-value",
  semanticsRows: ["18b"],
  summary: "The interrupt() calls of a node or entrypoint were reordered.",
  fix: "Keep the old order; answers are matched to interrupt() calls purely by position.",
  message: (m: { owner: string }) => `interrupt() calls in ${m.owner} were reordered; answers go to the wrong questions`,
  check(ctx) {
    return interruptChangesOf(ctx, "reordered").map(({ owner, change, subject, shownOwner }) => ({
      subject,
      meta: { owner: shownOwner },
      before: owner.before.locations[change.index],
      after: owner.after.locations[change.index],
    }));
  },
});
