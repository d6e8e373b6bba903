import { defineRule } from "../define-rule.js";
import { targetListChanges, targetListMessage } from "../rule-helpers.js";

export const rule = defineRule({
  id: "goto-targets-changed",
  severity: "risky",
  exposure: "paused-after-node",
  outcome: "stale-route",
  semanticsRows: ["8b", "8a"],
  summary: "The Command.goto targets a node returns changed.",
  fix: "Threads paused after the node already hold its old goto; keep the old target working for them, or migrate them.",
  message: (m: { node: string; removed: string[]; added: string[] }) => targetListMessage("goto targets", m),
  check: (ctx) => targetListChanges(ctx, "gotos"),
});
