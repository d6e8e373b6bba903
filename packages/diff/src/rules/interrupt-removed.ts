import { defineRule } from "../define-rule.js";
import { interruptChangesOf } from "../interrupt-owners.js";

export const rule = defineRule({
  id: "interrupt-removed",
  severity: "breaking",
  exposure: "paused-in-node",
  outcome: "wrong-value",
  semanticsRows: ["18c", "1f", "12k"],
  summary: "An interrupt() call was removed from a node or entrypoint.",
  fix: "Keep the call (ignore its answer) until no thread is paused at or after it; removing the last call only skips an approval.",
  message: (m: { owner: string; index: number; shifts: boolean }) =>
    `interrupt() #${m.index + 1} was removed from ${m.owner}` +
    (m.shifts ? "; later answers shift to the wrong question" : "; a paused thread's answer is silently ignored"),
  check(ctx) {
    return interruptChangesOf(ctx, "removed").map(({ owner, change, subject, shownOwner }) => ({
      subject,
      meta: { owner: shownOwner, index: change.index, shifts: change.shifts },
      before: owner.before.locations[change.index],
      ...(change.shifts
        ? {}
        : {
            severity: "risky" as const,
            reasons: ["lowered to risky: it was the last interrupt() call, so no answer shifts; the step it guarded is skipped (rows 1f, 12k)"],
          }),
    }));
  },
});
