/**
 * Proofs of the functional-API rules: task results are replayed by task name and call index, never by
 * arguments, and a moved call gets a new id and executes again (M9).
 */
import { expect, vi } from "vitest";
import { expectStep, type ProofRun } from "./harness.js";
import type { Proof } from "./types.js";

/** A functional fixture (`entrypoint wf`, input "x") paused at its interrupt on `before`. */
async function pausedInWf(p: ProofRun, before: any, input = "x") {
  const config = p.thread();
  const first = await p.invoke(before, input, config);
  expectStep.paused(first, "wf", { question: "Approve?" });
  return config;
}

/** Resumes a paused functional thread on `after` with "yes"; it must complete with `{ ok: "yes" }`. */
async function approveOn(p: ProofRun, after: any, config: any) {
  const resumed = await p.invoke(after, p.resume("yes"), config);
  expectStep.completed(resumed);
  expect(resumed.result).toEqual({ ok: "yes" });
  return resumed;
}

/**
 * `approveOn` with `Date.now()` forced to `parity` during the resume only. Parity is forced on the real
 * clock so timestamps keep increasing (LangGraph's checkpoint ids are made from them).
 */
async function approveAt(p: ProofRun, after: any, config: any, parity: 0 | 1) {
  const realNow = Date.now.bind(Date);
  const resumed = await p.observe(after, config, async () => {
    const now = vi.spyOn(Date, "now").mockImplementation(() => {
      // Read the clock once: two reads can straddle a millisecond tick and flip the parity.
      const t = realNow();
      return t % 2 === parity ? t : t + 1;
    });
    try {
      return await after.invoke(p.resume("yes"), config);
    } finally {
      now.mockRestore();
    }
  });
  expectStep.completed(resumed);
  expect(resumed.result).toEqual({ ok: "yes" });
  return resumed;
}

const calls = (step: { tasks: { name: string; args: unknown[]; result: unknown; executed: boolean }[] }) =>
  step.tasks.map((t) => `${t.name}(${t.args.join(",")})=${String(t.result)}${t.executed ? " executed" : " replayed"}`);

/** The ok case of a functional fixture: every task call is replayed from the checkpoint. */
function replayedOk(caseDir: string, expected: string[]) {
  return {
    case: caseDir,
    async prove(p: ProofRun) {
      const { before, after } = await p.pair(caseDir);
      const config = await pausedInWf(p, before);
      expect(calls(await approveOn(p, after, config))).toEqual(expected);
    },
  };
}

const AB_REPLAYED = ["fetchA(x)=a:x replayed", "fetchB(x)=b:x replayed"];

