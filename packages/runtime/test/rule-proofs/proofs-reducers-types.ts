/**
 * Proofs of how reducers and types are judged by what they do to a stored value (issue 9): a reducer that
 * never combines the stored value, a path map that only gains targets, a narrowing no writer can meet, a
 * type no old value fits, and an unmodelled type under a combining reducer.
 */
import { expect } from "vitest";
import { cleanResume, expectStep, pausedInAsk, runToEnd, type ProofRun } from "./harness.js";
import type { Proof } from "./types.js";

const DONE = ["prepared q", "asked", "done: yes"];

/** A thread that finished one turn on `graph` (answer "yes") and is paused in ask on its second turn. */
async function pausedOnSecondTurn(p: ProofRun, graph: any) {
  const config = await pausedInAsk(p, graph);
  expectStep.completed(await p.invoke(graph, p.resume("yes"), config));
  expectStep.paused(await p.invoke(graph, { question: "q2" }, config), "ask", { question: "q2" });
  return config;
}

/**
 * The answer a second-turn thread holds after answering "no": on `after` (the thread moved from before) and,
 * as the control, on `before` alone. A reducer that never combined must give the same on both.
 */
async function secondAnswer(p: ProofRun, caseDir: string): Promise<{ moved: unknown; control: unknown }> {
  const { before, after } = await p.pair(caseDir);
  const config = await pausedOnSecondTurn(p, before);
  const moved = await p.invoke(after, p.resume("no"), config);
  expectStep.completed(moved);
  const controlConfig = await pausedOnSecondTurn(p, before);
  const control = await p.invoke(before, p.resume("no"), controlConfig);
  expectStep.completed(control);
  return { moved: moved.values.answer, control: control.values.answer };
}

/** A thread paused right after prepare (fixtures compiled with `interruptAfter: ["prepare"]`). */
async function pausedAfterPrepare(p: ProofRun, graph: any, input: Record<string, unknown>, next: string) {
  const config = p.thread();
  expectStep.breakpoint(await p.invoke(graph, input, config), next);
  return config;
}

