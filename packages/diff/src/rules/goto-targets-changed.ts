import { defineRule } from "../define-rule.js";
import { judgeRouting } from "../rule-helpers.js";

export const rule = defineRule({
  id: "goto-targets-changed",
  severity: "risky",
  exposure: "paused-after-node",
  outcome: "stale-route",
  semanticsRows: ["8b", "8a"],
  summary: "The Command.goto targets a node returns changed.",
  fix: "Threads paused after the node already hold its old goto; keep the old target working for them, or migrate them.",
  message: (m: { node: string; removed: string[]; added: string[]; why?: string }) =>
    `goto targets of "${m.node}" changed` +
    (m.removed.length ? `; no longer ${m.removed.join(", ")}` : "") +
    (m.added.length ? `; now ${m.added.join(", ")}` : "") +
    (m.why ? `; ${m.why}` : ""),
  check(ctx) {
    const out = [];
    for (const [b, a] of ctx.match.nodes.kept) {
      const before = b.gotos.map((n) => ctx.match.nodeName(n) ?? n);
      const removed = before.filter((n) => !a.gotos.includes(n));
      const added = a.gotos.filter((n) => !before.includes(n));
      if (removed.length === 0 && added.length === 0) continue;
      const { why, ...judgement } = judgeRouting(ctx, b.name);
      out.push({ path: `nodes/${b.name}/gotos`, meta: { node: b.name, removed, added, why }, before: b.location, after: a.location, ...judgement });
    }
    return out;
  },
});
