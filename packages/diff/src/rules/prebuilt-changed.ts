import { defineRule } from "../define-rule.js";
import type { Report } from "../types.js";

export const rule = defineRule({
  id: "prebuilt-changed",
  severity: "risky",
  exposure: "paused-in-node",
  outcome: "silent-halt",
  semanticsRows: ["13b"],
  summary: "A prebuilt agent factory (createReactAgent, ...) was swapped for another one.",
  fix: "Check that the new factory keeps the inner node names (agent, tools) a paused thread is waiting in.",
  message: (m: { where: string; from?: string; to?: string }) =>
    `${m.where} now uses prebuilt ${m.to ?? "(none)"} instead of ${m.from ?? "(none)"}; its inner node names may differ`,
  check(ctx) {
    const out: Array<Report & { meta: { where: string; from?: string; to?: string } }> = ctx.match.nodes.kept
      // A switch to or from a prebuilt is a change of kind, reported by node-kind-changed.
      .filter(([b, a]) => b.kind === "prebuilt" && a.kind === "prebuilt" && b.prebuilt !== a.prebuilt)
      .map(([b, a]) => ({
        subject: { kind: "node-field" as const, node: b.name, field: "prebuilt" as const },
        meta: { where: `node "${b.name}"`, from: b.prebuilt, to: a.prebuilt },
        before: b.location,
        after: a.location,
      }));
    if (ctx.before.prebuilt !== ctx.after.prebuilt)
      out.push({
        subject: { kind: "prebuilt" as const },
        meta: { where: "the graph", from: ctx.before.prebuilt, to: ctx.after.prebuilt },
        before: ctx.before.location,
        after: ctx.after.location,
      });
    return out;
  },
});
