import { defineRule } from "../define-rule.js";
import { taskReports, type TaskMeta } from "../task-changes.js";

export const rule = defineRule({
  id: "task-reordered",
  severity: "risky",
  exposure: "paused-in-node",
  outcome: "re-execution",
  semanticsRows: ["12a"],
  summary: "Distinct functional-API task calls were reordered.",
  fix: "Reordering re-executes the moved tasks on resume; make sure their side effects are idempotent.",
  message: (m: TaskMeta) =>
    `task ${m.name} (call #${m.index + 1}) in entrypoint ${m.entrypoint} moved; moved tasks are re-executed on resume`,
  check: (ctx) => taskReports(ctx, "reordered"),
});
