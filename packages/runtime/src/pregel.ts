/**
 * The compiled graph: `invoke`, `stream`, `getState`, `getStateHistory` and `updateState`, each a thin
 * layer over the loop and the superstep algorithm. `getState` computes the next tasks with the
 * *current* graph's nodes (M10), and `updateState` guesses the writer from `versions_seen` (M11).
 */
import { applyWrites, createCheckpoint, prepareNextTasks, type GraphNode, type Task } from "./algo.js";
import { channelsFromCheckpoint, type Channel } from "./channels.js";
import { emptyCheckpoint, type BaseCheckpointSaver, type CheckpointTuple, type RunnableConfig } from "./checkpoint.js";
import { ERROR, INTERRUPT, NULL_TASK_ID, isCommand, type Interrupt } from "./constants.js";
import { GraphValueError, InvalidUpdateError } from "./errors.js";
import { isResumeMap } from "./io.js";
import { PregelLoop, runSubgraphNode, taskScope, type GraphDefinition } from "./loop.js";

/** Options of `compile()`. */
export interface CompileOptions {
  checkpointer?: BaseCheckpointSaver;
  /** Pause before these nodes run (`"*"`: every node). */
  interruptBefore?: string[] | "*";
  /** Pause after these nodes ran. */
  interruptAfter?: string[] | "*";
  /** Raise typed errors where LangGraph is silent (see errors.ts, StrictModeError). */
  strict?: boolean;
  name?: string;
}

/** A task in a state snapshot. */
export interface StateTask {
  id: string;
  name: string;
  path: string;
  interrupts: Interrupt[];
  error?: unknown;
  /** For a subgraph node: the config that addresses its checkpoints. */
  state?: RunnableConfig;
  result?: unknown;
}

/** What `getState` returns. */
export interface StateSnapshot {
  values: any;
  next: string[];
  config: RunnableConfig;
  metadata?: CheckpointTuple["metadata"];
  parentConfig?: RunnableConfig;
  createdAt?: string;
  tasks: StateTask[];
}

/** What a graph builder hands to `CompiledGraph`. */
export interface CompiledGraphParams {
  nodes: Record<string, GraphNode>;
  channels: () => Record<string, Channel>;
  input: string;
  output: string | string[];
  options: CompileOptions;
  /** Checks `invoke` input and `Command.update` before the run starts (zod states only, M7). */
  validateInput?: (input: unknown) => Promise<unknown>;
}

/** A runnable graph; same method names and call shapes as LangGraph's CompiledStateGraph / Pregel. */
export class CompiledGraph {
  /**
   * The saver threads are stored in. Assignable after compile, as on LangGraph's compiled graph
   * (`graph.checkpointer = saver`): a module that compiles without one can be run over a shared saver.
   */
  checkpointer?: BaseCheckpointSaver;
  constructor(private readonly params: CompiledGraphParams) {
    this.checkpointer = params.options.checkpointer;
  }

  /** What the loop needs to run this graph. */
  definition(): GraphDefinition {
    const o = this.params.options;
    return {
      name: o.name ?? "LangGraph",
      nodes: this.params.nodes,
      channels: this.params.channels,
      input: this.params.input,
      output: this.params.output,
      interruptBefore: o.interruptBefore ?? [],
      interruptAfter: o.interruptAfter ?? [],
      checkpointer: this.checkpointer,
      strict: o.strict ?? false,
    };
  }

  /**
   * Runs the graph on `input` (a new run), `null` (resume), or a `Command` (resume/update/goto). Returns
   * the output values; when the run paused, they carry `__interrupt__` with the pending interrupts.
   */
  async invoke(input: unknown, config: RunnableConfig = {}): Promise<any> {
    const scope = taskScope.getStore();
    const thread = config.configurable?.thread_id;
    // Called from inside a node: run as that task's subgraph (its namespace, its thread and saver).
    if (scope && (thread === undefined || thread === scope.loop.threadId())) return runSubgraphNode(this, input, scope.task);
    input = this.params.validateInput ? await this.params.validateInput(input) : input;
    const loop = new PregelLoop({ graph: this.definition(), input, config: withResumeMap(input, config) });
    const { interrupts } = await loop.run();
    if (interrupts === undefined) return loop.latest;
    if (loop.latest === undefined || loop.latest === null) return { [INTERRUPT]: interrupts };
    if (typeof loop.latest === "object") return { ...(loop.latest as object), [INTERRUPT]: interrupts };
    return loop.latest;
  }

