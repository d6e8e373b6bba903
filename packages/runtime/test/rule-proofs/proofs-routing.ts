/**
 * Proofs of the routing and topology rules: edges, routers, gotos, Sends, joins, breakpoints. Most
 * fixtures pause a thread *after* a node (interruptAfter, or an interrupt in its successor), when the
 * node's edges have fired and their `branch:to:*` writes are persisted (M1).
 */
import { expect } from "vitest";
import { expectStep, pausedInAsk, runToEnd, type ProofRun } from "./harness.js";
import type { Proof } from "./types.js";

const DONE = ["prepared q", "asked", "done: yes"];

/** Fixture graphs compiled with `interruptAfter: ["prepare"]`: a thread paused right after prepare. */
async function pausedAfterPrepare(p: ProofRun, graph: any, question: string, next: string) {
  const config = p.thread();
  expectStep.breakpoint(await p.invoke(graph, { question }, config), next);
  return config;
}

/** What a fresh thread on `graph` runs right after prepare, for the question. */
async function freshRouteAfterPrepare(p: ProofRun, graph: any, question: string): Promise<string[]> {
  const config = p.thread();
  await p.invoke(graph, { question }, config);
  return (await p.invoke(graph, null, config)).ran;
}

/** The ok cases of the interruptAfter-prepare fixtures: q is routed to ask, and the thread finishes. */
async function okAfterPrepare(p: ProofRun, caseDir: string): Promise<void> {
  const { before, after } = await p.pair(caseDir);
  const config = p.thread();
  await p.invoke(before, { question: "q" }, config);
  const resumed = await p.invoke(after, null, config);
  expect(resumed.ran).toEqual(["ask"]);
  const end = await runToEnd(p, after, config, resumed);
  expect(end.values.log).toEqual(DONE);
}

