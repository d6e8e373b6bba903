/** The real `@langchain/langgraph` 1.7.3, with the same instrumentation as shims/ours.ts. */
import * as real from "@langchain/langgraph";
import { recordInterrupt, recordNode, recordTask } from "../probe.js";

export * from "@langchain/langgraph";

export class StateGraph extends (real.StateGraph as any) {
  addNode(...args: any[]): any {
    if (typeof args[0] === "string") args[1] = recordNode(args[0], args[1]);
    return super.addNode(...args);
  }
}
export const task = recordTask(real.task as any);
export const interrupt = recordInterrupt(real.interrupt);
