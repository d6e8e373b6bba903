/**
 * What a project's `import ... from "@langchain/langgraph"` gets under `langgraph-compat dev`: the
 * reference runtime, plus
 * - `MessagesAnnotation` / `messagesStateReducer` (plain-object messages, merged by `id`);
 * - compiled graphs that remember how they were built, so the dev host can rebuild each one with its
 *   shared checkpointer ({@link rebuildWithCheckpointer}); the project's own checkpointer is not used.
 */
import {
  Annotation,
  CompiledGraph,
  StateGraph as RuntimeStateGraph,
  entrypoint as runtimeEntrypoint,
  type BaseCheckpointSaver,
  type CompileOptions,
  type EntrypointOptions,
} from "@langgraph-compat/runtime";

export * from "@langgraph-compat/runtime";

type Rebuild = (checkpointer: BaseCheckpointSaver) => CompiledGraph;
const recipes = new WeakMap<CompiledGraph, Rebuild>();

/** `StateGraph` of the runtime whose `compile()` result can be rebuilt with another checkpointer. */
export class StateGraph extends RuntimeStateGraph {
  override compile(options: CompileOptions = {}): CompiledGraph {
    const graph = super.compile(options);
    recipes.set(graph, (checkpointer) => RuntimeStateGraph.prototype.compile.call(this, { ...options, checkpointer }));
    return graph;
  }
}

/** `entrypoint` of the runtime whose result can be rebuilt with another checkpointer. */
export const entrypoint: typeof runtimeEntrypoint = Object.assign(
  (nameOrOptions: string | EntrypointOptions, fn: (input: any, config?: any) => unknown): CompiledGraph => {
    const options: EntrypointOptions = typeof nameOrOptions === "string" ? { name: nameOrOptions } : nameOrOptions;
    const graph = runtimeEntrypoint(options, fn);
    recipes.set(graph, (checkpointer) => runtimeEntrypoint({ ...options, checkpointer }, fn));
    return graph;
  },
  { final: runtimeEntrypoint.final },
);

/**
 * The same graph built with `checkpointer` instead of its own: a compiled graph (from this module), or a
 * `StateGraph` builder (compiled here). `undefined` for anything else.
 */
export function rebuildWithCheckpointer(exported: unknown, checkpointer: BaseCheckpointSaver): CompiledGraph | undefined {
  if (exported instanceof RuntimeStateGraph) return RuntimeStateGraph.prototype.compile.call(exported, { checkpointer });
  if (exported instanceof CompiledGraph) return recipes.get(exported)?.(checkpointer);
  return undefined;
}

interface Message {
  id?: string;
  type?: string;
  [key: string]: unknown;
}

/** LangGraph's messages reducer on plain objects: append, replace a message with the same `id`, drop on `{ type: "remove", id }`. */
export function messagesStateReducer(left: Message[] | Message, right: Message[] | Message): Message[] {
  const merged = [...(Array.isArray(left) ? left : [left])];
  for (const message of Array.isArray(right) ? right : [right]) {
    const at = message.id === undefined ? -1 : merged.findIndex((m) => m.id === message.id);
    if (message.type === "remove") {
      if (at >= 0) merged.splice(at, 1);
    } else if (at >= 0) merged[at] = message;
    else merged.push(message);
  }
  return merged;
}

/** `Annotation.Root({ messages })` with {@link messagesStateReducer}, as LangGraph's `MessagesAnnotation`. */
export const MessagesAnnotation = Annotation.Root({
  messages: Annotation<Message[], Message[] | Message>({ reducer: messagesStateReducer, default: () => [] }),
});