export const routingProofs: Proof[] = [
  {
    rule: "branch-added",
    case: "branch-added/edge-to-branch",
    severity: "risky",
    rows: ["15f", "6d"],
    claim: "paused after prepare (interruptAfter), an empty question still goes to ask by v1's static edge, though v2's new router sends it to finish: stale route",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedAfterPrepare(p, before, "", "ask");
      const resumed = await p.invoke(after, null, config);
      expect(resumed.ran).toEqual(["ask"]);
      expectStep.paused(resumed, "ask", { question: "" });
      expect(await freshRouteAfterPrepare(p, after, "")).toEqual(["finish"]);
    },
    ok: { case: "branch-added/same-branch-ok", prove: (p) => okAfterPrepare(p, "branch-added/same-branch-ok") },
  },
  {
    rule: "branch-changed",
    case: "branch-changed/router-body",
    severity: "risky",
    rows: ["6d", "8b"],
    claim: "paused after prepare, question \"hi\" goes to ask as v1's router chose, though v2's router sends it to finish: stale route",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedAfterPrepare(p, before, "hi", "ask");
      const resumed = await p.invoke(after, null, config);
      expect(resumed.ran).toEqual(["ask"]);
      expectStep.paused(resumed, "ask", { question: "hi" });
      expect(await freshRouteAfterPrepare(p, after, "hi")).toEqual(["finish"]);
    },
    ok: { case: "branch-changed/router-reformatted-ok", prove: (p) => okAfterPrepare(p, "branch-changed/router-reformatted-ok") },
  },
  {
    rule: "branch-removed",
    case: "branch-removed/branch-to-edge",
    severity: "risky",
    rows: ["6d", "5b"],
    claim: "paused after prepare, an empty question goes to finish as v1's removed router chose; ask, v2's static successor, never runs: stale route",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedAfterPrepare(p, before, "", "finish");
      const resumed = await p.invoke(after, null, config);
      expect(resumed.ran).toEqual(["finish"]);
      expectStep.completed(resumed);
      expect(await freshRouteAfterPrepare(p, after, "")).toEqual(["ask"]);
    },
    ok: { case: "branch-removed/same-branch-ok", prove: (p) => okAfterPrepare(p, "branch-removed/same-branch-ok") },
  },
  {
    rule: "breakpoints-changed",
    case: "breakpoints-changed/interrupt-before-added",
    severity: "safe",
    rows: ["14d", "14e"],
    claim: "paused in ask, the thread resumes, then stops at v2's new interruptBefore finish, and finishes: clean, the new breakpoint applies",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInAsk(p, before);
      const resumed = await p.invoke(after, p.resume("yes"), config);
      expect(resumed.ran).toEqual(["ask"]);
      expectStep.breakpoint(resumed, "finish");
      const end = await p.invoke(after, null, config);
      expectStep.completed(end);
      expect(end.values.log).toEqual(DONE);
    },
    ok: {
      case: "breakpoints-changed/same-list-ok",
      async prove(p) {
        const { before, after } = await p.pair("breakpoints-changed/same-list-ok");
        const config = p.thread();
        expectStep.breakpoint(await p.invoke(before, { question: "q" }, config), "ask");
        const end = await runToEnd(p, after, config, await p.invoke(after, null, config));
        expect(end.values.log).toEqual(DONE);
      },
    },
  },
  {
    rule: "dangling-target",
    case: "dangling-target/router-names-removed-node",
    severity: "breaking",
    rows: ["6a"],
    claim: "on any thread (here a finished one's next turn), v2's router still returns the removed \"fallback\" for an empty question: the write is dropped and the run ends after prepare with no error: silent halt",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = p.thread();
      const first = await p.invoke(before, { question: "" }, config);
      expect(first.ran).toEqual(["prepare", "fallback"]);
      const next = await p.invoke(after, { question: "" }, config);
      expect(next.ran).toEqual(["prepare"]);
      expectStep.silentHalt(next, ["fallback", "finish"]);
      expect(next.values.log).toEqual(["prepared ", "fallback for ", "prepared "]);
    },
    ok: {
      case: "dangling-target/router-updated-ok",
      async prove(p) {
        const { before, after } = await p.pair("dangling-target/router-updated-ok");
        const config = p.thread();
        await p.invoke(before, { question: "" }, config);
        const next = await p.invoke(after, { question: "" }, config);
        expect(next.ran).toEqual(["prepare", "finish"]);
        expectStep.completed(next);
      },
    },
  },
  {
    rule: "dangling-target",
    case: "dangling-target/send-target-written-as-literal",
    severity: "breaking",
    rows: ["7e"],
    claim: "on any thread (here a finished one's next turn), v2's prepare writes the literal \"fallback-node\" into next for an empty question, and the router sends Send(state.next): no node has that name, so the run throws InvalidUpdateError at the Send",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = p.thread();
      const first = await p.invoke(before, { question: "" }, config);
      expectStep.completed(first);
      expect(first.ran).toEqual(["prepare", "fallback", "finish"]);
      const next = await p.invoke(after, { question: "" }, config);
      expect(next.threw?.name).toBe("InvalidUpdateError");
      expect(next.ran).toEqual(["prepare"]);
      // A question sends to "ask", a node: only the literal naming no node throws.
      expectStep.completed(await p.invoke(after, { question: "q" }, p.thread()));
    },
    ok: {
      case: "dangling-target/send-target-from-state-ok",
      async prove(p) {
        const { before, after } = await p.pair("dangling-target/send-target-from-state-ok");
        const config = p.thread();
        expectStep.completed(await p.invoke(before, { question: "" }, config));
        const next = await p.invoke(after, { question: "" }, config);
        expectStep.completed(next);
        expect(next.ran).toEqual(["prepare", "help", "finish"]);
      },
    },
  },
  {
    rule: "edge-added",
    case: "edge-added/fan-out-edge",
    severity: "risky",
    rows: ["15f", "5a"],
    claim: "paused in ask (prepare's edges fired under v1), the thread does not take v2's new edge prepare -> audit, which a fresh v2 thread takes right after prepare: stale route",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInAsk(p, before);
      const resumed = await p.invoke(after, p.resume("yes"), config);
      expectStep.completed(resumed);
      expect(resumed.ran).toEqual(["ask", "finish"]);
      const fresh = p.thread();
      const v2 = await p.invoke(after, { question: "q" }, fresh);
      expect(v2.ran).toEqual(["prepare", "ask", "audit"]);
    },
    ok: {
      case: "edge-added/reordered-calls-ok",
      async prove(p) {
        const { before, after } = await p.pair("edge-added/reordered-calls-ok");
        const config = await pausedInAsk(p, before);
        const resumed = await p.invoke(after, p.resume("yes"), config);
        expectStep.completed(resumed);
        expect(resumed.values.log).toContain("done: yes");
      },
    },
  },
  {
    rule: "edge-removed",
    case: "edge-removed/fan-out-edge-paused-after-source",
    severity: "risky",
    rows: ["5b", "5d"],
    claim:
      "paused by interruptAfter prepare, with prepare -> audit fired and audit still to run, v2 removes that edge: the persisted branch:to:audit still runs audit once on resume: stale route " +
      "(the fan-out-edge case, where audit runs beside ask's interrupt and is done before any pause, is lowered to safe by the rule, rows 5b/5c)",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = p.thread();
      const paused = await p.invoke(before, { question: "q" }, config);
      expect(paused.threw).toBeUndefined();
      expect([...paused.next].sort()).toEqual(["ask", "audit"]);
      const resumed = await p.invoke(after, null, config);
      expect(resumed.ran).toContain("audit");
      // v2's own route: a fresh thread reaches audit only from START, never after prepare.
      const fresh = p.thread();
      await p.invoke(after, { question: "q" }, fresh);
      expect((await p.invoke(after, null, fresh)).ran).not.toContain("audit");
    },
    ok: {
      case: "edge-removed/reordered-calls-ok",
      async prove(p) {
        const { before, after } = await p.pair("edge-removed/reordered-calls-ok");
        const config = await pausedInAsk(p, before);
        const resumed = await p.invoke(after, p.resume("yes"), config);
        expectStep.completed(resumed);
        expect(resumed.values.log).toContain("done: yes");
      },
    },
  },
  {
    rule: "edge-rerouted",
    case: "edge-rerouted/node-inserted-before-breakpoint",
    severity: "risky",
    rows: ["5h"],
    claim: "paused by interruptBefore ask (prepare -> ask fired), v2's audit inserted on that edge never runs for the thread: stale route (silent skip)",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = p.thread();
      expectStep.breakpoint(await p.invoke(before, { question: "q" }, config), "ask");
      const resumed = await p.invoke(after, null, config);
      expect(resumed.ran).toEqual(["ask"]);
      const end = await runToEnd(p, after, config, resumed);
      expect(end.values.log).toEqual(DONE);
      const fresh = p.thread();
      expect((await p.invoke(after, { question: "q" }, fresh)).ran).toEqual(["prepare", "audit"]);
    },
    ok: {
      case: "edge-rerouted/reordered-calls-ok",
      async prove(p) {
        const { before, after } = await p.pair("edge-rerouted/reordered-calls-ok");
        const end = await runToEnd(p, after, ...(await askedOn(p, before)));
        expect(end.values.log).toEqual(DONE);
      },
    },
  },
];

/** A thread paused in ask on `graph`, and the step that paused it (for runToEnd). */
async function askedOn(p: ProofRun, graph: any) {
  const config = p.thread();
  const step = await p.invoke(graph, { question: "q" }, config);
  return [config, step] as const;
}
