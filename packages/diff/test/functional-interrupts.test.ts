import { describe, expect, it } from "vitest";
import { fingerprint, type FlowItem } from "@langgraph-compat/snapshot";
import { ask, graph, interrupt, loc, task, triples } from "./helpers.js";

// Every entrypoint can pause at its end, after all its tasks (a run that never pauses replays nothing, 12b/12d).
const wf = (body: FlowItem[], name = "wf") => graph({ entrypoint: { name, body: [...body, { kind: "interrupt", fingerprint: "end", location: { file: "wf.ts", line: 99, column: 1 } }] } });
/** A task call whose function calls interrupt() with these payloads, in order. */
const asking = (name: string, ...fps: string[]): FlowItem => ({ ...task(name), interrupts: fps.map(interrupt) } as FlowItem);
const loop = (header: string | undefined, ...body: FlowItem[]): FlowItem => ({ kind: "loop", body, location: loc(), ...(header ? { header } : {}) });

describe("interrupt() calls inside a functional-API task (own counter per task call, M9)", () => {
  it("interrupt-reordered inside a task is breaking (18b)", async () => {
    expect(await triples(wf([task("lookup"), asking("contact", "name", "email")]), wf([task("lookup"), asking("contact", "email", "name")]))).toEqual([
      ["interrupt-reordered", "breaking", "tasks/contact/interrupts"],
    ]);
  });
  it("interrupt-added first in a task is breaking (12e); appended it is safe", async () => {
    expect(await triples(wf([asking("refund", "approve")]), wf([asking("refund", "why", "approve")]))).toEqual([
      ["interrupt-added", "breaking", "tasks/refund/interrupts/0"],
    ]);
    expect(await triples(wf([asking("refund", "approve")]), wf([asking("refund", "approve", "why")]))).toEqual([
      ["interrupt-added", "safe", "tasks/refund/interrupts/1"],
    ]);
  });
  it("task interrupts unchanged, or unknown on one side (older snapshot): no finding", async () => {
    expect(await triples(wf([asking("contact", "name", "email")]), wf([asking("contact", "name", "email")]))).toEqual([]);
    expect(await triples(wf([task("contact")]), wf([asking("contact", "email", "name")]))).toEqual([]);
  });
  it("task interrupts do not mix with the entrypoint's own interrupt() calls", async () => {
    expect(await triples(wf([asking("t", "a"), ask("b")]), wf([asking("t", "a"), ask("b")]))).toEqual([]);
  });
});

describe("task-renamed", () => {
  it("is breaking when the renamed task calls interrupt() (12m: a resume by id is not delivered)", async () => {
    expect(await triples(wf([task("lookup"), asking("approve", "ok?")]), wf([task("lookup"), asking("approveAccount", "ok?")]))).toEqual([
      ["task-renamed", "breaking", "entrypoints/wf/tasks/1"],
    ]);
  });
  it("stays risky for a task without interrupt() (12f, 12l)", async () => {
    expect(await triples(wf([asking("a"), task("b")]), wf([asking("a2"), task("b")]))).toEqual([["task-renamed", "risky", "entrypoints/wf/tasks/0"]]);
  });
});

describe("a loop that repeats a task call over something else (12g)", () => {
  it("same-name-task-reordered when the loop header changed around a call with arguments", async () => {
    expect(await triples(wf([loop("items", task("charge", "item")), ask("ok?")]), wf([loop("sorted", task("charge", "item")), ask("ok?")]))).toEqual([
      ["same-name-task-reordered", "breaking", "entrypoints/wf/tasks/0"],
    ]);
  });
  it("no finding: same header, a call without arguments, or a header unknown on one side", async () => {
    expect(await triples(wf([loop("items", task("charge", "item"))]), wf([loop("items", task("charge", "item"))]))).toEqual([]);
    const none = fingerprint("");
    expect(await triples(wf([loop("items", task("ping", none))]), wf([loop("other", task("ping", none))]))).toEqual([]);
    expect(await triples(wf([loop(undefined, task("charge", "item"))]), wf([loop("sorted", task("charge", "item"))]))).toEqual([]);
  });
  it("an entrypoint interrupt() inside a loop over something else asks other questions: interrupt-changed", async () => {
    expect(await triples(wf([loop("questions", ask("q"))]), wf([loop("reversed", ask("q"))]))).toEqual([["interrupt-changed", "risky", "entrypoints/wf/interrupts/0"]]);
    expect(await triples(wf([loop("questions", ask("q"))]), wf([loop("questions", ask("q"))]))).toEqual([]);
  });
});
