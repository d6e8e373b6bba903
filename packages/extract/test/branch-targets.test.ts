/**
 * What `addConditionalEdges` extracts: the path map as written, the targets a branch can lead to, the
 * router's own static returns, Send targets, and an `unresolved` element for every part it cannot read.
 * The dangling-target and branch rules (rows 6a, 6b) read exactly these facts. Written against surviving
 * mutants of `branches.ts`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BranchSnapshot, GraphSnapshot } from "@langgraph-compat/snapshot";
import { extractProject } from "@langgraph-compat/extract";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

function graphOf(source: string): GraphSnapshot {
  const dir = tempDir("lgc-branch-targets-");
  for (const [path, text] of Object.entries({ "langgraph.json": JSON.stringify({ graphs: { agent: "./src/graph.ts:graph" } }), "src/graph.ts": source })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return extractProject({ projectDir: dir }).graphs.agent;
}

/** A graph with nodes start, a, b, c and one branch from `start` written as `branchArgs`. */
const withBranch = (branchArgs: string, prelude = "") => `
import { Annotation, END, START, Send, StateGraph } from "@langchain/langgraph";
const State = Annotation.Root({ kind: Annotation<string>(), n: Annotation<number>() });
const noop = async () => ({});
${prelude}
export const graph = new StateGraph(State)
  .addNode("start", noop).addNode("a", noop).addNode("b", noop).addNode("c", noop)
  .addEdge(START, "start")
  .addConditionalEdges("start", ${branchArgs})
  .addEdge("a", END).addEdge("b", END).addEdge("c", END)
  .compile();
`;

interface Extracted {
  branch: BranchSnapshot;
  unresolved: Array<{ kind: string; reason: string; node?: string }>;
}

function branchOf(branchArgs: string, prelude = ""): Extracted {
  const g = graphOf(withBranch(branchArgs, prelude));
  expect(g.branches).toHaveLength(1);
  return { branch: g.branches[0], unresolved: g.unresolved.map((u) => ({ kind: u.kind, reason: u.reason, node: u.node })) };
}

const pick = `const pick = (state: typeof State.State) => state.kind;`;

describe("path maps", () => {
  it("an array path map is kept as written and its entries are the targets", () => {
    const { branch, unresolved } = branchOf(`pick, ["b", "a"]`, pick);
    expect(branch).toMatchObject({ from: "start", pathMap: ["b", "a"], targets: ["a", "b"], sendTargets: [] });
    expect(branch.router.name).toBe("pick");
    expect(unresolved).toEqual([]);
  });

  it("an object path map maps router values to targets; quoted, computed and END values are read", () => {
    const prelude = `${pick}\nconst KEY = "third";`;
    const { branch, unresolved } = branchOf(`pick, { first: "a", "second": "b", [KEY]: "c", done: END }`, prelude);
    expect(branch.pathMap).toEqual({ first: "a", second: "b", third: "c", done: "__end__" });
    expect(branch.targets).toEqual(["__end__", "a", "b", "c"]);
    expect(unresolved).toEqual([]);
  });

  it("a later key wins over a spread one, as in JavaScript, and a spread of something unreadable is unresolved", () => {
    const prelude = `${pick}\nconst BASE = { done: "a", other: "b" };\ndeclare const EXTRA: Record<string, string>;`;
    const { branch, unresolved } = branchOf(`pick, { ...BASE, done: "c", ...EXTRA }`, prelude);
    expect(branch.pathMap).toEqual({ done: "c", other: "b" });
    expect(branch.targets).toEqual(["b", "c"]);
    expect(unresolved).toEqual([{ kind: "router-target", reason: "path map entries are spread from a value we cannot read", node: "start" }]);
  });

  it("a path map entry whose value is not static is unresolved, and the readable entries are kept", () => {
    const prelude = `${pick}\ndeclare function target(): string;`;
    const { branch, unresolved } = branchOf(`pick, { first: "a", second: target() }`, prelude);
    expect(branch.pathMap).toEqual({ first: "a" });
    expect(unresolved).toEqual([{ kind: "router-target", reason: "path map entry is not static", node: "start" }]);
  });

  it("a path map that is not a literal is unresolved", () => {
    const prelude = `${pick}\ndeclare function pathMap(): Record<string, string>;`;
    const { branch, unresolved } = branchOf(`pick, pathMap()`, prelude);
    expect(branch.targets).toEqual([]);
    expect(unresolved).toEqual([{ kind: "router-target", reason: "path map is not a literal", node: "start" }]);
  });

  it("records the router's static returns (sorted, once each) next to the path map, for row 6b", () => {
    const prelude = `function route(state: typeof State.State) { if (state.n > 1) return "x"; if (state.n > 0) return "y"; return "x"; }`;
    const { branch, unresolved } = branchOf(`route, { x: "a", y: "b" }`, prelude);
    expect(branch.returns).toEqual(["x", "y"]);
    expect(branch.targets).toEqual(["a", "b"]);
    expect(unresolved).toEqual([]);
  });

  it("a router whose returns cannot be read has no `returns`, and that is not unresolved when a path map says where it goes", () => {
    const { branch, unresolved } = branchOf(`pick, { a: "a" }`, pick);
    expect(branch.returns).toBeUndefined();
    expect(unresolved).toEqual([]);
  });

  it("Sends in a router with a path map are still targets", () => {
    const prelude = `function fan(state: typeof State.State) { return state.n > 1 ? [new Send("c", state)] : "x"; }`;
    const { branch } = branchOf(`fan, { x: "a" }`, prelude);
    expect(branch.sendTargets).toEqual(["c"]);
    expect(branch.targets).toEqual(["a", "c"]);
  });
});

