/**
 * @langgraph-compat/runtime: a small reference runtime with LangGraph.js's API and checkpoint
 * semantics, plus a strict mode that turns LangGraph's silent outcomes into typed errors.
 * Swap `import { ... } from "@langchain/langgraph"` for this package to run a graph on it.
 */
export { START, END, Send, Command, isCommand, isSend, type CommandParams, type Interrupt } from "./constants.js";
export { Annotation, AnnotationRoot, type ReducerSpec, type StateKeySpec } from "./annotation.js";
export { withLangGraph, type LangGraphFieldMeta } from "./zod.js";
export { StateSchema, ReducedValue, type StandardSchemaLike } from "./state-schema.js";
export { StateGraph, type AddNodeOptions, type NodeFunction, type RouterFunction } from "./state-graph.js";
export { CompiledGraph, type CompileOptions, type StateSnapshot, type StateTask } from "./pregel.js";
export { interrupt } from "./interrupt.js";
export { entrypoint, task, getPreviousState, type EntrypointOptions, type TaskOptions } from "./functional.js";
export {
  MemorySaver,
  BaseCheckpointSaver,
  type Checkpoint,
  type CheckpointMetadata,
  type CheckpointTuple,
  type PendingWrite,
  type RunnableConfig,
} from "./checkpoint.js";
export { SqliteSaver } from "./sqlite-saver.js";
export { LastValue, BinaryOperatorAggregate, EphemeralValue, NamedBarrierValue, Topic, type Channel } from "./channels.js";
export {
  BaseLangGraphError,
  InvalidUpdateError,
  EmptyInputError,
  UnreachableNodeError,
  GraphValueError,
  GraphInterrupt,
  StrictModeError,
  PendingInterruptLostError,
  UnknownSendTargetError,
  UnknownChannelWriteError,
  OrphanedWritesError,
} from "./errors.js";
export { GraphRecursionError } from "./loop.js";
// Names of the checkpoint format (pending-write channels, the null task id), for code that reads raw
// checkpoints, such as @langgraph-compat/host's position reader.
export { ERROR, INTERRUPT, NULL_TASK_ID, RESUME, TASKS } from "./constants.js";
