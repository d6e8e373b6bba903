import { defineRule } from "../define-rule.js";
import { taskChanges } from "../task-changes.js";

export const rule = defineRule({
  id: "same-name-task-reordered",
  severity: "breaking",
  exposure: "paused-in-node",
  outcome: "wrong-value",
  semanticsRows: ["12g"],
  summary: "Calls of the same task with different arguments swapped positions.",
  fix: "Keep the call order, or give the calls distinct task names.",
  message: (m: { entrypoint: string; index: number; name: string; newName?: string }) =>
    `calls of task ${m.name} in entrypoint ${m.entrypoint} were reordered; old threads get each call the value cached for another`,
  check(ctx) {
    const entrypoint = ctx.before.entrypoint?.name ?? "";
    return taskChanges(ctx)
      .filter((c) => c.kind === "same-name-reordered")
      .map((c) => ({
        path: `entrypoints/${entrypoint}/tasks/${c.index}`,
        meta: { entrypoint, index: c.index, name: c.name, ...(c.newName ? { newName: c.newName } : {}) },
        before: c.before,
        after: c.after,
      }));
  },
});
