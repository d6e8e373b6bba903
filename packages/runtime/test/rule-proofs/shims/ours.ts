/** `@langchain/langgraph` as fixture graphs see it when they run on this runtime (instrumented). */
import * as runtime from "../../../src/index.js";
import { recordInterrupt, recordNode, recordTask } from "../probe.js";

export * from "../../../src/index.js";

export class StateGraph extends runtime.StateGraph {
  override addNode(name: string, action: runtime.NodeFunction | runtime.CompiledGraph, options?: runtime.AddNodeOptions): this {
    return super.addNode(name, recordNode(name, action), options);
  }
}
export const task = recordTask(runtime.task);
export const interrupt = recordInterrupt(runtime.interrupt);
