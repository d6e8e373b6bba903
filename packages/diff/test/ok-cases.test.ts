/**
 * One near miss per rule: a real change that looks related but must not fire the rule. Each pair is
 * diffed with `triples`, which also checks diff(A, A) for both sides, and must give exactly the findings
 * listed in GIVES. Firing cases live in the topic test files.
 */
import type { FlowItem, GraphSnapshot, Snapshot } from "@langgraph-compat/snapshot";
import { describe, expect, it } from "vitest";
import { listRules } from "../src/index.js";
import { END, START, ask, branch, chain, channel, graph, interrupt, loc, node, snapshot, task, triples, type Triple } from "./helpers.js";

/** The value with every `location` dropped: what is left is what the change is about. */
const withoutLocations = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, v) => (key === "location" ? undefined : v)));

type Pair = () => [GraphSnapshot | Snapshot, GraphSnapshot | Snapshot];
const fn = (fp: string) => ({ name: "f", fingerprint: fp, location: { file: "g.ts", line: 1, column: 1 } });
const paused = (extra: Partial<Parameters<typeof graph>[0]> = {}) =>
  graph({ nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")] }), node("done")], edges: chain("prep", "ask", "done"), ...extra });
/** `name` under a new name with the same function: the diff pairs the two as a rename. */
const renamed = (from: string, to: string, opts: Parameters<typeof node>[1] = {}) =>
  node(to, { function: { name: from, fingerprint: `fn:${from}`, location: { file: "g.ts", line: 1, column: 1 } }, ...opts });
// Every entrypoint can pause at its end, after all its tasks (a run that never pauses replays nothing, 12b/12d).
/** The entrypoint exactly as given, for tests about its own interrupt() calls. */
const wfAsIs = (body: FlowItem[], name = "wf") => graph({ entrypoint: { name, body } });
const wf = (body: FlowItem[], name = "wf") => graph({ entrypoint: { name, body: [...body, { kind: "interrupt", fingerprint: "end", location: { file: "wf.ts", line: 99, column: 1 } }] } });
const nd: FlowItem = { kind: "nondeterministic", call: "Math.random", decidesControlFlow: false, location: { file: "g.ts", line: 9, column: 1 } };

const OK: Record<string, Pair> = {
  "graph-removed": () => [snapshot(paused()), snapshot(paused({ interruptAfter: ["prep"] }))],
  // Every graph id existed before; one of them only gained a node.
  "graph-added": () => {
    const helper = (...names: string[]) => graph({ id: "helper", nodes: names.map((n) => node(n)), edges: chain(...names) });
    return [snapshot(paused(), helper("x")), snapshot(paused(), helper("x", "y"))];
  },
  "graph-kind-changed": () => [wf([task("a")]), wf([task("a"), task("b")])],
  "node-removed": () => [paused(), paused({ nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")] }), node("done", { function: fn("v2") })] })],
  "node-renamed": () => [
    graph({ nodes: [node("a", { function: fn("x") })], edges: chain("a") }),
    graph({ nodes: [node("b", { function: fn("y") })], edges: chain("b") }),
  ],
  // A new node name, but with the old node's function: a rename, not an addition.
  "node-added": () => [paused(), paused({ nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")] }), renamed("done", "finish")], edges: chain("prep", "ask", "finish") })],
  "node-function-changed": () => [paused(), paused({ nodes: [node("prep", { options: { defer: "true" } }), node("ask", { interrupts: [interrupt("q")] }), node("done")] })],
  "node-options-changed": () => [paused(), paused({ nodes: [node("prep", { function: fn("v2") }), node("ask", { interrupts: [interrupt("q")] }), node("done")] })],
  "node-kind-changed": () => [paused(), paused({ nodes: [node("prep", { function: fn("v2") }), node("ask", { interrupts: [interrupt("q")] }), node("done")] })],
  "prebuilt-changed": () => {
    const p = (tools: string) => graph({ nodes: [node("agent", { kind: "prebuilt", prebuilt: "createReactAgent", function: undefined, options: { tools } })], edges: chain("agent") });
    return [p("a"), p("b")];
  },
  "ends-changed": () => {
    const g = (ends: string[]) => graph({ nodes: [node("r", { ends }), node("x"), node("y")], edges: [[START, "r"], ["x", END], ["y", END]] });
    const renamedY = graph({ nodes: [node("r", { ends: ["x", "z"] }), node("x"), renamed("y", "z")], edges: [[START, "r"], ["x", END], ["z", END]] });
    // Reordered, and an end renamed along with its node: the set of ends is the same.
    return [g(["x", "y"]), renamedY];
  },
  "input-schema-changed": () => [paused(), paused({ config: { model: { type: "string" } } })],
  "config-schema-changed": () => [paused(), paused({ channels: [channel("extra", { optional: true })] })],
  "edge-rerouted": () => [paused(), paused({ edges: [...chain("prep", "ask", "done"), ["prep", "done"]] })],
  // The edges into `ask` now name `approve`, the same node renamed.
  "edge-removed": () => [paused(), paused({ nodes: [node("prep"), renamed("ask", "approve", { interrupts: [interrupt("q")] }), node("done")], edges: chain("prep", "approve", "done") })],
  // A new edge out of `prep` that replaces its old one is a reroute, not an addition.
  "edge-added": () => [paused(), paused({ edges: [[START, "prep"], ["prep", "done"], ["ask", "done"], ["done", END]] })],
  "join-order-changed": () => {
    const g = (sources: string[]) => graph({ nodes: [node("a"), node("b"), node("c")], edges: [[START, "a"], [START, "b"], ["c", END]], joins: [[sources, "c"]] });
    const renamedA = graph({ nodes: [renamed("a", "a2"), node("b"), node("c")], edges: [[START, "a2"], [START, "b"], ["c", END]], joins: [[["a2", "b"], "c"]] });
    // A source renamed in place keeps the order.
    return [g(["a", "b"]), renamedA];
  },
  "join-changed": () => {
    const g = (sources: string[]) => graph({ nodes: [node("a"), node("b"), node("c", { interrupts: [interrupt("q")] })], edges: [[START, "a"], [START, "b"], ["c", END]], joins: [[sources, "c"]] });
    return [g(["a", "b"]), g(["b", "a"])];
  },
  // The branch out of `prep` was there before; only its router changed.
  "branch-added": () => [
    paused({ branches: [branch("prep", ["ask", "done"])] }),
    paused({ branches: [branch("prep", ["ask", "done"], { router: { name: "route_prep", fingerprint: "router:v2", location: loc() } })] }),
  ],
  // The branch out of `prep` stays; it only lost a target.
  "branch-removed": () => [paused({ branches: [branch("prep", ["ask", "done"])] }), paused({ branches: [branch("prep", ["ask"])] })],
  // A target renamed along with its node: the branch still leads to the same node.
  "branch-changed": () => [
    paused({ branches: [branch("prep", ["ask", "done"])] }),
    paused({ nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")] }), renamed("done", "finish")], edges: chain("prep", "ask", "finish"), branches: [branch("prep", ["ask", "finish"])] }),
  ],
  "goto-targets-changed": () => [
    graph({ nodes: [node("a", { gotos: ["x"], function: fn("1") }), node("x")], edges: [[START, "a"], ["x", END]] }),
    graph({ nodes: [node("a", { gotos: ["x"], function: fn("2") }), node("x")], edges: [[START, "a"], ["x", END]] }),
  ],
  "send-targets-changed": () => [
    graph({ nodes: [node("a", { sends: ["w"], function: fn("1") }), node("w")], edges: [[START, "a"], ["w", END]] }),
    graph({ nodes: [node("a", { sends: ["w"], function: fn("2") }), node("w")], edges: [[START, "a"], ["w", END]] }),
  ],
  "dangling-target": () => [
    graph({ nodes: [node("a", { gotos: ["x"] }), node("x"), node("y")], edges: [[START, "a"], ["x", END], ["y", END]] }),
    graph({ nodes: [node("a", { gotos: ["y"] }), node("y")], edges: [[START, "a"], ["y", END]] }),
  ],
  "breakpoints-changed": () => [paused({ interruptBefore: ["ask", "done"] }), paused({ interruptBefore: ["done", "ask"] })],
  // `a` is gone but `c` has its exact type: a rename, reported as such.
  "state-key-removed": () => [paused({ channels: [channel("a"), channel("b")] }), paused({ channels: [channel("b"), channel("c")] })],
  "state-key-renamed": () => [paused({ channels: [channel("a")] }), paused({ channels: [channel("b", { type: { type: "number" } })] })],
  "state-key-added": () => [paused({ channels: [channel("a")] }), paused({ channels: [channel("a", { nullable: true })] })],
  // `done` moves from `a` to `b`, but `b` is `a` renamed (same type): the rename's finding, not a second one.
  "state-key-readers-moved": () => [
    paused({ channels: [channel("a")], nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")] }), node("done", { reads: ["a"] })] }),
    paused({ channels: [channel("b")], nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")] }), node("done", { reads: ["b"] })] }),
  ],
  // The reducer goes with its key: that is the key's removal.
  "reducer-removed": () => [
    paused({ channels: [channel("a", { reducer: { kind: "known", name: "messagesStateReducer" } }), channel("b")] }),
    paused({ channels: [channel("b")] }),
  ],
  "reducer-added": () => [paused({ channels: [channel("a")] }), paused({ channels: [channel("a", { default: { kind: "channel", fingerprint: "d" } })] })],
  "reducer-replaced": () => [
    paused({ channels: [channel("a", { reducer: { kind: "custom", name: "append", fingerprint: "1" } })] }),
    paused({ channels: [channel("a", { reducer: { kind: "custom", name: "append", fingerprint: "2" } })] }),
  ],
  "reducer-changed": () => [
    paused({ channels: [channel("a", { reducer: { kind: "custom", name: "append", fingerprint: "1" } })] }),
    paused({ channels: [channel("a", { reducer: { kind: "custom", name: "replace", fingerprint: "2" } })] }),
  ],
  "default-changed": () => [paused({ channels: [channel("a", { default: { kind: "channel", fingerprint: "d" } })] }), paused({ channels: [channel("a", { default: { kind: "channel", fingerprint: "d" } }), channel("b", { optional: true })] })],
  "type-narrowed": () => [paused({ channels: [channel("a")], form: "zod" }), paused({ channels: [channel("a", { nullable: true })], form: "zod" })],
  "type-widened": () => [paused({ channels: [channel("a", { nullable: true })], form: "zod" }), paused({ channels: [channel("a")], form: "zod" })],
  "type-changed-with-reducer": () => [
    paused({ channels: [channel("a", { type: { type: "array", items: { type: "string" } }, reducer: { kind: "custom", name: "c", fingerprint: "1" } })] }),
    paused({ channels: [channel("a", { type: { items: { type: "string" }, type: "array" }, reducer: { kind: "custom", name: "c", fingerprint: "2" } })] }),
  ],
  "type-source-changed": () => [paused({ channels: [channel("a", { type: { "x-source": "Foo" } })] }), paused({ channels: [channel("a", { type: { "x-source": "Foo" }, nullable: true })] })],
  "state-form-changed": () => [paused({ channels: [channel("a")], form: "zod" }), paused({ channels: [channel("a", { optional: true })], form: "zod" })],
  "interrupt-added": () => [paused(), paused({ nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")], function: fn("2") }), node("done")] })],
  "interrupt-removed": () => [paused(), paused({ nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")], function: fn("2") }), node("done")] })],
  "interrupt-reordered": () => [paused(), paused({ nodes: [node("prep"), node("ask", { interrupts: [interrupt("q"), interrupt("r")] }), node("done")] })],
  "interrupt-changed": () => [paused(), paused({ nodes: [node("prep"), node("ask", { interrupts: [interrupt("q"), interrupt("r")] }), node("done")] })],
  "task-reordered": () => [wf([task("a"), task("b")]), wf([task("a"), task("b"), task("c")])],
  "task-inserted": () => [wf([task("a"), task("b")]), wf([task("b"), task("a")])],
  "task-removed": () => [wf([task("a"), task("b")]), wf([task("a2"), task("b")])],
  "task-renamed": () => [wf([task("a"), task("b")]), wf([task("b")])],
  "task-arguments-changed": () => [wf([task("a", "x"), task("b")]), wf([task("b"), task("a", "y")])],
  "same-name-task-reordered": () => [wf([task("f", "1"), task("f", "2")]), wf([task("f", "1"), task("f", "2"), task("f", "3")])],
  "nondeterministic-control-flow": () => [wf([task("a"), ask("q")]), wf([nd, task("a"), ask("q")])],
  "entrypoint-renamed": () => [wfAsIs([task("a")]), wfAsIs([task("a"), ask("q")])],
  "unresolved-element": () => {
    const u = { kind: "send-target" as const, reason: "computed", text: "Send(x)", location: { file: "g.ts", line: 1, column: 1 }, node: "prep" };
    return [paused({ unresolved: [u] }), paused({ unresolved: [u], nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")] }), node("done", { function: fn("2") })] })];
  },
};

/**
 * What each near miss does report, exactly: the rule next door, or nothing. Written by hand from the
 * rules' contracts; a change here means a rule's trigger moved.
 */
const GIVES: Record<string, Triple[]> = {
  "graph-removed": [["breakpoints-changed", "safe", "breakpoints/interruptAfter"]],
  "graph-added": [["edge-rerouted", "safe", "edges/x->__end__"], ["node-added", "safe", "nodes/y"]],
  "graph-kind-changed": [["task-inserted", "safe", "entrypoints/wf/tasks/1"]],
  "node-removed": [["node-function-changed", "safe", "nodes/done/function"]],
  "node-renamed": [["edge-rerouted", "safe", "edges/__start__->a"], ["node-added", "safe", "nodes/b"], ["node-removed", "risky", "nodes/a"]],
  "node-added": [["node-renamed", "risky", "nodes/done"]],
  "node-function-changed": [["node-options-changed", "safe", "nodes/prep/options"]],
  "node-options-changed": [["node-function-changed", "safe", "nodes/prep/function"]],
  "node-kind-changed": [["node-function-changed", "safe", "nodes/prep/function"]],
  "prebuilt-changed": [["node-options-changed", "safe", "nodes/agent/options"]],
  "ends-changed": [["node-renamed", "risky", "nodes/y"]],
  "input-schema-changed": [["config-schema-changed", "safe", "state/config"]],
  "config-schema-changed": [["state-key-added", "safe", "state/extra"]],
  "edge-rerouted": [["edge-added", "risky", "edges/prep->done"]],
  "edge-removed": [["node-renamed", "breaking", "nodes/ask"]],
  "edge-added": [["edge-rerouted", "risky", "edges/prep->ask"]],
  "join-order-changed": [["node-renamed", "risky", "nodes/a"]],
  "join-changed": [["join-order-changed", "breaking", "joins/a+b->c"]],
  "branch-added": [["branch-changed", "risky", "branches/prep"]],
  // The router body is unchanged and a thread paused in ask holds the route to ask, which v2 still takes (6d).
  "branch-removed": [["branch-changed", "safe", "branches/prep"]],
  "branch-changed": [["node-renamed", "breaking", "nodes/done"]],
  "goto-targets-changed": [["node-function-changed", "safe", "nodes/a/function"]],
  "send-targets-changed": [["node-function-changed", "safe", "nodes/a/function"]],
  "dangling-target": [["goto-targets-changed", "safe", "nodes/a/gotos"], ["node-removed", "risky", "nodes/x"]],
  "breakpoints-changed": [],
  "state-key-removed": [["state-key-renamed", "risky", "state/a"]],
  "state-key-renamed": [["state-key-added", "risky", "state/b"], ["state-key-removed", "risky", "state/a"]],
  "state-key-added": [["type-widened", "safe", "state/a/type"]],
  "state-key-readers-moved": [["state-key-renamed", "breaking", "state/a"]],
  "reducer-removed": [["state-key-removed", "risky", "state/a"]],
  "reducer-added": [["default-changed", "safe", "state/a/default"]],
  "reducer-replaced": [["reducer-changed", "risky", "state/a/reducer"]],
  "reducer-changed": [["reducer-replaced", "breaking", "state/a/reducer"]],
  "default-changed": [["state-key-added", "safe", "state/b"]],
  "type-narrowed": [["type-widened", "safe", "state/a/type"]],
  "type-widened": [["type-narrowed", "risky", "state/a/type"]],
  "type-changed-with-reducer": [["reducer-changed", "risky", "state/a/reducer"]],
  "type-source-changed": [["type-widened", "safe", "state/a/type"]],
  "state-form-changed": [["type-widened", "safe", "state/a/type"]],
  "interrupt-added": [["node-function-changed", "safe", "nodes/ask/function"]],
  "interrupt-removed": [["node-function-changed", "safe", "nodes/ask/function"]],
  "interrupt-reordered": [["interrupt-added", "safe", "nodes/ask/interrupts/1"]],
  "interrupt-changed": [["interrupt-added", "safe", "nodes/ask/interrupts/1"]],
  "task-reordered": [["task-inserted", "safe", "entrypoints/wf/tasks/2"]],
  "task-inserted": [["task-reordered", "risky", "entrypoints/wf/tasks/0"]],
  "task-removed": [["task-renamed", "risky", "entrypoints/wf/tasks/0"]],
  "task-renamed": [["task-removed", "risky", "entrypoints/wf/tasks/0"]],
  "task-arguments-changed": [["task-reordered", "risky", "entrypoints/wf/tasks/0"]],
  "same-name-task-reordered": [["task-inserted", "safe", "entrypoints/wf/tasks/2"]],
  "nondeterministic-control-flow": [],
  "entrypoint-renamed": [["interrupt-added", "safe", "entrypoints/wf/interrupts/0"]],
  "unresolved-element": [["node-function-changed", "safe", "nodes/done/function"]],
};

describe("-ok near misses", () => {
  it("cover every rule of the catalogue", () => {
    expect(Object.keys(OK).sort()).toEqual(listRules().map((r) => r.id));
    expect(Object.keys(GIVES).sort()).toEqual(listRules().map((r) => r.id));
  });
  for (const [id, pair] of Object.entries(OK)) {
    it(`${id}-ok`, async () => {
      const [before, after] = pair();
      // A near miss is a real change: the two sides differ beyond source locations.
      expect(withoutLocations(after)).not.toEqual(withoutLocations(before));
      const found = await triples(before, after);
      expect(found.filter(([ruleId]) => ruleId === id)).toEqual([]);
      expect(found).toEqual(GIVES[id]);
    });
  }
});
