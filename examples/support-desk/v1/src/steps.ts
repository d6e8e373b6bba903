/** Node names of the support desk graph. */
export enum Step {
  Classify = "classify",
  Research = "research",
  Draft = "write_draft",
  Review = "review",
  Send = "send_reply",
  Escalate = "escalate",
}

export const LOOKUP = "lookup" as const;
