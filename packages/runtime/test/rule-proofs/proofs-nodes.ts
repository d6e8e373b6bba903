/**
 * Proofs of the node rules (removed, renamed, added, changed, kind), gotos, Sends, joins, `ends`, the
 * graph kind, and the position-matched `interrupt()` calls of a node.
 */
import { expect } from "vitest";
import { cleanResume, expectStep, pausedInAsk, runToEnd, type ProofRun } from "./harness.js";
import type { Proof } from "./types.js";

const DONE = ["prepared q", "asked", "done: yes"];

/** Fixture graphs whose `ask` asks "Name?" then "Email?": paused on "Email?" after answering "Alice". */
async function pausedOnEmail(p: ProofRun, before: any) {
  const config = p.thread();
  expectStep.paused(await p.invoke(before, { question: "q" }, config), "ask", { question: "Name?" });
  const second = await p.invoke(before, p.resume("Alice"), config);
  expect(second.answers).toEqual([{ question: { question: "Name?" }, answer: "Alice" }]);
  expect(second.result.__interrupt__.map((i: { value: unknown }) => i.value)).toEqual([{ question: "Email?" }]);
  return config;
}

/** The ok case of the two-question fixtures: each answer reaches its own question. */
async function okTwoQuestions(p: ProofRun, caseDir: string): Promise<void> {
  const { before, after } = await p.pair(caseDir);
  const config = await pausedOnEmail(p, before);
  const resumed = await p.invoke(after, p.resume("a@x"), config);
  expectStep.completed(resumed);
  expect(resumed.answers).toEqual([
    { question: { question: "Name?" }, answer: "Alice" },
    { question: { question: "Email?" }, answer: "a@x" },
  ]);
}

/** Goto fixtures (interruptAfter route): answer "no", paused after route with fallback chosen by v1. */
async function pausedAfterRoute(p: ProofRun, before: any) {
  const config = await pausedInAsk(p, before);
  const routed = await p.invoke(before, p.resume("no"), config);
  expect(routed.ran).toEqual(["ask", "route"]);
  expectStep.breakpoint(routed, "fallback");
  return config;
}

