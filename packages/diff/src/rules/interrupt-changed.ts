import { defineRule } from "../define-rule.js";
import { interruptChangesOf } from "../interrupt-owners.js";

export const rule = defineRule({
  id: "interrupt-changed",
  severity: "risky",
  exposure: "paused-in-node",
  outcome: "wrong-value",
  semanticsRows: ["18b"],
  summary: "An interrupt() call's argument (the question or payload) changed in place.",
  fix: "Make sure an answer given to the old question is still a valid answer to the new one.",
  message: (m: { owner: string; index: number }) =>
    `interrupt() #${m.index + 1} in ${m.owner} asks something else; an answer to the old question is delivered to it`,
  check(ctx) {
    return interruptChangesOf(ctx, "changed").map(({ owner, change, subject, shownOwner }) => ({
      subject,
      meta: { owner: shownOwner, index: change.index },
      before: owner.before.locations[change.index],
      after: owner.after.locations[change.index],
    }));
  },
});
