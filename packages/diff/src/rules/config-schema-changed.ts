import { defineRule } from "../define-rule.js";
import { canonicalJson } from "../match.js";

export const rule = defineRule({
  id: "config-schema-changed",
  severity: "safe",
  exposure: "any",
  outcome: "none",
  semanticsRows: ["15a"],
  summary: "The graph's config (context) schema changed.",
  fix: "Nothing to do for stored threads: configuration is passed on every call and never checkpointed.",
  message: (m: { removed: string[]; added: string[]; changed: string[] }) =>
    `config schema changed` +
    [m.removed.length ? `removed ${m.removed.join(", ")}` : "", m.added.length ? `added ${m.added.join(", ")}` : "", m.changed.length ? `changed ${m.changed.join(", ")}` : ""]
      .filter(Boolean)
      .map((s) => `; ${s}`)
      .join(""),
  check(ctx) {
    const b = ctx.before.state.config ?? {};
    const a = ctx.after.state.config ?? {};
    if (canonicalJson(b) === canonicalJson(a)) return [];
    const removed = Object.keys(b).filter((k) => !(k in a)).sort();
    const added = Object.keys(a).filter((k) => !(k in b)).sort();
    const changed = Object.keys(b).filter((k) => k in a && canonicalJson(b[k]) !== canonicalJson(a[k])).sort();
    return [{ subject: { kind: "schema" as const, schema: "config" as const }, meta: { removed, added, changed }, before: ctx.before.state.location, after: ctx.after.state.location }];
  },
});
