import { describe, expect, it } from "vitest";
import * as real from "@langchain/langgraph";
import * as ours from "../src/index.js";

/** Checks LangGraph makes while a graph is built, which the reference runtime must make too. */
describe.each([
  ["@langchain/langgraph 1.7.3", real as unknown as typeof ours],
  ["the reference runtime", ours],
])("graph building on %s", (_name, lg) => {
  it("refuses a node named like a state key (its writes would share the channel's name)", () => {
    const State = lg.Annotation.Root({ draft: lg.Annotation<string>() });
    const build = () => new lg.StateGraph(State).addNode("draft", async () => ({ draft: "x" }));
    expect(build).toThrow("draft is already being used as a state attribute (a.k.a. a channel), cannot also be used as a node name.");
  });
});
