/**
 * The verdict over thread positions (issue 9): `endangers` says what a finding does to a thread at one
 * position (severity, outcome, rows, state in words); the diff keeps the worst over the static positions of
 * the before graph, lowers with a reason naming what no thread can be, and lists the endangered states.
 */
import { describe, expect, it } from "vitest";
import { NO_POSITION, applyVerdict, endangers, renderText, toJsonReport, type Finding, type ThreadPosition } from "../src/index.js";
import { END, START, chain, channel, diff, graph, interrupt, node } from "./helpers.js";

const at = (p: Partial<ThreadPosition>): ThreadPosition => ({ ...NO_POSITION, exists: true, ...p });

describe("endangers: what a finding does at one position", () => {
  it("names the outcome, rows and thread state, and never exceeds the finding's severity", () => {
    const removed = { ruleId: "node-removed" as const, severity: "breaking" as const, subject: { kind: "node" as const, node: "review" }, meta: {} };
    expect(endangers(removed, at({ pausedIn: ["review"] }))).toEqual({ severity: "breaking", outcome: "silent-halt", rows: ["1a", "2a", "13a"], state: "threads paused in `review`" });
    expect(endangers(removed, at({ pending: ["review"] }))?.state).toBe("threads waiting to run `review`");
    expect(endangers({ ...removed, severity: "risky" }, at({ pausedIn: ["review"] }))?.severity).toBe("risky");
    expect(endangers(removed, at({ pausedIn: ["other"] }))).toBeUndefined();
  });

  it("a lost key is breaking only where a node of the new graph reads it before anything writes it (9a, 9b, 17b, 17c)", () => {
    const after = graph({ nodes: [node("ask", { writes: ["answer"], alwaysWrites: ["answer"] }), node("finish", { reads: ["answer"] })], edges: chain("ask", "finish"), channels: [channel("answer")] });
    const renamed = { ruleId: "state-key-renamed" as const, severity: "breaking" as const, subject: { kind: "state-key" as const, key: "old" }, meta: { to: "answer" } };
    // Paused in ask: ask writes answer before finish reads it.
    expect(endangers(renamed, at({ pausedIn: ["ask"], channels: ["old"] }), { after })?.severity).toBe("risky");
    // A thread waiting for finish reads the empty new key at once.
    expect(endangers(renamed, at({ pending: ["finish"], channels: ["old"] }), { after })).toMatchObject({ severity: "breaking", rows: ["9a", "9b"] });
    // A finished thread's next turn starts at START, and ask writes first.
    expect(endangers(renamed, at({ channels: ["old"] }), { after })?.severity).toBe("risky");
    const readFirst = graph({ nodes: [node("greet", { reads: ["answer"] })], edges: chain("greet") });
    expect(endangers(renamed, at({ channels: ["old"] }), { after: readFirst })).toMatchObject({ severity: "breaking", rows: ["9b", "17c"] });
    // Nothing stored, nothing lost; without the new graph, any stored value counts as read.
    expect(endangers(renamed, at({ pausedIn: ["ask"] }), { after })).toBeUndefined();
    expect(endangers(renamed, at({ pausedIn: ["ask"], channels: ["old"] }))?.severity).toBe("breaking");
    // `ask` writes the key on some runs only: on the others `finish` reads the empty new key.
    const sometimes = graph({ nodes: [node("ask", { writes: ["answer"] }), node("finish", { reads: ["answer"] })], edges: chain("ask", "finish"), channels: [channel("answer")] });
    expect(endangers(renamed, at({ pausedIn: ["ask"], channels: ["old"] }), { after: sometimes })).toMatchObject({ severity: "breaking", state: "threads paused holding a value in `old` (`finish` reads `answer` after resume before anything writes it)" });
  });

  it("a new edge out of a node the thread is paused in is taken afresh; one beside a finished sibling is stale (15f, 4e)", () => {
    const added = { ruleId: "edge-added" as const, severity: "risky" as const, subject: { kind: "edge" as const, from: "a", to: "y" }, meta: {} };
    expect(endangers(added, at({ pausedIn: ["a"], firedFrom: ["a"] }))).toBeUndefined();
    expect(endangers(added, at({ pausedIn: ["b"], firedFrom: ["a"] }))?.state).toBe("threads paused after `a`'s routes fired");
    expect(endangers(added, at({ pausedIn: ["b"], finishedSiblings: ["a"] }))?.state).toBe("threads paused beside `a`, whose routes are replayed as saved");
  });
});

