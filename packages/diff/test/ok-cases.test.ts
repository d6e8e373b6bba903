/**
 * One near miss per rule: a change that looks related but must not fire the rule. Each pair is diffed
 * with `triples`, which also checks diff(A, A) for both sides. Firing cases live in the topic test files.
 */
import type { FlowItem, GraphSnapshot, Snapshot } from "@langgraph-compat/snapshot";
import { describe, expect, it } from "vitest";
import { listRules } from "../src/index.js";
import { END, START, ask, branch, chain, channel, graph, interrupt, node, snapshot, task, triples } from "./helpers.js";

type Pair = () => [GraphSnapshot | Snapshot, GraphSnapshot | Snapshot];
const fn = (fp: string) => ({ name: "f", fingerprint: fp, location: { file: "g.ts", line: 1, column: 1 } });
const paused = (extra: Partial<Parameters<typeof graph>[0]> = {}) =>
  graph({ nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")] }), node("done")], edges: chain("prep", "ask", "done"), ...extra });
const wf = (body: FlowItem[], name = "wf") => graph({ entrypoint: { name, body } });
const nd: FlowItem = { kind: "nondeterministic", call: "Math.random", decidesControlFlow: false, location: { file: "g.ts", line: 9, column: 1 } };

const OK: Record<string, Pair> = {
  "graph-removed": () => [snapshot(paused()), snapshot(paused({ interruptAfter: ["prep"] }))],
  "graph-added": () => [snapshot(paused()), snapshot(paused())],
  "graph-kind-changed": () => [wf([task("a")]), wf([task("a"), task("b")])],
  "node-removed": () => [paused(), paused({ nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")] }), node("done", { function: fn("v2") })] })],
  "node-renamed": () => [
    graph({ nodes: [node("a", { function: fn("x") })], edges: chain("a") }),
    graph({ nodes: [node("b", { function: fn("y") })], edges: chain("b") }),
  ],
  "node-added": () => [paused(), paused({ edges: [...chain("prep", "ask", "done")].reverse() })],
  "node-function-changed": () => [paused(), paused({ nodes: [node("prep", { options: { defer: "true" } }), node("ask", { interrupts: [interrupt("q")] }), node("done")] })],
  "node-options-changed": () => [paused(), paused({ nodes: [node("prep", { function: fn("v2") }), node("ask", { interrupts: [interrupt("q")] }), node("done")] })],
  "node-kind-changed": () => [paused(), paused({ nodes: [node("prep", { function: fn("v2") }), node("ask", { interrupts: [interrupt("q")] }), node("done")] })],
  "prebuilt-changed": () => {
    const p = (tools: string) => graph({ nodes: [node("agent", { kind: "prebuilt", prebuilt: "createReactAgent", function: undefined, options: { tools } })], edges: chain("agent") });
    return [p("a"), p("b")];
  },
  "ends-changed": () => {
    const g = (ends: string[]) => graph({ nodes: [node("r", { ends }), node("x"), node("y")], edges: [[START, "r"], ["x", END], ["y", END]] });
    return [g(["x", "y"]), g(["y", "x"])];
  },
  "input-schema-changed": () => [paused(), paused({ config: { model: { type: "string" } } })],
  "config-schema-changed": () => [paused(), paused({ channels: [channel("extra", { optional: true })] })],
  "edge-rerouted": () => [paused(), paused({ edges: [...chain("prep", "ask", "done"), ["prep", "done"]] })],
  "edge-removed": () => [paused(), paused({ edges: [...chain("prep", "ask", "done")].reverse() })],
  "edge-added": () => [paused(), paused({ edges: [...chain("prep", "ask", "done")].reverse() })],
  "join-order-changed": () => {
    const g = (sources: string[]) => graph({ nodes: [node("a"), node("b"), node("c")], edges: [[START, "a"], [START, "b"], ["c", END]], joins: [[sources, "c"]] });
    return [g(["a", "b"]), g(["a", "b"])];
  },
  "join-changed": () => {
    const g = (sources: string[]) => graph({ nodes: [node("a"), node("b"), node("c", { interrupts: [interrupt("q")] })], edges: [[START, "a"], [START, "b"], ["c", END]], joins: [[sources, "c"]] });
    return [g(["a", "b"]), g(["b", "a"])];
  },
  "branch-added": () => [paused({ branches: [branch("prep", ["ask", "done"])] }), paused({ branches: [branch("prep", ["ask", "done"])] })],
  "branch-removed": () => [paused({ branches: [branch("prep", ["ask", "done"])] }), paused({ branches: [branch("prep", ["done", "ask"])] })],
  "branch-changed": () => [paused({ branches: [branch("prep", ["ask", "done"])] }), paused({ branches: [branch("prep", ["done", "ask"])] })],
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
  "state-key-removed": () => [paused({ channels: [channel("a"), channel("b")] }), paused({ channels: [channel("b"), channel("a")] })],
  "state-key-renamed": () => [paused({ channels: [channel("a")] }), paused({ channels: [channel("b", { type: { type: "number" } })] })],
  "state-key-added": () => [paused({ channels: [channel("a")] }), paused({ channels: [channel("a", { nullable: true })] })],
  "reducer-removed": () => [
    paused({ channels: [channel("a", { reducer: { kind: "known", name: "messagesStateReducer" } })] }),
    paused({ channels: [channel("a", { reducer: { kind: "known", name: "messagesStateReducer" } })] }),
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
  "entrypoint-renamed": () => [wf([task("a")]), wf([task("a"), ask("q")])],
  "unresolved-element": () => {
    const u = { kind: "send-target" as const, reason: "computed", text: "Send(x)", location: { file: "g.ts", line: 1, column: 1 }, node: "prep" };
    return [paused({ unresolved: [u] }), paused({ unresolved: [u], nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")] }), node("done", { function: fn("2") })] })];
  },
};

describe("-ok near misses", () => {
  it("cover every rule of the catalogue", () => {
    expect(Object.keys(OK).sort()).toEqual(listRules().map((r) => r.id));
  });
  for (const [id, pair] of Object.entries(OK)) {
    it(`${id}-ok`, async () => {
      const [before, after] = pair();
      const fired = (await triples(before, after)).filter(([ruleId]) => ruleId === id);
      expect(fired).toEqual([]);
    });
  }
});
