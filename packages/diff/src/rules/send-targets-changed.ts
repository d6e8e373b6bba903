import { defineRule } from "../define-rule.js";
import { judgeRouting } from "../rule-helpers.js";

export const rule = defineRule({
  id: "send-targets-changed",
  severity: "risky",
  exposure: "paused-after-node",
  outcome: "stale-route",
  semanticsRows: ["7a", "8b"],
  summary: "The nodes a node fans out to with Send changed.",
  fix: "Pending Sends of paused threads still name the old targets; keep those nodes registered until the threads finish.",
  message: (m: { node: string; removed: string[]; added: string[]; why?: string }) =>
    `Send targets of "${m.node}" changed` +
    (m.removed.length ? `; no longer ${m.removed.join(", ")}` : "") +
    (m.added.length ? `; now ${m.added.join(", ")}` : "") +
    (m.why ? `; ${m.why}` : ""),
  check(ctx) {
    const out = [];
    for (const [b, a] of ctx.match.nodes.kept) {
      const before = b.sends.map((n) => ctx.match.nodeName(n) ?? n);
      const removed = before.filter((n) => !a.sends.includes(n));
      const added = a.sends.filter((n) => !before.includes(n));
      if (removed.length === 0 && added.length === 0) continue;
      const { why, ...judgement } = judgeRouting(ctx, b.name);
      out.push({ path: `nodes/${b.name}/sends`, meta: { node: b.name, removed, added, why }, before: b.location, after: a.location, ...judgement });
    }
    return out;
  },
});
