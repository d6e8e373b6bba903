import { Annotation, MessagesAnnotation } from "@langchain/langgraph";

export type Category = "billing" | "bug" | "other";

export const SupportState = Annotation.Root({
  ...MessagesAnnotation.spec,
  ticketId: Annotation<string>(),
  category: Annotation<Category>(),
  findings: Annotation<string[]>({
    reducer: (left, right) => left.concat(right),
    default: () => [],
  }),
  draft: Annotation<string | null>(),
  approved: Annotation<boolean>(),
  priority: Annotation<"low" | "high">(),
});

export type SupportStateType = typeof SupportState.State;
