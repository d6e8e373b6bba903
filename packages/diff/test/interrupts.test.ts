import { describe, expect, it } from "vitest";
import type { FlowItem } from "@langgraph-compat/snapshot";
import { ask, chain, graph, interrupt, node, task, triples } from "./helpers.js";

const withAsks = (...fps: string[]) => graph({ nodes: [node("form", { interrupts: fps.map(interrupt) })], edges: chain("form") });

describe("interrupt() calls in a node", () => {
  it("interrupt-added before an existing one is breaking (18a)", async () => {
    expect(await triples(withAsks("name", "email"), withAsks("age", "name", "email"))).toEqual([["interrupt-added", "breaking", "nodes/form/interrupts/0"]]);
  });
  it("interrupt-added after every existing one is safe", async () => {
    expect(await triples(withAsks("name"), withAsks("name", "email"))).toEqual([["interrupt-added", "safe", "nodes/form/interrupts/1"]]);
  });
  it("interrupt-reordered is breaking (18b)", async () => {
    expect(await triples(withAsks("name", "email"), withAsks("email", "name"))).toEqual([["interrupt-reordered", "breaking", "nodes/form/interrupts"]]);
  });
  it("interrupt-removed: an answered question removed is breaking (18c), the last one risky (1f)", async () => {
    expect(await triples(withAsks("name", "email"), withAsks("email"))).toEqual([["interrupt-removed", "breaking", "nodes/form/interrupts/0"]]);
    expect(await triples(withAsks("name", "email"), withAsks("name"))).toEqual([["interrupt-removed", "risky", "nodes/form/interrupts/1"]]);
  });
  it("interrupt-changed: a question edited in place is risky", async () => {
    expect(await triples(withAsks("name", "email"), withAsks("name", "mail"))).toEqual([["interrupt-changed", "risky", "nodes/form/interrupts/1"]]);
  });
  it("interrupt-ok: the same calls", async () => {
    expect(await triples(withAsks("name", "email"), withAsks("name", "email"))).toEqual([]);
  });
});

// Every entrypoint can pause at its end, after all its tasks (a run that never pauses replays nothing, 12b/12d).
/** The entrypoint exactly as given, for tests about its own interrupt() calls. */
const wfAsIs = (body: FlowItem[], name = "wf") => graph({ entrypoint: { name, body } });
const wf = (body: FlowItem[], name = "wf") => graph({ entrypoint: { name, body: [...body, { kind: "interrupt", fingerprint: "end", location: { file: "wf.ts", line: 99, column: 1 } }] } });

describe("functional API", () => {
  it("interrupt-added in an entrypoint before the original is breaking (12e)", async () => {
    expect(await triples(wf([task("a"), ask("ok?")]), wf([task("a"), ask("sure?"), ask("ok?")]))).toEqual([
      ["interrupt-added", "breaking", "entrypoints/wf/interrupts/0"],
    ]);
  });
  it("interrupt-removed from an entrypoint is risky (12k)", async () => {
    expect(await triples(wfAsIs([task("a"), ask("ok?")]), wfAsIs([task("a")]))).toEqual([["interrupt-removed", "risky", "entrypoints/wf/interrupts/0"]]);
  });
  it("task-reordered is risky (12a)", async () => {
    expect(await triples(wf([task("a"), task("b"), ask("q")]), wf([task("b"), task("a"), ask("q")]))).toEqual([
      ["task-reordered", "risky", "entrypoints/wf/tasks/0"],
    ]);
  });
  it("task-inserted before existing tasks is risky (12b), after them safe (12c)", async () => {
    expect(await triples(wf([task("a"), task("b")]), wf([task("c"), task("a"), task("b")]))).toEqual([["task-inserted", "risky", "entrypoints/wf/tasks/0"]]);
    expect(await triples(wf([task("a"), task("b")]), wf([task("a"), task("b"), task("c")]))).toEqual([["task-inserted", "safe", "entrypoints/wf/tasks/2"]]);
  });
  it("task-removed is risky (12d)", async () => {
    expect(await triples(wf([task("a"), task("b")]), wf([task("b")]))).toEqual([["task-removed", "risky", "entrypoints/wf/tasks/0"]]);
  });
  it("task-renamed is risky (12f)", async () => {
    expect(await triples(wf([task("a"), task("b")]), wf([task("a2"), task("b")]))).toEqual([["task-renamed", "risky", "entrypoints/wf/tasks/0"]]);
  });
  it("task-arguments-changed at the same position is breaking (12h)", async () => {
    expect(await triples(wf([task("a", "x")]), wf([task("a", "y")]))).toEqual([["task-arguments-changed", "breaking", "entrypoints/wf/tasks/0"]]);
  });
  it("same-name-task-reordered is breaking (12g)", async () => {
    expect(await triples(wf([task("f", "1"), task("f", "2")]), wf([task("f", "2"), task("f", "1")]))).toEqual([
      ["same-name-task-reordered", "breaking", "entrypoints/wf/tasks/0"],
    ]);
  });
  it("task-ok: moving a loop body into statements with the same calls is no change", async () => {
    const loop: FlowItem = { kind: "loop", body: [task("a")], location: { file: "x.ts", line: 1, column: 1 } };
    expect(await triples(wf([loop, ask("q")]), wf([task("a"), ask("q")]))).toEqual([]);
  });
  it("nondeterministic-control-flow is breaking when new (12i)", async () => {
    const nd = (decides: boolean): FlowItem => ({ kind: "nondeterministic", call: "Date.now", decidesControlFlow: decides, location: { file: "x.ts", line: 3, column: 1 } });
    expect(await triples(wf([task("a"), ask("q")]), wf([nd(true), task("a"), ask("q")]))).toEqual([
      ["nondeterministic-control-flow", "breaking", "entrypoints/wf/nondeterministic/Date.now"],
    ]);
    expect(await triples(wf([nd(true), task("a")]), wf([nd(true), task("a")]))).toEqual([]);
    expect(await triples(wf([task("a")]), wf([nd(false), task("a")]))).toEqual([]);
  });
  it("entrypoint-renamed is risky (12j) and task rules stay quiet", async () => {
    expect(await triples(wf([task("a"), ask("q")]), wf([task("b"), ask("q")], "wf2"))).toEqual([["entrypoint-renamed", "risky", "entrypoints/wf"]]);
  });
});

