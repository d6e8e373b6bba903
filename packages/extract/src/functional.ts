import type { CallExpression } from "ts-morph";
import type { EntrypointSnapshot, Unresolved } from "@langgraph-compat/snapshot";
import type { ExtractContext } from "./context.js";

/** Extract the structure of an `entrypoint(...)` call: tasks, interrupts, loops, branches. */
export function extractEntrypoint(
  ctx: ExtractContext,
  call: CallExpression,
): { entrypoint?: EntrypointSnapshot; unresolved: Unresolved[] } {
  return { unresolved: [ctx.unresolved("graph", "functional API extraction is not implemented yet", call)] };
}