export const nodeProofs: Proof[] = [
  {
    rule: "node-removed",
    case: "node-removed/paused-node",
    severity: "breaking",
    rows: ["1a"],
    claim: "paused in ask, which v2 removed: the resume runs nothing, returns no __interrupt__, and the thread looks finished; finish never runs: silent halt",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInAsk(p, before);
      const resumed = await p.invoke(after, p.resume("yes"), config);
      expectStep.silentHalt(resumed, ["ask", "finish"]);
      expect(resumed.ran).toEqual([]);
      expect(resumed.values.log).toEqual(["prepared q"]);
      expect((await p.observe(before, config, async () => undefined)).next).toEqual(["ask"]);
    },
    ok: { case: "node-removed/body-changed-ok", prove: async (p) => void (await cleanResume(p, "node-removed/body-changed-ok", ["prepared q", "asked", "finished: yes"])) },
  },
  {
    rule: "node-removed",
    case: "node-removed/subgraph-inner-paused-node",
    severity: "breaking",
    rows: ["13b"],
    claim: "paused in the subgraph's innerAsk, which v2 removed: the subgraph ends at once and the parent continues to finish with no answer: silent halt of the subgraph, silent skip in the parent",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = p.thread();
      expectStep.paused(await p.invoke(before, { question: "q" }, config), "sub", { question: "q" });
      const resumed = await p.invoke(after, p.resume("yes"), config);
      expectStep.completed(resumed);
      expect(resumed.ran).toEqual(["finish"]);
      expect(resumed.values.log).not.toContain("inner: yes");
      expect(resumed.values.log.at(-1)).toBe("done: undefined");
    },
  },
  {
    rule: "node-renamed",
    case: "node-renamed/paused-node",
    severity: "breaking",
    rows: ["2a"],
    claim: "paused in ask, renamed approval in v2 (same function): nothing runs, the thread looks finished: silent halt",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInAsk(p, before);
      const resumed = await p.invoke(after, p.resume("yes"), config);
      expectStep.silentHalt(resumed, ["approval", "finish"]);
      expect(resumed.values.log).toEqual(["prepared q"]);
    },
    noOk: "node-renamed/different-function-ok still removes the paused node (its expected.json has node-removed, breaking): a thread paused there halts, as node-removed/paused-node proves",
  },
  {
    rule: "node-renamed",
    case: "node-renamed/row-13a-function-node-invoking-subgraph",
    severity: "breaking",
    rows: ["13a", "13d"],
    claim:
      "paused inside a compiled graph that the function node review invokes; v2 renames review (same function): the parent never re-runs it, the nested checkpoint is orphaned and the thread looks finished: silent halt",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = p.thread();
      const paused = await p.invoke(before, { question: "q" }, config);
      expect(paused.threw).toBeUndefined();
      expect(paused.result.__interrupt__.map((i: { value: unknown }) => i.value)).toEqual([{ question: "q" }]);
      expect(paused.ran).toEqual(["review", "reviewer"]);
      const resumed = await p.invoke(after, p.resume("yes"), config);
      expectStep.silentHalt(resumed, ["human_review", "reviewer", "finish"]);
      expect(resumed.values.answer).toBeUndefined();
    },
    noOk: "the same function under a new name is the rename itself; the rule's -ok case (different-function-ok) is discussed on node-renamed/paused-node",
  },
  {
    rule: "node-added",
    case: "node-added/downstream",
    severity: "safe",
    rows: ["5a"],
    claim: "paused in ask, the thread resumes and runs v2's new node notify after finish: clean, with v2's intended result",
    prove: async (p) => void (await cleanResume(p, "node-added/downstream", [...DONE, "notified yes"])),
    ok: { case: "node-added/reorder-addnode-ok", prove: async (p) => void (await cleanResume(p, "node-added/reorder-addnode-ok", DONE)) },
  },
  {
    rule: "node-function-changed",
    case: "node-function-changed/body-changed",
    severity: "safe",
    rows: ["15a"],
    claim: "paused in ask, the thread resumes and runs v2's body of finish: clean, with v2's intended result",
    prove: async (p) => void (await cleanResume(p, "node-function-changed/body-changed", ["prepared q", "asked", "finished: yes"])),
    ok: { case: "node-function-changed/reformat-ok", prove: async (p) => void (await cleanResume(p, "node-function-changed/reformat-ok", DONE)) },
  },
  {
    rule: "node-options-changed",
    case: "node-options-changed/retry-policy",
    severity: "safe",
    rows: ["15a"],
    claim: "paused in ask, the thread resumes and finishes under v2's retryPolicy: clean",
    prove: async (p) => void (await cleanResume(p, "node-options-changed/retry-policy", DONE)),
    ok: { case: "node-options-changed/same-options-ok", prove: async (p) => void (await cleanResume(p, "node-options-changed/same-options-ok", DONE)) },
  },
  {
    rule: "node-kind-changed",
    case: "node-kind-changed/paused-function-to-subgraph",
    severity: "risky",
    rows: ["13a", "13d"],
    claim:
      "paused in ask's interrupt(), v2 turns ask into a subgraph: the resume re-executes ask from the start as the subgraph, whose interrupt asks again; " +
      "the human's answer is lost and a second answer is needed: re-execution (the function-to-subgraph case, where finish can never pause, is lowered to safe, row 13a)",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInAsk(p, before);
      const resumed = await p.invoke(after, p.resume("yes"), config);
      // Re-executed as the subgraph and paused again on the same question: "yes" reached nobody.
      expectStep.paused(resumed, "ask", { question: "q" });
      expect(resumed.ran).toEqual(["ask_inner"]);
      expect(resumed.values.answer).toBeUndefined();
      const again = await p.invoke(after, p.resume("again"), config);
      expectStep.completed(again);
      expect(again.values.answer).toBe("again");
    },
    ok: { case: "node-kind-changed/function-to-function-ok", prove: async (p) => void (await cleanResume(p, "node-kind-changed/function-to-function-ok", DONE)) },
  },
  {
    rule: "goto-targets-changed",
    case: "goto-targets-changed/paused-after",
    severity: "risky",
    rows: ["8b"],
    claim: "paused after route (interruptAfter) with Command.goto fallback taken under v1, the thread runs fallback although v2's route sends \"no\" to prepare: stale route",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedAfterRoute(p, before);
      const resumed = await p.invoke(after, null, config);
      expect(resumed.ran).toEqual(["fallback"]);
      expectStep.completed(resumed);
    },
    ok: {
      case: "goto-targets-changed/same-targets-ok",
      async prove(p) {
        const { before, after } = await p.pair("goto-targets-changed/same-targets-ok");
        const config = await pausedInAsk(p, before);
        const resumed = await p.invoke(after, p.resume("no"), config);
        expect(resumed.ran).toEqual(["ask", "route", "fallback"]);
        expectStep.completed(resumed);
      },
    },
  },
  {
    rule: "send-targets-changed",
    case: "send-targets-changed/send-target",
    severity: "risky",
    rows: ["7a", "8b"],
    claim: "paused after dispatch (interruptAfter) with Send(worker) pending, the thread runs worker although v2 dispatches to worker2: stale route",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = p.thread();
      expectStep.breakpoint(await p.invoke(before, { question: "q" }, config), "worker");
      const resumed = await p.invoke(after, null, config);
      expect(resumed.ran).toEqual(["worker", "ask"]);
      const end = await runToEnd(p, after, config, resumed);
      expect(end.values.log).toEqual(["prepared q", "worked on q", "asked", "done: yes"]);
    },
    ok: {
      case: "send-targets-changed/same-target-ok",
      async prove(p) {
        const { before, after } = await p.pair("send-targets-changed/same-target-ok");
        const config = p.thread();
        await p.invoke(before, { question: "q" }, config);
        const end = await runToEnd(p, after, config, await p.invoke(after, null, config));
        expect(end.values.log).toEqual(["prepared q", "worked on q", "asked", "done: yes"]);
      },
    },
  },
  {
    rule: "join-order-changed",
    case: "join-order-changed/sources-swapped",
    severity: "breaking",
    rows: ["5e"],
    claim: "paused in ask with research done (the barrier join:ask+research:finish half filled), v2's barrier is join:research+ask:finish: ask runs, finish never does: silent halt",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInAsk(p, before);
      const resumed = await p.invoke(after, p.resume("yes"), config);
      expect(resumed.ran).toEqual(["ask"]);
      expectStep.silentHalt(resumed, ["finish"]);
      expect(resumed.values.log).not.toContain("done: yes");
    },
    ok: {
      case: "join-order-changed/same-order-ok",
      async prove(p) {
        const { before, after } = await p.pair("join-order-changed/same-order-ok");
        const config = await pausedInAsk(p, before);
        const resumed = await p.invoke(after, p.resume("yes"), config);
        expect(resumed.ran).toEqual(["ask", "finish"]);
        expectStep.completed(resumed);
      },
    },
  },
  {
    rule: "join-changed",
    case: "join-changed/join-to-plain-edges-paused-before-target",
    severity: "breaking",
    rows: ["5f", "18d"],
    claim:
      "paused by interruptBefore finish with the barrier join:ask+research:finish complete, v2 replaces the join by plain edges: finish's trigger was the barrier, " +
      "which v2 no longer has, so finish never runs: silent halt. The static interruptBefore makes it breaking (M8, as 14j). (With only ask's interrupt, the lucky " +
      "order of row 5f completes; the oracle still classes 5f as risky, because the outcome depends on which side already fired.)",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInAsk(p, before);
      expectStep.breakpoint(await p.invoke(before, p.resume("yes"), config), "finish");
      const resumed = await p.invoke(after, null, config);
      expectStep.silentHalt(resumed, ["finish"]);
    },
    ok: {
      case: "join-changed/same-join-ok",
      async prove(p) {
        const { before, after } = await p.pair("join-changed/same-join-ok");
        const config = await pausedInAsk(p, before);
        const resumed = await p.invoke(after, p.resume("yes"), config);
        expect(resumed.ran).toEqual(["ask", "finish"]);
        expectStep.completed(resumed);
      },
    },
  },
  {
    rule: "ends-changed",
    case: "ends-changed/narrowed",
    severity: "risky",
    rows: ["15d"],
    claim: "narrowing ends leaves fallback unreachable: compiling v2 throws UnreachableNodeError, so the deployment fails while the paused thread is untouched and still resumes on v1",
    async prove(p) {
      const before = await p.graph(this.case, "before");
      const config = await pausedInAsk(p, before);
      await expect(p.graph(this.case, "after")).rejects.toThrow("Node `fallback` is not reachable.");
      const resumed = await p.invoke(before, p.resume("no"), config);
      expect(resumed.ran).toEqual(["ask", "route", "fallback"]);
      expectStep.completed(resumed);
    },
    ok: {
      case: "ends-changed/reordered-ok",
      async prove(p) {
        const { before, after } = await p.pair("ends-changed/reordered-ok");
        const config = await pausedInAsk(p, before);
        const resumed = await p.invoke(after, p.resume("no"), config);
        expect(resumed.ran).toEqual(["ask", "route", "fallback"]);
        expectStep.completed(resumed);
      },
    },
  },
  {
    rule: "graph-kind-changed",
    case: "graph-kind-changed/graph-to-functional",
    severity: "breaking",
    rows: ["2a", "12j"],
    claim: "paused in ask of a StateGraph, resumed on v2's entrypoint wf: no node of v2 is triggered, nothing runs, no error: silent halt",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInAsk(p, before);
      const resumed = await p.invoke(after, p.resume("yes"), config);
      expectStep.silentHalt(resumed, ["wf"]);
      expect(resumed.tasks).toEqual([]);
    },
    ok: {
      case: "graph-kind-changed/functional-kept-ok",
      async prove(p) {
        const { before, after } = await p.pair("graph-kind-changed/functional-kept-ok");
        const config = p.thread();
        expectStep.paused(await p.invoke(before, "x", config), "wf", { question: "a:x" });
        const resumed = await p.invoke(after, p.resume("yes"), config);
        expectStep.completed(resumed);
        expect(resumed.result).toEqual({ a: "a:x", ok: "yes" });
      },
    },
  },
  {
    rule: "interrupt-added",
    case: "interrupt-added/inserted-first",
    severity: "breaking",
    rows: ["18a"],
    claim: "paused on Email? with Name? answered \"Alice\", v2 asks Age? first: \"Alice\" becomes the age, the email answer becomes the name, and Email? is asked again: silent wrong value",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedOnEmail(p, before);
      const resumed = await p.invoke(after, p.resume("a@x"), config);
      expect(resumed.answers).toEqual([
        { question: { question: "Age?" }, answer: "Alice" },
        { question: { question: "Name?" }, answer: "a@x" },
      ]);
      expect(resumed.result.__interrupt__.map((i: { value: unknown }) => i.value)).toEqual([{ question: "Email?" }]);
    },
    ok: { case: "interrupt-added/same-questions-ok", prove: (p) => okTwoQuestions(p, "interrupt-added/same-questions-ok") },
  },
  {
    rule: "interrupt-changed",
    case: "interrupt-changed/question-edited",
    severity: "risky",
    rows: ["18b"],
    claim: "paused on Email?, v2 asks Work email? at that position: the answer typed for Email? is returned to Work email? without asking: behaviour change",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedOnEmail(p, before);
      const resumed = await p.invoke(after, p.resume("a@x"), config);
      expectStep.completed(resumed);
      expect(resumed.answers).toEqual([
        { question: { question: "Name?" }, answer: "Alice" },
        { question: { question: "Work email?" }, answer: "a@x" },
      ]);
    },
    ok: { case: "interrupt-changed/same-question-ok", prove: (p) => okTwoQuestions(p, "interrupt-changed/same-question-ok") },
  },
  {
    rule: "interrupt-removed",
    case: "interrupt-removed/answered-question-removed",
    severity: "breaking",
    rows: ["18c"],
    claim: "paused on Email? with Name? answered, v2 drops Name?: the name \"Alice\" is returned as the email and the email answer is ignored: silent wrong value",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedOnEmail(p, before);
      const resumed = await p.invoke(after, p.resume("a@x"), config);
      expectStep.completed(resumed);
      expect(resumed.answers).toEqual([{ question: { question: "Email?" }, answer: "Alice" }]);
      expect(resumed.values.answer).toBe("Alice");
    },
    ok: { case: "interrupt-removed/same-questions-ok", prove: (p) => okTwoQuestions(p, "interrupt-removed/same-questions-ok") },
  },
  {
    rule: "interrupt-reordered",
    case: "interrupt-reordered/swapped",
    severity: "breaking",
    rows: ["18b"],
    claim: "paused on Email? with Name? answered, v2 asks Email? first: the name goes to Email? and the email to Name?: silent wrong value",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedOnEmail(p, before);
      const resumed = await p.invoke(after, p.resume("a@x"), config);
      expectStep.completed(resumed);
      expect(resumed.answers).toEqual([
        { question: { question: "Email?" }, answer: "Alice" },
        { question: { question: "Name?" }, answer: "a@x" },
      ]);
    },
    ok: { case: "interrupt-reordered/same-order-ok", prove: (p) => okTwoQuestions(p, "interrupt-reordered/same-order-ok") },
  },
];
