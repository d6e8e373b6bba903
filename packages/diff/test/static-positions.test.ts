/**
 * Static positions on hand-made graphs: the exact shapes each kind of graph can be persisted in. The same
 * graphs are run on the real LangGraph in packages/runtime/test/static-positions-real.test.ts.
 */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { NO_POSITION, UNBOUNDED, covers, inStaticSet, staticPositions, type StaticPositions, type ThreadPosition } from "../src/index.js";
import { END, START, graph } from "./static-graphs.js";

/** Each position as `pausedIn|pending|finishedSiblings|sends` with answered counts, sorted: easy to compare. */
function shapes(set: StaticPositions): string[] {
  const ans = (p: ThreadPosition) => p.pausedIn.map((n) => `${n}@${p.answered[n] === UNBOUNDED ? "*" : p.answered[n]}`).join(",");
  return [...new Set(set.positions.map((p) => `${ans(p)}|${p.pending.join(",")}|${p.finishedSiblings.join(",")}|${p.sends.join(",")}`))].sort();
}

describe("staticPositions", () => {
  it("a graph no thread can pause in is explored to one finished position that may hold anything, even when routes are not all followed", () => {
    const route = (node: string) => ({ kind: "router-target" as const, reason: "computed", text: "pick()", location: { file: "g.ts", line: 1, column: 1 }, node });
    const names = Array.from({ length: 14 }, (_, i) => `n${i}`);
    const spec = { nodes: Object.fromEntries(names.map((n) => [n, { writes: ["k"] }])), edges: [[START, "n0"] as [string, string]], keys: ["k"], unresolved: [route("n0")] };
    const set = staticPositions(graph(spec));
    expect(set.truncated).toBe(false);
    expect(set.positions.every((p) => p.pausedIn.length === 0 && p.pending.length === 0)).toBe(true);
    const last = set.positions[set.positions.length - 1];
    expect(last.channels).toContain("k");
    expect(last.changedSinceResume).toContain("branch:to:n13");
    // One node that can pause, a breakpoint, or an unresolved node keeps the bound honest.
    expect(staticPositions(graph({ ...spec, nodes: { ...spec.nodes, n5: { interrupts: 1 } } })).truncated).toBe(true);
    expect(staticPositions(graph({ ...spec, interruptAfter: ["n3"] })).truncated).toBe(true);
    const hiddenNode = { kind: "node" as const, reason: "loop", text: "addNode(x)", location: { file: "g.ts", line: 2, column: 1 } };
    expect(staticPositions(graph({ ...spec, unresolved: [route("n0"), hiddenNode] })).truncated).toBe(true);
  });


  it("a linear graph: paused at each interrupt of b (and all answered, re-run), or finished", () => {
    const set = staticPositions(graph({ nodes: { a: { writes: ["k0"] }, b: { interrupts: 2 } }, edges: [[START, "a"], ["a", "b"], ["b", END]], keys: ["k0"] }));
    expect(set.truncated).toBe(false);
    expect(shapes(set)).toEqual(["b@0|||", "b@1|||", "b@2|||", "|||"]);
    const paused = set.positions.find((p) => p.answered.b === 1)!;
    expect(paused.channels).toEqual(["branch:to:b", "k0"]);
    expect(paused.firedFrom).toEqual(["a"]);
    expect(paused.mustChannels).toEqual([]);
    expect(set.provenance[set.positions.indexOf(paused)]).toMatchObject({ kind: "interrupt", label: "paused in b at interrupt 1", path: [["__start__"], ["a"], ["b"]] });
  });

  it("a node with a static edge out never stays paused with every interrupt answered", () => {
    const set = staticPositions(graph({ nodes: { a: { interrupts: 1 }, b: {} }, edges: [[START, "a"], ["a", "b"], ["b", END]] }));
    expect(shapes(set)).toEqual(["a@0|||", "|||"]);
  });

  it("interruptBefore and interruptAfter: waiting before the next superstep", () => {
    const set = staticPositions(graph({ nodes: { a: {}, b: {}, c: {} }, edges: [[START, "a"], ["a", "b"], ["b", "c"], ["c", END]], interruptBefore: ["c"], interruptAfter: ["a"] }));
    expect(shapes(set)).toEqual(["|b||", "|c||", "|||"]);
    expect(set.provenance.map((p) => p.kind).sort()).toEqual(["after", "before", "finished"]);
    const star = staticPositions(graph({ nodes: { a: {}, b: {} }, edges: [[START, "a"], ["a", "b"], ["b", END]], interruptBefore: "*" }));
    expect(shapes(star)).toEqual(["|a||", "|b||", "|||"]);
  });

  it("a path-map router picks one target; one without a path map may pick several", () => {
    const spec = (pathMap?: Record<string, string>) =>
      graph({ nodes: { a: {}, b: {}, c: {} }, edges: [[START, "a"], ["b", END], ["c", END]], branches: [{ from: "a", targets: ["b", "c"], pathMap }], interruptAfter: ["a"] });
    expect(shapes(staticPositions(spec({ b: "b", c: "c" })))).toEqual(["|b||", "|c||", "|||"]);
    expect(shapes(staticPositions(spec()))).toEqual(["|b,c||", "|b||", "|c||", "|||"]);
  });

  it("with errors: a task that threw waits for its retry, beside the siblings that finished", () => {
    const g = graph({ nodes: { p: {}, q: {}, r: {} }, edges: [[START, "p"], ["p", "q"], ["p", "r"], ["q", END], ["r", END]] });
    expect(shapes(staticPositions(g))).toEqual(["|||"]);
    expect(shapes(staticPositions(g, { errors: true }))).toEqual(["|p||", "|q,r||", "|q|r|", "|r|q|", "|||"]);
  });

  it("a fan-out: the sibling that finished beside the paused node", () => {
    const set = staticPositions(graph({ nodes: { p: {}, q: { interrupts: 1, writes: ["k0"] }, r: {} }, edges: [[START, "p"], ["p", "q"], ["p", "r"], ["q", END], ["r", END]] }));
    expect(shapes(set)).toEqual(["q@0||r|", "q@1||r|", "|||"]);
  });

  it("a join: a half-filled barrier waits in the checkpoint; a full one counts as pending", () => {
    const set = staticPositions(
      graph({ nodes: { p: {}, a: {}, b: {}, b2: { interrupts: 1 }, c: {} }, edges: [[START, "p"], ["p", "a"], ["p", "b"], ["b", "b2"], ["c", END]], joins: [[["a", "b2"], "c"]], interruptAfter: ["b2"] }),
    );
    // b2 pauses in the superstep after a wrote into the barrier.
    const half = set.positions.find((p) => p.pausedIn.includes("b2") && p.channels.includes("join:a+b2:c"));
    expect(half?.firedFrom).toEqual(["a", "b"]);
    expect(shapes(set)).toContain("|c||");
    expect(shapes(set)).not.toContain("|b2,c||");
  });

  it("a Send fan-out: Send targets never run beside the router's named targets (class 3)", () => {
    const set = staticPositions(
      graph({ nodes: { p: {}, w: { interrupts: 1 }, x: { interrupts: 1 } }, edges: [[START, "p"], ["w", END], ["x", END]], branches: [{ from: "p", targets: ["x"], sendTargets: ["w"] }] }),
    );
    expect(shapes(set)).toEqual(["w@0|||w", "w@1|||w", "x@0|||", "x@1|||", "|||"]);
    expect(set.positions.find((p) => p.pausedIn.includes("w"))!.channels).toContain("__pregel_tasks");
  });

  it("a subgraph node pauses where its nested graph does, and only there (class 1)", () => {
    const inner = graph({ nodes: { i1: { interrupts: 1 }, i2: {} }, edges: [[START, "i1"], ["i1", "i2"], ["i2", END]] });
    const outer = (sub: typeof inner) => graph({ nodes: { sub: { kind: "subgraph", subgraph: sub }, q: {} }, edges: [[START, "sub"], ["sub", "q"], ["q", END]] });
    const set = staticPositions(outer(inner));
    expect(shapes(set)).toEqual(["sub@*|||", "|||"]);
    expect(set.positions[0].subgraphs.sub.pausedIn).toEqual(["i1"]);
    expect(set.provenance[0].label).toBe("paused in sub (inside: paused in i1 at interrupt 0)");
    const calm = staticPositions(outer(graph({ nodes: { i1: {} }, edges: [[START, "i1"], ["i1", END]] })));
    expect(shapes(calm)).toEqual(["|||"]);
  });

  it("a finished thread's next turn starts from START with its stored keys (class 13)", () => {
    const g = graph({ nodes: { a: { interrupts: 1 }, b: { writes: ["k0"] } }, edges: [[START, "a"], ["a", "b"], ["b", END]], keys: ["k0"] });
    g.state.input = {}; // the input writes no key: only b does
    const inA = (set: StaticPositions) => set.positions.find((p) => p.pausedIn.includes("a"))!;
    expect(inA(staticPositions(g, { multiTurn: false })).channels).not.toContain("k0");
    expect(inA(staticPositions(g)).channels).toContain("k0");
    expect(staticPositions(g).provenance.some((p) => p.kind === "finished")).toBe(true);
  });

  it("a functional entrypoint: paused at interrupt k after tasks 0..j", () => {
    const at = { file: "wf.ts", line: 1, column: 1 };
    const set = staticPositions(
      graph({
        kind: "functional",
        nodes: {},
        entrypoint: {
          name: "wf",
          location: at,
          body: [
            { kind: "task", name: "a", argsFingerprint: "x", location: at },
            { kind: "interrupt", fingerprint: "i", location: at },
            { kind: "loop", location: at, body: [{ kind: "task", name: "b", argsFingerprint: "x", location: at }] },
            { kind: "interrupt", fingerprint: "j", location: at },
          ],
        },
      }),
    );
    const done = (n: number) => (n === UNBOUNDED ? "*" : String(n));
    expect(set.positions.map((p) => `${p.pausedIn.join()}:${p.answered.wf ?? "-"}:${p.tasksDone === undefined ? "-" : done(p.tasksDone)}`)).toEqual(["wf:0:1", "wf:1:*", ":-:-"]);
  });

  it("unresolved elements widen the set; what cannot be named truncates it", () => {
    const base = { nodes: { a: {}, b: { interrupts: 1 } }, edges: [[START, "a"] as [string, string], ["b", END] as [string, string]] };
    const loc = { file: "g.ts", line: 1, column: 1 };
    const routed = staticPositions(graph({ ...base, unresolved: [{ kind: "router-target", reason: "?", text: "r", location: loc, node: "a" }] }));
    expect(routed.truncated).toBe(false);
    expect(shapes(routed)).toContain("b@0|||");
    const paused = staticPositions(graph({ ...base, edges: [...base.edges, ["a", "b"]], unresolved: [{ kind: "interrupt", reason: "?", text: "i", location: loc, node: "a" }] }));
    expect(shapes(paused)).toContain("a@*|||");
    expect(staticPositions(graph({ ...base, unresolved: [{ kind: "node-name", reason: "?", text: "n", location: loc }] })).truncated).toBe(true);
  });

  it("stays bounded when every node may route and Send anywhere", () => {
    const names = ["a", "b", "c", "d", "e", "f"];
    const loc = { file: "g.ts", line: 1, column: 1 };
    const g = graph({
      nodes: Object.fromEntries(names.map((n) => [n, { interrupts: 1 }])),
      edges: [[START, "a"]],
      unresolved: names.flatMap((node) => (["goto-target", "send-target"] as const).map((kind) => ({ kind, reason: "?", text: "t", location: loc, node }))),
    });
    const started = Date.now();
    const set = staticPositions(g);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(set.truncated).toBe(true);
  });
});

