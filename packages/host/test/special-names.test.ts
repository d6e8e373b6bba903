/**
 * Node and key names that contain path syntax (`a->b`, `a+b`, `a/b`, `x*`, `x->y`), end to end: real
 * source is extracted, diffed, fingerprinted and ignored by config, and a thread paused on the reference runtime is
 * judged by the host's `endangers`. Unescaped, the edges `a -> b->c` and `a->b -> c` shared one path and
 * one fingerprint, and the host read the wrong node, key or join back from a path.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractProject } from "@langgraph-compat/extract";
import { diffSnapshots, formatPath, type DiffResult, type Finding } from "@langgraph-compat/diff";
import { fingerprint, type Snapshot } from "@langgraph-compat/snapshot";
import { Command, MemorySaver } from "@langgraph-compat/runtime";
import { endangeringRules, isEndangered, type ThreadPosition } from "@langgraph-compat/diff";
import { readPosition } from "../src/index.js";

const runtimeIndex = fileURLToPath(new URL("../../runtime/src/index.ts", import.meta.url));

/**
 * START runs `a`, `a->b`, `a+b` (which pauses) and `c` side by side; `a -> b->c` and `a->b -> c` are two
 * edges whose unescaped paths are both `edges/a->b->c`; the join `[a+b, c] -> x->y` waits for the
 * paused node; `a+b` writes the state key `a/b`.
 */
const source = (v2: boolean) => `import { Annotation, StateGraph, START, END, interrupt } from "@langchain/langgraph";
const State = Annotation.Root({
  "a/b": Annotation<${v2 ? "number" : "string"}>(),
  log: Annotation<string[]>({ reducer: (x: string[], y: string[]) => x.concat(y), default: () => [] }),
});
const builder = new StateGraph(State)
  .addNode("a", () => ({ log: ["a"] }))
  .addNode("a->b", () => ({ log: ["a->b"] }))
  .addNode("b->c", () => ({ log: ["b->c"] }))
  .addNode("c", () => ({ log: ["c"] }))
  .addNode("a+b", () => ({ "a/b": ${v2 ? "Number(interrupt(\"ok?\"))" : "interrupt(\"ok?\") as string"}, log: ["a+b"] }))
  .addNode("x->y", () => ({ log: ["x->y"] }))
  .addNode("x*", () => ({ log: ["${v2 ? "x* v2" : "x*"}"] }))
  .addEdge(START, "a")
  .addEdge(START, "a->b")
  .addEdge(START, "a+b")
  .addEdge(START, "c")
  .addEdge("a", "${v2 ? "c" : "b->c"}")
  .addEdge("a->b", "${v2 ? "b->c" : "c"}")
  .addEdge("b->c", END)
  .addEdge(${v2 ? '["c", "a+b"]' : '["a+b", "c"]'}, "x->y")
  .addEdge("x->y", "x*")
  .addEdge("x*", END);
export const graph = builder.compile();
export const make = (checkpointer: any) => builder.compile({ checkpointer });
`;

const dirs: string[] = [];
/** Extract `code` as graph `g` from a temp project, and import it compiled against the reference runtime. */
async function load(code: string): Promise<{ snapshot: Snapshot; make: (saver: unknown) => any }> {
  const dir = mkdtempSync(join(tmpdir(), "lgc-special-names-"));
  dirs.push(dir);
  writeFileSync(join(dir, "langgraph.json"), JSON.stringify({ graphs: { g: "./graph.ts:graph" } }));
  writeFileSync(join(dir, "graph.ts"), code);
  writeFileSync(join(dir, "graph.run.ts"), code.replace(/"@langchain\/langgraph"/g, JSON.stringify(runtimeIndex)));
  const mod = await import(/* @vite-ignore */ pathToFileURL(join(dir, "graph.run.ts")).href);
  return { snapshot: extractProject({ projectDir: dir }), make: mod.make };
}

let v1: Awaited<ReturnType<typeof load>>;
let result: DiffResult;
const NOW = new Date("2026-06-01T00:00:00Z");
const byPath = (path: string) => result.findings.find((f) => f.path === path);

