/**
 * Real threads of the bundled example's v1 (examples/support-desk/v1): the same nodes, routes, Send fan-out,
 * `interrupt()` and breakpoint, built on the real `@langchain/langgraph` 1.7.3 over a real saver, and driven
 * into known positions. The example itself imports through a `@/` alias and its own `node_modules`, so the
 * test builds the graph here; the snapshot it is judged with is extracted from the example's source.
 */
import { Annotation, Command, END, MessagesAnnotation, START, Send, StateGraph, interrupt } from "@langchain/langgraph";

export const GRAPH_ID = "support desk";

const SupportState = Annotation.Root({
  ...MessagesAnnotation.spec,
  ticketId: Annotation<string>(),
  category: Annotation<string>(),
  findings: Annotation<string[]>({ reducer: (left, right) => left.concat(right), default: () => [] }),
  draft: Annotation<string | null>(),
  approved: Annotation<boolean>(),
});
type S = typeof SupportState.State;

/** v1, or v2 of the example: `review` renamed `human_review`, an `audit` step after `send_reply`, a `priority` key. */
function supportDesk(checkpointer: unknown, version: 1 | 2) {
  const review = version === 1 ? "review" : "human_review";
  const State = version === 1 ? SupportState : Annotation.Root({ ...SupportState.spec, priority: Annotation<"low" | "high">() });
  const builder = new StateGraph(State)
    .addNode("classify", async (s: S) => {
      const text = String(s.messages.at(-1)?.content ?? "");
      return { category: text.includes("refund") ? "billing" : text.includes("error") ? "bug" : "other" };
    })
    .addNode("research", async (s: S) => new Command({ goto: ["faq", "tickets"].map((source) => new Send("lookup", { ticketId: s.ticketId, source })) }), { ends: ["lookup"] })
    .addNode("lookup", async (s: { ticketId: string; source: string }) => ({ findings: [`${s.source}: notes for ${s.ticketId}`] }))
    .addNode("write_draft", async (s: S) => ({ draft: `Re ${s.ticketId}: ${s.findings.join("; ")}` }))
    .addNode(review, async (s: S) => {
      const answer = interrupt({ question: "Approve this reply?", draft: s.draft }) as { approved: boolean };
      return { approved: answer.approved };
    })
    .addNode("send_reply", async (s: S) => ({ messages: [{ role: "assistant", content: s.draft ?? "" }] }))
    .addNode("escalate", async (s: S) => ({ messages: [{ role: "assistant", content: `Ticket ${s.ticketId} escalated` }] }))
    .addEdge(START, "classify")
    .addConditionalEdges("classify", (s: S) => (s.category === "other" ? "human" : "auto"), { auto: "research", human: "escalate" });
  builder.addEdge("lookup", "write_draft");
  builder.addEdge("write_draft", review as never);
  builder.addConditionalEdges(review as never, (s: S) => (s.approved ? "send_reply" : "write_draft"));
  if (version === 1) builder.addEdge("send_reply", END);
  else {
    builder.addNode("audit", async (s: S & { priority?: string }) => ({ findings: [`audited ${s.ticketId} (${s.priority ?? "low"})`] }));
    builder.addEdge("send_reply", "audit" as never);
    builder.addEdge("audit" as never, END);
  }
  builder.addEdge("escalate", END);
  return builder.compile({ checkpointer: checkpointer as never, interruptAfter: ["escalate"] });
}

export const supportDeskV1 = (checkpointer: unknown) => supportDesk(checkpointer, 1);
export const supportDeskV2 = (checkpointer: unknown) => supportDesk(checkpointer, 2);

/** The threads the tests store, and where each stands. */
export const PLAN = {
  /** Paused in `review` at its first interrupt. */
  paused: ["t-paused-1", "t-paused-2", "t-paused-3"],
  /** Rejected once, redrafted, paused in `review` again. */
  redrafted: ["t-redraft-1"],
  /** Approved and sent: finished, last writer `send_reply`. */
  finished: ["t-done-1", "t-done-2"],
  /** Escalated: finished, last writer `escalate`. */
  escalated: ["t-esc-1"],
};

/** Drives every thread of {@link PLAN} on `graph`. */
export async function storeThreads(graph: ReturnType<typeof supportDeskV1>): Promise<void> {
  const run = (id: string, input: unknown) => graph.invoke(input as never, { configurable: { thread_id: id } });
  const ticket = (id: string, text: string) => ({ ticketId: id, messages: [{ role: "user", content: text }] });
  for (const id of PLAN.paused) await run(id, ticket(id, "refund please"));
  for (const id of PLAN.redrafted) {
    await run(id, ticket(id, "refund please"));
    await run(id, new Command({ resume: { approved: false } }));
  }
  for (const id of PLAN.finished) {
    await run(id, ticket(id, "refund please"));
    await run(id, new Command({ resume: { approved: true } }));
  }
  for (const id of PLAN.escalated) await run(id, ticket(id, "hello"));
}

/** A fresh SQLite file at `db` holding the threads of {@link PLAN}, written by the real SqliteSaver (for other packages' tests). */
export async function storeThreadsIn(db: string): Promise<void> {
  const { SqliteSaver } = await import("@langchain/langgraph-checkpoint-sqlite");
  await storeThreads(supportDeskV1(SqliteSaver.fromConnString(db)));
}
