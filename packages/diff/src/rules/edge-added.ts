import { defineRule } from "../define-rule.js";
import { edgeChanges } from "../edge-changes.js";

export const rule = defineRule({
  id: "edge-added",
  severity: "risky",
  exposure: "paused-after-node",
  outcome: "stale-route",
  semanticsRows: ["15f", "5a"],
  summary: "A static edge was added out of an existing node.",
  fix: "Threads paused after the source will not take the new edge; if they must, migrate them or add the step later in the flow.",
  message: (m: { from: string; to: string }) => `edge ${m.from} -> ${m.to} was added`,
  check(ctx) {
    // Whether a thread can be paused after the source's routes fired is the verdict's (endangers); the
    // source is named by its before name when it was renamed, as positions are.
    return edgeChanges(ctx).added.map(({ edge, source }) => ({
      subject: { kind: "edge" as const, from: edge.from, to: edge.to },
      meta: source === edge.from ? { from: edge.from, to: edge.to } : { from: edge.from, to: edge.to, source },
      after: edge.location,
    }));
  },
});