export const functionalProofs: Proof[] = [
  {
    rule: "task-arguments-changed",
    case: "task-arguments-changed/argument-changed",
    severity: "breaking",
    rows: ["12h"],
    claim: "paused after fetchA(\" x \"), v2 calls fetchA(\"x\") at the same position: the cached \"a: x \" is replayed for the new argument: silent wrong value",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInWf(p, before, " x ");
      expect(calls(await approveOn(p, after, config))).toEqual(["fetchA(x)=a: x  replayed", "fetchB( x )=b: x  replayed"]);
    },
    ok: replayedOk("task-arguments-changed/same-arguments-ok", AB_REPLAYED),
  },
  {
    rule: "same-name-task-reordered",
    case: "same-name-task-reordered/same-task-swapped",
    severity: "breaking",
    rows: ["12g"],
    claim: "paused after fetchA(\"first\"), fetchA(\"second\"), v2 swaps the calls: each gets the other's cached result, nothing re-executes: silent wrong value",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInWf(p, before);
      expect(calls(await approveOn(p, after, config))).toEqual(["fetchA(second)=a:first replayed", "fetchA(first)=a:second replayed"]);
    },
    ok: replayedOk("same-name-task-reordered/same-order-ok", ["fetchA(first)=a:first replayed", "fetchA(second)=a:second replayed"]),
  },
  {
    rule: "nondeterministic-control-flow",
    case: "nondeterministic-control-flow/date-now-branch",
    severity: "breaking",
    rows: ["12i"],
    claim: "paused after fetchA, v2 picks fetchA or fetchB by Date.now(): on an odd millisecond the replay executes fetchB, and the approval given for the fetchA path is applied to a path the human never saw: silent wrong value",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const odd = await pausedInWf(p, before);
      const even = await pausedInWf(p, before);
      expect(calls(await approveAt(p, after, odd, 1))).toEqual(["fetchB(x)=b:x executed"]);
      expect(calls(await approveAt(p, after, even, 0))).toEqual(["fetchA(x)=a:x replayed"]);
    },
    ok: replayedOk("nondeterministic-control-flow/inside-task-ok", ["fetchA(x)=a:x replayed"]),
  },
  {
    rule: "entrypoint-renamed",
    case: "entrypoint-renamed/wf-to-wf2",
    severity: "risky",
    rows: ["12j"],
    claim: "paused in wf, resumed on wf2: the resume reaches the interrupt, but every task is executed again: re-execution",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInWf(p, before);
      expect(calls(await approveOn(p, after, config))).toEqual(["fetchA(x)=a:x executed"]);
    },
    ok: replayedOk("entrypoint-renamed/same-name-ok", ["fetchA(x)=a:x replayed"]),
  },
  {
    rule: "task-inserted",
    case: "task-inserted/inserted-first",
    severity: "risky",
    rows: ["12b"],
    claim: "paused after fetchA, fetchB, v2 calls fetchC first: every call after the insertion gets a new id and executes again: re-execution",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInWf(p, before);
      expect(calls(await approveOn(p, after, config))).toEqual(["fetchC(x)=c:x executed", "fetchA(x)=a:x executed", "fetchB(x)=b:x executed"]);
    },
    ok: replayedOk("task-inserted/no-new-task-ok", AB_REPLAYED),
  },
  {
    rule: "task-inserted",
    case: "task-inserted/row-12n-pausing-task-before-interrupt",
    severity: "breaking",
    rows: ["12n"],
    claim: "paused at \"Approve?\" after fetchA, fetchB, v2 calls confirmSpend (which asks \"Spend on x?\") before that interrupt: the answer \"yes\" is returned to the question no one was asked: silent wrong value",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInWf(p, before);
      const resumed = await approveOn(p, after, config);
      expect(calls(resumed)).toEqual(["fetchA(x)=a:x replayed", "fetchB(x)=b:x replayed", "confirmSpend(x)=yes executed"]);
      expect(resumed.answers).toEqual([
        { question: { question: "Spend on x?" }, answer: "yes" },
        { question: { question: "Approve?" }, answer: "yes" },
      ]);
    },
    noOk: "task-inserted/no-new-task-ok is driven by the task-inserted proof on inserted-first",
  },
  {
    rule: "task-inserted",
    case: "task-inserted/row-12c-pausing-task-appended-inside-entrypoint",
    severity: "safe",
    rows: ["12c"],
    claim: "tasks defined inside the entrypoint; paused at \"Approve?\", v2 calls a new task notify after it: fetchA and fetchB replay, the answer reaches \"Approve?\", and notify asks its own question fresh",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInWf(p, before);
      const resumed = await p.invoke(after, p.resume("yes"), config);
      expect(calls(resumed)).toEqual(["fetchA(x)=a:x replayed", "fetchB(x)=b:x replayed"]);
      expect(resumed.answers).toEqual([{ question: { question: "Approve?" }, answer: "yes" }]);
      expectStep.paused(resumed, "wf", { question: "Notify x?" });
      const last = await p.invoke(after, p.resume("sent"), config);
      expectStep.completed(last);
      expect(last.result).toEqual({ ok: "yes", notified: "sent" });
    },
    noOk: "task-inserted/no-new-task-ok is driven by the task-inserted proof on inserted-first",
  },
  {
    rule: "task-inserted",
    case: "task-inserted/row-17a-inserted-through-helper-parameter",
    severity: "risky",
    rows: ["12b"],
    claim: "tasks called through a helper's parameter; paused after fetchA, fetchB, v2 calls fetchC first through the same helper: every later call executes again: re-execution",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInWf(p, before);
      expect(calls(await approveOn(p, after, config))).toEqual(["fetchC(x)=c:x executed", "fetchA(x)=a:x executed", "fetchB(x)=b:x executed"]);
    },
    noOk: "task-inserted/no-new-task-ok is driven by the task-inserted proof on inserted-first",
  },
  {
    rule: "graph-kind-changed",
    case: "graph-kind-changed/row-12o-functional-to-stategraph",
    severity: "breaking",
    rows: ["12o", "12p", "12q"],
    claim: "entrypoint wf becomes a StateGraph: a run paused in wf starts over from START (no task replays, the answer is not delivered, ask pauses again), a string input throws on every resume, and a finished thread loses its entrypoint.final history, even after a rollback",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      // 12o: an object input is taken by v2's __start__ as state; the run starts over.
      const paused = p.thread();
      expectStep.paused(await p.invoke(before, { question: "q1" }, paused), "wf", { question: "a:q1" });
      const restarted = await p.invoke(after, p.resume("yes"), paused);
      expectStep.paused(restarted, "ask", { question: "q1" });
      expect(restarted.ran).toEqual(["prepare", "ask"]);
      expect([restarted.tasks, restarted.answers]).toEqual([[], []]);
      // 12p: a string input is rejected by v2's __start__, on every resume.
      const stringInput = p.thread();
      expectStep.paused(await p.invoke(before, "x", stringInput), "wf", { question: "a:x" });
      for (const input of [p.resume("yes"), null]) {
        const step = await p.invoke(after, input, stringInput);
        expect(step.threw?.name).toBe("InvalidUpdateError");
        expect(step.next).toEqual(["__start__"]);
      }
      // 12q: the turn count saved by entrypoint.final is gone, on v2 and after a rollback to wf.
      const finished = p.thread();
      await p.invoke(before, { question: "q1" }, finished);
      expect((await p.invoke(before, p.resume("yes"), finished)).result).toEqual({ a: "a:q1", ok: "yes", turns: 1 });
      const nextTurn = await p.invoke(after, { question: "q2" }, finished);
      expect(nextTurn.values).toEqual({ question: "q2", log: ["prepared q2"] });
      expectStep.completed(await p.invoke(after, p.resume("fine"), finished));
      await p.invoke(before, { question: "q3" }, finished);
      expect((await p.invoke(before, p.resume("yes"), finished)).result).toEqual({ a: "a:q3", ok: "yes", turns: 1 });
    },
    noOk: "graph-kind-changed/functional-kept-ok is driven by the graph-to-functional proof",
  },
  {
    rule: "interrupt-added",
    case: "interrupt-added/row-12r-entrypoint-interrupt-before-paused-task",
    severity: "breaking",
    rows: ["12r"],
    claim: "paused inside task approveRefund, v2 asks a new question in the entrypoint before calling it: the new question takes the answer meant for the refund, and the task asks again: silent wrong value",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = p.thread();
      expectStep.paused(await p.invoke(before, { id: "1" }, config), "refund", { question: "Refund account:1?" });
      const resumed = await p.invoke(after, p.resume("yes"), config);
      expect(resumed.answers).toEqual([{ question: { question: "Why is the refund needed?" }, answer: "yes" }]);
      expectStep.paused(resumed, "refund", { question: "Refund account:1?" });
    },
    noOk: "interrupt-added/same-questions-ok is driven by the interrupt-added proof on inserted-first",
  },
  {
    rule: "task-removed",
    case: "task-removed/first-removed",
    severity: "risky",
    rows: ["12d"],
    claim: "paused after fetchA, fetchB, v2 drops fetchA: fetchB moves to index 0 and executes again: re-execution",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInWf(p, before);
      expect(calls(await approveOn(p, after, config))).toEqual(["fetchB(x)=b:x executed"]);
    },
    ok: replayedOk("task-removed/kept-ok", AB_REPLAYED),
  },
  {
    rule: "task-renamed",
    case: "task-renamed/renamed-in-place",
    severity: "risky",
    rows: ["12f"],
    claim: "paused after fetchA, fetchB, v2 calls fetchC in fetchA's place: fetchC executes (new id), fetchB is replayed: re-execution",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInWf(p, before);
      expect(calls(await approveOn(p, after, config))).toEqual(["fetchC(x)=c:x executed", "fetchB(x)=b:x replayed"]);
    },
    ok: replayedOk("task-renamed/same-names-ok", AB_REPLAYED),
  },
  {
    rule: "task-reordered",
    case: "task-reordered/distinct-tasks-swapped",
    severity: "risky",
    rows: ["12a"],
    claim: "paused after fetchA, fetchB, v2 calls fetchB first: both get new ids and execute again (no wrong values): re-execution",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInWf(p, before);
      expect(calls(await approveOn(p, after, config))).toEqual(["fetchB(x)=b:x executed", "fetchA(x)=a:x executed"]);
    },
    ok: replayedOk("task-reordered/same-order-ok", AB_REPLAYED),
  },
];
