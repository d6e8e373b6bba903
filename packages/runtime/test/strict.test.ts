/**
 * Strict mode: each outcome LangGraph swallows raises its typed error, naming the node or channel;
 * healthy resumes stay quiet. The same graphs run silently without `strict`.
 */
import { describe, expect, it, vi } from "vitest";
import {
  Annotation,
  Command,
  END,
  MemorySaver,
  OrphanedWritesError,
  PendingInterruptLostError,
  START,
  Send,
  StateGraph,
  StrictModeError,
  UnknownChannelWriteError,
  UnknownSendTargetError,
  interrupt,
} from "../src/index.js";

const append = (a: string[], b: string[]) => a.concat(b);
const State = Annotation.Root({
  log: Annotation<string[]>({ reducer: append, default: () => [] }),
  results: Annotation<string[]>({ reducer: append, default: () => [] }),
  answer: Annotation<string>,
  sideNote: Annotation<string>,
});
const ask = () => ({ answer: interrupt("ok?") as string, log: ["ask"] });
const step = (name: string) => () => ({ log: [name] });
const thread = (id: string) => ({ configurable: { thread_id: id } });

/** START -> ask -> done, or START -> <renamed> -> done. */
function linear(saver: MemorySaver, askName: string, strict = true) {
  return new StateGraph(State)
    .addNode(askName, ask)
    .addNode("done", step("done"))
    .addEdge(START, askName)
    .addEdge(askName, "done")
    .addEdge("done", END)
    .compile({ checkpointer: saver, strict });
}

/** START -> ask and START -> <side> in parallel. */
function siblings(saver: MemorySaver, side: string | undefined, strict = true, sideWrites: Record<string, unknown> = { sideNote: "s" }) {
  let g = new StateGraph(State).addNode("ask", ask).addEdge(START, "ask").addEdge("ask", END);
  if (side) g = g.addNode(side, () => sideWrites).addEdge(START, side).addEdge(side, END);
  return g.compile({ checkpointer: saver, strict });
}