describe("routers without a path map", () => {
  it("literal returns and Sends are the targets, each once and sorted", () => {
    const prelude = `function route(state: typeof State.State) { if (state.n > 2) return [new Send("b", state), new Send("b", state)]; return state.n > 1 ? "c" : END; }`;
    const { branch, unresolved } = branchOf(`route`, prelude);
    expect(branch).toMatchObject({ targets: ["__end__", "b", "c"], sendTargets: ["b"] });
    expect(branch.pathMap).toBeUndefined();
    expect(branch.returns).toBeUndefined();
    expect(unresolved).toEqual([]);
  });

  it("a return it cannot read falls back to the declared literal return type, including typeof END and Promise<...>", () => {
    const prelude = `function route(state: typeof State.State): "a" | "b" | typeof END { return state.kind as "a"; }`;
    const { branch, unresolved } = branchOf(`route`, prelude);
    expect(branch.targets).toEqual(["__end__", "a", "b"]);
    expect(unresolved).toEqual([]);
    const single = branchOf(`async (state: typeof State.State): Promise<"c"> => state.kind as "c"`);
    expect(single.branch.targets).toEqual(["c"]);
    expect(single.unresolved).toEqual([]);
  });

  // Known gap (reported, not fixed here): `Promise<"a" | "b">` is one type reference whose argument is a
  // union, and declaredReturnNames only unwraps Promise around a single literal, so such an async router
  // is reported as unresolved. Flip this to `it` when it is fixed.
  it.fails("an async router declared `Promise<\"a\" | \"b\">` has targets a and b", () => {
    const { branch } = branchOf(`async (state: typeof State.State): Promise<"a" | "b"> => state.kind as "a"`);
    expect(branch.targets).toEqual(["a", "b"]);
  });

  it("without a literal return type an unreadable return is unresolved, and so is a type with a non-literal part", () => {
    for (const signature of ["", `: string`, `: "a" | string`]) {
      const { branch, unresolved } = branchOf(`(state: typeof State.State)${signature} => state.kind`);
      expect(branch.targets, signature).toEqual([]);
      expect(unresolved.map((u) => [u.kind, u.node]), signature).toEqual([["router-target", "start"]]);
    }
  });

  it("a router that is not a function we can read is unresolved, and the branch still records its source", () => {
    const prelude = `declare function makeRouter(): (s: unknown) => string;`;
    const { branch, unresolved } = branchOf(`makeRouter()`, prelude);
    expect(branch).toMatchObject({ from: "start", targets: [] });
    expect(branch.router.name).toBeUndefined();
    expect(unresolved).toEqual([{ kind: "router-target", reason: "router is not a function we can read", node: "start" }]);
  });

  it("the router's fingerprint follows its body, not its name", () => {
    const a = branchOf(`route`, `function route(state: typeof State.State) { return state.n > 1 ? "a" : "b"; }`).branch.router;
    const renamed = branchOf(`choose`, `function choose(state: typeof State.State) { return state.n > 1 ? "a" : "b"; }`).branch.router;
    const changed = branchOf(`route`, `function route(state: typeof State.State) { return state.n > 2 ? "a" : "b"; }`).branch.router;
    expect(renamed.name).toBe("choose");
    expect(changed.fingerprint).not.toBe(a.fingerprint);
  });
});
