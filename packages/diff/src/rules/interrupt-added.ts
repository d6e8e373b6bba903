import { defineRule } from "../define-rule.js";
import { interruptChangesOf } from "../interrupt-owners.js";

export const rule = defineRule({
  id: "interrupt-added",
  severity: "breaking",
  exposure: "paused-in-node",
  outcome: "wrong-value",
  semanticsRows: ["12e", "12r", "18a"],
  summary: "An interrupt() call was added before an existing one in a node or entrypoint.",
  fix: "Add new questions after every existing interrupt() call, or in a new node, so answers keep their positions.",
  message: (m: { owner: string; index: number }) =>
    `interrupt() #${m.index + 1} was added in ${m.owner}; pending answers are handed to the wrong question`,
  check(ctx) {
    return interruptChangesOf(ctx, "added").map(({ owner, change, subject, shownOwner }) => ({
      subject,
      meta: { owner: shownOwner, index: change.index },
      after: owner.after.locations[change.index],
      // 12r: an entrypoint interrupt() before a call of a task that pauses takes that task's answer.
      ...(change.shifts || owner.beforePausedTask?.[change.index] === true
        ? {}
        : {
            severity: "safe" as const,
            reasons: ["lowered to safe: appended after every existing interrupt() call, so earlier answers keep their positions"],
          }),
    }));
  },
});