describe("strict mode", () => {
  it("a resume that runs nothing while the thread was paused in a removed node: PendingInterruptLostError", async () => {
    const saver = new MemorySaver();
    await linear(saver, "ask").invoke({ log: [] }, thread("a"));
    const v2 = linear(saver, "approval");
    const error = await v2.invoke(new Command({ resume: "yes" }), thread("a")).catch((e) => e);
    expect(error).toBeInstanceOf(PendingInterruptLostError);
    expect(error).toBeInstanceOf(StrictModeError);
    expect(error.node).toBe("ask");
    // The same graph without strict halts silently (row 2a).
    const silent = await linear(saver, "approval", false).invoke(new Command({ resume: "yes" }), thread("a"));
    expect(silent.__interrupt__).toBeUndefined();
  });

  it("the strict flag can also be passed per call", async () => {
    const saver = new MemorySaver();
    await linear(saver, "ask", false).invoke({ log: [] }, thread("a"));
    const error = await linear(saver, "approval", false).invoke(null, { ...thread("a"), strict: true }).catch((e) => e);
    expect(error).toBeInstanceOf(PendingInterruptLostError);
  });

  it("a thread paused before a removed breakpoint node: PendingInterruptLostError naming it", async () => {
    const saver = new MemorySaver();
    const build = (x: string | undefined) => {
      let g = new StateGraph(State).addNode("prep", step("prep")).addEdge(START, "prep");
      g = x ? g.addNode(x, step(x)).addEdge("prep", x).addEdge(x, END) : g.addEdge("prep", END);
      return g.compile({ checkpointer: saver, interruptBefore: x ? [x] : [], strict: true });
    };
    await build("X").invoke({ log: [] }, thread("b"));
    const error = await build(undefined).invoke(null, thread("b")).catch((e) => e);
    expect(error).toBeInstanceOf(PendingInterruptLostError);
    expect(error.node).toBe("X");
  });

  it("a paused subgraph node renamed in the parent: PendingInterruptLostError naming it", async () => {
    const saver = new MemorySaver();
    const child = new StateGraph(State).addNode("inner", ask).addEdge(START, "inner").addEdge("inner", END).compile();
    const parent = (name: string) => new StateGraph(State).addNode(name, child).addEdge(START, name).addEdge(name, END).compile({ checkpointer: saver, strict: true });
    await parent("sub").invoke({ log: [] }, thread("c"));
    const error = await parent("sub2").invoke(new Command({ resume: "yes" }), thread("c")).catch((e) => e);
    expect(error).toBeInstanceOf(PendingInterruptLostError);
    expect(error.node).toBe("sub");
  });

  it("a pending Send to a removed node: UnknownSendTargetError instead of a warning", async () => {
    const saver = new MemorySaver();
    const build = (worker: string | undefined) => {
      let g = new StateGraph(State).addNode("prep", step("prep")).addNode("ask", ask).addEdge(START, "prep").addEdge("ask", END);
      if (worker) g = g.addNode(worker, (s: { item: string }) => ({ results: [s.item] })).addEdge(worker, END);
      return g
        .addConditionalEdges("prep", () => (worker ? [new Send(worker, { item: "a" }), "ask"] : ["ask"]))
        .compile({ checkpointer: saver, strict: true });
    };
    await build("worker").invoke({ log: [] }, thread("d"));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = await build(undefined).invoke(new Command({ resume: "yes" }), thread("d")).catch((e) => e);
    warn.mockRestore();
    expect(error).toBeInstanceOf(UnknownSendTargetError);
    expect(error.node).toBe("worker");
  });

  it("a router naming a removed node: UnknownChannelWriteError naming branch:to:<node>", async () => {
    const saver = new MemorySaver();
    const build = (targets: string[]) => {
      let g = new StateGraph(State).addNode("ask", ask).addEdge(START, "ask");
      for (const t of targets) g = g.addNode(t, step(t)).addEdge(t, END);
      return g.addConditionalEdges("ask", () => "legacy").compile({ checkpointer: saver, strict: true });
    };
    await build(["legacy", "modern"]).invoke({ log: [] }, thread("e"));
    const error = await build(["modern"]).invoke(new Command({ resume: "yes" }), thread("e")).catch((e) => e);
    expect(error).toBeInstanceOf(UnknownChannelWriteError);
    expect(error.channel).toBe("branch:to:legacy");
    expect(error.writer).toBe("ask");
  });

  it("Command({ goto }) naming a removed node: UnknownChannelWriteError", async () => {
    const saver = new MemorySaver();
    await linear(saver, "ask").invoke({ log: [] }, thread("f"));
    const error = await linear(saver, "ask").invoke(new Command({ goto: "gone", resume: "yes" }), thread("f")).catch((e) => e);
    expect(error).toBeInstanceOf(UnknownChannelWriteError);
    expect(error.channel).toBe("branch:to:gone");
  });

  it("a finished sibling's saved write to a removed key: UnknownChannelWriteError naming the key", async () => {
    const saver = new MemorySaver();
    await siblings(saver, "side", true, { results: ["r"] }).invoke({ log: [] }, thread("g"));
    const Smaller = Annotation.Root({ log: Annotation<string[]>({ reducer: append, default: () => [] }), answer: Annotation<string> });
    const v2 = new StateGraph(Smaller)
      .addNode("ask", ask)
      .addNode("side", () => ({ log: ["side"] }))
      .addEdge(START, "ask")
      .addEdge(START, "side")
      .addEdge("ask", END)
      .addEdge("side", END)
      .compile({ checkpointer: saver, strict: true });
    const error = await v2.invoke(new Command({ resume: "yes" }), thread("g")).catch((e) => e);
    expect(error).toBeInstanceOf(UnknownChannelWriteError);
    expect(error.channel).toBe("results");
  });

  it("orphaned writes of a removed or renamed sibling: OrphanedWritesError naming it", async () => {
    for (const v2Side of [undefined, "side2"]) {
      const saver = new MemorySaver();
      await siblings(saver, "side").invoke({ log: [] }, thread("h"));
      const error = await siblings(saver, v2Side).invoke(new Command({ resume: "yes" }), thread("h")).catch((e) => e);
      expect(error).toBeInstanceOf(OrphanedWritesError);
      expect(error.node).toBe("side");
      expect(error.channels).toContain("sideNote");
    }
  });

  it("healthy resumes raise nothing in strict mode", async () => {
    const saver = new MemorySaver();
    await siblings(saver, "side").invoke({ log: [] }, thread("i"));
    const done = await siblings(saver, "side").invoke(new Command({ resume: "yes" }), thread("i"));
    expect(done).toMatchObject({ answer: "yes", sideNote: "s" });
    await linear(saver, "ask").invoke({ log: [] }, thread("j"));
    expect(await linear(saver, "ask").invoke(new Command({ resume: "ok" }), thread("j"))).toMatchObject({ answer: "ok", log: ["ask", "done"] });
  });

  it("the README example", async () => {
    const Answer = Annotation.Root({ answer: Annotation<string> });
    const saver = new MemorySaver();
    const v1 = new StateGraph(Answer).addNode("ask", () => ({ answer: interrupt("approve?") as string })).addEdge(START, "ask").addEdge("ask", END).compile({ checkpointer: saver });
    await v1.invoke({}, thread("t"));
    const v2 = new StateGraph(Answer)
      .addNode("approval", () => ({ answer: interrupt("approve?") as string }))
      .addEdge(START, "approval")
      .addEdge("approval", END)
      .compile({ checkpointer: saver, strict: true });
    await expect(v2.invoke(new Command({ resume: "yes" }), thread("t"))).rejects.toThrow(/paused at node "ask"/);
  });
});
