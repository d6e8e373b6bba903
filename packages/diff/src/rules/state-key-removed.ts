import { defineRule } from "../define-rule.js";

export const rule = defineRule({
  id: "state-key-removed",
  severity: "breaking",
  exposure: "any",
  outcome: "silent-data-loss",
  semanticsRows: ["9a", "9c", "14k", "17b"],
  summary: "A persisted state key was removed.",
  fix: "Stop reading the key first and ship that; remove it once no thread needs its value (and no static interruptBefore remains).",
  message: (m: { key: string }) => `state key "${m.key}" was removed; its stored value is dropped`,
  check(ctx) {
    // Whether a node reads the lost value after resume, or on the next turn, is the verdict's (endangers).
    return ctx.match.channels.removed.map((c) => {
      const base = { subject: { kind: "state-key" as const, key: c.name }, meta: { key: c.name }, before: c.location };
      if (c.untracked) return { ...base, severity: "safe" as const, reasons: ["lowered to safe: an UntrackedValue is never checkpointed"] };
      return base;
    });
  },
});
