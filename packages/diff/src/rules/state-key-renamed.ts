import { defineRule } from "../define-rule.js";

export const rule = defineRule({
  id: "state-key-renamed",
  severity: "breaking",
  exposure: "any",
  outcome: "silent-data-loss",
  semanticsRows: ["9b", "14k"],
  summary: "A state key was renamed (a removed and an added key with the same type and reducer, or declared in config).",
  fix: "Add the new key next to the old one, copy the value over in a node, and remove the old key only when no thread needs it.",
  message: (m: { from: string; to: string; declared: boolean }) =>
    `state key "${m.from}" was renamed to "${m.to}"${m.declared ? " (declared in config)" : ""}; old threads read undefined under the new name`,
  check(ctx) {
    // Whether a node reads the new name after resume, or on the next turn, is the verdict's (endangers).
    return ctx.match.channels.renamed.map((r) => {
      const base = {
        subject: { kind: "state-key" as const, key: r.before.name },
        meta: { from: r.before.name, to: r.after.name, declared: r.declared },
        before: r.before.location,
        after: r.after.location,
      };
      const c = r.before;
      if (c.untracked) return { ...base, severity: "safe" as const, reasons: ["lowered to safe: an UntrackedValue is never checkpointed"] };
      return base;
    });
  },
});
