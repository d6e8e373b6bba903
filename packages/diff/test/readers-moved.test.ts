/**
 * state-key-readers-moved (issue 9, class 14): nodes that read key A now read a new key B. Old threads keep
 * their value in A and start B empty; the verdict judges whether a thread holding A reads B first.
 */
import { describe, expect, it } from "vitest";
import { NO_POSITION, endangers, getRule, type ThreadPosition } from "../src/index.js";
import { END, START, chain, channel, diff, graph, interrupt, node, triples } from "./helpers.js";

const RULE = "state-key-readers-moved";
const appendList = { type: { type: "array", items: { type: "string" } }, reducer: { kind: "custom" as const, name: "append", fingerprint: "append" }, default: { kind: "channel" as const, fingerprint: "[]" } };

/** START -> respond -> END: a chat whose every thread is finished between turns. */
const chat = (reads: string[], channels = [channel("history", appendList)], writes = ["history"]) =>
  graph({ nodes: [node("respond", { reads, writes })], edges: chain("respond"), channels });

/** prep -> ask (interrupt) -> done, with the given nodes' reads and writes. */
const paused = (done: { reads: string[]; writes?: string[] }, prep: { writes: string[] }, channels: ReturnType<typeof channel>[]) =>
  graph({
    nodes: [node("prep", { writes: prep.writes }), node("ask", { interrupts: [interrupt("q")] }), node("done", { reads: done.reads, writes: done.writes ?? [] })],
    edges: chain("prep", "ask", "done"),
    channels,
  });

const ours = async (before: Parameters<typeof diff>[0], after: Parameters<typeof diff>[1]) =>
  (await diff(before, after)).findings.filter((f) => f.ruleId === RULE);

describe("state-key-readers-moved", () => {
  it("fires, breaking, when a finished thread's next turn reads the new key before anything writes it (9b, 17c)", async () => {
    const before = chat(["history"]);
    const after = chat(["context"], [channel("history", appendList), channel("context", appendList)], ["context", "history"]);
    expect(await triples(before, after)).toEqual([
      ["state-key-added", "safe", "state/context"],
      [RULE, "breaking", "state/context"],
    ]);
    const [f] = await ours(before, after);
    expect(f.meta).toEqual({ key: "context", from: ["history"], readers: ["respond"], defaulted: true });
    expect(f.endangered).toEqual(["finished threads holding a value in `history` (`respond` reads `context` on the next turn before anything writes it)"]);
    expect(getRule(RULE)?.message(f.meta)).toBe(
      'node "respond" now reads new state key "context" instead of "history"; old threads keep their values in "history" and start "context" at its default',
    );
  });

  it("fires for a thread paused before the reader, and names every old key the readers left (open-canvas 23a44f8 shape)", async () => {
    const before = paused({ reads: ["items", "selected"] }, { writes: ["items", "selected"] }, [channel("items", appendList), channel("selected")]);
    const after = paused({ reads: ["item"] }, { writes: ["item"] }, [channel("item", { type: { type: "object" } })]);
    const found = await triples(before, after);
    expect(found.filter(([id]) => id === RULE)).toEqual([[RULE, "breaking", "state/item"]]);
    const [f] = await ours(before, after);
    expect(f.meta).toEqual({ key: "item", from: ["items", "selected"], readers: ["done"], defaulted: false });
    expect(getRule(RULE)?.message(f.meta)).toContain('instead of "items", "selected"; old threads keep their values in "items", "selected" and start "item" undefined');
    expect(f.endangered?.some((s) => s.startsWith("threads paused holding a value in `items` (`done` reads `item` after resume"))).toBe(true);
  });

  it("follows a renamed reader, and names it by its new name", async () => {
    const fn = { name: "f", fingerprint: "fn:reply", location: { file: "g.ts", line: 1, column: 1 } };
    const before = graph({ nodes: [node("reply", { reads: ["history"], function: fn })], edges: chain("reply"), channels: [channel("history", appendList)] });
    const after = graph({
      nodes: [node("answer", { reads: ["context"], function: fn })],
      edges: chain("answer"),
      channels: [channel("history", appendList), channel("context", appendList)],
    });
    const [f] = await ours(before, after);
    expect(f.meta.readers).toEqual(["answer"]);
    expect(f.severity).toBe("breaking");
  });

  it("is silent when the reader still reads the old key (a fallback or a copy), or may read the whole state", async () => {
    const before = chat(["history"]);
    const both = [channel("history", appendList), channel("context", appendList)];
    expect(await ours(before, chat(["context", "history"], both, ["context", "history"]))).toEqual([]);
    expect(await ours(before, chat(["*", "context"], both, ["context", "history"]))).toEqual([]);
  });

  it("is silent when the new key is state-key-renamed's (same type and reducer), or declared as a rename", async () => {
    const before = chat(["history"]);
    const renamed = chat(["context"], [channel("context", appendList)], ["context"]);
    expect(await triples(before, renamed)).toEqual([["state-key-renamed", "breaking", "state/history"]]);
    const other = chat(["context"], [channel("context", { type: { type: "string" } })], ["context"]);
    const declared = await diff(before, other, { renames: { stateKeys: { agent: { history: "context" } } } });
    expect(declared.findings.map((f) => f.ruleId)).toEqual(["state-key-renamed"]);
  });

  it("is silent for an untracked new key, an untracked old key, a reader new in v2, and an old key read only through `*`", async () => {
    const both = (opts: object) => [channel("history", appendList), channel("context", { ...appendList, ...opts })];
    expect(await ours(chat(["history"]), chat(["context"], both({ untracked: true }), ["history"]))).toEqual([]);
    const untrackedOld = chat(["history"], [channel("history", { ...appendList, untracked: true })]);
    expect(await ours(untrackedOld, chat(["context"], [channel("history", { ...appendList, untracked: true }), channel("context", appendList)], ["context"]))).toEqual([]);
    const newReader = graph({
      nodes: [node("respond", { reads: ["history"], writes: ["history"] }), node("summarize", { reads: ["context"] })],
      edges: [[START, "respond"], ["respond", "summarize"], ["summarize", END]],
      channels: both({}),
    });
    expect(await ours(chat(["history"]), newReader)).toEqual([]);
    const whole = graph({ nodes: [node("respond", { reads: ["*"] })], edges: chain("respond"), channels: [channel("history", { ...appendList, readBy: ["respond"] })] });
    expect(await ours(whole, chat(["context"], both({}), ["context"]))).toEqual([]);
  });

  it("is lowered to safe when the new key is written before its reader on every path", async () => {
    // `ask` re-runs on resume and writes `reply` before `done`; a finished thread's next turn runs it first too.
    const before = graph({
      nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")], writes: ["answer"] }), node("done", { reads: ["answer"] })],
      edges: chain("prep", "ask", "done"),
      channels: [channel("answer")],
    });
    const after = graph({
      nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")], writes: ["answer", "reply"], alwaysWrites: ["answer", "reply"] }), node("done", { reads: ["reply"] })],
      edges: chain("prep", "ask", "done"),
      channels: [channel("answer"), channel("reply")],
    });
    const [f] = await ours(before, after);
    expect(f.severity).toBe("safe");
    expect(f.reasons).toEqual([
      'lowered to safe: no thread holding a value in "answer" reaches a node that reads "reply" before anything writes it, after a resume or on its next turn (rows 9b, 17c)',
    ]);
  });

  it("is lowered to safe when no thread can hold a value in the old key", async () => {
    // `a` is no input key and no node writes it: no thread ever holds a value there.
    const g = (reads: string[], channels: ReturnType<typeof channel>[]) => {
      const built = graph({ nodes: [node("prep"), node("ask", { interrupts: [interrupt("q")] }), node("done", { reads })], edges: chain("prep", "ask", "done"), channels: [channel("q"), ...channels] });
      built.state.input = { q: { type: "string" } };
      return built;
    };
    const [f] = await ours(g(["a"], [channel("a")]), g(["b"], [channel("a"), channel("b", { type: { type: "number" } })]));
    expect(f.severity).toBe("safe");
    expect(f.reasons?.[0]).toMatch(/^lowered to safe: no thread holding a value in "a" reaches/);
  });
});

