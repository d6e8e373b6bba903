/**
 * The host decides one real thread with the same facts of the target version as the static check
 * (`endangerContext`): a finding the static verdict keeps, because some thread can be hurt, still spares a
 * thread whose own position it cannot hurt.
 */
import { describe, expect, it } from "vitest";
import { Command, MemorySaver } from "@langgraph-compat/runtime";
import { GraphHost, type ThreadInfo } from "../src/index.js";
import { HEADER, versionFromSource } from "./host-helpers.js";

const byId = (infos: ThreadInfo[]) => Object.fromEntries(infos.map((t) => [t.threadId, t]));

/** prep -> ask (interrupt) -> finish; v2 adds an optional `summary` that finish writes and prep reads next turn. */
function source(v2: boolean): string {
  return `${HEADER}
const State = Annotation.Root({
  q: Annotation<string>(),
  answer: Annotation<string>(),
  ${v2 ? "summary: Annotation<string | undefined>()," : ""}
  log: Annotation<string[]>({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }),
});
async function prep(s: typeof State.State) {
  return { log: [${v2 ? "`prep after ${s.summary ?? 'nothing'}`" : '"prep"'}] };
}
async function ask(s: typeof State.State) {
  const answer = interrupt("answer?") as string;
  return { answer, log: ["ask"] };
}
async function finish(s: typeof State.State) {
  return { ${v2 ? "summary: `answered ${s.answer}`, " : ""}log: ["finish"] };
}
const builder = new StateGraph(State)
  .addNode("prep", prep)
  .addNode("ask", ask)
  .addNode("finish", finish)
  .addEdge(START, "prep")
  .addEdge("prep", "ask")
  .addEdge("ask", "finish")
  .addEdge("finish", END);
export const graph = builder.compile();
export function make(checkpointer: unknown) {
  return builder.compile({ checkpointer: checkpointer as any });
}
`;
}

describe("GraphHost: the per-thread decision reads the target version", () => {
  it("pins the finished thread that v2's prep reads undefined for, and moves the one paused in ask, where finish writes the key first", async () => {
    const v1 = await versionFromSource("v1", source(false));
    const v2 = await versionFromSource("v2", source(true));
    const host = new GraphHost({ checkpointer: new MemorySaver() });
    await host.deploy(v1);
    await host.invoke("paused", { q: "x" });
    await host.invoke("done", { q: "y" });
    await host.invoke("done", new Command({ resume: "yes" }));
    const deployed = await host.deploy(v2);
    expect(deployed.ok && deployed.pinned.map((t) => [t.threadId, t.pinReason])).toEqual([["done", ["state-key-added"]]]);
    const threads = byId(await host.threads());
    expect(threads.paused).toMatchObject({ version: "v2", status: "paused", pausedAt: ["ask"], pinReason: [] });
    // The moved thread finishes on v2 and writes its own summary before anything reads it.
    const out = (await host.invoke("paused", new Command({ resume: "ok" }))) as { summary?: string; log: string[] };
    expect(out.summary).toBe("answered ok");
    expect(out.log).toEqual(["prep", "ask", "finish"]);
  });
});
