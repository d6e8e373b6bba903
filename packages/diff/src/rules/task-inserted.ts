import { defineRule } from "../define-rule.js";
import { taskReports, type TaskMeta } from "../task-changes.js";

export const rule = defineRule({
  id: "task-inserted",
  severity: "risky",
  exposure: "paused-in-node",
  outcome: "re-execution",
  semanticsRows: ["12b", "12c"],
  summary: "A task call was inserted into a functional-API entrypoint.",
  fix: "Append new task calls after the existing ones; an insertion re-executes every later task.",
  message: (m: TaskMeta) =>
    `task ${m.name} was inserted as call #${m.index + 1} in entrypoint ${m.entrypoint}; ` +
    (m.shifts === false ? "no later task call changes position" : "later task calls are re-executed on resume"),
  check: (ctx) => taskReports(ctx, "inserted", (c) =>
      c.shifts
        ? {}
        : { severity: "safe", reasons: ["lowered to safe: no later task call changes position, so nothing else is re-executed (row 12c)"] }),
});
