/**
 * The host's per-thread verdict, `isEndangered(finding, position)` (the yes or no of `endangers`), on hand-written positions; and
 * `readPosition` on real checkpoints of the reference runtime (second interrupts, finished siblings, Sends, joins).
 */
import { describe, expect, it } from "vitest";
import { Annotation, Command, END, MemorySaver, START, Send, StateGraph, interrupt } from "@langgraph-compat/runtime";
import { NO_POSITION, endangeringRules, isEndangered, type FindingLike, type RuleId, type Subject, type ThreadPosition } from "@langgraph-compat/diff";
import { readPosition } from "../src/index.js";

const at = (p: Partial<ThreadPosition>): ThreadPosition => ({ ...NO_POSITION, exists: true, ...p });
const f = (ruleId: RuleId, subject: Subject, meta: Record<string, unknown> = {}, severity: FindingLike["severity"] = "breaking"): FindingLike => ({
  ruleId,
  severity,
  subject,
  meta,
});

const pausedAtReview = at({ pausedIn: ["review"], channels: ["branch:to:review", "notes"], firedFrom: ["write"] });
const pausedAtClarify = at({ pausedIn: ["clarify"], channels: ["branch:to:clarify", "notes"], firedFrom: ["prep"] });
const waitingForReview = at({ pending: ["review"], channels: ["branch:to:review"], firedFrom: ["write"] });
const finished = at({ channels: ["notes", "verdict"], changedSinceResume: ["branch:to:review", "notes"] });

describe("endangers: nodes", () => {
  const removed = f("node-removed", { kind: "node", node: "review" }, { node: "review" });
  it("node-removed at nodes/review endangers only threads paused in or about to run review", () => {
    expect(isEndangered(removed, pausedAtReview)).toBe(true);
    expect(isEndangered(removed, waitingForReview)).toBe(true);
    expect(isEndangered(removed, pausedAtClarify)).toBe(false);
    expect(isEndangered(removed, finished)).toBe(false);
    expect(isEndangered(removed, NO_POSITION)).toBe(false);
  });
  it("node-renamed reads meta.from; a finished sibling or a pending Send to it is endangered too (4e, 7a)", () => {
    const renamed = f("node-renamed", { kind: "node", node: "worker" }, { from: "worker", to: "worker2" });
    expect(isEndangered(renamed, at({ pausedIn: ["ask"], finishedSiblings: ["worker"] }))).toBe(true);
    expect(isEndangered(renamed, at({ pausedIn: ["ask"], sends: ["worker"] }))).toBe(true);
    expect(isEndangered(renamed, at({ pausedIn: ["ask"] }))).toBe(false);
  });
  it("a half-filled join barrier naming the node is endangered (18d)", () => {
    const removed2 = f("node-removed", { kind: "node", node: "b" }, { node: "b" });
    expect(isEndangered(removed2, at({ pausedIn: ["a2"], channels: ["join:a+b:c"] }))).toBe(true);
  });
  it("under a static interruptBefore, a thread whose trigger for the node changed since its last resume (14j, 14o)", () => {
    const renamed = f("node-renamed", { kind: "node", node: "prep" }, { from: "prep", to: "prepare" });
    const pausedBeforeX = at({ pending: ["x"], changedSinceResume: ["branch:to:prep", "branch:to:x"] });
    expect(isEndangered(renamed, pausedBeforeX, { staticInterruptBefore: true })).toBe(true);
    expect(isEndangered(renamed, pausedBeforeX)).toBe(false);
    expect(isEndangered(renamed, at({ pending: ["x"], changedSinceResume: ["branch:to:x"] }), { staticInterruptBefore: true })).toBe(false);
  });
  it("node-kind-changed endangers only a thread paused inside the node", () => {
    const kind = f("node-kind-changed", { kind: "node", node: "review" }, { node: "review" }, "risky");
    expect(isEndangered(kind, pausedAtReview)).toBe(true);
    expect(isEndangered(kind, waitingForReview)).toBe(false);
  });
});

