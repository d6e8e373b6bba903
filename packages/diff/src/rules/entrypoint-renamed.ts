import { defineRule } from "../define-rule.js";

export const rule = defineRule({
  id: "entrypoint-renamed",
  severity: "risky",
  exposure: "paused-in-node",
  outcome: "re-execution",
  semanticsRows: ["12j"],
  summary: "A functional-API entrypoint was renamed.",
  fix: "Keep the old entrypoint name; a rename re-executes every task of every paused thread on resume.",
  message: (m: { from: string; to: string }) => `entrypoint ${m.from} was renamed to ${m.to}; every task re-executes on resume`,
  check(ctx) {
    const b = ctx.before.entrypoint;
    const a = ctx.after.entrypoint;
    if (!b || !a || b.name === a.name) return [];
    return [{ subject: { kind: "entrypoint" as const, entrypoint: b.name }, meta: { from: b.name, to: a.name }, before: b.location, after: a.location }];
  },
});