describe("endangers: a router whose body is unchanged", () => {
  it("makes stale only the held routes whose path-map entry moved (6d)", () => {
    const changed = { ruleId: "branch-changed" as const, severity: "risky" as const, subject: { kind: "branch" as const, from: "prep" }, meta: { staleTargets: ["shortcut"] } };
    expect(endangers(changed, at({ pausedIn: ["ask"], firedFrom: ["prep"] }))).toBeUndefined();
    expect(endangers(changed, at({ pending: ["shortcut"], firedFrom: ["prep"] }))?.state).toBe("threads paused with the route `prep -> shortcut` held");
    // A changed router body (no staleTargets): any held route may be stale.
    expect(endangers({ ...changed, meta: {} }, at({ pausedIn: ["ask"], firedFrom: ["prep"] }))).toBeDefined();
  });
});

describe("the verdict in the diff", () => {
  it("lowers with the proof and lists no state when nothing is endangered; lists the states otherwise", async () => {
    const before = graph({ nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")] }), node("polish"), node("finish")], edges: chain("prep", "ask", "polish", "finish") });
    const after = graph({ nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")] }), node("finish")], edges: chain("prep", "ask", "finish") });
    const polish = (await diff(before, after)).findings.find((f) => f.ruleId === "node-removed");
    expect(polish?.severity).toBe("safe");
    expect(polish?.reasons?.[0]).toMatch(/^lowered to safe: no thread can be paused in or waiting for "polish".*no thread's last writer \(row 4d\)$/);
    expect(polish?.endangered).toBeUndefined();

    const gone = (await diff(before, graph({ nodes: [node("prep"), node("polish"), node("finish")], edges: chain("prep", "polish", "finish") }))).findings.find((f) => f.ruleId === "node-removed");
    expect(gone?.severity).toBe("breaking");
    expect(gone?.endangered).toEqual(["threads paused in `ask`"]);
  });

  it("keeps updateState's last-writer residual: risky for the node a finished thread ended on (4g), safe when unreachable (4a)", async () => {
    const before = graph({ nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")] }), node("tail"), node("orphan")], edges: chain("prep", "ask", "tail") });
    const after = graph({ nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")] })], edges: chain("prep", "ask") });
    const found = (await diff(before, after)).findings.filter((f) => f.ruleId === "node-removed");
    const tail = found.find((f) => f.path === "nodes/tail");
    expect(tail?.severity).toBe("risky");
    expect(tail?.endangered).toEqual(["finished threads whose last writer was `tail` (updateState without asNode throws)"]);
    expect(found.find((f) => f.path === "nodes/orphan")?.reasons?.[0]).toMatch(/"orphan" is not reachable from START, so no thread ever ran it \(row 4a\)$/);
  });

  it("assumes the worst, and says so, when the positions are truncated", () => {
    const finding: Finding = { ruleId: "node-removed", severity: "breaking", graph: "g", subject: { kind: "node", node: "x" }, path: "nodes/x", meta: {}, fingerprint: "0" };
    const g = graph({ nodes: [node("x")], edges: chain("x") });
    const [kept] = applyVerdict([finding], { before: g, positions: { positions: [], truncated: true }, context: {}, residualOf: () => undefined });
    expect(kept.severity).toBe("breaking");
    expect(kept.reasons?.[0]).toMatch(/^kept at breaking: the positions of the before graph were not all explored/);
    const [lowered] = applyVerdict([finding], { before: g, positions: { positions: [], truncated: false }, context: {}, residualOf: () => undefined });
    expect(lowered.severity).toBe("safe");
  });

  it("shows the endangered states in the text and JSON reports", async () => {
    const before = graph({ nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")] })], edges: [[START, "prep"], ["prep", "ask"], ["ask", END]], channels: [channel("notes")] });
    const after = graph({ nodes: [node("prep")], edges: chain("prep"), channels: [channel("notes")] });
    const result = await diff(before, after);
    const states = ["finished threads whose last writer was `ask` (updateState without asNode throws)", "threads paused in `ask`"];
    expect(renderText(result)).toContain(`      endangers: ${states.join("; ")}\n`);
    expect(toJsonReport(result).findings.find((f) => f.ruleId === "node-removed")?.endangered).toEqual(states);
  });
});
