import { END, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { SupportState, type SupportStateType } from "./state.js";
import { Step, LOOKUP } from "./steps.js";
import { lookup, research } from "./nodes/research.js";
import { review } from "./nodes/review.js";

async function classify(state: SupportStateType) {
  const text = String(state.messages.at(-1)?.content ?? "");
  const category = text.includes("refund") ? "billing" : text.includes("error") ? "bug" : "other";
  return { category };
}

async function draft(state: SupportStateType) {
  return { draft: `Re ${state.ticketId}: ${state.findings.join("; ")}` };
}

async function sendReply(state: SupportStateType) {
  return { messages: [{ role: "assistant", content: state.draft ?? "" }] };
}

async function escalate(state: SupportStateType) {
  return { messages: [{ role: "assistant", content: `Ticket ${state.ticketId} escalated` }] };
}

function routeByCategory(state: SupportStateType) {
  return state.category === "other" ? "human" : "auto";
}

const builder = new StateGraph(SupportState)
  .addNode(Step.Classify, classify)
  .addNode(Step.Research, research, { ends: [LOOKUP] })
  .addNode(LOOKUP, lookup)
  .addNode(Step.Draft, draft)
  .addNode(Step.Review, review)
  .addNode(Step.Send, sendReply)
  .addNode(Step.Escalate, escalate)
  .addEdge(START, Step.Classify)
  .addConditionalEdges(Step.Classify, routeByCategory, { auto: Step.Research, human: Step.Escalate });

builder.addEdge(LOOKUP, Step.Draft);
builder.addEdge(Step.Draft, Step.Review);
builder.addConditionalEdges(Step.Review, (state) => (state.approved ? Step.Send : Step.Draft));
builder.addEdge(Step.Send, END);
builder.addEdge(Step.Escalate, END);

export const graph = builder.compile({ checkpointer: new MemorySaver(), interruptAfter: [Step.Escalate] });
