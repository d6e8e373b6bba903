import { defineRule } from "../define-rule.js";
import { taskReports, type TaskMeta } from "../task-changes.js";

export const rule = defineRule({
  id: "task-arguments-changed",
  severity: "breaking",
  exposure: "paused-in-node",
  outcome: "wrong-value",
  semanticsRows: ["12h"],
  summary: "A task call kept its name and position but its arguments changed.",
  fix: "Give the changed call a new task name (it is then re-executed), or keep the old arguments until old threads finish.",
  message: (m: TaskMeta) =>
    `task ${m.name} (call #${m.index + 1}) in entrypoint ${m.entrypoint} has new arguments; old threads replay the value cached for the old arguments`,
  check: (ctx) => taskReports(ctx, "arguments-changed"),
});
