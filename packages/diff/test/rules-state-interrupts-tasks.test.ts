/**
 * interrupt-* (rows 12e, 12r, 18a-18c, 1f, 12k) and task-* (rows 12a-12d, 12f, 12h, 12l-12n) as a user reads
 * them: the re-levelling reasons, the call each finding points at (its source location), and the wording
 * for the cases that change severity: an interrupt() before a task that paused (12r), a new task that asks
 * before a pause (12n), a renamed task that pauses inside (12m), the last call removed.
 */
import { describe, expect, it } from "vitest";
import type { FlowItem, InterruptSite, Location } from "@langgraph-compat/snapshot";
import { chain, graph, node } from "./helpers.js";
import { seen, seenOf } from "./rules-state-helpers.js";

const at = (line: number): Location => ({ file: "src/graph.ts", line, column: 7 });
const site = (fp: string, line: number): InterruptSite => ({ kind: "interrupt", fingerprint: fp, location: at(line), via: [] });
/** Node `form` whose interrupt() calls are given as [fingerprint, line]. */
const form = (...calls: Array<[string, number]>) => graph({ nodes: [node("form", { interrupts: calls.map(([fp, l]) => site(fp, l)) })], edges: chain("form") });
// Every entrypoint can pause at its end, after all its tasks (a run that never pauses replays nothing, 12b/12d).
/** The entrypoint exactly as given, for tests about its own interrupt() calls. */
const wfAsIs = (body: FlowItem[], name = "wf") => graph({ entrypoint: { name, body } });
const wf = (body: FlowItem[], name = "wf") => graph({ entrypoint: { name, body: [...body, { kind: "interrupt", fingerprint: "end", location: { file: "wf.ts", line: 99, column: 1 } }] } });
const task = (name: string, line: number, args = "args", asks: string[] = []): FlowItem =>
  ({ kind: "task", name, argsFingerprint: args, location: at(line), ...(asks.length ? { interrupts: asks.map((fp, i) => site(fp, line * 10 + i)) } : {}) }) as FlowItem;
const ask = (fp: string, line: number): FlowItem => ({ kind: "interrupt", fingerprint: fp, location: at(line) });

describe("interrupt() calls: locations and reasons", () => {
  it("an appended call is safe, says why, and points at the new call", async () => {
    expect(await seen(form(["name", 3]), form(["name", 3], ["email", 4]))).toEqual([
      {
        ruleId: "interrupt-added",
        severity: "safe",
        path: "nodes/form/interrupts/1",
        message: "interrupt() #2 was added in nodes/form; pending answers are handed to the wrong question",
        reasons: ["lowered to safe: appended after every existing interrupt() call, so earlier answers keep their positions"],
        after: at(4),
      },
    ]);
  });

  it("a call inserted first is breaking with no reason, pointing at it", async () => {
    const [found] = await seenOf("interrupt-added", form(["name", 3]), form(["age", 2], ["name", 3]));
    expect([found.severity, found.reasons, found.after, found.before]).toEqual(["breaking", [], at(2), undefined]);
  });

  it("an entrypoint interrupt() added before a call of a task that pauses takes that task's answer: breaking (12r)", async () => {
    const before = wfAsIs([task("approve", 5, "args", ["ok?"])]);
    const after = wfAsIs([ask("why", 4), task("approve", 5, "args", ["ok?"])]);
    expect((await seenOf("interrupt-added", before, after)).map((f) => [f.severity, f.path, f.reasons, f.after])).toEqual([
      ["breaking", "entrypoints/wf/interrupts/0", [], at(4)],
    ]);
    // The same call after the task is appended in the usual sense.
    const later = wfAsIs([task("approve", 5, "args", ["ok?"]), ask("why", 6)]);
    expect((await seenOf("interrupt-added", before, later)).map((f) => f.severity)).toEqual(["safe"]);
  });

  it("removing the last call is risky with the reason; removing an earlier one is breaking; both point at the old call", async () => {
    expect(await seenOf("interrupt-removed", form(["name", 3], ["email", 4]), form(["name", 3]))).toEqual([
      {
        ruleId: "interrupt-removed",
        severity: "risky",
        path: "nodes/form/interrupts/1",
        message: "interrupt() #2 was removed from nodes/form; a paused thread's answer is silently ignored",
        reasons: ["lowered to risky: it was the last interrupt() call, so no answer shifts; the step it guarded is skipped (rows 1f, 12k)"],
        before: at(4),
      },
    ]);
    const [first] = await seenOf("interrupt-removed", form(["name", 3], ["email", 4]), form(["email", 4]));
    expect([first.severity, first.reasons, first.before]).toEqual(["breaking", [], at(3)]);
  });

  it("a changed question points at the call before and after", async () => {
    const [found] = await seenOf("interrupt-changed", form(["name", 3], ["email", 4]), form(["name", 3], ["mail", 8]));
    expect([found.severity, found.path, found.before, found.after]).toEqual(["risky", "nodes/form/interrupts/1", at(4), at(8)]);
  });

  it("reordered calls point at the first position that differs, before and after", async () => {
    const [found] = await seenOf("interrupt-reordered", form(["name", 3], ["email", 4]), form(["email", 13], ["name", 14]));
    expect([found.severity, found.path, found.before, found.after]).toEqual(["breaking", "nodes/form/interrupts", at(3), at(13)]);
  });

  it("an entrypoint's and a task's calls are named by their owner in the message", async () => {
    const byEntrypoint = await seenOf("interrupt-reordered", wf([ask("a", 1), ask("b", 2)]), wf([ask("b", 1), ask("a", 2)]));
    expect(byEntrypoint.map((f) => [f.path, f.message])).toEqual([["entrypoints/wf/interrupts", "interrupt() calls in entrypoints/wf were reordered; answers go to the wrong questions"]]);
    const byTask = await seenOf("interrupt-changed", wf([task("t", 3, "args", ["a", "b"])]), wf([task("t", 3, "args", ["a", "c"])]));
    expect(byTask.map((f) => [f.path, f.message])).toEqual([["tasks/t/interrupts/1", "interrupt() #2 in tasks/t asks something else; an answer to the old question is delivered to it"]]);
  });
});

