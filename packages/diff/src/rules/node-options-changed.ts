import { defineRule } from "../define-rule.js";
import { canonicalJson } from "../match.js";

export const rule = defineRule({
  id: "node-options-changed",
  severity: "safe",
  exposure: "any",
  outcome: "none",
  semanticsRows: ["15a"],
  summary: "A node's addNode options changed (retryPolicy, defer, cachePolicy, metadata, subgraphs).",
  fix: "Nothing to do: these options are read at run time and not persisted in checkpoints.",
  message: (m: { node: string; options: string[] }) => `options of node "${m.node}" changed: ${m.options.join(", ")}`,
  check(ctx) {
    return ctx.match.nodes.kept
      .filter(([b, a]) => canonicalJson(b.options) !== canonicalJson(a.options))
      .map(([b, a]) => {
        const keys = [...new Set([...Object.keys(b.options), ...Object.keys(a.options)])].sort();
        const options = keys.filter((k) => b.options[k] !== a.options[k]);
        return { subject: { kind: "node-field" as const, node: b.name, field: "options" as const }, meta: { node: b.name, options }, before: b.location, after: a.location };
      });
  },
});
