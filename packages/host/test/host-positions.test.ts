/**
 * GraphHost verdicts that depend on more than the pause point: a static interruptBefore (M8, row 14j)
 * and a thread paused inside a subgraph (rows 13b/13c). Each pinned thread is also shown to go wrong when
 * moved by hand, so the pin is needed, and each moved thread resumes correctly on the new version.
 */
import { describe, expect, it } from "vitest";
import { Command, MemorySaver } from "@langgraph-compat/runtime";
import { GraphHost, type ThreadInfo } from "../src/index.js";
import { HEADER, versionFromSource } from "./host-helpers.js";

const byId = (infos: ThreadInfo[]) => Object.fromEntries(infos.map((t) => [t.threadId, t]));
const log = (out: unknown) => (out as { log: string[] }).log;
const interrupts = (out: unknown) => (out as { __interrupt__?: unknown[] }).__interrupt__;

const breakpointGraph = (prep: string) => `${HEADER}
const State = Annotation.Root({
  topic: Annotation<string>(),
  log: Annotation<string[]>({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }),
});
const builder = new StateGraph(State)
  .addNode("${prep}", () => ({ log: ["prep"] }))
  .addNode("clarify", () => ({ topic: interrupt("topic?") as string, log: ["clarify"] }))
  .addNode("x", (s: typeof State.State) => ({ log: [\`x:\${s.topic}\`] }))
  .addEdge(START, "${prep}")
  .addEdge("${prep}", "clarify")
  .addEdge("clarify", "x")
  .addEdge("x", END);
export const graph = builder.compile({ interruptBefore: ["x"] });
export const make = (checkpointer: any) => builder.compile({ checkpointer, interruptBefore: ["x"] });
`;

const subgraphGraph = (inner: string) => `${HEADER}
const State = Annotation.Root({
  answer: Annotation<string>(),
  log: Annotation<string[]>({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }),
});
const Inner = Annotation.Root({ answer: Annotation<string>() });
const child = new StateGraph(Inner)
  .addNode("${inner}", () => ({ answer: interrupt("inner?") as string }))
  .addEdge(START, "${inner}")
  .addEdge("${inner}", END)
  .compile();
const builder = new StateGraph(State)
  .addNode("ask", () => ({ log: [interrupt("outer?") as string] }))
  .addNode("sub", child)
  .addNode("after", (s: typeof State.State) => ({ log: [\`after:\${s.answer}\`] }))
  .addEdge(START, "ask")
  .addEdge("ask", "sub")
  .addEdge("sub", "after")
  .addEdge("after", END);
export const graph = builder.compile();
export const make = (checkpointer: any) => builder.compile({ checkpointer });
`;

describe("GraphHost: positions beyond the pause point", () => {
  it("static interruptBefore: pins the thread whose renamed node's trigger changed since its last resume (14j)", async () => {
    const v1 = await versionFromSource("b1", breakpointGraph("prep"));
    const v2 = await versionFromSource("b2", breakpointGraph("prepare"));
    const findings = await (async () => {
      const host = new GraphHost({ checkpointer: new MemorySaver() });
      await host.deploy(v1);
      await host.deploy(v2);
      return host.findings("b1", "b2");
    })();
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([["node-renamed", "breaking"]]);

    const host = new GraphHost({ checkpointer: new MemorySaver() });
    await host.deploy(v1);
    await host.invoke("first", {}); // paused in clarify in its first turn: prep's trigger not yet seen by a resume
    await host.invoke("second", {});
    expect(interrupts(await host.invoke("second", new Command({ resume: "cats" })))).toEqual([]); // before x
    const deployed = await host.deploy(v2);
    expect(deployed.ok && deployed.pinned.map((t) => [t.threadId, t.pinReason])).toEqual([["first", ["node-renamed"]]]);
    expect(byId(await host.threads()).second).toMatchObject({ version: "b2", pausedAt: ["x"], pinReason: [] });

    expect(log(await host.invoke("second", null))).toEqual(["prep", "clarify", "x:cats"]);
    await host.invoke("first", new Command({ resume: "dogs" }));
    expect(log(await host.invoke("first", null))).toEqual(["prep", "clarify", "x:dogs"]);
  });

  it("the same thread moved by hand is stuck at the breakpoint (control)", async () => {
    const v1 = await versionFromSource("s1", breakpointGraph("prep"));
    const v2 = await versionFromSource("s2", breakpointGraph("prepare"));
    const saver = new MemorySaver();
    const [g1, g2] = [await v1.build(saver), await v2.build(saver)];
    const config = { configurable: { thread_id: "first" } };
    await g1.invoke({}, config);
    await g2.invoke(new Command({ resume: "dogs" }), config);
    for (let i = 0; i < 3; i++) expect(log(await g2.invoke(null, config))).toEqual(["prep", "clarify"]);
  });

  it("a thread paused inside the subgraph is pinned by an inner rename; one paused before it moves (13b)", async () => {
    const v1 = await versionFromSource("g1", subgraphGraph("innerAsk"));
    const v2 = await versionFromSource("g2", subgraphGraph("innerAsk2"));
    const host = new GraphHost({ checkpointer: new MemorySaver() });
    await host.deploy(v1);
    await host.invoke("outer", {}); // paused in ask
    await host.invoke("inner", {});
    await host.invoke("inner", new Command({ resume: "go" })); // paused in sub > innerAsk
    expect(byId(await host.threads()).inner.pausedAt).toEqual(["sub"]);
    const deployed = await host.deploy(v2);
    expect(deployed.ok && deployed.pinned.map((t) => [t.threadId, t.pinReason])).toEqual([["inner", ["node-renamed"]]]);
    expect(byId(await host.threads()).outer.version).toBe("g2");

    expect(log(await host.invoke("inner", new Command({ resume: "42" })))).toEqual(["go", "after:42"]);
    await host.invoke("outer", new Command({ resume: "go" }));
    expect(log(await host.invoke("outer", new Command({ resume: "7" })))).toEqual(["go", "after:7"]);
  });
});
