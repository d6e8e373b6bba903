import { defineRule } from "../define-rule.js";

export const rule = defineRule({
  id: "ends-changed",
  severity: "risky",
  exposure: "paused-after-node",
  outcome: "none",
  semanticsRows: ["15d", "15e"],
  summary: "A node's `ends` list (where its Command may go) changed.",
  fix: "Widening is safe. When narrowing, make sure no target becomes unreachable (compile throws) and the node no longer routes there.",
  message: (m: { node: string; removed: string[]; added: string[] }) =>
    `ends of node "${m.node}" changed` +
    (m.removed.length ? `; no longer lists ${m.removed.join(", ")}` : "") +
    (m.added.length ? `; now lists ${m.added.join(", ")}` : ""),
  check(ctx) {
    const out = [];
    for (const [b, a] of ctx.match.nodes.kept) {
      const before = (b.ends ?? []).map((n) => ctx.match.nodeName(n) ?? n);
      const after = a.ends ?? [];
      const removed = before.filter((n) => !after.includes(n));
      const added = after.filter((n) => !before.includes(n));
      if (removed.length === 0 && added.length === 0) continue;
      const widened = removed.length === 0;
      out.push({
        subject: { kind: "node-field" as const, node: b.name, field: "ends" as const },
        meta: { node: b.name, removed, added },
        before: b.location,
        after: a.location,
        ...(widened
          ? { severity: "safe" as const, reasons: ["lowered to safe: ends only widened; ends is not enforced at run time (row 15e)"] }
          : {}),
      });
    }
    return out;
  },
});
