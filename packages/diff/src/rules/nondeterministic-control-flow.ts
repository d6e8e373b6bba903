import type { FlowItem } from "@langgraph-compat/snapshot";
import { defineRule } from "../define-rule.js";
import { flatten } from "../rule-helpers.js";

type Nondeterministic = Extract<FlowItem, { kind: "nondeterministic" }>;
const deciding = (body: readonly FlowItem[] | undefined) =>
  flatten(body ?? []).filter((i): i is Nondeterministic => i.kind === "nondeterministic" && i.decidesControlFlow);

export const rule = defineRule({
  id: "nondeterministic-control-flow",
  severity: "breaking",
  exposure: "paused-in-node",
  outcome: "wrong-value",
  semanticsRows: ["12i"],
  summary: "A non-deterministic call (Date.now, Math.random, ...) outside a task now decides control flow in an entrypoint.",
  fix: "Move the call into a task so its result is cached and replayed on resume.",
  message: (m: { entrypoint: string; call: string }) =>
    `${m.call} outside a task decides control flow in entrypoint ${m.entrypoint}; a resumed thread may take another branch than the one the human saw`,
  check(ctx) {
    const ea = ctx.after.entrypoint;
    if (!ea) return [];
    const before = deciding(ctx.before.entrypoint?.body);
    const seen = new Map<string, number>();
    const out = [];
    for (const item of deciding(ea.body)) {
      const n = seen.get(item.call) ?? 0;
      seen.set(item.call, n + 1);
      // Only a new occurrence is a change; one that was already there is not reported again.
      if (before.filter((b) => b.call === item.call).length > n) continue;
      out.push({
        subject: { kind: "nondeterministic" as const, entrypoint: ea.name, call: item.call, occurrence: n },
        meta: { entrypoint: ea.name, call: item.call },
        after: item.location,
      });
    }
    return out;
  },
});