describe("staticPositions on the extractor's fixtures", () => {
  const root = fileURLToPath(new URL("../../../fixtures/extract/", import.meta.url));
  const graphs = readdirSync(root).flatMap((dir) => {
    let text: string;
    try {
      text = readFileSync(`${root}${dir}/expected.snapshot.json`, "utf8");
    } catch {
      return [];
    }
    return Object.entries(JSON.parse(text).graphs as Record<string, Parameters<typeof staticPositions>[0]>).map(([id, g]) => [`${dir}/${id}`, g] as const);
  });
  it.each(graphs)("%s: bounded and deterministic, truncated only when something cannot be named", (_, g) => {
    const started = Date.now();
    const first = staticPositions(g);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(JSON.stringify(staticPositions(g))).toBe(JSON.stringify(first));
    const unnamed = g.kind === "prebuilt" || g.unresolved.some((u) => u.node === undefined && !["state", "state-key", "reducer", "breakpoint", "interrupt"].includes(u.kind));
    if (!unnamed) expect(first.truncated).toBe(false);
    expect(first.provenance.length).toBe(first.positions.length);
  });
});

describe("covers", () => {
  const abstract: ThreadPosition = { ...NO_POSITION, exists: true, pausedIn: ["b"], answered: { b: 1 }, channels: ["k0", "k1"], firedFrom: ["a"], mustChannels: ["k0"] };
  const concrete: ThreadPosition = { ...NO_POSITION, exists: true, pausedIn: ["b"], answered: { b: 0 }, channels: ["k0"], firedFrom: ["a"] };
  it("compares the shape exactly, what is held as may-sets, and counts as upper bounds", () => {
    expect(covers(abstract, concrete)).toBe(true);
    expect(covers(abstract, { ...concrete, answered: { b: 2 } })).toBe(false);
    expect(covers(abstract, { ...concrete, finishedSiblings: ["c"] })).toBe(false);
    expect(covers(abstract, { ...concrete, pending: ["c"] })).toBe(false);
    expect(covers(abstract, { ...concrete, channels: ["k0", "k2"] })).toBe(false);
    expect(covers(abstract, { ...concrete, channels: ["k1"] })).toBe(false);
    expect(covers({ ...abstract, pausedIn: ["b", "c"] }, concrete)).toBe(false);
  });
  it("covers positions inside subgraphs recursively; no abstract child stands for any", () => {
    const child: ThreadPosition = { ...NO_POSITION, exists: true, pausedIn: ["i1"] };
    const outer = { ...abstract, pausedIn: ["sub"], answered: { sub: UNBOUNDED }, mustChannels: [] };
    const real = { ...concrete, pausedIn: ["sub"], answered: {}, subgraphs: { sub: child } };
    expect(covers(outer, real)).toBe(true);
    expect(covers({ ...outer, subgraphs: { sub: child } }, real)).toBe(true);
    expect(covers({ ...outer, subgraphs: { sub: { ...child, pausedIn: ["i2"] } } }, real)).toBe(false);
  });
  it("inStaticSet: a thread with no checkpoint is always in", () => {
    const set = { positions: [abstract], provenance: [], truncated: false };
    expect(inStaticSet(set, NO_POSITION)).toBe(true);
    expect(inStaticSet(set, concrete)).toBe(true);
    expect(inStaticSet(set, { ...concrete, pausedIn: ["x"] })).toBe(false);
  });
});
