/** `@langchain/langgraph/zod` on this runtime: `withLangGraph` lives in the main entry. */
export { withLangGraph } from "../../../src/index.js";
