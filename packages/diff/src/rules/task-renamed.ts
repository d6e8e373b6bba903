import { defineRule } from "../define-rule.js";
import { taskReports, type TaskMeta } from "../task-changes.js";

export const rule = defineRule({
  id: "task-renamed",
  severity: "breaking",
  exposure: "paused-in-node",
  outcome: "re-execution",
  semanticsRows: ["12f", "12l", "12m"],
  summary: "A task call was renamed at the same position.",
  fix: "Keep the old task name for a task that calls interrupt(); otherwise make its side effects idempotent (it is re-executed).",
  message: (m: TaskMeta) =>
    `task ${m.name} (call #${m.index + 1}) in entrypoint ${m.entrypoint} was renamed to ${m.newName}; it is re-executed on resume` +
    (m.pausesInside ? ", and an answer sent by interrupt id to the interrupt() inside it is not delivered" : ""),
  check: (ctx) => taskReports(ctx, "renamed", (c) =>
      // Row 12m: the interrupt id hashes the task's namespace, so a resume by id misses the renamed task.
      c.pausesInside
        ? {}
        : { severity: "risky", reasons: ["lowered to risky: the task calls no interrupt(), so renaming it only re-executes it (rows 12f, 12l)"] }),
});
