/**
 * The functional API: `entrypoint` is a one-node graph triggered by `__start__`; `task` calls inside it
 * are cached as pending writes under an id made of the task's name and its call index in the parent
 * (M9). The arguments are not part of the id, so a changed argument replays the old result (row 12h)
 * and same-name calls that swap places swap results (row 12g).
 */
import { taskId, type GraphNode, type Task } from "./algo.js";
import { EphemeralValue, LastValue } from "./channels.js";
import type { BaseCheckpointSaver } from "./checkpoint.js";
import { END, ERROR, INTERRUPT, PREVIOUS, PUSH, RESUME, RETURN, START } from "./constants.js";
import { isGraphInterrupt } from "./errors.js";
import { taskScope } from "./loop.js";
import { CompiledGraph } from "./pregel.js";

/** Options of `task`. */
export interface TaskOptions {
  name: string;
}

/** Options of `entrypoint`. */
export interface EntrypointOptions {
  name: string;
  checkpointer?: BaseCheckpointSaver;
  strict?: boolean;
}

/** Wraps `fn` as a cached unit of work; call it only inside an entrypoint (or another task). */
export function task<Args extends unknown[], Result>(
  nameOrOptions: string | TaskOptions,
  fn: (...args: Args) => Result | Promise<Result>,
): (...args: Args) => Promise<Result> {
  const name = typeof nameOrOptions === "string" ? nameOrOptions : nameOrOptions.name;
  return async (...args: Args): Promise<Result> => {
    const scope = taskScope.getStore();
    if (scope === undefined) throw new Error(`task "${name}" was called outside an entrypoint`);
    const { loop, task: parent, scratchpad } = scope;
    const index = scratchpad.callCounter++;
    const ns = loop.ns ? `${loop.ns}|${name}` : name;
    const id = taskId(loop.checkpoint.id, [ns, loop.step, name, PUSH, parent.path, index]);
    const cached = loop.pending.find(([tid, c]) => tid === id && (c === RETURN || c === ERROR));
    if (cached?.[1] === RETURN) return cached[2] as Result;
    if (cached) throw new Error((cached[2] as { message?: string }).message);
    const call: Task = { id, name, path: `~${PUSH}, ${parent.path}, ${String(index).padStart(10, "0")}, true`, input: args, triggers: [PUSH], writes: [], ns: `${ns}:${id}` };
    const childScope = { loop, task: call, scratchpad: loop.scratchpadFor(id, call.ns) };
    try {
      const value = await taskScope.run(childScope, () => fn(...args));
      await loop.putWrites(id, [...call.writes, [RETURN, value]], "");
      return value;
    } catch (error) {
      const resumes = call.writes.filter(([c]) => c === RESUME);
      if (isGraphInterrupt(error)) {
        if (error.interrupts.length > 0) await loop.putWrites(id, [[INTERRUPT, error.interrupts], ...resumes], "");
      } else await loop.putWrites(id, [[ERROR, { message: (error as Error)?.message, name: (error as Error)?.name }]], "");
      throw error;
    }
  };
}

/** Marker returned by `entrypoint.final`. */
interface FinalValue {
  __lg_type: "__pregel_final";
  value: unknown;
  save: unknown;
}

function isFinal(value: unknown): value is FinalValue {
  return typeof value === "object" && value !== null && (value as FinalValue).__lg_type === "__pregel_final";
}

/** A workflow: `entrypoint({ name, checkpointer }, async (input) => ...)`; `invoke` returns its result. */
export function entrypoint(nameOrOptions: string | EntrypointOptions, fn: (input: any, config?: any) => unknown): CompiledGraph {
  const options = typeof nameOrOptions === "string" ? { name: nameOrOptions } : nameOrOptions;
  const node: GraphNode = {
    name: options.name,
    triggers: [START],
    readInput: (channels) => (channels[START].isAvailable() ? channels[START].get() : undefined),
    run: async (input, current) => {
      const result = await fn(input, { configurable: {} });
      current.writes.push([END, isFinal(result) ? result.value : result], [PREVIOUS, isFinal(result) ? result.save : result]);
    },
  };
  return new CompiledGraph({
    nodes: { [options.name]: node },
    channels: () => ({ [START]: new EphemeralValue(), [END]: new LastValue(), [PREVIOUS]: new LastValue() }),
    input: START,
    output: END,
    options: { checkpointer: "checkpointer" in options ? options.checkpointer : undefined, strict: "strict" in options ? options.strict : false, name: options.name },
  });
}

/** Return a value to the caller while saving a different one for the thread's next run. */
entrypoint.final = ({ value, save }: { value?: unknown; save?: unknown }): FinalValue => ({ __lg_type: "__pregel_final", value, save });

/** The value the previous run of this thread saved (its return value, or `entrypoint.final`'s `save`). */
export function getPreviousState<State = unknown>(): State | undefined {
  const channel = taskScope.getStore()?.loop.channels[PREVIOUS];
  return channel?.isAvailable() ? (channel.get() as State) : undefined;
}
