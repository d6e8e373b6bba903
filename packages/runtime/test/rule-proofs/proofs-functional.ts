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
    const now = vi.spyOn(Date, "now").mockImplementation(() => (realNow() % 2 === parity ? realNow() : realNow() + 1));
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
