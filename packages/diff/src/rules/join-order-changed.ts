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
        // Paused threads holding the barrier are the verdict's (endangers); a thread that failed between
        // the join's sources holds a half-filled barrier wherever the graph can pause.
        residual: {
          kind: "failed" as const,
          outcome: "silent-halt" as const,
          rows: ["5e"],
          state: "threads that failed between the join's sources, with the barrier half-filled",
          reason: "only a thread that failed mid-join can hold a half-filled barrier (row 5e)",
        },
      }));
  },
});
