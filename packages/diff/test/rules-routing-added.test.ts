/**
 * branch-added and edge-added as a user reads them: the message, and which paused threads keep the route
 * chosen before (rows 15f, 6d, 5a). Source `r` is an interruptAfter node, so threads paused after its routes
 * fired exist. When `r` is renamed, those threads are named by its old name, which is what positions know.
 * Expectations written by hand from each rule's wording; written against surviving mutants (issue 8).
 */
import { describe, expect, it } from "vitest";
import type { BranchSnapshot, GraphSnapshot } from "@langgraph-compat/snapshot";
import { renderMessage, toJsonReport } from "../src/index.js";
import { END, START, branch, chain, diff, graph, node } from "./helpers.js";

const fn = (name: string) => ({ name, fingerprint: `fn:${name}`, location: { file: "src/graph.ts", line: 1, column: 1 } });

/** What a user reads of each finding of `rule`. */
async function seen(rule: string, before: GraphSnapshot, after: GraphSnapshot) {
  return (await diff(before, after)).findings
    .filter((f) => f.ruleId === rule)
    .map((f) => ({ severity: f.severity, path: f.path, message: renderMessage(f), reasons: f.reasons ?? [], endangered: f.endangered ?? [] }));
}

/** The `meta` of each finding of `rule` as the JSON report shows it (`source`: the before name of a renamed source). */
async function metaOf(rule: string, before: GraphSnapshot, after: GraphSnapshot) {
  return toJsonReport(await diff(before, after)).findings.filter((f) => f.ruleId === rule).map((f) => f.meta);
}

/** first -> r -> a -> b, paused after r; `name` renames r (same function, so the rename is inferred). */
const line = (opts: { name?: string; branches?: BranchSnapshot[]; edges?: Array<[string, string]>; paused?: boolean } = {}) => {
  const r = opts.name ?? "r";
  return graph({
    nodes: [node("first"), node(r, { function: fn("r") }), node("a"), node("b")],
    edges: [...chain("first", r, "a", "b"), ...(opts.edges ?? [])],
    branches: opts.branches ?? [],
    interruptAfter: opts.paused === false ? [] : [r],
  });
};

describe("branch-added", () => {
  it("names the router's targets, and the threads paused after the source keep the old route", async () => {
    expect(await seen("branch-added", line(), line({ branches: [branch("r", ["a", "b"])] }))).toEqual([
      {
        severity: "risky",
        path: "branches/r",
        message: `conditional edge out of "r" was added (targets a, b)`,
        reasons: [],
        endangered: ["threads paused after `r`'s routes fired"],
      },
    ]);
  });

  it("the JSON report names the source's old name only when it was renamed", async () => {
    expect(await metaOf("branch-added", line(), line({ branches: [branch("r", ["a", "b"])] }))).toEqual([{ from: "r", targets: ["a", "b"] }]);
    expect(await metaOf("branch-added", line(), line({ name: "r2", branches: [branch("r2", ["b"])] }))).toEqual([{ from: "r2", targets: ["b"], source: "r" }]);
  });

  it("says 'unknown' when the targets could not be read", async () => {
    const [found] = await seen("branch-added", line(), line({ branches: [branch("r", [])] }));
    expect(found?.message).toBe(`conditional edge out of "r" was added (targets unknown)`);
  });

  it("out of a renamed source, endangers the threads paused after its old name", async () => {
    const after = line({ name: "r2", branches: [branch("r2", ["b"])] });
    expect(await seen("branch-added", line(), after)).toEqual([
      {
        severity: "risky",
        path: "branches/r2",
        message: `conditional edge out of "r2" was added (targets b)`,
        reasons: [],
        endangered: ["threads paused after `r`'s routes fired"],
      },
    ]);
  });

  it("out of a renamed source that is not the first node, names that node and no other", async () => {
    // Threads pause only after `first`, whose routes fired; only a thread paused after `r` would hold r's old route.
    const g = (r: string, branches: BranchSnapshot[] = []) =>
      graph({ nodes: [node("first"), node(r, { function: fn("r") }), node("a"), node("b")], edges: chain("first", r, "a", "b"), branches, interruptAfter: ["first"] });
    const [found] = await seen("branch-added", g("r"), g("r2", [branch("r2", ["b"])]));
    // Paused after `first`, r has not run: r2 takes its routes afresh, so no thread is endangered.
    expect(found?.severity).toBe("safe");
    expect(found?.endangered).toEqual([]);
  });

  it("is safe when no thread can be paused after the source", async () => {
    const [found] = await seen("branch-added", line({ paused: false }), line({ paused: false, branches: [branch("r", ["a", "b"])] }));
    expect(found?.severity).toBe("safe");
    expect(found?.endangered).toEqual([]);
  });
});

describe("edge-added", () => {
  it("names the edge, and the threads paused after the source keep the old route (15f)", async () => {
    expect(await seen("edge-added", line(), line({ edges: [["r", "b"]] }))).toEqual([
      { severity: "risky", path: "edges/r->b", message: "edge r -> b was added", reasons: [], endangered: ["threads paused after `r`'s routes fired"] },
    ]);
  });

  it("out of a renamed source, endangers the threads paused after its old name", async () => {
    expect(await seen("edge-added", line(), line({ name: "r2", edges: [["r2", "b"]] }))).toEqual([
      { severity: "risky", path: "edges/r2->b", message: "edge r2 -> b was added", reasons: [], endangered: ["threads paused after `r`'s routes fired"] },
    ]);
  });

  it("the JSON report names the source's old name only when it was renamed", async () => {
    expect(await metaOf("edge-added", line(), line({ edges: [["r", "b"]] }))).toEqual([{ from: "r", to: "b" }]);
    expect(await metaOf("edge-added", line(), line({ name: "r2", edges: [["r2", "b"]] }))).toEqual([{ from: "r2", to: "b", source: "r" }]);
  });

  it("out of START is no finding for a paused thread: START's routes never fire again", async () => {
    const found = await seen("edge-added", line(), line({ edges: [[START, "a"]] }));
    expect(found.map((f) => [f.path, f.message])).toEqual([["edges/__start__->a", `edge ${START} -> a was added`]]);
    expect(found[0]?.endangered).toEqual([]);
  });

  it("into END is named as such", async () => {
    const [found] = await seen("edge-added", line(), line({ edges: [["r", END]] }));
    expect(found?.message).toBe(`edge r -> ${END} was added`);
  });
});