describe("endangers: state keys", () => {
  it("state-key-removed endangers threads whose channel holds a value", () => {
    const removed = f("state-key-removed", { kind: "state-key", key: "notes" }, { key: "notes" });
    expect(isEndangered(removed, pausedAtClarify)).toBe(true);
    expect(isEndangered(removed, finished)).toBe(true);
    expect(isEndangered(removed, at({ pausedIn: ["ask"] }))).toBe(false);
    expect(isEndangered(removed, at({ changedSinceResume: ["notes"] }), { staticInterruptBefore: true })).toBe(true);
  });
  it("reducer and type findings need a stored value; state-key-added and default-changed need its absence", () => {
    expect(isEndangered(f("reducer-changed", { kind: "state-key", key: "notes", facet: "reducer" }, {}, "risky"), pausedAtClarify)).toBe(true);
    expect(isEndangered(f("type-narrowed", { kind: "state-key", key: "verdict", facet: "type" }), pausedAtClarify)).toBe(false);
    expect(isEndangered(f("type-narrowed", { kind: "state-key", key: "verdict", facet: "type" }), finished)).toBe(true);
    expect(isEndangered(f("state-key-added", { kind: "state-key", key: "priority" }, {}, "risky"), finished)).toBe(true);
    expect(isEndangered(f("default-changed", { kind: "state-key", key: "notes", facet: "default" }, {}, "risky"), finished)).toBe(false);
  });
  it("reducer-removed has exposure any: every thread with a checkpoint (11f throws without a stored value)", () => {
    const r = f("reducer-removed", { kind: "state-key", key: "items", facet: "reducer" });
    expect(isEndangered(r, at({ pausedIn: ["ask"] }))).toBe(true);
    expect(isEndangered(r, NO_POSITION)).toBe(false);
  });
});

describe("endangers: interrupts, routes, joins, functional tasks, subgraphs", () => {
  it("interrupt-reordered endangers threads paused inside that node", () => {
    const r = f("interrupt-reordered", { kind: "interrupts", owner: { kind: "node", node: "review" } }, { owner: "nodes/review" });
    expect(isEndangered(r, pausedAtReview)).toBe(true);
    expect(isEndangered(r, waitingForReview)).toBe(false);
    expect(isEndangered(r, pausedAtClarify)).toBe(false);
  });
  it("an interrupt added after the pending call is asked fresh; before or at it, answers shift (18a)", () => {
    const added = (index: number) => f("interrupt-added", { kind: "interrupts", owner: { kind: "node", node: "review" }, index }, { owner: "nodes/review", index });
    const onSecond = at({ pausedIn: ["review"], answered: { review: 1 } });
    expect(isEndangered(added(0), onSecond)).toBe(true);
    expect(isEndangered(added(1), onSecond)).toBe(true);
    expect(isEndangered(added(2), onSecond)).toBe(false);
  });
  it("a reroute endangers threads for which the source's route already fired (5d), not the others (5b)", () => {
    const rerouted = f("edge-rerouted", { kind: "edge", from: "write", to: "review" }, { from: "write", to: "review", newTo: "publish" }, "risky");
    expect(isEndangered(rerouted, pausedAtReview)).toBe(true);
    expect(isEndangered(rerouted, waitingForReview)).toBe(true);
    expect(isEndangered(rerouted, pausedAtClarify)).toBe(false);
    expect(isEndangered(f("branch-changed", { kind: "branch", from: "prep" }, { from: "prep" }, "risky"), pausedAtClarify)).toBe(true);
    expect(isEndangered(f("goto-targets-changed", { kind: "node-field", node: "prep", field: "gotos" }, { node: "prep" }, "risky"), finished)).toBe(false);
  });
  it("join-order-changed endangers a half-filled barrier or a finished source sibling (5e)", () => {
    const j = f("join-order-changed", { kind: "join", sources: ["a", "b2"], to: "c" }, { to: "c", from: ["a", "b2"], now: ["b2", "a"] });
    expect(isEndangered(j, at({ pausedIn: ["b2"], channels: ["join:a+b2:c"] }))).toBe(true);
    expect(isEndangered(j, at({ pausedIn: ["b2"], finishedSiblings: ["a"] }))).toBe(true);
    expect(isEndangered(j, at({ pending: ["a", "b2"] }))).toBe(false);
  });
  it("functional-API findings endanger paused runs only", () => {
    const t = f("task-arguments-changed", { kind: "task", entrypoint: "wf", index: 2 }, { entrypoint: "wf", index: 2 });
    expect(isEndangered(t, at({ pausedIn: ["wf"] }))).toBe(true);
    expect(isEndangered(t, at({ channels: ["__previous__"] }))).toBe(false);
  });
  it("a finding inside subgraph node sub is judged against the child position", () => {
    const inner = f("node-renamed", { kind: "nested", node: "sub", subject: { kind: "node", node: "inner" } }, { from: "inner", to: "inner2" });
    const child = at({ pausedIn: ["inner"] });
    expect(isEndangered(inner, at({ pausedIn: ["sub"], subgraphs: { sub: child } }))).toBe(true);
    expect(isEndangered(inner, at({ pausedIn: ["sub"], subgraphs: { sub: at({ pausedIn: ["other"] }) } }))).toBe(false);
    expect(isEndangered(inner, at({ pausedIn: ["sub"] }))).toBe(true); // no child checkpoint read: assume the worst
    expect(isEndangered(inner, at({ pending: ["sub"] }))).toBe(false);
  });
  it("safe findings endanger no one; exposure any endangers everyone with a checkpoint", () => {
    expect(isEndangered(f("node-removed", { kind: "node", node: "review" }, { node: "review" }, "safe"), pausedAtReview)).toBe(false);
    expect(isEndangered(f("unresolved-element", { kind: "unresolved", element: "router-target", id: "abc" }, {}, "risky"), finished)).toBe(true);
    expect(isEndangered(f("dangling-target", { kind: "node-target", node: "a", via: "gotos", target: "x" }, { target: "x" }), pausedAtClarify)).toBe(true);
  });
  it("endangeringRules lists the rule ids once, sorted", () => {
    const findings = [
      f("node-removed", { kind: "node", node: "review" }, { node: "review" }),
      f("edge-rerouted", { kind: "edge", from: "write", to: "review" }, { from: "write" }, "risky"),
      f("node-function-changed", { kind: "node-field", node: "publish", field: "function" }, {}, "safe"),
    ];
    expect(endangeringRules(findings, pausedAtReview)).toEqual(["edge-rerouted", "node-removed"]);
    expect(endangeringRules(findings, pausedAtClarify)).toEqual([]);
  });
});

