/**
 * Version stamps read from real checkpoints (issue 9, class 19): v1 stamps each thread from its input, so
 * the static check cannot tell what old threads carry and keeps the inserted step risky; the host reads
 * each thread's own stamp and moves the one whose stamp v2's router sends down the route it already holds.
 */
import { describe, expect, it } from "vitest";
import { Command, MemorySaver } from "@langgraph-compat/runtime";
import { GraphHost, type ThreadInfo } from "../src/index.js";
import { HEADER, versionFromSource } from "./host-helpers.js";

const byId = (infos: ThreadInfo[]) => Object.fromEntries(infos.map((t) => [t.threadId, t]));

function source(v2: boolean): string {
  return `${HEADER}
const State = Annotation.Root({
  flow_version: Annotation<number>(),
  requested: Annotation<number | undefined>(),
  draft: Annotation<string>(),
  approved: Annotation<boolean>(),
});
async function stamp(state: typeof State.State) {
  return { flow_version: ${v2 ? "2" : "state.requested ?? 1"} };
}
async function write(state: typeof State.State) {
  const draft = interrupt("draft?") as string;
  return { draft };
}
async function legal_check(state: typeof State.State) {
  return { draft: \`\${state.draft} (legal ok)\` };
}
function routeAfterWrite(state: typeof State.State) {
  return state.flow_version >= 2 ? "legal_check" : "review";
}
async function review(state: typeof State.State) {
  const approved = interrupt("approve?") as boolean;
  return { approved };
}
const builder = new StateGraph(State)
  .addNode("stamp", stamp)
  .addNode("write", write)
  ${v2 ? '.addNode("legal_check", legal_check)' : ""}
  .addNode("review", review)
  .addEdge(START, "stamp")
  .addEdge("stamp", "write")
  ${v2 ? '.addConditionalEdges("write", routeAfterWrite, ["legal_check", "review"]).addEdge("legal_check", "review")' : '.addEdge("write", "review")'}
  .addEdge("review", END);
export const graph = builder.compile();
export function make(checkpointer: unknown) {
  return builder.compile({ checkpointer: checkpointer as any });
}
`;
}

describe("GraphHost: version stamps from the checkpoint", () => {
  it("moves a thread stamped 1 (v2 sends it down the route it holds) and pins one stamped 2", async () => {
    const v1 = await versionFromSource("v1", source(false));
    const v2 = await versionFromSource("v2", source(true));
    const host = new GraphHost({ checkpointer: new MemorySaver() });
    await host.deploy(v1);
    for (const [id, requested] of [["old", undefined], ["asked-for-2", 2]] as const) {
      await host.invoke(id, { requested });
      await host.invoke(id, new Command({ resume: `draft of ${id}` }));
      expect(byId(await host.threads())[id]).toMatchObject({ status: "paused", pausedAt: ["review"] });
    }
    const deployed = await host.deploy(v2);
    expect(deployed.ok && deployed.pinned.map((t) => t.threadId)).toEqual(["asked-for-2"]);
    expect(byId(await host.threads()).old).toMatchObject({ version: "v2", pinReason: [] });
    expect(byId(await host.threads())["asked-for-2"].pinReason.length).toBeGreaterThan(0);
    // The moved thread finishes on v2 down the route it held: no legal check.
    const out = (await host.invoke("old", new Command({ resume: true }))) as { draft: string; approved: boolean };
    expect(out).toMatchObject({ draft: "draft of old", approved: true });
  });
});