describe("task calls: wording and re-levelling", () => {
  it("a new task that calls interrupt() before a later pause is breaking, and says whose answer it takes (12n)", async () => {
    const before = wf([task("a", 1), ask("ok?", 3)]);
    const after = wf([task("a", 1), task("check", 2, "args", ["sure?"]), ask("ok?", 3)]);
    expect(await seenOf("task-inserted", before, after)).toEqual([
      {
        ruleId: "task-inserted",
        severity: "breaking",
        path: "entrypoints/wf/tasks/1",
        message:
          "task check was inserted as call #2 in entrypoint wf; no later task call changes position; it calls interrupt() before a later interrupt() where old threads are paused: the answer they send also answers its question, which no one was asked",
        reasons: ["raised to breaking: the new task calls interrupt() before a later pause point, so a paused thread's answer also answers the new question (row 12n)"],
        after: at(2),
      },
    ]);
  });

  it("an appended task is safe and says why; an inserted one is risky with no reason", async () => {
    const appended = await seenOf("task-inserted", wf([task("a", 1), task("b", 2)]), wf([task("a", 1), task("b", 2), task("c", 3)]));
    expect(appended.map((f) => [f.severity, f.reasons])).toEqual([["safe", ["lowered to safe: no later task call changes position, so nothing else is re-executed (row 12c)"]]]);
    const inserted = await seenOf("task-inserted", wf([task("a", 1), task("b", 2)]), wf([task("c", 1), task("a", 2), task("b", 3)]));
    expect(inserted.map((f) => [f.severity, f.reasons])).toEqual([["risky", []]]);
  });

  it("removing the last task call stays risky and says it was never measured", async () => {
    const found = await seenOf("task-removed", wf([task("a", 1), task("b", 2)]), wf([task("a", 1)]));
    expect(found.map((f) => [f.severity, f.path, f.message])).toEqual([
      [
        "risky",
        "entrypoints/wf/tasks/1",
        "task b (call #2) was removed from entrypoint wf; no later task call shifts, but removing the last call was never measured (row 12d removes a call with a later one), so it stays risky",
      ],
    ]);
  });

  it("renaming a task that calls interrupt() is breaking and says an answer by id is lost; without one it is risky, with the reason", async () => {
    const pausing = await seenOf("task-renamed", wf([task("approve", 1, "args", ["ok?"])]), wf([task("approveAccount", 1, "args", ["ok?"])]));
    expect(pausing.map((f) => [f.severity, f.message, f.reasons])).toEqual([
      [
        "breaking",
        "task approve (call #1) in entrypoint wf was renamed to approveAccount; it is re-executed on resume, and an answer sent by interrupt id to the interrupt() inside it is not delivered",
        [],
      ],
    ]);
    const plain = await seenOf("task-renamed", wf([task("a", 1), task("b", 2)]), wf([task("a2", 1), task("b", 2)]));
    expect(plain.map((f) => [f.severity, f.reasons])).toEqual([["risky", ["lowered to risky: the task calls no interrupt(), so renaming it only re-executes it (rows 12f, 12l)"]]]);
  });

  it("moved tasks name the first call that moved", async () => {
    const found = await seenOf("task-reordered", wf([task("a", 1), task("b", 2)]), wf([task("b", 1), task("a", 2)]));
    expect(found.map((f) => [f.severity, f.path, f.message])).toEqual([
      ["risky", "entrypoints/wf/tasks/0", "task a (call #1) in entrypoint wf moved; moved tasks are re-executed on resume"],
    ]);
  });
});