describe("readPosition on real checkpoints", () => {
  it("a node paused on its second interrupt is not in next but is paused in (semantics: side observation)", async () => {
    const State = Annotation.Root({ name: Annotation<string>(), email: Annotation<string>() });
    const saver = new MemorySaver();
    const g = new StateGraph(State)
      .addNode("form", () => ({ name: interrupt("name?") as string, email: interrupt("email?") as string }))
      .addEdge(START, "form")
      .addEdge("form", END)
      .compile({ checkpointer: saver });
    const config = { configurable: { thread_id: "t" } };
    await g.invoke({}, config);
    await g.invoke(new Command({ resume: "Alice" }), config);
    const state = await g.getState(config);
    expect(state.next).toEqual([]);
    const position = await readPosition(saver, "t", { state });
    expect(position).toMatchObject({ exists: true, pausedIn: ["form"], pending: [], answered: { form: 1 } });
  });

  it("finished siblings, pending Sends and barriers", async () => {
    const State = Annotation.Root({
      log: Annotation<string[]>({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }),
    });
    const saver = new MemorySaver();
    const g = new StateGraph(State)
      .addNode("fan", () => ({ log: ["fan"] }))
      .addNode("ask", () => ({ log: [interrupt("ok?") as string] }))
      .addNode("side", () => ({ log: ["side"] }))
      .addNode("join", () => ({ log: ["join"] }))
      .addNode("worker", () => ({ log: ["w"] }))
      .addEdge(START, "fan")
      .addEdge("fan", "ask")
      .addEdge("fan", "side")
      .addEdge(["ask", "side"], "join")
      .addConditionalEdges("join", () => [new Send("worker", {})])
      .addEdge("worker", END)
      .compile({ checkpointer: saver, interruptBefore: ["worker"] });
    const config = { configurable: { thread_id: "s" } };
    await g.invoke({}, config);
    let position = await readPosition(saver, "s", { state: await g.getState(config) });
    expect(position).toMatchObject({ pausedIn: ["ask"], finishedSiblings: ["side"], pending: [] });
    await g.invoke(new Command({ resume: "yes" }), config);
    position = await readPosition(saver, "s", { state: await g.getState(config) });
    expect(position).toMatchObject({ pausedIn: [], sends: ["worker"], pending: ["worker"] });
    expect(position.changedSinceResume.length).toBeGreaterThan(0);
  });

  it("a thread paused inside a subgraph node carries the child's position", async () => {
    const Inner = Annotation.Root({ answer: Annotation<string>() });
    const saver = new MemorySaver();
    const child = new StateGraph(Inner)
      .addNode("innerAsk", () => ({ answer: interrupt("inner?") as string }))
      .addEdge(START, "innerAsk")
      .addEdge("innerAsk", END)
      .compile();
    const g = new StateGraph(Inner).addNode("sub", child).addEdge(START, "sub").addEdge("sub", END).compile({ checkpointer: saver });
    const config = { configurable: { thread_id: "p" } };
    await g.invoke({}, config);
    const position = await readPosition(saver, "p", { state: await g.getState(config) });
    expect(position.pausedIn).toEqual(["sub"]);
    expect(position.subgraphs.sub).toMatchObject({ exists: true, pausedIn: ["innerAsk"] });
  });
});