beforeAll(async () => {
  v1 = await load(source(false));
  const v2 = await load(source(true));
  result = await diffSnapshots(v1.snapshot, v2.snapshot, { now: NOW });
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("names with path syntax: extract and diff", () => {
  it("the extractor keeps the names as written", () => {
    const g = v1.snapshot.graphs.g;
    expect(Object.keys(g.nodes).sort()).toEqual(["a", "a+b", "a->b", "b->c", "c", "x*", "x->y"]);
    expect(g.edges.map((e) => [e.from, e.to])).toEqual(expect.arrayContaining([["a", "b->c"], ["a->b", "c"], ["x->y", "x*"]]));
    expect(g.joins.map((j) => [j.sources, j.to])).toEqual([[["a+b", "c"], "x->y"]]);
    expect(Object.keys(g.state.channels).sort()).toEqual(["a/b", "log"]);
  });

  it("two edges whose unescaped paths collide get distinct escaped paths and fingerprints", () => {
    const first = byPath("edges/a->b-%3Ec");
    const second = byPath("edges/a-%3Eb->c");
    expect(first?.subject).toEqual({ kind: "edge", from: "a", to: "b->c" });
    expect(second?.subject).toEqual({ kind: "edge", from: "a->b", to: "c" });
    expect(first?.ruleId).toBe(second?.ruleId);
    // Unescaped, both were "edges/a->b->c", so both had this fingerprint.
    expect(`edges/${"a"}->${"b->c"}`).toBe(`edges/${"a->b"}->${"c"}`);
    expect(first?.fingerprint).not.toBe(second?.fingerprint);
    expect(first?.fingerprint).toBe(fingerprint(first!.ruleId, "edges/a->b-%3Ec"));
  });

  it("every finding's path is its formatted subject; joins, keys and names are escaped", () => {
    for (const f of result.findings) expect(f.path).toBe(formatPath(f.subject));
    const join = result.findings.find((f) => f.ruleId === "join-order-changed");
    expect(join?.path).toBe("joins/a%2Bb+c->x-%3Ey");
    expect(join?.subject).toEqual({ kind: "join", sources: ["a+b", "c"], to: "x->y" });
    const key = result.findings.find((f) => f.subject.kind === "state-key");
    expect(key?.path).toBe("state/a%2Fb/type");
    expect(byPath("nodes/x%2A/function")?.ruleId).toBe("node-function-changed");
    const paths = result.findings.map((f) => `${f.ruleId} ${f.path}`);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("ignore globs and accepted fingerprints match one escaped path, not its unescaped twin", async () => {
    const edge = byPath("edges/a-%3Eb->c") as Finding;
    const twin = byPath("edges/a->b-%3Ec") as Finding;
    expect(edge.severity).not.toBe("safe"); // otherwise ignoring it would prove nothing
    const ignored = await diffSnapshots(v1.snapshot, (await load(source(true))).snapshot, {
      now: NOW,
      config: { ignore: [{ ruleId: edge.ruleId, path: "edges/a-%3Eb->*", reason: "test" }] },
    });
    const after = (p: string) => ignored.findings.find((f) => f.path === p) as Finding;
    expect(after(edge.path).severity).toBe("safe");
    expect(after(twin.path).severity).toBe(twin.severity);
    const accepted = await diffSnapshots(v1.snapshot, (await load(source(true))).snapshot, {
      now: NOW,
      config: { accepted: [{ fingerprint: twin.fingerprint, reason: "test" }] },
    });
    const acc = (p: string) => accepted.findings.find((f) => f.path === p) as Finding;
    expect(acc(twin.path).reasons?.join(" ")).toMatch(/accepted/);
    expect(acc(edge.path).severity).toBe(edge.severity);
    expect(acc(edge.path).reasons ?? []).not.toContainEqual(expect.stringMatching(/accepted/));
  });
});

describe("names with path syntax: the host's decision on real threads", () => {
  let paused: ThreadPosition;
  let done: ThreadPosition;
  beforeAll(async () => {
    const saver = new MemorySaver();
    const g = v1.make(saver);
    await g.invoke({}, { configurable: { thread_id: "paused" } });
    await g.invoke({}, { configurable: { thread_id: "done" } });
    await g.invoke(new Command({ resume: "yes" }), { configurable: { thread_id: "done" } });
    const read = async (id: string) =>
      readPosition(saver, id, { state: await g.getState({ configurable: { thread_id: id } }), snapshot: v1.snapshot.graphs.g });
    paused = await read("paused");
    done = await read("done");
  });

  it("reads the positions (a+b paused, c finished beside it; the other thread finished holding a/b)", () => {
    expect(paused.pausedIn).toEqual(["a+b"]);
    expect(paused.finishedSiblings).toContain("c");
    expect(paused.channels).not.toContain("a/b");
    expect(done.pausedIn).toEqual([]);
    expect(done.channels).toContain("a/b");
  });

  it("the reordered join endangers the thread whose sibling c already wrote into the barrier (18d)", () => {
    const join = result.findings.find((f) => f.ruleId === "join-order-changed") as Finding;
    expect(join.severity).not.toBe("safe");
    expect(isEndangered(join, paused)).toBe(true);
    // `a->b -> c` ran c again after the join fired, so the finished thread holds a half-filled barrier too.
    expect(done.channels).toContain("join:a+b+c:x->y");
    expect(isEndangered(join, done)).toBe(true);
    expect(isEndangered(join, { ...done, channels: done.channels.filter((c) => !c.startsWith("join:")) })).toBe(false);
  });

  it("the type change of key a/b endangers the thread that stored a value in a/b, not the one that did not", () => {
    const key = result.findings.find((f) => f.subject.kind === "state-key") as Finding;
    expect(key.severity).not.toBe("safe");
    expect(isEndangered(key, done)).toBe(true);
    expect(isEndangered(key, paused)).toBe(false);
  });

  it("removing a source of a barrier whose LangGraph name joins sources with + (node a+b, or c)", () => {
    const removed = (node: string): Finding => ({ ...(result.findings[0] as Finding), ruleId: "node-removed", severity: "breaking", subject: { kind: "node", node }, meta: { node } });
    const waiting = { ...done, channels: ["join:a+b+c:x->y"], pausedIn: ["z"] };
    expect(isEndangered(removed("a+b"), waiting)).toBe(true);
    expect(isEndangered(removed("c"), waiting)).toBe(true);
    expect(isEndangered(removed("a+"), waiting)).toBe(false);
    expect(isEndangered(removed("x"), waiting)).toBe(false);
  });

  it("a full barrier of sources a+b and c makes x->y pending (the channel join:a+b+c:x->y is not split on +)", async () => {
    const code = `import { Annotation, StateGraph, START } from "@langchain/langgraph";
const State = Annotation.Root({ log: Annotation<string[]>({ reducer: (x: string[], y: string[]) => x.concat(y), default: () => [] }) });
const builder = new StateGraph(State)
  .addNode("a+b", () => ({ log: ["a+b"] }))
  .addNode("c", () => ({ log: ["c"] }))
  .addNode("x->y", () => ({ log: ["x->y"] }))
  .addEdge(START, "a+b")
  .addEdge(START, "c")
  .addEdge(["a+b", "c"], "x->y");
export const graph = builder.compile({ interruptBefore: ["x->y"] });
export const make = (checkpointer: any) => builder.compile({ checkpointer, interruptBefore: ["x->y"] });
`;
    const version = await load(code);
    const saver = new MemorySaver();
    await version.make(saver).invoke({}, { configurable: { thread_id: "t" } });
    // Without getState, so the barrier alone says what is pending.
    const position = await readPosition(saver, "t");
    expect(position.channels).toContain("join:a+b+c:x->y");
    expect(position.pending).toEqual(["x->y"]);
  });

  it("endangeringRules lists the typed rule ids", () => {
    const rules = endangeringRules(result.findings, paused);
    expect(rules).toContain("join-order-changed");
    expect(rules).toEqual([...rules].sort());
  });
});
