import { defineRule } from "../define-rule.js";
import { taskChanges } from "../task-changes.js";

export const rule = defineRule({
  id: "task-reordered",
  severity: "risky",
  exposure: "paused-in-node",
  outcome: "re-execution",
  semanticsRows: ["12a"],
  summary: "Distinct functional-API task calls were reordered.",
  fix: "Reordering re-executes the moved tasks on resume; make sure their side effects are idempotent.",
  message: (m: { entrypoint: string; index: number; name: string; newName?: string }) =>
    `task ${m.name} (call #${m.index + 1}) in entrypoint ${m.entrypoint} moved; moved tasks are re-executed on resume`,
  check(ctx) {
    const entrypoint = ctx.before.entrypoint?.name ?? "";
    return taskChanges(ctx)
      .filter((c) => c.kind === "reordered")
      .map((c) => ({
        path: `entrypoints/${entrypoint}/tasks/${c.index}`,
        meta: { entrypoint, index: c.index, name: c.name, ...(c.newName ? { newName: c.newName } : {}) },
        before: c.before,
        after: c.after,
      }));
  },
});
