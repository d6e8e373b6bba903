import { defineRule } from "../define-rule.js";
import { taskChanges } from "../task-changes.js";

export const rule = defineRule({
  id: "task-inserted",
  severity: "risky",
  exposure: "paused-in-node",
  outcome: "re-execution",
  semanticsRows: ["12b", "12c"],
  summary: "A task call was inserted into a functional-API entrypoint.",
  fix: "Append new task calls after the existing ones; an insertion re-executes every later task.",
  message: (m: { entrypoint: string; index: number; name: string; newName?: string }) =>
    `task ${m.name} was inserted as call #${m.index + 1} in entrypoint ${m.entrypoint}; later task calls are re-executed on resume`,
  check(ctx) {
    const entrypoint = ctx.before.entrypoint?.name ?? "";
    return taskChanges(ctx)
      .filter((c) => c.kind === "inserted")
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