describe("endangers for state-key-readers-moved", () => {
  const finding = { ruleId: RULE, severity: "breaking", subject: { kind: "state-key", key: "context" }, meta: { key: "context", from: ["history"], readers: ["respond"], defaulted: true } } as const;
  const after = chat(["context"], [channel("history", appendList), channel("context", appendList)], ["context", "history"]);
  const finished = (channels: string[]): ThreadPosition => ({ ...NO_POSITION, exists: true, channels });

  it("endangers a thread that holds the old key, and only that one", () => {
    expect(endangers(finding, finished(["history"]), { after })).toMatchObject({ severity: "breaking", outcome: "silent-data-loss", rows: ["9b", "17c"] });
    expect(endangers(finding, finished(["message"]), { after })).toBeUndefined();
    expect(endangers(finding, NO_POSITION, { after })).toBeUndefined();
  });

  it("spares the thread when the new key is written before it is read, and assumes the worst without the after graph", () => {
    const writtenFirst = graph({
      nodes: [node("load", { writes: ["context"], alwaysWrites: ["context"] }), node("respond", { reads: ["context"] })],
      edges: chain("load", "respond"),
      channels: [channel("history", appendList), channel("context")],
    });
    expect(endangers(finding, finished(["history"]), { after: writtenFirst })).toBeUndefined();
    expect(endangers(finding, finished(["history"]))?.severity).toBe("breaking");
    // An appending reducer folds the write into what the key held: the reader sees only this turn's part.
    const appended = { ...writtenFirst, state: { ...writtenFirst.state, channels: { ...writtenFirst.state.channels, context: channel("context", appendList) } } };
    expect(endangers(finding, finished(["history"]), { after: appended })?.severity).toBe("breaking");
    // A node that writes the key on some runs only hides nothing.
    const sometimes = { ...writtenFirst, nodes: { ...writtenFirst.nodes, load: { ...writtenFirst.nodes.load, alwaysWrites: undefined } } };
    expect(endangers(finding, finished(["history"]), { after: sometimes })?.severity).toBe("breaking");
  });

  it("is never above the finding's own severity", () => {
    expect(endangers({ ...finding, severity: "risky" }, finished(["history"]), { after })?.severity).toBe("risky");
    expect(endangers({ ...finding, severity: "safe" }, finished(["history"]), { after })).toBeUndefined();
  });
});
