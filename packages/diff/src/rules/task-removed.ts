import { defineRule } from "../define-rule.js";
import { taskChanges } from "../task-changes.js";

export const rule = defineRule({
  id: "task-removed",
  severity: "risky",
  exposure: "paused-in-node",
  outcome: "re-execution",
  semanticsRows: ["12d"],
  summary: "A task call was removed from a functional-API entrypoint.",
  fix: "Removing a call re-executes every later task on resume; make sure their side effects are idempotent.",
  message: (m: { entrypoint: string; index: number; name: string; newName?: string }) =>
    `task ${m.name} (call #${m.index + 1}) was removed from entrypoint ${m.entrypoint}; later task calls are re-executed on resume`,
  check(ctx) {
    const entrypoint = ctx.before.entrypoint?.name ?? "";
    return taskChanges(ctx)
      .filter((c) => c.kind === "removed")
      .map((c) => ({
        path: `entrypoints/${entrypoint}/tasks/${c.index}`,
        meta: { entrypoint, index: c.index, name: c.name, ...(c.newName ? { newName: c.newName } : {}) },
        before: c.before,
        after: c.after,
        ...(c.shifts
          ? {}
          : {
              severity: "safe" as const,
              reasons: ["lowered to safe: no later task call changes position, so nothing else is re-executed (row 12c)"],
            }),
      }));
  },
});