export const reducerTypeProofs: Proof[] = [
  {
    rule: "reducer-removed",
    case: "reducer-removed/nullish-replace-reducer",
    severity: "safe",
    rows: ["11b", "11f"],
    claim: "a thread whose answer holds \"yes\" from a finished turn, paused on its second: v1's reducer `y ?? x` never accumulated, so v2's last-value answer stores \"no\" exactly as v1 does: clean, intended result",
    async prove(p) {
      const { moved, control } = await secondAnswer(p, this.case);
      expect(moved).toBe("no");
      expect(control).toBe("no");
    },
    noOk: "the rule's -ok case (reducer-removed/reducer-reformatted-ok) is run by the log-reducer proof",
  },
  {
    rule: "reducer-changed",
    case: "reducer-changed/replace-bodies",
    severity: "safe",
    rows: ["11a", "11c"],
    claim: "a thread whose answer holds \"yes\", paused on its second turn: `(_, u) => u` becomes `(a, b) => b ?? a`; neither reads the stored value, so the resumed answer is \"no\" as under v1: clean, intended result",
    async prove(p) {
      const { moved, control } = await secondAnswer(p, this.case);
      expect(moved).toBe("no");
      expect(control).toBe("no");
    },
    noOk: "the rule's -ok case (reducer-changed/reformatted-ok) is run by the body-changed proof",
  },
  {
    rule: "reducer-replaced",
    case: "reducer-replaced/replace-to-keep-unless-missing",
    severity: "safe",
    rows: ["11c"],
    claim: "a thread whose answer holds \"yes\", paused on its second turn: takeLatest is replaced by keepUnlessMissing (update ?? stored); neither accumulates, so the resumed answer is \"no\" as under v1: clean, intended result",
    async prove(p) {
      const { moved, control } = await secondAnswer(p, this.case);
      expect(moved).toBe("no");
      expect(control).toBe("no");
    },
    ok: {
      case: "reducer-replaced/forwarding-wrapper-ok",
      prove: async (p) => void (await cleanResume(p, "reducer-replaced/forwarding-wrapper-ok", DONE)),
    },
  },
  {
    rule: "reducer-replaced",
    case: "reducer-replaced/append-to-dedupe",
    severity: "risky",
    rows: ["11a", "11c"],
    claim: "a thread paused in ask on its second turn, its log holding the first turn and \"prepared q2\": v2 appends only entries not yet held; the stored log is kept whole, and the resumed turn's \"asked\" is merged into the first turn's: behaviour change, no data loss",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedOnSecondTurn(p, before);
      const moved = await p.invoke(after, p.resume("no"), config);
      expectStep.completed(moved);
      expect(moved.values.log).toEqual([...DONE, "prepared q2", "done: no"]);
      // The control on v1 appends the second "asked".
      const control = await p.invoke(before, p.resume("no"), await pausedOnSecondTurn(p, before));
      expect(control.values.log).toEqual([...DONE, "prepared q2", "asked", "done: no"]);
    },
    noOk: "reducer-replaced/append-to-replace is the breaking near miss (row 11c: the stored log is dropped); its rows are proved by the reference runtime's row tests",
  },
  {
    rule: "branch-changed",
    case: "branch-changed/path-map-gains-target",
    severity: "safe",
    rows: ["6d", "6b"],
    claim: "paused after prepare with the route to ask fired: v2's path map only gains review under the same router, so the thread runs ask as v1 chose and as v2's router chooses for the same state; review serves only new decisions: clean, intended result",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedAfterPrepare(p, before, { question: "q" }, "ask");
      const resumed = await p.invoke(after, null, config);
      expect(resumed.ran).toEqual(["ask"]);
      const end = await runToEnd(p, after, config, resumed);
      expect(end.values.log).toEqual(DONE);
      // A fresh v2 thread in the same state takes the same route; the gained target needs a new decision.
      const fresh = await pausedAfterPrepare(p, after, { question: "q" }, "ask");
      expect((await p.invoke(after, null, fresh)).ran).toEqual(["ask"]);
      const review = await pausedAfterPrepare(p, after, { question: "q", route: "review" }, "review");
      expect((await p.invoke(after, null, review)).ran).toEqual(["review", "finish"]);
    },
    noOk: "the rule's -ok case (branch-changed/router-reformatted-ok) is run by the router-body proof",
  },
  {
    rule: "type-narrowed",
    case: "type-narrowed/written-only-before-pause",
    severity: "risky",
    rows: ["10f", "10h"],
    claim: "paused in ask with mode \"legacy\" (valid in v1, not in v2's enum): only prepare writes mode, and it already ran, so nothing validates the old value on resume; finish reads \"legacy\" with no error: behaviour change, no throw",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInAsk(p, before);
      const resumed = await p.invoke(after, p.resume("yes"), config);
      expectStep.completed(resumed);
      expect(resumed.values.mode).toBe("legacy");
      expect(resumed.values.log).toEqual(["prepared q", "asked", "done: yes (legacy)"]);
    },
    ok: {
      case: "type-narrowed/optional-gains-zod-default-ok",
      async prove(p) {
        const step = await cleanResume(p, "type-narrowed/optional-gains-zod-default-ok", DONE);
        // The zod default is not applied to the old thread (row 10c): that is default-changed's finding.
        expect(step.values.note).toBeUndefined();
      },
    },
  },
  {
    rule: "type-narrowed",
    case: "type-narrowed/disjoint-object-shape",
    severity: "breaking",
    rows: ["9a", "10f"],
    claim: "paused in ask with draft { text: \"q\" }: v2's draft is { title, body }, a shape no old value has; finish reads draft.title after the resume and gets undefined, with no error anywhere (Annotation state): the thread's draft is as good as lost",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInAsk(p, before);
      const resumed = await p.invoke(after, p.resume("yes"), config);
      expectStep.completed(resumed);
      expect(resumed.values.draft).toEqual({ text: "q" });
      expect(resumed.values.log.at(-1)).toBe("done: yes on undefined");
      const fresh = p.thread();
      const v2 = await runToEnd(p, after, fresh, await p.invoke(after, { question: "q" }, fresh));
      expect(v2.values.log.at(-1)).toBe("done: yes on q");
    },
    noOk: "the rule's -ok cases (type-narrowed/widened-ok, optional-gains-zod-default-ok) are run by the nullable-removed and written-only-before-pause proofs",
  },
  {
    rule: "type-changed-with-reducer",
    case: "type-changed-with-reducer/unmodelled-element-type",
    severity: "breaking",
    rows: ["11e"],
    claim: "paused in ask with log holding v1's string lines: v2 declares another (unmodelled) element type and writes objects, and the append reducer folds them onto the stored strings: one list of two element types, unvalidated: silent wrong value",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInAsk(p, before);
      const resumed = await p.invoke(after, p.resume("yes"), config);
      expectStep.completed(resumed);
      expect(resumed.values.log).toEqual(["prepared q", { event: "asked" }, { event: "done", detail: "yes" }]);
    },
    ok: {
      case: "type-changed-with-reducer/replace-reducer-ok",
      prove: async (p) => void (await cleanResume(p, "type-changed-with-reducer/replace-reducer-ok", DONE)),
    },
  },
];
