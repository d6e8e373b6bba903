/** Node names of the support desk graph. */
export enum Step {
  Classify = "classify",
  Research = "research",
  Draft = "write_draft",
  Review = "human_review",
  Send = "send_reply",
  Escalate = "escalate",
  Audit = "audit",
}

export const LOOKUP = "lookup" as const;
