import { defineRule } from "../define-rule.js";
import { edgeChanges } from "../edge-changes.js";

export const rule = defineRule({
  id: "edge-removed",
  severity: "risky",
  exposure: "paused-after-node",
  outcome: "stale-route",
  semanticsRows: ["5b", "5d"],
  summary: "A static edge between two surviving nodes was removed.",
  fix: "Threads paused after the source still take the removed edge once; make sure its target copes, or migrate them first.",
  message: (m: { from: string; to: string }) => `edge ${m.from} -> ${m.to} was removed`,
  check(ctx) {
    // Whether a thread can be paused with this very edge fired is the verdict's (endangers).
    return edgeChanges(ctx).removed.map(({ edge }) => ({
      subject: { kind: "edge" as const, from: edge.from, to: edge.to },
      meta: { from: edge.from, to: edge.to },
      before: edge.location,
    }));
  },
});
