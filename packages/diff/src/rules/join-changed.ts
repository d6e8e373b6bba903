import { defineRule } from "../define-rule.js";

export const rule = defineRule({
  id: "join-changed",
  severity: "risky",
  exposure: "paused-in-node",
  outcome: "silent-halt",
  semanticsRows: ["5f", "18d"],
  summary: "A join edge was added or removed, or its set of sources changed.",
  fix: "A half-filled barrier of the old join is lost; ship it when no thread can be paused between the join's sources.",
  message: (m: { sources: string[]; to: string; change: "added" | "removed" }) =>
    `join [${m.sources.join(", ")}] -> ${m.to} was ${m.change}`,
  check(ctx) {
    const lower = ctx.exposure.hasPausePoints
      ? {}
      : { severity: "safe" as const, reasons: ["lowered to safe: the graph has no pause point, so no barrier is half-filled"] };
    return [
      ...ctx.match.joins.removed.map((j) => ({
        path: `joins/${j.sources.join("+")}->${j.to}`,
        meta: { sources: j.sources, to: j.to, change: "removed" as const },
        before: j.location,
        ...lower,
      })),
      ...ctx.match.joins.added.filter((j) => !ctx.match.isNewNode(j.to)).map((j) => ({
        path: `joins/${j.sources.join("+")}->${j.to}`,
        meta: { sources: j.sources, to: j.to, change: "added" as const },
        after: j.location,
        ...lower,
      })),
    ];
  },
});
