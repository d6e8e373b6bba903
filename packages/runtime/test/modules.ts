/** The two runtimes as the scenarios see them: the real @langchain/langgraph (with its zod helper) and ours. */
import * as realModule from "@langchain/langgraph";
import { withLangGraph } from "@langchain/langgraph/zod";
import * as ours from "../src/index.js";

/** `@langchain/langgraph` plus `withLangGraph` from `@langchain/langgraph/zod`. */
export const real = { ...realModule, withLangGraph };
/** This runtime (everything, `withLangGraph` included, comes from one import). */
export const our = ours;
