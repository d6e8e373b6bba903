/**
 * Errors. The first group mirrors the classes @langchain/langgraph throws (same `name`, so a test can
 * compare them across runtimes). The second group is strict mode: one class per outcome the real
 * runtime swallows, each naming the node or channel involved.
 */
import type { Interrupt } from "./constants.js";

/** Base of our runtime errors; `name` is the class name, as in LangGraph. */
export class BaseLangGraphError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A write a channel cannot accept (e.g. two values for a `LastValue` in one superstep), or a bad Send. */
export class InvalidUpdateError extends BaseLangGraphError {
  /** LangGraph's troubleshooting code, e.g. `INVALID_CONCURRENT_GRAPH_UPDATE`. */
  lc_error_code?: string;
}

/** `invoke` got nothing to do: no input on a new run, or an empty `Command`. */
export class EmptyInputError extends BaseLangGraphError {}

/** A node that cannot be reached from START at compile time. */
export class UnreachableNodeError extends BaseLangGraphError {}

/** Graph construction errors (unknown edge endpoints, breakpoints on missing nodes, ...). */
export class GraphValueError extends BaseLangGraphError {}

/**
 * Thrown inside a task by `interrupt()` (and by the loop for static breakpoints) to pause the run.
 * `invoke` never lets it escape: it is turned into the `__interrupt__` key of the result.
 */
export class GraphInterrupt extends BaseLangGraphError {
  constructor(public readonly interrupts: Interrupt[] = []) {
    super(JSON.stringify(interrupts));
  }
}

/** True for a GraphInterrupt from this runtime. */
export function isGraphInterrupt(error: unknown): error is GraphInterrupt {
  return error instanceof GraphInterrupt;
}

/** Base of the typed errors raised only with `strict: true`. */
export class StrictModeError extends BaseLangGraphError {}

/**
 * A resume produced no task although the thread was paused under nodes the current graph lacks
 * (rows 1a/1b, 2a, 3a, 6c, 8a, 13a). LangGraph ends the run as if it had completed.
 */
export class PendingInterruptLostError extends StrictModeError {
  constructor(public readonly node: string, detail: string) {
    super(`Resume ran nothing: the thread was paused at node "${node}", which this graph does not have (${detail}).`);
  }
}

/** A pending `Send` names a node the current graph lacks (rows 7a, 7d). LangGraph only warns. */
export class UnknownSendTargetError extends StrictModeError {
  constructor(public readonly node: string) {
    super(`A pending Send targets node "${node}", which this graph does not have; the Send would be dropped.`);
  }
}

/** A write targets a channel the current graph lacks (rows 6a, 8c, 8d, 9d). LangGraph drops it. */
export class UnknownChannelWriteError extends StrictModeError {
  constructor(public readonly channel: string, public readonly writer: string) {
    super(`"${writer}" wrote to channel "${channel}", which this graph does not have; the write would be dropped.`);
  }
}

/**
 * Saved writes of a task that finished in the paused superstep belong to a node the current graph
 * lacks, so they are never applied (rows 4e/4f, 7a, 18d).
 */
export class OrphanedWritesError extends StrictModeError {
  constructor(public readonly node: string, public readonly channels: string[]) {
    super(`Saved writes of node "${node}" (channels ${channels.join(", ")}) match no task of this graph and would be lost.`);
  }
}
