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
    // Every node v2 declares a way into, as compile sees it (15d): edges, joins, path maps and `ends`. A
    // Command's goto or a Send in the code is invisible to compile, so it does not count.
    const g = ctx.after;
    const entered = new Set<string>([
      ...g.edges.map((e) => e.to),
      ...g.joins.map((j) => j.to),
      ...g.branches.filter((b) => b.pathMap !== undefined).flatMap((b) => b.targets),
      ...Object.values(g.nodes).flatMap((n) => n.ends ?? []),
    ]);
    const dynamic = g.unresolved.some((u) => ["edge", "router-target", "goto-target", "send-target", "node"].includes(u.kind));
    for (const [b, a] of ctx.match.nodes.kept) {
      const before = (b.ends ?? []).map((n) => ctx.match.nodeName(n) ?? n);
      const after = a.ends ?? [];
      const removed = before.filter((n) => !after.includes(n));
      const added = after.filter((n) => !before.includes(n));
      if (removed.length === 0 && added.length === 0) continue;
      const widened = removed.length === 0;
      // A narrowing fails only at compile time, and only when a removed target is left with no way in (15d);
      // at run time `ends` is not enforced (15e). With every removed target gone or still reached, it is safe.
      const stillReached = !widened && !dynamic && removed.every((n) => !(n in ctx.after.nodes) || entered.has(n));
      out.push({
        subject: { kind: "node-field" as const, node: b.name, field: "ends" as const },
        meta: { node: b.name, removed, added },
        before: b.location,
        after: a.location,
        ...(widened
          ? { severity: "safe" as const, reasons: ["lowered to safe: ends only widened; ends is not enforced at run time (row 15e)"] }
          : stillReached
            ? {
                severity: "safe" as const,
                reasons: [
                  `lowered to safe: ends is not enforced at run time (row 15e), and no target it drops is left unreachable, so v2 compiles (row 15d); where the node's Commands go is goto-targets-changed's`,
                ],
              }
            : {}),
      });
    }
    return out;
  },
});
