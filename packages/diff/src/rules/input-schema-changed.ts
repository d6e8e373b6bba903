import { defineRule } from "../define-rule.js";
import { canonicalJson } from "../match.js";

export const rule = defineRule({
  id: "input-schema-changed",
  severity: "safe",
  exposure: "any",
  outcome: "none",
  semanticsRows: ["15a"],
  summary: "A node's `input` schema, or the graph's input/output schema, changed.",
  fix: "Nothing to do for stored threads: these schemas are projections read at run time, never persisted.",
  message: (m: { where: string }) => `${m.where} changed`,
  check(ctx) {
    const out = [];
    for (const [b, a] of ctx.match.nodes.kept) {
      if (canonicalJson(b.input ?? null) !== canonicalJson(a.input ?? null))
        out.push({ subject: { kind: "node-field" as const, node: b.name, field: "input" as const }, meta: { where: `input schema of node "${b.name}"` }, before: b.location, after: a.location });
    }
    for (const key of ["input", "output"] as const) {
      if (canonicalJson(ctx.before.state[key] ?? null) !== canonicalJson(ctx.after.state[key] ?? null))
        out.push({ subject: { kind: "schema" as const, schema: key }, meta: { where: `the graph's ${key} schema` }, before: ctx.before.state.location, after: ctx.after.state.location });
    }
    return out;
  },
});
