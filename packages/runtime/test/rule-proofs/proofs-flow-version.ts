/**
 * Proofs of the version-stamp pattern (issue 9, class 19): `stamp`, the node every thread starts in, writes
 * `flow_version` (1 in v1, 2 in v2) before any pause, and v2 inserts `legal_check` behind a router out of
 * `write` that sends only `flow_version >= 2` there. Old threads keep the old route wherever they stand;
 * when the router does not test the stamp (the near miss), a thread paused past it skips the new step.
 */
import { expect } from "vitest";
import { expectStep, type ProofRun } from "./harness.js";
import type { Proof } from "./types.js";

type Config = ReturnType<ProofRun["thread"]>;

/** A thread of `graph` started with `request` and paused in `write`, asking for the draft. */
async function pausedInWrite(p: ProofRun, graph: any, request: string): Promise<Config> {
  const config = p.thread();
  expectStep.paused(await p.invoke(graph, { request }, config), "write", { request });
  return config;
}

const LONG = "x".repeat(120);

export const flowVersionProofs: Proof[] = [
  {
    rule: "branch-added",
    case: "branch-added/inserted-step-flow-version-safe",
    severity: "safe",
    rows: ["5h", "6d"],
    claim:
      "old threads carry flow_version 1: one paused in write resumes on v2 and v2's router sends it to review, one paused in review holds write -> review; legal_check runs for neither, and only a fresh v2 thread (flow_version 2) takes it: the old route is kept, no stale route",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      // Paused before the insertion point: v2's router decides, on the thread's old stamp.
      const early = await pausedInWrite(p, before, "r");
      const routed = await p.invoke(after, p.resume("d"), early);
      expect(routed.ran).not.toContain("legal_check");
      expectStep.paused(routed, "review", { draft: "d" });
      expect(routed.values.flow_version).toBe(1);
      const earlyEnd = await p.invoke(after, p.resume(true), early);
      expectStep.completed(earlyEnd);
      expect(earlyEnd.values.draft).toBe("d (published: true)");
      // Paused past it, with v1's route `write -> review` held: the route v2 gives stamp 1 anyway.
      const late = await pausedInWrite(p, before, "r");
      expectStep.paused(await p.invoke(before, p.resume("d"), late), "review", { draft: "d" });
      const lateEnd = await p.invoke(after, p.resume(true), late);
      expect(lateEnd.ran).toEqual(["review", "publish"]);
      expectStep.completed(lateEnd);
      expect(lateEnd.values).toMatchObject({ flow_version: 1, draft: "d (published: true)" });
      // A new thread is stamped 2 and takes the inserted step.
      const fresh = await pausedInWrite(p, after, "r");
      const checked = await p.invoke(after, p.resume("d"), fresh);
      expect(checked.ran).toContain("legal_check");
      expectStep.paused(checked, "review", { draft: "d (legal ok)" });
      expect(checked.values.flow_version).toBe(2);
    },
    noOk: "the case is itself the safe claim; its near misses (-untested, -after-pause) are the risky ones",
  },
  {
    rule: "branch-added",
    case: "branch-added/inserted-step-flow-version-untested",
    severity: "risky",
    rows: ["5h", "15f"],
    claim:
      "the router tests the draft, not the stamp: paused in review with a long draft, the thread holds v1's write -> review and legal_check never runs, though v2 sends the same draft of a fresh thread through legal_check: stale route (silent skip)",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInWrite(p, before, "r");
      expectStep.paused(await p.invoke(before, p.resume(LONG), config), "review", { draft: LONG });
      const end = await p.invoke(after, p.resume(true), config);
      expect(end.ran).toEqual(["review", "publish"]);
      expectStep.completed(end);
      expect(end.values.draft).toBe(`${LONG} (published: true)`);
      const fresh = await pausedInWrite(p, after, "r");
      const checked = await p.invoke(after, p.resume(LONG), fresh);
      expect(checked.ran).toContain("legal_check");
      expectStep.paused(checked, "review", { draft: `${LONG} (legal ok)` });
    },
    noOk: "the -safe case of the same insertion is the clean counterpart (rule-proof branch-added/inserted-step-flow-version-safe)",
  },
];
