import { defineRule } from "../define-rule.js";
import { targetListChanges, targetListMessage } from "../rule-helpers.js";

export const rule = defineRule({
  id: "send-targets-changed",
  severity: "risky",
  exposure: "paused-after-node",
  outcome: "stale-route",
  semanticsRows: ["7a", "8b"],
  summary: "The nodes a node fans out to with Send changed.",
  fix: "Pending Sends of paused threads still name the old targets; keep those nodes registered until the threads finish.",
  message: (m: { node: string; removed: string[]; added: string[] }) => targetListMessage("Send targets", m),
  check: (ctx) => targetListChanges(ctx, "sends"),
});
