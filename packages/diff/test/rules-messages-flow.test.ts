/**
 * The messages a user reads for interrupt, task, entrypoint, graph and state-key findings: which call
 * (counted from 1), where, and what a paused thread suffers. Expectations written by hand from each rule's
 * wording. Written against surviving mutants of `diff/src/rules/**` (message templates and their branches).
 */
import { describe, expect, it } from "vitest";
import type { FlowItem, GraphSnapshot, Snapshot } from "@langgraph-compat/snapshot";
import { diffSnapshots, renderMessage } from "../src/index.js";
import { NOW, ask, chain, channel, graph, interrupt, node, snapshot, task } from "./helpers.js";

/** [ruleId, severity, path, message] of every finding, sorted by rule and path. */
async function explain(before: GraphSnapshot | Snapshot, after: GraphSnapshot | Snapshot) {
  const s = (x: GraphSnapshot | Snapshot) => ("formatVersion" in x ? x : snapshot(x));
  const result = await diffSnapshots(s(before), s(after), { now: NOW });
  return result.findings.map((f) => [f.ruleId, f.severity, f.path, renderMessage(f)]).sort((x, y) => `${x[0]} ${x[2]}`.localeCompare(`${y[0]} ${y[2]}`));
}

const withAsks = (...fps: string[]) => graph({ nodes: [node("form", { interrupts: fps.map(interrupt) })], edges: chain("form") });
// Every entrypoint can pause at its end, after all its tasks (a run that never pauses replays nothing, 12b/12d).
const wf = (body: FlowItem[], name = "wf") => graph({ entrypoint: { name, body: [...body, { kind: "interrupt", fingerprint: "end", location: { file: "wf.ts", line: 99, column: 1 } }] } });

describe("interrupt() calls", () => {
  it("count calls from 1 and say what happens to a pending answer", async () => {
    expect(await explain(withAsks("name", "email"), withAsks("age", "name", "email"))).toEqual([
      ["interrupt-added", "breaking", "nodes/form/interrupts/0", `interrupt() #1 was added in nodes/form; pending answers are handed to the wrong question`],
    ]);
    expect(await explain(withAsks("name", "email"), withAsks("email"))).toEqual([
      ["interrupt-removed", "breaking", "nodes/form/interrupts/0", `interrupt() #1 was removed from nodes/form; later answers shift to the wrong question`],
    ]);
    expect(await explain(withAsks("name", "email"), withAsks("name"))).toEqual([
      ["interrupt-removed", "risky", "nodes/form/interrupts/1", `interrupt() #2 was removed from nodes/form; a paused thread's answer is silently ignored`],
    ]);
    expect(await explain(withAsks("name", "email"), withAsks("name", "mail"))).toEqual([
      ["interrupt-changed", "risky", "nodes/form/interrupts/1", `interrupt() #2 in nodes/form asks something else; an answer to the old question is delivered to it`],
    ]);
    expect(await explain(withAsks("name", "email"), withAsks("email", "name"))).toEqual([
      ["interrupt-reordered", "breaking", "nodes/form/interrupts", `interrupt() calls in nodes/form were reordered; answers go to the wrong questions`],
    ]);
  });
});

describe("tasks in an entrypoint", () => {
  it("say which call moved, was inserted, removed or renamed, and that it re-executes", async () => {
    expect(await explain(wf([task("a"), task("b")]), wf([task("c"), task("a"), task("b")]))).toEqual([
      ["task-inserted", "risky", "entrypoints/wf/tasks/0", "task c was inserted as call #1 in entrypoint wf; later task calls are re-executed on resume"],
    ]);
    expect(await explain(wf([task("a"), task("b")]), wf([task("a"), task("b"), task("c")]))).toEqual([
      ["task-inserted", "safe", "entrypoints/wf/tasks/2", "task c was inserted as call #3 in entrypoint wf; no later task call changes position"],
    ]);
    expect(await explain(wf([task("a"), task("b")]), wf([task("b")]))).toEqual([
      ["task-removed", "risky", "entrypoints/wf/tasks/0", "task a (call #1) was removed from entrypoint wf; later task calls are re-executed on resume"],
    ]);
    expect(await explain(wf([task("a"), task("b")]), wf([task("a2"), task("b")]))).toEqual([
      ["task-renamed", "risky", "entrypoints/wf/tasks/0", "task a (call #1) in entrypoint wf was renamed to a2; it is re-executed on resume"],
    ]);
    expect(await explain(wf([task("a", "x")]), wf([task("a", "y")]))).toEqual([
      ["task-arguments-changed", "breaking", "entrypoints/wf/tasks/0", "task a (call #1) in entrypoint wf has new arguments; old threads replay the value cached for the old arguments"],
    ]);
  });

  it("reordered calls, same-name calls and a renamed entrypoint", async () => {
    const reordered = await explain(wf([task("a"), task("b"), ask("q")]), wf([task("b"), task("a"), ask("q")]));
    expect(reordered.map((r) => r[3])).toContain("task a (call #1) in entrypoint wf moved; moved tasks are re-executed on resume");
    expect(await explain(wf([task("f", "1"), task("f", "2")]), wf([task("f", "2"), task("f", "1")]))).toEqual([
      ["same-name-task-reordered", "breaking", "entrypoints/wf/tasks/0", "calls of task f in entrypoint wf were reordered; old threads get each call the value cached for another"],
    ]);
    const renamed = await explain(wf([task("a")], "wf"), wf([task("a")], "flow"));
    expect(renamed.map((r) => r[3])).toContain("entrypoint wf was renamed to flow; every task re-executes on resume");
  });
});

