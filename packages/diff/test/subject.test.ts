/**
 * Finding subjects and the one path formatter: plain names keep the paths they always had, names with
 * path syntax are escaped so two different subjects never share a path, the engine nests subjects inside
 * subgraphs, and the task rules share one body (task-removed no longer lowers on an insertion row).
 */
import { describe, expect, it } from "vitest";
import { escapeName, formatPath, type Subject } from "../src/index.js";
import { END, START, diff, graph, node, task, triples } from "./helpers.js";

// The entrypoint can pause at its end, after all its tasks (a run that never pauses replays nothing, 12b/12d).
const wf = (body: ReturnType<typeof task>[]) => graph({ entrypoint: { name: "wf", body: [...body, { kind: "interrupt", fingerprint: "end", location: { file: "wf.ts", line: 99, column: 1 } }] } });

/** Every kind of subject with plain names, and the path each had before subjects existed. */
const PLAIN: Array<[Subject, string]> = [
  [{ kind: "graph", graph: "agent" }, "graphs/agent"],
  [{ kind: "node", node: "review" }, "nodes/review"],
  [{ kind: "node-field", node: "review", field: "function" }, "nodes/review/function"],
  [{ kind: "node-field", node: "review", field: "gotos" }, "nodes/review/gotos"],
  [{ kind: "node-target", node: "review", via: "sends", target: "worker" }, "nodes/review/sends/worker"],
  [{ kind: "state" }, "state"],
  [{ kind: "schema", schema: "config" }, "state/config"],
  [{ kind: "state-key", key: "notes" }, "state/notes"],
  [{ kind: "state-key", key: "notes", facet: "reducer" }, "state/notes/reducer"],
  [{ kind: "edge", from: "__start__", to: "prep" }, "edges/__start__->prep"],
  [{ kind: "join", sources: ["a", "b"], to: "c" }, "joins/a+b->c"],
  [{ kind: "branch", from: "prep" }, "branches/prep"],
  [{ kind: "branch-target", from: "prep", target: "done" }, "branches/prep/targets/done"],
  [{ kind: "breakpoints", list: "interruptBefore" }, "breakpoints/interruptBefore"],
  [{ kind: "interrupts", owner: { kind: "node", node: "ask" } }, "nodes/ask/interrupts"],
  [{ kind: "interrupts", owner: { kind: "node", node: "ask" }, index: 1 }, "nodes/ask/interrupts/1"],
  [{ kind: "interrupts", owner: { kind: "entrypoint", entrypoint: "wf" }, index: 0 }, "entrypoints/wf/interrupts/0"],
  [{ kind: "interrupts", owner: { kind: "task", task: "ask" }, index: 0 }, "tasks/ask/interrupts/0"],
  [{ kind: "entrypoint", entrypoint: "wf" }, "entrypoints/wf"],
  [{ kind: "task", entrypoint: "wf", index: 2 }, "entrypoints/wf/tasks/2"],
  [{ kind: "nondeterministic", entrypoint: "wf", call: "Date.now", occurrence: 0 }, "entrypoints/wf/nondeterministic/Date.now"],
  [{ kind: "nondeterministic", entrypoint: "wf", call: "Date.now", occurrence: 1 }, "entrypoints/wf/nondeterministic/Date.now#1"],
  [{ kind: "unresolved", element: "router-target", id: "0a1b2c3d" }, "unresolved/router-target/0a1b2c3d"],
  [{ kind: "prebuilt" }, "prebuilt"],
  [{ kind: "nested", node: "sub", subject: { kind: "nested", node: "inner", subject: { kind: "node", node: "x" } } }, "nodes/sub/nodes/inner/nodes/x"],
];

describe("formatPath", () => {
  it.each(PLAIN.map(([s, p]) => [p, s] as const))("plain names keep their path: %s", (path, subject) => {
    expect(formatPath(subject)).toBe(path);
  });

  it("escapes %, /, >, +, * and # in names, and nothing else", () => {
    expect(escapeName("a/b")).toBe("a%2Fb");
    expect(escapeName("a->b")).toBe("a-%3Eb");
    expect(escapeName("a+b")).toBe("a%2Bb");
    expect(escapeName("x*")).toBe("x%2A");
    expect(escapeName("n#1")).toBe("n%231");
    expect(escapeName("50%")).toBe("50%25");
    expect(escapeName("my-node_2.v:ok")).toBe("my-node_2.v:ok");
  });

  it("names with path syntax no longer make two different subjects share a path", () => {
    const pairs: Array<[Subject, Subject]> = [
      [{ kind: "edge", from: "a", to: "b->c" }, { kind: "edge", from: "a->b", to: "c" }],
      [{ kind: "join", sources: ["a+b", "c"], to: "d" }, { kind: "join", sources: ["a", "b+c"], to: "d" }],
      [{ kind: "join", sources: ["a", "c"], to: "b->d" }, { kind: "join", sources: ["a", "c->b"], to: "d" }],
      [{ kind: "node", node: "a/nodes/b" }, { kind: "nested", node: "a", subject: { kind: "node", node: "b" } }],
      [{ kind: "state-key", key: "a/type" }, { kind: "state-key", key: "a", facet: "type" }],
      [{ kind: "node", node: "a%2Fb" }, { kind: "node", node: "a/b" }],
      [{ kind: "nondeterministic", entrypoint: "wf", call: "f#1", occurrence: 0 }, { kind: "nondeterministic", entrypoint: "wf", call: "f", occurrence: 1 }],
      [{ kind: "branch-target", from: "r", target: "x/targets/y" }, { kind: "branch-target", from: "r/targets/x", target: "y" }],
    ];
    for (const [x, y] of pairs) expect(formatPath(x), JSON.stringify([x, y])).not.toBe(formatPath(y));
  });

  it("is one-to-one over names built from path syntax (every pair of generated subjects)", () => {
    const names = ["a", "b", "c", "a->b", "b->c", "a+b", "b+c", "a/b", "a%2Fb", "/", "x*", "%", "%2F", "-", ">", "a-", ">b", "#1"];
    const subjects: Subject[] = [];
    for (const x of names) {
      subjects.push({ kind: "node", node: x }, { kind: "state-key", key: x }, { kind: "branch", from: x });
      subjects.push({ kind: "nested", node: x, subject: { kind: "node", node: "n" } });
      for (const y of names) {
        subjects.push({ kind: "edge", from: x, to: y }, { kind: "branch-target", from: x, target: y });
        subjects.push({ kind: "join", sources: [x, y], to: "t" }, { kind: "join", sources: [x], to: y });
        subjects.push({ kind: "nested", node: x, subject: { kind: "node", node: y } });
      }
    }
    const seen = new Map<string, string>();
    for (const s of subjects) {
      const path = formatPath(s);
      const json = JSON.stringify(s);
      expect(seen.get(path) ?? json, path).toBe(json);
      seen.set(path, json);
    }
  });
});

