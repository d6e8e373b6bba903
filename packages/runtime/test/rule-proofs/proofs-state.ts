/**
 * Proofs of the state rules (keys, reducers, defaults, types, schemas). State is rebuilt from v2's
 * channel specs over v1's stored values, unvalidated (M6, M7).
 */
import { expect } from "vitest";
import { cleanResume, expectStep, pausedInAsk, runToEnd, type ProofRun } from "./harness.js";
import type { Proof } from "./types.js";

const DONE = ["prepared q", "asked", "done: yes"];

/** A thread that finished one turn on `before` (answer "yes") and is paused in ask on its second turn. */
async function secondTurnInAsk(p: ProofRun, before: any) {
  const config = await pausedInAsk(p, before);
  expectStep.completed(await p.invoke(before, p.resume("yes"), config));
  expectStep.paused(await p.invoke(before, { question: "q2" }, config), "ask", { question: "q2" });
  return config;
}

/** A thread paused in ask on `before`, with the id of its interrupt (to answer it by a resume map). */
async function pausedInAskWithId(p: ProofRun, before: any): Promise<[any, string]> {
  const config = p.thread();
  const step = await p.invoke(before, { question: "q" }, config);
  expectStep.paused(step, "ask", { question: "q" });
  return [config, step.result.__interrupt__[0].id];
}

