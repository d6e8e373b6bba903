import { defineRule } from "../define-rule.js";
import { taskChanges } from "../task-changes.js";

export const rule = defineRule({
  id: "task-arguments-changed",
  severity: "breaking",
  exposure: "paused-in-node",
  outcome: "wrong-value",
  semanticsRows: ["12h"],
  summary: "A task call kept its name and position but its arguments changed.",
  fix: "Give the changed call a new task name (it is then re-executed), or keep the old arguments until old threads finish.",
  message: (m: { entrypoint: string; index: number; name: string; newName?: string }) =>
    `task ${m.name} (call #${m.index + 1}) in entrypoint ${m.entrypoint} has new arguments; old threads replay the value cached for the old arguments`,
  check(ctx) {
    const entrypoint = ctx.before.entrypoint?.name ?? "";
    return taskChanges(ctx)
      .filter((c) => c.kind === "arguments-changed")
      .map((c) => ({
        path: `entrypoints/${entrypoint}/tasks/${c.index}`,
        meta: { entrypoint, index: c.index, name: c.name, ...(c.newName ? { newName: c.newName } : {}) },
        before: c.before,
        after: c.after,
      }));
  },
});
