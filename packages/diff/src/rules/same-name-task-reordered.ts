import { defineRule } from "../define-rule.js";
import { taskReports, type TaskMeta } from "../task-changes.js";

export const rule = defineRule({
  id: "same-name-task-reordered",
  severity: "breaking",
  exposure: "paused-in-node",
  outcome: "wrong-value",
  semanticsRows: ["12g"],
  summary: "Calls of the same task with different arguments swapped positions.",
  fix: "Keep the call order, or give the calls distinct task names.",
  message: (m: TaskMeta) =>
    `calls of task ${m.name} in entrypoint ${m.entrypoint} were reordered; old threads get each call the value cached for another`,
  check: (ctx) => taskReports(ctx, "same-name-reordered"),
});