export const stateProofs: Proof[] = [
  {
    rule: "reducer-removed",
    case: "reducer-removed/log-reducer",
    severity: "breaking",
    rows: ["11b"],
    claim: "paused in ask, the append reducer of log is gone in v2: each write replaces the stored list, and the log before the pause is lost: silent data loss",
    prove: async (p) => void (await cleanResume(p, "reducer-removed/log-reducer", ["done: yes"])),
    ok: { case: "reducer-removed/reducer-reformatted-ok", prove: async (p) => void (await cleanResume(p, "reducer-removed/reducer-reformatted-ok", DONE)) },
  },
  {
    rule: "reducer-replaced",
    case: "reducer-replaced/append-to-replace",
    severity: "breaking",
    rows: ["11c"],
    claim: "paused in ask, log's append reducer is replaced by replace-with-latest: the log before the pause is lost: silent data loss",
    prove: async (p) => void (await cleanResume(p, "reducer-replaced/append-to-replace", ["done: yes"])),
    ok: { case: "reducer-replaced/same-reducer-ok", prove: async (p) => void (await cleanResume(p, "reducer-replaced/same-reducer-ok", DONE)) },
  },
  {
    rule: "reducer-changed",
    case: "reducer-changed/body-changed",
    severity: "risky",
    rows: ["11a", "11c"],
    claim: "paused in ask with 150 log entries, v2's reducer keeps the last 100: the new body runs over the stored list and drops 52 old entries on the first write: behaviour change",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const old = Array.from({ length: 150 }, (_, i) => `old ${i}`);
      const config = await pausedInAsk(p, before, { question: "q", log: old });
      const resumed = await p.invoke(after, p.resume("yes"), config);
      expectStep.completed(resumed);
      expect(resumed.values.log).toEqual([...old, "prepared q", "asked", "done: yes"].slice(-100));
    },
    ok: { case: "reducer-changed/reformatted-ok", prove: async (p) => void (await cleanResume(p, "reducer-changed/reformatted-ok", DONE)) },
  },
  {
    rule: "reducer-added",
    case: "reducer-added/answer-reducer",
    severity: "risky",
    rows: ["11a"],
    claim: "a thread whose answer holds \"yes\" from a finished turn: v2's new reducer folds the next answer into the stored one (\"yes\\nno\") where v1 replaced it: behaviour change",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await secondTurnInAsk(p, before);
      const resumed = await p.invoke(after, p.resume("no"), config);
      expectStep.completed(resumed);
      expect(resumed.values.answer).toBe("yes\nno");
    },
    ok: {
      case: "reducer-added/no-reducer-ok",
      async prove(p) {
        const { before, after } = await p.pair("reducer-added/no-reducer-ok");
        const config = await secondTurnInAsk(p, before);
        expect((await p.invoke(after, p.resume("no"), config)).values.answer).toBe("no");
      },
    },
  },
  {
    rule: "default-changed",
    case: "default-changed/log-default",
    severity: "risky",
    rows: ["11d"],
    claim: "paused in ask, the thread keeps the old default of log (it was saved in its first checkpoint) while new threads start from v2's [\"started\"]: behaviour change",
    async prove(p) {
      await cleanResume(p, this.case, DONE);
      const v2 = await p.graph(this.case, "after");
      expect((await p.invoke(v2, { question: "q" }, p.thread())).values.log).toEqual(["started", "prepared q"]);
    },
    ok: { case: "default-changed/same-default-ok", prove: async (p) => void (await cleanResume(p, "default-changed/same-default-ok", DONE)) },
  },
  {
    rule: "default-changed",
    case: "default-changed/none-gains-channel-default",
    severity: "safe",
    rows: ["10d", "10e"],
    claim: "paused in ask with note never written (v1 has no default, so nothing was saved): on v2 the thread reads the new channel default \"none\", as a v2 thread does: clean, intended result",
    async prove(p) {
      const step = await cleanResume(p, this.case, ["prepared q", "asked", "done: yes (note: none)"]);
      expect(step.values.note).toBe("none");
      const v2 = await p.graph(this.case, "after");
      const fresh = p.thread();
      const v2Step = await runToEnd(p, v2, fresh, await p.invoke(v2, { question: "q" }, fresh));
      expect(v2Step.values.log.at(-1)).toBe("done: yes (note: none)");
    },
  },
  {
    rule: "state-key-added",
    case: "state-key-added/no-default",
    severity: "risky",
    rows: ["10a"],
    claim: "paused in ask, the thread resumes with no value for v2's new key priority (nothing fills or validates it): behaviour change",
    async prove(p) {
      const step = await cleanResume(p, this.case, DONE);
      expect(step.values).not.toHaveProperty("priority");
    },
    ok: { case: "state-key-added/moved-state-ok", prove: async (p) => void (await cleanResume(p, "state-key-added/moved-state-ok", DONE)) },
  },
  {
    rule: "state-key-added",
    case: "state-key-added/channel-default",
    severity: "safe",
    rows: ["10d", "10e"],
    claim: "paused in ask, the thread resumes and reads v2's channel default \"normal\" for the new key priority: clean, intended result",
    async prove(p) {
      const step = await cleanResume(p, this.case, DONE);
      expect(step.values.priority).toBe("normal");
    },
  },
  {
    rule: "state-key-added",
    case: "state-key-added/optional-written-before-pause",
    severity: "risky",
    rows: ["10a"],
    claim: "paused in ask, the thread resumes with no value for v2's optional key rules, which v2's prepare writes before the pause: finish runs without the rules, where a v2 thread paused there has them: behaviour change",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const old = await p.invoke(after, p.resume("yes"), await pausedInAsk(p, before));
      expectStep.completed(old);
      expect(old.values.log).toEqual(["prepared q", "asked", "done: yes (rules: none)"]);
      const fresh = await p.invoke(after, p.resume("yes"), await pausedInAsk(p, after));
      expect(fresh.values.log).toEqual(["prepared q", "asked", "done: yes (rules: be brief)"]);
    },
  },
  {
    rule: "state-key-added",
    case: "state-key-added/optional-written-after-pause",
    severity: "safe",
    rows: ["10a"],
    claim: "paused in ask, the thread re-runs ask on resume, which now writes the optional key rules before finish reads it: the same result as a v2 thread",
    prove: async (p) => void (await cleanResume(p, "state-key-added/optional-written-after-pause", ["prepared q", "asked", "done: yes (rules: be brief)"])),
  },
  {
    rule: "state-key-removed",
    case: "state-key-removed/read-after-pause",
    severity: "risky",
    rows: ["9a", "17b"],
    claim: "a thread whose answer holds \"yes\" (paused in its second turn): v2 drops the key, its value vanishes from the state and from every new checkpoint, also as v1 sees it: silent data loss; risky, as no v2 node reads the key",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await secondTurnInAsk(p, before);
      const resumed = await p.invoke(after, p.resume("no"), config);
      expectStep.completed(resumed);
      expect(resumed.values).not.toHaveProperty("answer");
      expect((await p.observe(before, config, async () => undefined)).values).not.toHaveProperty("answer");
    },
    ok: {
      case: "state-key-removed/reordered-keys-ok",
      async prove(p) {
        const { before, after } = await p.pair("state-key-removed/reordered-keys-ok");
        const config = await secondTurnInAsk(p, before);
        expect((await p.invoke(after, p.resume("no"), config)).values.answer).toBe("no");
      },
    },
  },
  {
    rule: "state-key-removed",
    case: "state-key-removed/helper-reads-removed-key",
    severity: "breaking",
    rows: ["9a", "9b"],
    claim: "a thread whose answer holds \"yes\" (paused in its second turn): v2 drops the key, but finish hands its whole state to describe, which still reads answer: after resume it reads undefined, and the stored value is gone: silent data loss; breaking, as the extractor follows the helper (issue 9, class 4)",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await secondTurnInAsk(p, before);
      const resumed = await p.invoke(after, p.resume("no"), config);
      expectStep.completed(resumed);
      expect(resumed.values).not.toHaveProperty("answer");
      expect(resumed.values.log.at(-1)).toBe("done: q2: undefined");
    },
    noOk: "the clean resume of state-key-removed is state-key-removed/reordered-keys-ok, driven by the read-after-pause proof; this case's twin helper-skips-removed-key still removes the key (risky)",
  },
  {
    rule: "state-key-renamed",
    case: "state-key-renamed/answer-to-reply",
    severity: "risky",
    rows: ["9b", "17b"],
    claim: "a thread whose answer holds \"yes\": v2 renames it reply; reply starts empty and the stored answer is dropped: silent data loss; risky, as the paused node writes reply itself before any node reads it",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await secondTurnInAsk(p, before);
      const seen = await p.observe(after, config, async () => undefined);
      expect(seen.values).not.toHaveProperty("reply");
      expect(seen.values).not.toHaveProperty("answer");
      const resumed = await p.invoke(after, p.resume("no"), config);
      expectStep.completed(resumed);
      expect(resumed.values).not.toHaveProperty("answer");
    },
    noOk: "state-key-renamed/other-type-ok still removes the key (its expected.json has state-key-removed, risky: no v2 node reads it), proved by state-key-removed",
  },
  {
    rule: "state-key-renamed",
    case: "state-key-renamed/written-on-some-runs-only",
    severity: "breaking",
    rows: ["9b", "17c"],
    claim: "a finished thread whose profile holds \"Ann\": v2 renames it userProfile; learn writes it only when a message introduces the user, so on the next turn \"hi\" greet reads undefined and greets a stranger: silent data loss, although learn runs first",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = p.thread();
      expectStep.completed(await p.invoke(before, { message: "I am Ann" }, config));
      const next = await p.invoke(after, { message: "hi" }, config);
      expectStep.completed(next);
      expect(next.values.reply).toBe("hello stranger: hi");
      expect(next.values).not.toHaveProperty("profile");
      // A thread that ran its first turn on v2 keeps what it learned.
      const fresh = p.thread();
      expectStep.completed(await p.invoke(after, { message: "I am Ann" }, fresh));
      expect((await p.invoke(after, { message: "hi" }, fresh)).values.reply).toBe("hello Ann: hi");
    },
    noOk: "state-key-renamed/answer-to-reply is the near miss: there the paused node writes the new key on every run before any reader, proved above",
  },
  {
    rule: "state-key-readers-moved",
    case: "state-key-readers-moved/history-read-on-the-next-turn",
    severity: "breaking",
    rows: ["9b", "17c"],
    claim: "a finished thread whose history holds \"hi\": v2's respond reads context instead, which the old thread starts at its default []; its next turn answers as if nothing had been said, while history still holds \"hi\": silent data loss",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = p.thread();
      expectStep.completed(await p.invoke(before, { message: "hi" }, config));
      const next = await p.invoke(after, { message: "again" }, config);
      expectStep.completed(next);
      expect(next.values.reply).toBe("again (after: nothing)");
      expect(next.values.history).toEqual(["hi", "again"]);
      expect(next.values.context).toEqual(["again"]);
      // A thread that ran its first turn on v2 sees it on the next: only old threads lose their history.
      const fresh = p.thread();
      expectStep.completed(await p.invoke(after, { message: "hi" }, fresh));
      expect((await p.invoke(after, { message: "again" }, fresh)).values.reply).toBe("again (after: hi)");
    },
    ok: {
      case: "state-key-readers-moved/fallback-to-old-key-ok",
      async prove(p) {
        const { before, after } = await p.pair("state-key-readers-moved/fallback-to-old-key-ok");
        const config = p.thread();
        expectStep.completed(await p.invoke(before, { message: "hi" }, config));
        const next = await p.invoke(after, { message: "again" }, config);
        expectStep.completed(next);
        expect(next.values.reply).toBe("again (after: hi)");
        expect(next.values.context).toEqual(["hi", "again"]);
        expect((await p.invoke(after, { message: "third" }, config)).values.reply).toBe("third (after: hi, again)");
      },
    },
  },
  {
    rule: "state-key-readers-moved",
    case: "state-key-readers-moved/paused-before-reader",
    severity: "breaking",
    rows: ["9a", "9b"],
    claim: "paused in ask after v1's prepare stored the draft in draft: v2's finish reads notes, which nothing wrote on this thread, so it logs undefined while draft still holds the draft: silent data loss",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const config = await pausedInAsk(p, before);
      const resumed = await p.invoke(after, p.resume("yes"), config);
      expectStep.completed(resumed);
      expect(resumed.values.log).toEqual(["prepared q", "asked: yes", "done: undefined"]);
      expect(resumed.values.draft).toBe("draft for q");
    },
  },
  {
    rule: "state-key-readers-moved",
    case: "state-key-readers-moved/written-before-read",
    severity: "safe",
    rows: ["9b"],
    claim: "paused in ask, finish now reads reply instead of answer, but ask re-runs on resume and writes reply before finish runs: clean, intended result",
    prove: async (p) => void (await cleanResume(p, "state-key-readers-moved/written-before-read", DONE)),
  },
  {
    rule: "type-changed-with-reducer",
    case: "type-changed-with-reducer/log-element-type",
    severity: "breaking",
    rows: ["11e"],
    claim: "paused in ask, v2 declares log as number[] with the same reducer: the reducer folds new writes into the stored strings, unvalidated, so v2 code receives values of the old type: silent wrong value",
    async prove(p) {
      const step = await cleanResume(p, this.case, DONE);
      expect(step.values.log.every((x: unknown) => typeof x === "number")).toBe(false);
    },
    ok: { case: "type-changed-with-reducer/same-type-ok", prove: async (p) => void (await cleanResume(p, "type-changed-with-reducer/same-type-ok", DONE)) },
  },
  {
    rule: "type-narrowed",
    case: "type-narrowed/zod-key-written-back",
    severity: "breaking",
    rows: ["10g"],
    claim: "paused in ask, the human answers null (valid under v1's nullable answer); ask writes it under v2: the node's output fails v2's schema and the resume throws ZodError, the answer is not saved and finish never runs: throws",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const [config, id] = await pausedInAskWithId(p, before);
      const resumed = await p.invoke(after, new p.lg.Command({ resume: { [id]: null } }), config);
      expect(resumed.threw?.name).toMatch(/ZodError/);
      expect(resumed.ran).toEqual(["ask"]);
      expect(resumed.values.log).toEqual(["prepared q"]);
      const [control, controlId] = await pausedInAskWithId(p, before);
      const accepted = await p.invoke(before, new p.lg.Command({ resume: { [controlId]: null } }), control);
      expectStep.completed(accepted);
      expect(accepted.values.log).toEqual(["prepared q", "asked", "done: null"]);
    },
  },
  {
    rule: "type-narrowed",
    case: "type-narrowed/nullable-removed",
    severity: "risky",
    rows: ["10f"],
    claim: "Annotation state is never validated: a null answer saved under v1 is read through v2's string-typed key, and v2 itself can still write null, with no error anywhere: behaviour change",
    async prove(p) {
      const { before, after } = await p.pair(this.case);
      const [config, id] = await pausedInAskWithId(p, before);
      expectStep.completed(await p.invoke(before, new p.lg.Command({ resume: { [id]: null } }), config));
      const next = await p.invoke(after, { question: "q2" }, config);
      expect(next.values.answer).toBeNull();
      const nextId = next.result.__interrupt__[0].id;
      const resumed = await p.invoke(after, new p.lg.Command({ resume: { [nextId]: null } }), config);
      expectStep.completed(resumed);
      expect(resumed.values.log.at(-1)).toBe("done: null");
    },
    ok: { case: "type-narrowed/widened-ok", prove: async (p) => void (await cleanResume(p, "type-narrowed/widened-ok", DONE)) },
  },
  {
    rule: "type-widened",
    case: "type-widened/union-widened",
    severity: "safe",
    rows: ["10f"],
    claim: "paused in ask, every old value is valid under v2's wider type: clean resume",
    prove: async (p) => void (await cleanResume(p, "type-widened/union-widened", DONE)),
    ok: { case: "type-widened/alias-ok", prove: async (p) => void (await cleanResume(p, "type-widened/alias-ok", DONE)) },
  },
  {
    rule: "state-form-changed",
    case: "state-form-changed/annotation-to-zod",
    severity: "safe",
    rows: ["9a", "10g"],
    claim: "paused in ask under an Annotation.Root state, the thread resumes on the same keys as a zod state: clean, intended result",
    prove: async (p) => void (await cleanResume(p, "state-form-changed/annotation-to-zod", DONE)),
    ok: { case: "state-form-changed/annotation-kept-ok", prove: async (p) => void (await cleanResume(p, "state-form-changed/annotation-kept-ok", DONE)) },
  },
  {
    rule: "config-schema-changed",
    case: "config-schema-changed/key-added",
    severity: "safe",
    rows: ["15a"],
    claim: "paused in ask, the config schema is not part of any checkpoint: clean resume",
    prove: async (p) => void (await cleanResume(p, "config-schema-changed/key-added", DONE)),
    ok: { case: "config-schema-changed/same-config-ok", prove: async (p) => void (await cleanResume(p, "config-schema-changed/same-config-ok", DONE)) },
  },
  {
    rule: "input-schema-changed",
    case: "input-schema-changed/node-input",
    severity: "safe",
    rows: ["15a"],
    claim: "paused in ask, finish reads v2's input projection on resume: clean, intended result",
    prove: async (p) => void (await cleanResume(p, "input-schema-changed/node-input", DONE)),
    ok: { case: "input-schema-changed/same-input-ok", prove: async (p) => void (await cleanResume(p, "input-schema-changed/same-input-ok", DONE)) },
  },
];