describe("subjects from the engine", () => {
  it("findings carry the subject, nested inside subgraph nodes, and the path is its formatted form", async () => {
    const inner = (fn: string) => graph({ nodes: [node("x/y", { function: { fingerprint: fn, location: { file: "g.ts", line: 1, column: 1 } } })], edges: [[START, "x/y"], ["x/y", END]] });
    const outer = (fn: string) => graph({ nodes: [node("a+b", { subgraph: inner(fn) })], edges: [[START, "a+b"], ["a+b", END]] });
    const result = await diff(outer("1"), outer("2"));
    expect(result.findings.map((f) => [f.ruleId, f.path, f.subject])).toEqual([
      ["node-function-changed", "nodes/a%2Bb/nodes/x%2Fy/function", { kind: "nested", node: "a+b", subject: { kind: "node-field", node: "x/y", field: "function" } }],
    ]);
    expect(JSON.parse(JSON.stringify(result.findings[0])).subject).toEqual(result.findings[0].subject);
  });

  it("an ignore glob matches an escaped path: `nodes/*` covers node a/b, not a node inside subgraph a", async () => {
    const before = graph({ nodes: [node("a/b"), node("keep")], edges: [[START, "a/b"], ["a/b", "keep"], ["keep", END]] });
    const after = graph({ nodes: [node("keep")], edges: [[START, "keep"], ["keep", END]] });
    const ignore = [{ ruleId: "node-removed", path: "nodes/*", reason: "test" }];
    const result = await diff(before, after, { ignore });
    const removed = result.findings.find((f) => f.ruleId === "node-removed");
    expect(removed?.path).toBe("nodes/a%2Fb");
    expect(removed?.severity).toBe("safe");
    expect(removed?.reasons?.join(" ")).toMatch(/ignored/);
  });
});

describe("task rules", () => {
  it("removing the last task call stays risky: no row measures it (12d removes a call with a later one)", async () => {
    expect(await triples(wf([task("a"), task("b")]), wf([task("a")]))).toEqual([["task-removed", "risky", "entrypoints/wf/tasks/1"]]);
    const [finding] = (await diff(wf([task("a"), task("b")]), wf([task("a")]))).findings;
    expect(finding.reasons).toBeUndefined();
    expect(finding.meta).toEqual({ entrypoint: "wf", index: 1, name: "b", shifts: false });
  });

  it("removing a call with a later one is risky and says the later calls shift (12d)", async () => {
    const [finding] = (await diff(wf([task("a"), task("b")]), wf([task("b")]))).findings;
    expect([finding.ruleId, finding.severity, finding.path, finding.meta.shifts]).toEqual(["task-removed", "risky", "entrypoints/wf/tasks/0", true]);
  });

  it("appending a task call is lowered to safe on row 12c; inserting before one is risky (12b)", async () => {
    const appended = (await diff(wf([task("a")]), wf([task("a"), task("c")]))).findings;
    expect(appended.map((f) => [f.ruleId, f.severity, f.path])).toEqual([["task-inserted", "safe", "entrypoints/wf/tasks/1"]]);
    expect(appended[0].reasons).toEqual(["lowered to safe: no later task call changes position, so nothing else is re-executed (row 12c)"]);
    const inserted = (await diff(wf([task("a")]), wf([task("c"), task("a")]))).findings;
    expect(inserted.map((f) => [f.severity, f.reasons])).toEqual([["risky", undefined]]);
  });

  it("task findings share one subject and meta shape", async () => {
    const [renamed] = (await diff(wf([task("a"), task("b")]), wf([task("a2"), task("b")]))).findings;
    expect(renamed.subject).toEqual({ kind: "task", entrypoint: "wf", index: 0 });
    expect(renamed.meta).toEqual({ entrypoint: "wf", index: 0, name: "a", newName: "a2", pausesInside: false });
  });
});
