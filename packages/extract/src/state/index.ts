import type { Node } from "ts-morph";
import type { StateSnapshot, Unresolved } from "@langgraph-compat/snapshot";
import type { ExtractContext } from "../context.js";

export interface StateResult {
  state: StateSnapshot;
  unresolved: Unresolved[];
}

/**
 * Extract the persisted state channels from the arguments of `new StateGraph(...)`.
 * `readBy`/`writtenBy` are left empty: the graph extractor fills them from node bodies.
 */
export function extractState(ctx: ExtractContext, constructorArgs: Node[]): StateResult {
  void ctx;
  void constructorArgs;
  return { state: { form: "unknown", channels: {} }, unresolved: [] };
}
