import { defineRule } from "../define-rule.js";
import { taskReports, type TaskMeta } from "../task-changes.js";

export const rule = defineRule({
  id: "task-inserted",
  severity: "risky",
  exposure: "paused-in-node",
  outcome: "re-execution",
  semanticsRows: ["12b", "12c", "12n"],
  summary: "A task call was inserted into a functional-API entrypoint.",
  fix: "Append new task calls after the existing ones; an insertion re-executes every later task, and a new task that calls interrupt() belongs after every existing interrupt() call.",
  message: (m: TaskMeta) =>
    `task ${m.name} was inserted as call #${m.index + 1} in entrypoint ${m.entrypoint}; ` +
    [
      m.shifts === false ? "no later task call changes position" : "later task calls are re-executed on resume",
      ...(m.asksBeforePause
        ? ["it calls interrupt() before a later interrupt() where old threads are paused: the answer they send also answers its question, which no one was asked"]
        : []),
    ].join("; "),
  check: (ctx) =>
    taskReports(ctx, "inserted", (c) => {
      // Row 12n: the resume value (a NULL-task write) answers every unanswered interrupt() of the resumed run.
      if (c.asksBeforePause)
        return {
          severity: "breaking",
          reasons: ["raised to breaking: the new task calls interrupt() before a later pause point, so a paused thread's answer also answers the new question (row 12n)"],
        };
      return c.shifts
        ? {}
        : { severity: "safe", reasons: ["lowered to safe: no later task call changes position, so nothing else is re-executed (row 12c)"] };
    }),
});
