/**
 * `@langgraph-compat/runtime/zod`, for code that imports `@langchain/langgraph/zod`: the part of that
 * entry this runtime implements. LangGraph's `registry`, `schemaMetaRegistry` and its schema helpers are
 * not here, because zod states on this runtime read only what `withLangGraph` attached (see zod.ts).
 */
export { withLangGraph, type LangGraphFieldMeta } from "./zod.js";
