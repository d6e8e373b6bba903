import { defineRule } from "../define-rule.js";
import { taskChanges } from "../task-changes.js";

export const rule = defineRule({
  id: "task-renamed",
  severity: "risky",
  exposure: "paused-in-node",
  outcome: "re-execution",
  semanticsRows: ["12f", "12l", "12m"],
  summary: "A task call was renamed at the same position.",
  fix: "The renamed task is re-executed; resuming by interrupt id stops working for an interrupt inside it.",
  message: (m: { entrypoint: string; index: number; name: string; newName?: string }) =>
    `task ${m.name} (call #${m.index + 1}) in entrypoint ${m.entrypoint} was renamed to ${m.newName}; it is re-executed on resume`,
  check(ctx) {
    const entrypoint = ctx.before.entrypoint?.name ?? "";
    return taskChanges(ctx)
      .filter((c) => c.kind === "renamed")
      .map((c) => ({
        path: `entrypoints/${entrypoint}/tasks/${c.index}`,
        meta: { entrypoint, index: c.index, name: c.name, ...(c.newName ? { newName: c.newName } : {}) },
        before: c.before,
        after: c.after,
      }));
  },
});
