/**
 * nondeterministic-control-flow (row 12i): a Date.now / Math.random call outside a task that decides
 * control flow in an entrypoint is re-evaluated on resume, so a resumed thread may take another branch than
 * the one the human saw. Only a new occurrence is reported; one that was already there is not.
 */
import { describe, expect, it } from "vitest";
import type { FlowItem, Location } from "@langgraph-compat/snapshot";
import { ask, graph, task } from "./helpers.js";
import { seen, seenOf } from "./rules-state-helpers.js";

const at = (line: number): Location => ({ file: "src/workflow.ts", line, column: 5 });
const nd = (call: string, line: number, decides = true): FlowItem => ({ kind: "nondeterministic", call, decidesControlFlow: decides, location: at(line) });
// Every entrypoint can pause at its end, after all its tasks (a run that never pauses replays nothing, 12b/12d).
const wf = (body: FlowItem[], name = "wf") => graph({ entrypoint: { name, body: [...body, { kind: "interrupt", fingerprint: "end", location: { file: "wf.ts", line: 99, column: 1 } }] } });
const RULE = "nondeterministic-control-flow";

describe("nondeterministic-control-flow", () => {
  it("a new deciding call is breaking, names the call and entrypoint, and points at the call", async () => {
    expect(await seen(wf([task("a"), ask("q")]), wf([nd("Date.now", 12), task("a"), ask("q")]))).toEqual([
      {
        ruleId: RULE,
        severity: "breaking",
        path: "entrypoints/wf/nondeterministic/Date.now",
        message: "Date.now outside a task decides control flow in entrypoint wf; a resumed thread may take another branch than the one the human saw",
        reasons: [],
        after: at(12),
      },
    ]);
  });

  it("the entrypoint's name in the message and path is the new version's", async () => {
    const found = await seenOf(RULE, wf([task("a"), ask("q")], "review"), wf([nd("Math.random", 4), task("a"), ask("q")], "review"));
    expect(found.map((f) => [f.path, f.message])).toEqual([
      ["entrypoints/review/nondeterministic/Math.random", "Math.random outside a task decides control flow in entrypoint review; a resumed thread may take another branch than the one the human saw"],
    ]);
  });

  it("a call that was already there is not reported again, even on another line", async () => {
    expect(await seen(wf([nd("Date.now", 3), task("a"), ask("q")]), wf([task("a"), nd("Date.now", 30), ask("q")]))).toEqual([]);
  });

  it("a second occurrence of a call already there is reported once, as #1, at the new call", async () => {
    const found = await seenOf(RULE, wf([nd("Date.now", 3), task("a"), ask("q")]), wf([nd("Date.now", 3), task("a"), nd("Date.now", 9), ask("q")]));
    expect(found.map((f) => [f.severity, f.path, f.after])).toEqual([["breaking", "entrypoints/wf/nondeterministic/Date.now#1", at(9)]]);
  });

  it("two new occurrences of one call are two findings; one more than before is one", async () => {
    const two = await seenOf(RULE, wf([task("a"), ask("q")]), wf([nd("Math.random", 2), task("a"), nd("Math.random", 5), ask("q")]));
    expect(two.map((f) => f.path)).toEqual(["entrypoints/wf/nondeterministic/Math.random", "entrypoints/wf/nondeterministic/Math.random#1"]);
    const three = await seenOf(
      RULE,
      wf([nd("Math.random", 2), task("a"), nd("Math.random", 5), ask("q")]),
      wf([nd("Math.random", 2), task("a"), nd("Math.random", 5), nd("Math.random", 6), ask("q")]),
    );
    expect(three.map((f) => f.path)).toEqual(["entrypoints/wf/nondeterministic/Math.random#2"]);
  });

  it("calls are counted per callee: an old Math.random does not cover a new Date.now", async () => {
    const found = await seenOf(RULE, wf([nd("Math.random", 2), task("a"), ask("q")]), wf([nd("Math.random", 2), nd("Date.now", 3), task("a"), ask("q")]));
    expect(found.map((f) => f.path)).toEqual(["entrypoints/wf/nondeterministic/Date.now"]);
  });

  it("a call that does not decide control flow is not reported; one that starts deciding is", async () => {
    expect(await seen(wf([task("a"), ask("q")]), wf([nd("Date.now", 2, false), task("a"), ask("q")]))).toEqual([]);
    const found = await seenOf(RULE, wf([nd("Date.now", 2, false), task("a"), ask("q")]), wf([nd("Date.now", 2, true), task("a"), ask("q")]));
    expect(found.map((f) => [f.severity, f.path])).toEqual([["breaking", "entrypoints/wf/nondeterministic/Date.now"]]);
  });

  it("a deciding call inside a loop body or a branch arm is found", async () => {
    const loop: FlowItem = { kind: "loop", body: [nd("Date.now", 7), task("a")], location: at(6) };
    const inLoop = await seenOf(RULE, wf([{ kind: "loop", body: [task("a")], location: at(6) }, ask("q")]), wf([loop, ask("q")]));
    expect(inLoop.map((f) => [f.path, f.after])).toEqual([["entrypoints/wf/nondeterministic/Date.now", at(7)]]);
    const arms: FlowItem = { kind: "branch", arms: [[task("a")], [nd("Math.random", 11)]], location: at(10) };
    const inArm = await seenOf(RULE, wf([{ kind: "branch", arms: [[task("a")], []], location: at(10) }, ask("q")]), wf([arms, ask("q")]));
    expect(inArm.map((f) => [f.path, f.after])).toEqual([["entrypoints/wf/nondeterministic/Math.random", at(11)]]);
  });

  it("when the old entrypoint could not be read, every deciding call of the new one is reported", async () => {
    const unread = graph({ kind: "functional", unresolved: [{ kind: "graph", reason: "entrypoint not found", text: "entrypoint(...)", location: at(1) }] });
    const found = await seenOf(RULE, unread, wf([nd("Date.now", 2), task("a"), ask("q")]));
    expect(found.map((f) => [f.severity, f.path])).toEqual([["breaking", "entrypoints/wf/nondeterministic/Date.now"]]);
  });

  it("removing a deciding call is not this rule's finding", async () => {
    expect(await seenOf(RULE, wf([nd("Date.now", 2), task("a"), ask("q")]), wf([task("a"), ask("q")]))).toEqual([]);
  });
});