  /** Streams `{ [node]: update }` chunks (and `{ __interrupt__ }` when pausing), as `streamMode: "updates"`. */
  async stream(input: unknown, config: RunnableConfig = {}): Promise<AsyncIterableIterator<Record<string, unknown>>> {
    input = this.params.validateInput ? await this.params.validateInput(input) : input;
    const chunks: Record<string, unknown>[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    let failure: unknown;
    const loop = new PregelLoop({
      graph: this.definition(),
      input,
      config: withResumeMap(input, config),
      emit: (chunk) => {
        chunks.push(chunk);
        wake?.();
      },
    });
    loop.run().then(
      () => ((done = true), wake?.()),
      (error) => ((failure = error), (done = true), wake?.()),
    );
    async function* iterate(): AsyncIterableIterator<Record<string, unknown>> {
      for (;;) {
        if (chunks.length > 0) yield chunks.shift()!;
        else if (done) {
          if (failure !== undefined) throw failure;
          return;
        } else await new Promise<void>((resolve) => (wake = resolve));
      }
    }
    return iterate();
  }

  /** The thread's latest state (or the checkpoint named in the config), seen through this graph. */
  async getState(config: RunnableConfig): Promise<StateSnapshot> {
    const saved = await this.requireSaver().getTuple(config);
    if (saved === undefined) return { values: {}, next: [], config, tasks: [] };
    return this.snapshot(saved, config.configurable?.checkpoint_id === undefined);
  }

  /** Every checkpoint of the thread, newest first, each seen through this graph. */
  async *getStateHistory(config: RunnableConfig, options?: { limit?: number }): AsyncGenerator<StateSnapshot> {
    for await (const saved of this.requireSaver().list(config, options)) yield this.snapshot(saved, false);
  }

  /**
   * Writes `values` as if node `asNode` had returned them, then saves a new checkpoint. Without
   * `asNode`, the writer is guessed from `versions_seen`, which holds the names of the graph that ran
   * the thread (M11: a renamed last writer throws `Node "x" does not exist`).
   */
  async updateState(config: RunnableConfig, values: Record<string, unknown>, asNode?: string): Promise<RunnableConfig> {
    const saver = this.requireSaver();
    const saved = await saver.getTuple(config);
    const checkpoint = saved?.checkpoint ?? emptyCheckpoint();
    const channels = channelsFromCheckpoint(this.params.channels(), checkpoint.channel_values);
    const step = saved?.metadata.step ?? -1;
    const ns = config.configurable?.checkpoint_ns ?? "";
    const bump = (v: number) => v + 1;
    if (config.configurable?.checkpoint_id === undefined && saved && saved.pendingWrites.length > 0) {
      const tasks = prepareNextTasks(checkpoint, this.params.nodes, channels, { step: step + 1, ns });
      const nullWrites = saved.pendingWrites.filter(([id]) => id === NULL_TASK_ID).map(([, c, v]): [string, unknown] => [c, v]);
      if (nullWrites.length > 0) applyWrites(checkpoint, channels, [{ name: "__input__", path: "~", triggers: [], writes: nullWrites }], bump);
      attachPendingWrites(tasks, saved);
      const finished = tasks.filter((t) => t.writes.length > 0);
      if (finished.length > 0) applyWrites(checkpoint, channels, finished, bump);
    }
    const writer = asNode ?? this.guessWriter(checkpoint.versions_seen);
    const node = this.params.nodes[writer];
    if (node === undefined) throw new InvalidUpdateError(`Node "${writer}" does not exist`);
    if (node.write === undefined) throw new InvalidUpdateError(`No writers found for node "${writer}"`);
    const writes = await node.write(values, channels);
    applyWrites(checkpoint, channels, [{ name: writer, path: `~${INTERRUPT}, 0000000000`, triggers: [INTERRUPT], writes }], bump);
    const next = createCheckpoint(checkpoint, channels);
    return saver.put(saved?.config ?? { configurable: { ...config.configurable, checkpoint_id: undefined } }, next, { source: "update", step: step + 1 });
  }

  private guessWriter(versionsSeen: Record<string, Record<string, number>>): string {
    const names = Object.keys(this.params.nodes);
    if (names.length === 1) return names[0];
    const seen = Object.entries(versionsSeen)
      .filter(([n]) => n !== INTERRUPT)
      .flatMap(([n, versions]) => Object.values(versions).map((v): [number, string] => [v, n]))
      .sort(([a], [b]) => a - b);
    if (!seen.some(([v]) => v)) {
      if (this.params.nodes[this.params.input]) return this.params.input;
    } else if (seen.length === 1 || seen[seen.length - 1][0] !== seen[seen.length - 2][0]) return seen[seen.length - 1][1];
    throw new InvalidUpdateError(`Ambiguous update, specify "asNode"`);
  }

  /** The state at `saved`; only the head's own pending writes are applied (as LangGraph does). */
  private snapshot(saved: CheckpointTuple, applyPendingWrites: boolean): StateSnapshot {
    const checkpoint = saved.checkpoint;
    const channels = channelsFromCheckpoint(this.params.channels(), checkpoint.channel_values);
    const nullWrites = saved.pendingWrites.filter(([id]) => id === NULL_TASK_ID).map(([, c, v]): [string, unknown] => [c, v]);
    if (nullWrites.length > 0) applyWrites(checkpoint, channels, [{ name: "__input__", path: "~", triggers: [], writes: nullWrites }], undefined);
    const ns = saved.config.configurable?.checkpoint_ns ?? "";
    const tasks = prepareNextTasks(checkpoint, this.params.nodes, channels, { step: saved.metadata.step + 1, ns });
    if (applyPendingWrites) attachPendingWrites(tasks, saved);
    const finished = tasks.filter((t) => t.writes.length > 0);
    if (finished.length > 0) applyWrites(checkpoint, channels, finished, undefined);
    return {
      values: readValues(channels, this.params.output),
      next: tasks.filter((t) => t.writes.length === 0).map((t) => t.name),
      config: saved.config,
      metadata: saved.metadata,
      parentConfig: saved.parentConfig,
      createdAt: checkpoint.ts,
      tasks: tasks.map((t) => describeTask(t, saved)),
    };
  }

  private requireSaver(): BaseCheckpointSaver {
    if (!this.checkpointer) throw new GraphValueError("No checkpointer set");
    return this.checkpointer;
  }
}

/** Pending writes of each task, except errors and interrupts (a `__resume__` write counts: M10). */
function attachPendingWrites(tasks: Task[], saved: CheckpointTuple): void {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  for (const [id, channel, value] of saved.pendingWrites) {
    if (channel === ERROR || channel === INTERRUPT) continue;
    byId.get(id)?.writes.push([channel, value]);
  }
}

function describeTask(task: Task, saved: CheckpointTuple): StateTask {
  const mine = saved.pendingWrites.filter(([id]) => id === task.id);
  const interrupts = mine.filter(([, c]) => c === INTERRUPT).flatMap(([, , v]) => v as Interrupt[]);
  const error = mine.find(([, c]) => c === ERROR)?.[2];
  const described: StateTask = { id: task.id, name: task.name, path: task.path, interrupts };
  if (error !== undefined) described.error = error;
  if (task.node?.subgraph) described.state = { configurable: { thread_id: saved.config.configurable?.thread_id, checkpoint_ns: task.ns } };
  return described;
}

function readValues(channels: Record<string, Channel>, output: string | string[]): unknown {
  // An entrypoint's state is its return value; LangGraph reports "none yet" as null.
  if (!Array.isArray(output)) return channels[output]?.isAvailable() ? channels[output].get() : null;
  const values: Record<string, unknown> = {};
  for (const key of output) if (channels[key]?.isAvailable()) values[key] = channels[key].get();
  return values;
}

function withResumeMap(input: unknown, config: RunnableConfig): RunnableConfig {
  if (!isCommand(input) || !isResumeMap(input.resume)) return config;
  return { ...config, configurable: { ...config.configurable, __resume_map__: input.resume } };
}
