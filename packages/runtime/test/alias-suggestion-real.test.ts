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

describe("the alias the node-renamed suggestion writes (rows 2c, 15d, 15e)", () => {
  it("compiles, and resumes a thread paused in the old name", async () => {
    const saver = new MemorySaver();
    const v1 = new lg.StateGraph(State)
      .addNode("draft", draft)
      .addNode("review", review)
      .addNode("send", send)
      .addEdge(lg.START, "draft")
      .addEdge("draft", "review")
      .addConditionalEdges("review", route)
      .addEdge("send", lg.END)
      .compile({ checkpointer: saver });
    const config = { configurable: { thread_id: "t1" } };
    const other = { configurable: { thread_id: "t2" } };
    await v1.invoke({}, config);
    await v1.invoke({}, other);
    expect((await v1.getState(config)).next).toEqual(["review"]);

    // v2 after the suggestion: renamed to human_review, the old name kept as the suggestion writes it.
    const v2 = new lg.StateGraph(State)
      .addNode("draft", draft)
      .addNode("human_review", review, { ends: ["review"] })
      .addNode("review", review)
      .addConditionalEdges("review", route)
      .addNode("send", send)
      .addEdge(lg.START, "draft")
      .addEdge("draft", "human_review")
      .addConditionalEdges("human_review", route)
      .addEdge("send", lg.END)
      .compile({ checkpointer: saver });
    const done = await v2.invoke(new lg.Command({ resume: true }), config);
    expect(done.log).toEqual(["draft", "review", "send"]);
    expect((await v2.getState(config)).next).toEqual([]);

    // Without the old name, the same thread halts silently (row 2a): the alias is what saves it.
    const bare = new lg.StateGraph(State)
      .addNode("draft", draft)
      .addNode("human_review", review)
      .addNode("send", send)
      .addEdge(lg.START, "draft")
      .addEdge("draft", "human_review")
      .addConditionalEdges("human_review", route)
      .addEdge("send", lg.END)
      .compile({ checkpointer: saver });
    const halted = await bare.invoke(new lg.Command({ resume: true }), other);
    expect(halted.log).toEqual(["draft"]);
  });
});
