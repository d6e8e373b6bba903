/**
 * Version 2 of the support desk: the review step is renamed `human_review`, and sent replies are signed.
 * Triage a ticket, ask the customer for the order number when the message has none, draft a reply, have a
 * person review it, send it.
 *
 *   START → triage → [ask_order (interrupt)] → write_draft → human_review (interrupt) → send_reply → END
 *                                                  ↑_____________ rejected _____________|
 */
import { Annotation, END, START, StateGraph, interrupt } from "@langchain/langgraph";

const Desk = Annotation.Root({
  message: Annotation<string>(),
  orderId: Annotation<string | null>(),
  category: Annotation<string>(),
  draft: Annotation<string>(),
  approved: Annotation<boolean>(),
  reply: Annotation<string>(),
});
type DeskState = typeof Desk.State;

function triage(state: DeskState) {
  const orderId = /#(\d+)/.exec(state.message)?.[1] ?? null;
  const category = /refund|money back/i.test(state.message) ? "billing" : "delivery";
  return { orderId, category };
}

function askOrder() {
  const answer = interrupt({ question: "What is your order number?" }) as { orderId: string };
  return { orderId: answer.orderId };
}

function writeDraft(state: DeskState) {
  const topic = state.category === "billing" ? "your refund" : "your delivery";
  return { draft: `About ${topic} for order #${state.orderId}: we are on it.` };
}

function review(state: DeskState) {
  const answer = interrupt({ question: "Send this reply?", draft: state.draft }) as { approved: boolean; draft?: string };
  return { approved: answer.approved, draft: answer.draft ?? state.draft };
}

function sendReply(state: DeskState) {
  return { reply: `${state.draft}\n-- The support team` };
}

export const builder = new StateGraph(Desk)
  .addNode("triage", triage)
  .addNode("ask_order", askOrder)
  .addNode("write_draft", writeDraft)
  .addNode("human_review", review)
  .addNode("send_reply", sendReply)
  .addEdge(START, "triage")
  .addConditionalEdges("triage", (state: DeskState) => (state.orderId ? "write_draft" : "ask_order"), ["write_draft", "ask_order"])
  .addEdge("ask_order", "write_draft")
  .addEdge("write_draft", "human_review")
  .addConditionalEdges("human_review", (state: DeskState) => (state.approved ? "send_reply" : "write_draft"), ["send_reply", "write_draft"])
  .addEdge("send_reply", END);

/** What langgraph.json names, for the extractor; the server compiles `builder` with its own checkpointer. */
export const graph = builder.compile();