describe("unresolved-element", () => {
  const u = (text: string, n?: string) => ({ kind: "goto-target" as const, reason: "computed name", text, location: { file: "g.ts", line: 1, column: 1 }, ...(n ? { node: n } : {}) });
  it("a new unresolved element is risky", async () => {
    const before = graph({ nodes: [node("a", { interrupts: [interrupt("q")] })], edges: chain("a") });
    const after = graph({ nodes: [node("a", { interrupts: [interrupt("q")] })], edges: chain("a"), unresolved: [u("goto: pick()", "a")] });
    const result = await triples(before, after);
    expect(result).toHaveLength(1);
    expect(result[0].slice(0, 2)).toEqual(["unresolved-element", "risky"]);
    expect(result[0][2]).toMatch(/^unresolved\/goto-target\/[0-9a-f]{8}$/);
  });
  it("an unchanged unresolved element in a changed node is risky; in an unchanged node it is not reported", async () => {
    const before = graph({ nodes: [node("a", { interrupts: [interrupt("q")] })], edges: chain("a"), unresolved: [u("goto: pick()", "a")] });
    const same = graph({ nodes: [node("a", { interrupts: [interrupt("q")] })], edges: chain("a"), unresolved: [u("goto: pick()", "a")] });
    expect(await triples(before, same)).toEqual([]);
    const changed = graph({
      nodes: [node("a", { interrupts: [interrupt("q")], function: { name: "a", fingerprint: "v2", location: { file: "g.ts", line: 1, column: 1 } } })],
      edges: chain("a"),
      unresolved: [u("goto: pick()", "a")],
    });
    const result = await triples(before, changed);
    expect(result.map((t) => t.slice(0, 2))).toEqual([
      ["node-function-changed", "safe"],
      ["unresolved-element", "risky"],
    ]);
  });
});

describe("unresolved-element in the state", () => {
  it("an unchanged unresolved reducer stands in the way when the state changed", async () => {
    const { channel } = await import("./helpers.js");
    const u = { kind: "reducer" as const, reason: "reducer is a parameter", text: "reducer: pick()", location: { file: "s.ts", line: 1, column: 1 } };
    const before = graph({ nodes: [node("a")], edges: chain("a"), channels: [channel("x")], unresolved: [u] });
    const same = graph({ nodes: [node("a")], edges: chain("a"), channels: [channel("x")], unresolved: [u] });
    const changed = graph({ nodes: [node("a")], edges: chain("a"), channels: [channel("x"), channel("y", { optional: true })], unresolved: [u] });
    expect(await triples(before, same)).toEqual([]);
    expect((await triples(before, changed)).map((t) => t.slice(0, 2))).toEqual([
      ["state-key-added", "safe"],
      ["unresolved-element", "risky"],
    ]);
  });
});
