/**
 * `@langgraph-compat/runtime/web`, for code that imports `@langchain/langgraph/web`. LangGraph's `/web`
 * entry has the same exports as its main one and only skips the Node AsyncLocalStorage setup; this runtime
 * has no such setup to skip, so the entry is the main API as is.
 */
export * from "./index.js";
