import { defineRule } from "../define-rule.js";

export const rule = defineRule({
  id: "node-renamed",
  severity: "breaking",
  exposure: "paused-in-node",
  outcome: "silent-halt",
  semanticsRows: ["2a", "2c", "4c", "13a", "14j", "16a"],
  summary: "A node was renamed (same function under a new name, or a rename declared in config).",
  fix: "Keep the old name registered and reachable next to the new one (row 2c) until no thread is paused in it.",
  message: (m: { from: string; to: string; alias?: boolean; declared?: boolean }) =>
    m.alias
      ? `node "${m.from}" has a new alias "${m.to}"; the old name stays registered and reachable`
      : `node "${m.from}" was renamed to "${m.to}"${m.declared ? " (declared in config)" : ""}; threads paused in or waiting for "${m.from}" halt`,
  check(ctx) {
    return ctx.match.nodes.renamed.map((r) => {
      const base = { subject: { kind: "node" as const, node: r.before.name }, before: r.before.location, after: r.after.location };
      if (r.alias)
        return {
          ...base,
          meta: { from: r.before.name, to: r.after.name, alias: true },
          severity: "safe" as const,
          reasons: [`lowered to safe: "${r.before.name}" stays registered and reachable, so paused threads resume in it (row 2c)`],
        };
      return { ...base, meta: { from: r.before.name, to: r.after.name, declared: r.declared }, residual: { kind: "last-writer" as const, node: r.before.name } };
    });
  },
});
