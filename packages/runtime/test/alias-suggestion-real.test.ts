/**
 * The graph the ESLint plugin's `node-renamed` suggestion writes, run on the real @langchain/langgraph: the
 * new name declares the old one in its `ends` (a route it never takes, 15e, which makes the old name
 * reachable for `compile()`, 15d), and the old name stays registered with the same function and the same
 * conditional edge (row 2c). A thread paused in the old name resumes there and continues on the new flow.
 */
import { describe, expect, it } from "vitest";
import { MemorySaver } from "@langchain/langgraph";
import { real as lg } from "./modules.js";

const State = lg.Annotation.Root({ log: lg.Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }), approved: lg.Annotation<boolean>() });
type S = typeof State.State;

const draft = (_: S) => ({ log: ["draft"] });
const review = (_: S) => ({ approved: lg.interrupt("approve?") as boolean, log: ["review"] });
const send = (_: S) => ({ log: ["send"] });
const route = (s: S) => (s.approved ? "send" : "draft");

/** draft -> <name> (pauses) -> route -> send; with `alias`, "review" kept as the suggestion writes it. */
function build(saver: MemorySaver, name: string, alias: boolean) {
  let g = new lg.StateGraph(State).addNode("draft", draft).addNode(name, review, alias ? { ends: ["review"] } : {});
  if (alias) g = g.addNode("review", review).addConditionalEdges("review", route);
  return g.addNode("send", send).addEdge(lg.START, "draft").addEdge("draft", name).addConditionalEdges(name, route).addEdge("send", lg.END).compile({ checkpointer: saver });
}

describe("the alias the node-renamed suggestion writes (rows 2c, 15d, 15e)", () => {
  it("compiles, and resumes a thread paused in the old name; without it the thread halts", async () => {
    const saver = new MemorySaver();
    const v1 = build(saver, "review", false);
    const kept = { configurable: { thread_id: "kept" } };
    const bare = { configurable: { thread_id: "bare" } };
    await v1.invoke({}, kept);
    await v1.invoke({}, bare);
    expect((await v1.getState(kept)).next).toEqual(["review"]);

    const done = await build(saver, "human_review", true).invoke(new lg.Command({ resume: true }), kept);
    expect(done.log).toEqual(["draft", "review", "send"]);

    // Row 2a: renamed without the alias, the same kind of thread halts silently.
    const halted = await build(saver, "human_review", false).invoke(new lg.Command({ resume: true }), bare);
    expect(halted.log).toEqual(["draft"]);
  });
});
