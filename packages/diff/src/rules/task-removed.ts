import { defineRule } from "../define-rule.js";
import { taskReports, type TaskMeta } from "../task-changes.js";

export const rule = defineRule({
  id: "task-removed",
  severity: "risky",
  exposure: "paused-in-node",
  outcome: "re-execution",
  semanticsRows: ["12d"],
  summary: "A task call was removed from a functional-API entrypoint.",
  fix: "Removing a call re-executes every later task on resume; make sure their side effects are idempotent.",
  message: (m: TaskMeta) =>
    `task ${m.name} (call #${m.index + 1}) was removed from entrypoint ${m.entrypoint}; ` +
    (m.shifts === false
      ? "no later task call shifts, but removing the last call was never measured (row 12d removes a call with a later one), so it stays risky"
      : "later task calls are re-executed on resume"),
  check: (ctx) => taskReports(ctx, "removed"),
});
