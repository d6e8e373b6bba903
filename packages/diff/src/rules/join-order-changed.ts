import { defineRule } from "../define-rule.js";

export const rule = defineRule({
  id: "join-order-changed",
  severity: "breaking",
  exposure: "paused-in-node",
  outcome: "silent-halt",
  semanticsRows: ["5e"],
  summary: "The sources of a join edge addEdge([a, b], c) were reordered.",
  fix: "Keep the source list in its old order: the order is part of the persisted barrier channel name join:a+b:c.",
  message: (m: { to: string; from: string[]; now: string[] }) =>
    `join into "${m.to}" reordered from [${m.from.join(", ")}] to [${m.now.join(", ")}]; a half-filled barrier never completes`,
  check(ctx) {
    return ctx.match.joins.kept
      .filter(([b, a]) => b.sources.map((s) => ctx.match.nodeName(s)).join("+") !== a.sources.join("+"))
      .map(([b, a]) => ({
        subject: { kind: "join" as const, sources: b.sources, to: b.to },
        meta: { to: a.to, from: b.sources, now: a.sources },
        before: b.location,
        after: a.location,
        ...(ctx.exposure.hasPausePoints
          ? {}
          : {
              severity: "risky" as const,
              reasons: ["lowered to risky: the graph has no pause point, so only a thread that failed mid-join can hold a half-filled barrier"],
            }),
      }));
  },
});
