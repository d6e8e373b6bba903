import { interrupt } from "@langchain/langgraph";
import type { SupportStateType } from "@/state.js";

function askReviewer(draft: string | null): { approved: boolean; edited?: string } {
  return interrupt({ question: "Approve this reply?", draft });
}

/** A human approves or edits the draft before it is sent. */
export async function review(state: SupportStateType) {
  const answer = askReviewer(state.draft);
  return answer.edited === undefined ? { approved: answer.approved } : { approved: answer.approved, draft: answer.edited };
}
