import type { GraphSnapshot } from "@langgraph-compat/snapshot";
import { defineRule } from "../define-rule.js";

/** What a finding says happens to the old graph's threads, by direction of the switch. */
type KindMeta = {
  graph: string;
  from: string;
  to: string;
  /** The functional side's entrypoint name. */
  entrypoint?: string;
  /**
   * A paused thread on resume: `starts-over` (entrypoint -> StateGraph: v2's `__start__` takes the run's
   * stored input, rows 12o, 12p), `silent-halt` (nodes -> entrypoint, or between graph kinds, row 2a).
   */
  paused: "starts-over" | "silent-halt";
  /** For an entrypoint that became a StateGraph: the value saved by `entrypoint.final` is dropped (12q). */
  previousDropped?: boolean;
};

const KIND_WORDS: Record<string, string> = { graph: "a StateGraph", functional: "a functional-API entrypoint", prebuilt: "a prebuilt agent" };
const kindWords = (kind: string, entrypoint?: string) => (kind === "functional" && entrypoint ? `functional-API entrypoint ${entrypoint}` : (KIND_WORDS[kind] ?? `a ${kind} graph`));

function message(m: KindMeta): string {
  const head = `graph "${m.graph}" changed from ${kindWords(m.from, m.entrypoint)} to ${kindWords(m.to, m.entrypoint)}`;
  if (m.paused === "starts-over")
    return (
      `${head}: a run paused in ${m.entrypoint} starts over from START with its first input: its cached task results are not replayed, ` +
      `the answer sent to resume it is not delivered, and an input that is not an object throws InvalidUpdateError on every resume; ` +
      `a finished thread's next turn starts from empty state, and the value saved by entrypoint.final (getPreviousState) is lost, even after a rollback`
    );
  return `${head}: a paused thread halts silently on resume (no stored node or task name survives)`;
}

function metaOf(id: string, before: GraphSnapshot, after: GraphSnapshot): KindMeta {
  const entrypoint = before.entrypoint?.name ?? after.entrypoint?.name;
  const meta: KindMeta = { graph: id, from: before.kind, to: after.kind, paused: "silent-halt" };
  if (entrypoint !== undefined) meta.entrypoint = entrypoint;
  if (before.kind === "functional") {
    // The entrypoint's run never consumed its `__start__` input; v2's `__start__` task takes it (M2).
    meta.paused = "starts-over";
    meta.previousDropped = true;
  }
  return meta;
}

export const rule = defineRule({
  id: "graph-kind-changed",
  scope: "snapshot",
  severity: "breaking",
  exposure: "any",
  outcome: "silent-halt",
  semanticsRows: ["2a", "12j", "12o", "12p", "12q"],
  summary: "A graph switched between the Graph API, the Functional API and a prebuilt agent.",
  fix: "Register the new implementation under a new graph id and keep the old one until its threads finish.",
  message,
  check(ctx) {
    return Object.values(ctx.before.graphs)
      .filter((g) => g.id in ctx.after.graphs && ctx.after.graphs[g.id].kind !== g.kind)
      .map((g) => ({
        graph: g.id,
        subject: { kind: "graph" as const, graph: g.id },
        meta: metaOf(g.id, g, ctx.after.graphs[g.id]),
        before: g.location,
        after: ctx.after.graphs[g.id].location,
      }));
  },
});
