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
    // Whether a thread can hold a half-filled barrier is the verdict's (endangers over positions).
    const staticInterruptBefore =
      ctx.after.interruptBefore === "*" || ctx.after.interruptBefore.length > 0 || ctx.after.unresolved.some((u) => u.kind === "breakpoint");
    return [
      ...ctx.match.joins.removed.map((j) => ({
        subject: { kind: "join" as const, sources: j.sources, to: j.to },
        meta: { sources: j.sources, to: j.to, change: "removed" as const },
        before: j.location,
        // The old join channel is one v2 lacks: with a static interruptBefore, a thread that wrote it since
        // its last resume re-pauses forever (M8, as rows 14j/14k for nodes and keys).
        ...(staticInterruptBefore
          ? {
              severity: "breaking" as const,
              reasons: ["raised to breaking: the graph keeps a static interruptBefore, and the removed join channel makes it re-fire forever (M8, rows 14j, 14k)"],
            }
          : {}),
      })),
      ...ctx.match.joins.added.filter((j) => !ctx.match.isNewNode(j.to)).map((j) => ({
        subject: { kind: "join" as const, sources: j.sources, to: j.to },
        meta: { sources: j.sources, to: j.to, change: "added" as const },
        after: j.location,
      })),
    ];
  },
});
