import { defineRule } from "../define-rule.js";

export const rule = defineRule({
  id: "node-kind-changed",
  severity: "risky",
  exposure: "paused-in-node",
  outcome: "re-execution",
  semanticsRows: ["13a", "13d"],
  summary: "A node switched kind (function, subgraph, prebuilt) under the same name.",
  fix: "Register the new implementation under a new name and keep the old one until no thread is paused inside it.",
  message: (m: { node: string; from: string; to: string }) =>
    `node "${m.node}" changed from ${m.from} to ${m.to}; a thread paused inside it loses its nested checkpoint`,
  check(ctx) {
    const unresolvedInterrupt = new Set(ctx.before.unresolved.filter((u) => u.kind === "interrupt").map((u) => u.node));
    return ctx.match.nodes.kept
      .filter(([b, a]) => b.kind !== a.kind)
      .map(([b, a]) => {
        // Only a thread paused *inside* the node has nested state to lose; one waiting for it runs the new kind.
        const pausesInside = b.interrupts.length > 0 || b.kind !== "function" || b.subgraph !== undefined || unresolvedInterrupt.has(b.name);
        const lower = pausesInside
          ? {}
          : {
              severity: "safe" as const,
              reasons: [
                `lowered to safe: no thread can be paused inside "${b.name}" (no interrupt(), not a subgraph), so nothing nested is lost; a thread waiting for it runs the new ${a.kind} (row 13a)`,
              ],
            };
        return { subject: { kind: "node" as const, node: b.name }, meta: { node: b.name, from: b.kind, to: a.kind }, before: b.location, after: a.location, ...lower };
      });
  },
});
