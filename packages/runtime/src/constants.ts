/**
 * Reserved channel names and the two control objects (`Send`, `Command`) that nodes return.
 * The names are the ones @langchain/langgraph writes into checkpoints, so a reader of a saved
 * thread sees the same keys on either runtime.
 */

/** The virtual first node; input is written to the channel of the same name. */
export const START = "__start__";
/** The virtual last node; routing to it ends a branch. */
export const END = "__end__";
/** Pending-write channel holding the interrupts a task raised. */
export const INTERRUPT = "__interrupt__";
/** Pending-write channel holding the resume values a task consumed (or, under NULL_TASK_ID, the next one). */
export const RESUME = "__resume__";
/** Pending-write channel holding a functional-API task's return value. */
export const RETURN = "__return__";
/** Pending-write channel for a task's error. */
export const ERROR = "__error__";
/** Written by a task that finished without writing anything, so that it still counts as done. */
export const NO_WRITES = "__no_writes__";
/** The Topic channel holding pending `Send` packets (PUSH tasks of the next superstep). */
export const TASKS = "__pregel_tasks";
/** Trigger name of a PUSH task (a Send or a functional-API task call). */
export const PUSH = "__pregel_push";
/** Trigger kind of a PULL task (a node triggered by a channel). */
export const PULL = "__pregel_pull";
/** Functional API: the value saved by `entrypoint.final`, read by `getPreviousState()`. */
export const PREVIOUS = "__previous__";
/** Task id of writes that belong to no task: `Command.update`, `Command.goto`, a resume value without an id. */
export const NULL_TASK_ID = "00000000-0000-0000-0000-000000000000";
/** The channel an edge into `node` writes to. Mechanism M1: edges are persisted only as these writes. */
export const branchChannel = (node: string): string => `branch:to:${node}`;
/** The barrier channel of a join edge; its name depends on the order of `starts` (row 5e). */
export const joinChannel = (starts: readonly string[], end: string): string => `join:${starts.join("+")}:${end}`;

/** Pending-write channels that are bookkeeping, not task output (mirrors `isTaskOutput`). */
export function isTaskOutput(channel: string): boolean {
  return channel !== ERROR && channel !== INTERRUPT && channel !== RESUME;
}

/** A packet that schedules `node` with its own input `args` in the next superstep. */
export class Send<Args = unknown> {
  readonly lg_name = "Send";
  constructor(
    public readonly node: string,
    public readonly args: Args,
  ) {}
}

/** True for a `Send` from either runtime (checked structurally, as LangGraph does). */
export function isSend(value: unknown): value is Send {
  return typeof value === "object" && value !== null && (value as { lg_name?: unknown }).lg_name === "Send";
}

/** What a `Command` may carry. */
export interface CommandParams {
  /** Value(s) handed to the pending `interrupt()` calls. */
  resume?: unknown;
  /** State update applied as if written by no task. */
  update?: Record<string, unknown> | [string, unknown][];
  /** Node name(s) or Sends to run next. */
  goto?: string | Send | (string | Send)[];
}

/** Returned by a node (routing + update), or passed to `invoke` (resume, update, goto). */
export class Command {
  readonly lg_name = "Command";
  resume?: unknown;
  update?: Record<string, unknown> | [string, unknown][];
  goto: (string | Send)[];
  constructor(params: CommandParams) {
    this.resume = params.resume;
    this.update = params.update;
    const goto = params.goto ?? [];
    this.goto = Array.isArray(goto) ? goto : [goto];
  }
}

/** True for a `Command` from either runtime. */
export function isCommand(value: unknown): value is Command {
  return typeof value === "object" && value !== null && (value as { lg_name?: unknown }).lg_name === "Command";
}

/** A pending question raised by `interrupt()`. */
export interface Interrupt<Value = unknown> {
  id: string;
  value: Value;
}