describe("graphs", () => {
  it("added, removed and changed kind", async () => {
    const one = snapshot(graph({ id: "a", nodes: [node("x")], edges: chain("x") }));
    const two = snapshot(graph({ id: "a", nodes: [node("x")], edges: chain("x") }), graph({ id: "b", nodes: [node("y")], edges: chain("y") }));
    expect((await explain(one, two)).map((r) => r[3])).toEqual([`graph "b" was added`]);
    expect((await explain(two, one)).map((r) => r[3])).toEqual([`graph "b" was removed; threads stored under it can no longer be resumed`]);
    const functional = snapshot(graph({ id: "a", entrypoint: { name: "a", body: [task("t")] } }));
    expect((await explain(one, functional)).filter((r) => r[0] === "graph-kind-changed").map((r) => r[3])).toEqual([
      `graph "a" changed from a StateGraph to functional-API entrypoint a: a paused thread halts silently on resume (no stored node or task name survives)`,
    ]);
    // Rows 12o-12q: the entrypoint's stored input restarts the StateGraph; its history is dropped.
    expect((await explain(functional, one)).filter((r) => r[0] === "graph-kind-changed").map((r) => r[3])).toEqual([
      `graph "a" changed from functional-API entrypoint a to a StateGraph: a run paused in a starts over from START with its first input: ` +
        `its cached task results are not replayed, the answer sent to resume it is not delivered, and an input that is not an object throws ` +
        `InvalidUpdateError on every resume; a finished thread's next turn starts from empty state, and the value saved by entrypoint.final ` +
        `(getPreviousState) is lost, even after a rollback`,
    ]);
  });
});

describe("state keys", () => {
  const withState = (channels: ReturnType<typeof channel>[], writes = channels.map((c) => c.name)) =>
    graph({ nodes: [node("w", { writes, reads: writes })], edges: chain("w"), channels });

  it("removed, renamed, a changed default and a replaced reducer", async () => {
    expect((await explain(withState([channel("k"), channel("gone")]), withState([channel("k")]))).map((r) => r[3])).toEqual([
      `state key "gone" was removed; its stored value is dropped`,
    ]);
    const renamed = await explain(withState([channel("k"), channel("old", { type: { type: "number" } })]), withState([channel("k"), channel("new", { type: { type: "number" } })]));
    expect(renamed.filter((r) => r[0] === "state-key-renamed").map((r) => r[3])).toEqual([
      `state key "old" was renamed to "new"; old threads read undefined under the new name`,
    ]);
    const dflt = (d: ReturnType<typeof channel>["default"]) => withState([channel("k", { reducer: { kind: "custom", fingerprint: "r", name: "r" }, default: d })]);
    expect((await explain(dflt({ kind: "none" }), dflt({ kind: "channel", fingerprint: "x" }))).map((r) => r[3])).toEqual([
      `state key "k" gained a channel default; old threads that never wrote it get it too`,
    ]);
    expect((await explain(dflt({ kind: "zod", fingerprint: "x" }), dflt({ kind: "channel", fingerprint: "y" }))).map((r) => r[3])).toEqual([
      `default of state key "k" changed (zod .default() -> channel default); old threads keep the old default`,
    ]);
    const reducer = (r: ReturnType<typeof channel>["reducer"]) => withState([channel("k", { reducer: r })]);
    expect((await explain(reducer({ kind: "custom", fingerprint: "a", name: "merge" }), reducer({ kind: "known", name: "messagesStateReducer" }))).map((r) => r[3])).toEqual([
      `reducer of state key "k" was replaced: custom reducer merge -> messagesStateReducer; stored values are combined the new way`,
    ]);
  });
});
