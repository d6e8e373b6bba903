/** `@langchain/langgraph/zod` of the real runtime. */
export * from "@langchain/langgraph/zod";
