/**
 * The Pregel loop: load the thread's latest checkpoint, rebuild channels from the *current* graph,
 * apply the input or resume, then run supersteps until no task is left (M2: that is a normal end,
 * even when the thread was paused at a node the graph no longer has), a breakpoint fires, or a task
 * calls `interrupt()`. Each superstep's writes are saved as pending writes first, then folded into a
 * new checkpoint.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { applyWrites, createCheckpoint, interruptId, prepareNextTasks, reapplySavedWrites, shouldInterrupt, type GraphNode, type Task } from "./algo.js";
import { channelsFromCheckpoint, type Channel } from "./channels.js";
import { emptyCheckpoint, type BaseCheckpointSaver, type Checkpoint, type PendingWrite, type RunnableConfig } from "./checkpoint.js";
import { ERROR, INTERRUPT, NO_WRITES, NULL_TASK_ID, RESUME, RETURN, branchChannel, isCommand, isTaskOutput, type Interrupt } from "./constants.js";
import { commandWrites } from "./io.js";
import { EmptyInputError, GraphInterrupt, OrphanedWritesError, PendingInterruptLostError, UnknownChannelWriteError, isGraphInterrupt } from "./errors.js";

/** What a compiled graph hands to the loop. */
export interface GraphDefinition {
  name: string;
  nodes: Record<string, GraphNode>;
  /** Fresh, empty channels of the current graph. */
  channels: () => Record<string, Channel>;
  input: string;
  output: string | string[];
  interruptBefore: string[] | "*";
  interruptAfter: string[] | "*";
  checkpointer?: BaseCheckpointSaver;
  strict: boolean;
}

/** Per-task interrupt and call counters (M9: resume values are matched by position). */
export interface Scratchpad {
  interruptCounter: number;
  callCounter: number;
  resume: unknown[];
  nullResume: unknown;
  consumeNullResume(): unknown;
}

/** The running task, reachable from `interrupt()`, `task()` and subgraphs through AsyncLocalStorage. */
export interface TaskScope {
  loop: PregelLoop;
  task: Task;
  scratchpad: Scratchpad;
}

/** Where the current task's scope lives while its node function runs. */
export const taskScope = new AsyncLocalStorage<TaskScope>();

const DEFAULT_RECURSION_LIMIT = 25;

/** Raised when a run takes more supersteps than the recursion limit. */
export class GraphRecursionError extends Error {
  override name = "GraphRecursionError";
}

/** Parameters of one run. */
export interface LoopParams {
  graph: GraphDefinition;
  input: unknown;
  config: RunnableConfig;
  /** Called with each `updates` chunk. */
  emit?: (chunk: Record<string, unknown>) => void;
  /** Set when this run is a subgraph inside a parent task. */
  parent?: TaskScope;
}

/** One run of a graph over one thread (and one checkpoint namespace). */
export class PregelLoop {
  readonly graph: GraphDefinition;
  readonly saver?: BaseCheckpointSaver;
  readonly ns: string;
  readonly strict: boolean;
  checkpoint: Checkpoint = emptyCheckpoint();
  channels: Record<string, Channel> = {};
  pending: PendingWrite[] = [];
  step = -1;
  isResuming = false;
  /** The value `invoke` returns: the output channels as last emitted. */
  latest: unknown;
  private writeNodes: Record<string, string> = {};
  private savedValueKeys = new Set<string>();
  private checkpointConfig: RunnableConfig;
  private tasks?: Task[];
  private updatedChannels?: Set<string>;
  private firstTick = true;
  /** The NULL-task resume value as it was when this superstep's tasks were prepared (shared by all of them). */
  private stepNullResume: unknown;
  private stop = 0;

  constructor(private readonly params: LoopParams) {
    this.graph = params.graph;
    this.saver = params.graph.checkpointer ?? params.parent?.loop.saver;
    this.ns = params.config.configurable?.checkpoint_ns ?? "";
    this.strict = params.graph.strict || params.config.strict === true || (params.parent?.loop.strict ?? false);
    this.checkpointConfig = { configurable: { thread_id: params.config.configurable?.thread_id, checkpoint_ns: this.ns } };
  }

  private recursionLimit(): number {
    return this.params.config.recursionLimit ?? this.params.parent?.loop.recursionLimit() ?? DEFAULT_RECURSION_LIMIT;
  }

  /** The thread this run belongs to. */
  threadId(): string | undefined {
    return this.params.config.configurable?.thread_id;
  }

  /** A `Command({ resume: { [interruptId]: value } })` of this run, passed down to subgraphs. */
  resumeMap(): Record<string, unknown> | undefined {
    return this.params.config.configurable?.__resume_map__ as Record<string, unknown> | undefined;
  }

  /** Runs to the end or to a pause; returns the interrupts if it paused. */
  async run(): Promise<{ interrupts?: Interrupt[] }> {
    await this.load();
    await this.first();
    try {
      while (await this.tick()) await this.runTasks();
      return {};
    } catch (error) {
      if (!isGraphInterrupt(error)) throw error;
      const finished = (this.tasks ?? []).filter((task) => task.writes.length > 0);
      if (finished.length > 0 && this.pending.length > 0) {
        // Output only: the paused superstep's finished writes are shown but not checkpointed.
        applyWrites(this.checkpoint, this.channels, finished, (v) => v + 1);
        if (this.touchesOutput(finished.flatMap((t) => t.writes))) this.latest = this.readOutput();
      }
      this.params.emit?.({ [INTERRUPT]: error.interrupts });
      return { interrupts: error.interrupts };
    }
  }

  /** Reads the thread's latest checkpoint and rebuilds the current graph's channels from it (M6). */
  private async load(): Promise<void> {
    const threadId = this.params.config.configurable?.thread_id;
    const saved = this.saver && threadId !== undefined ? await this.saver.getTuple(this.checkpointConfig) : undefined;
    if (saved) {
      this.checkpoint = saved.checkpoint;
      this.pending = saved.pendingWrites;
      this.writeNodes = saved.writeNodes;
      this.step = saved.metadata.step + 1;
      this.checkpointConfig = saved.config;
      this.savedValueKeys = new Set(Object.keys(saved.checkpoint.channel_values));
    }
    this.channels = channelsFromCheckpoint(this.graph.channels(), this.checkpoint.channel_values);
    this.stop = this.step + this.recursionLimit() + 1;
    const input = this.params.input;
    const hasVersions = Object.keys(this.checkpoint.channel_versions).length > 0;
    const parentResuming = this.params.parent?.loop.isResuming ?? false;
    this.isResuming = hasVersions && (parentResuming || input === null || input === undefined || (isCommand(input) && input.resume != null));
  }

  /** Applies the input (a new run), or the resume and `Command` writes (a resumed run). */
  private async first(): Promise<void> {
    const input = this.params.input;
    if (isCommand(input)) {
      const writes = commandWrites(input, this.pending);
      if (writes.length === 0) throw new EmptyInputError("Received empty Command input");
      for (const id of new Set(writes.map(([tid]) => tid))) {
        await this.putWrites(id, writes.filter(([tid]) => tid === id).map(([, c, v]): [string, unknown] => [c, v]), "");
      }
    }
    const parentNull = this.params.parent?.scratchpad.nullResume;
    if (this.params.parent && parentNull !== undefined && this.isResuming) await this.putWrites(NULL_TASK_ID, [[RESUME, parentNull]], "");
    const nullWrites = this.pending.filter(([id]) => id === NULL_TASK_ID).map(([, c, v]): [string, unknown] => [c, v]);
    if (nullWrites.length > 0) applyWrites(this.checkpoint, this.channels, [{ name: "__input__", path: "~", triggers: [], writes: nullWrites }], (v) => v + 1, this.onUnknownWrite);
    const commandUpdateOrGoto = isCommand(input) && nullWrites.length > 0;
    if (this.isResuming || commandUpdateOrGoto) {
      // M8: the breakpoint bookkeeping records only the channels the *current* graph has.
      const seen = { ...this.checkpoint.versions_seen[INTERRUPT] };
      for (const name of Object.keys(this.channels)) {
        if (this.checkpoint.channel_versions[name] !== undefined) seen[name] = this.checkpoint.channel_versions[name];
      }
      this.checkpoint.versions_seen[INTERRUPT] = seen;
      if (this.isAnyOutputAvailable()) this.latest = this.readOutput();
      if (!this.isResuming) await this.putCheckpoint("input");
      return;
    }
    if (input === null || input === undefined) throw new EmptyInputError(`Received no input for ${this.graph.input}`);
    // A new run discards whatever was pending: those tasks are marked as having seen their triggers.
    const discarded = prepareNextTasks(this.checkpoint, this.graph.nodes, this.channels, { step: this.step, ns: this.ns });
    this.updatedChannels = applyWrites(
      this.checkpoint,
      this.channels,
      [...discarded, { name: "__input__", path: "~", triggers: [], writes: [[this.graph.input, input]] }],
      (v) => v + 1,
    );
    await this.putCheckpoint("input");
  }

  /** Finishes the previous superstep (if any) and prepares the next one; false when the run is over. */
  private async tick(): Promise<boolean> {
    if (this.tasks !== undefined) {
      const tasks = this.tasks;
      this.updatedChannels = applyWrites(this.checkpoint, this.channels, tasks, (v) => v + 1, this.onUnknownWrite);
      this.pending = [];
      this.writeNodes = {};
      await this.putCheckpoint("loop");
      if (this.touchesOutput(tasks.flatMap((t) => t.writes))) this.latest = this.readOutput();
      if (shouldInterrupt(this.checkpoint, this.graph.interruptAfter, tasks)) {
        this.params.emit?.({ [INTERRUPT]: [] });
        throw new GraphInterrupt([]);
      }
    }
    if (this.step > this.stop) throw new GraphRecursionError(
        `Recursion limit of ${this.recursionLimit()} reached without hitting a stop condition. You can increase the limit by setting the "recursionLimit" config key.`,
      );
    const tasks = prepareNextTasks(this.checkpoint, this.graph.nodes, this.channels, {
      step: this.step,
      ns: this.ns,
      updatedChannels: this.updatedChannels,
      strict: this.strict,
    });
    this.tasks = tasks;
    this.stepNullResume = this.nullResume();
    if (this.pending.length > 0) {
      reapplySavedWrites(tasks, this.pending);
      for (const task of tasks) {
        if (task.writes.length > 0 && !task.node?.hidden) this.params.emit?.({ [task.name]: this.updateOf(task.writes), __metadata__: { cached: true } });
      }
    }
    if (this.firstTick && this.isResuming && this.strict) this.checkResumeStrict(tasks);
    this.firstTick = false;
    if (tasks.length === 0) return false;
    if (tasks.every((task) => task.writes.length > 0)) return this.tick();
    if (shouldInterrupt(this.checkpoint, this.graph.interruptBefore, tasks)) {
      this.params.emit?.({ [INTERRUPT]: [] });
      throw new GraphInterrupt([]);
    }
    return true;
  }

  /** Runs the superstep's unfinished tasks concurrently; saves each one's writes as it ends. */
  private async runTasks(): Promise<void> {
    const outcomes = await Promise.all((this.tasks ?? []).filter((t) => t.writes.length === 0).map((t) => this.execute(t)));
    const error = outcomes.find((o) => o.error !== undefined);
    if (error) throw error.error;
    const interrupts = outcomes.flatMap((o) => o.interrupts ?? []);
    if (outcomes.some((o) => o.interrupts)) throw new GraphInterrupt(interrupts);
  }

  private async execute(task: Task): Promise<{ interrupts?: Interrupt[]; error?: unknown }> {
    const scratchpad = this.scratchpadFor(task.id, task.ns, this.stepNullResume);
    try {
      await taskScope.run({ loop: this, task, scratchpad }, () => task.node!.run(task.input, task, this.channels));
      if (task.writes.length === 0) task.writes.push([NO_WRITES, null]);
      await this.putWrites(task.id, task.writes, task.name);
      if (!task.node?.hidden) this.params.emit?.({ [task.name]: this.updateOf(task.writes) });
      return {};
    } catch (error) {
      if (isGraphInterrupt(error)) {
        if (error.interrupts.length > 0) await this.putWrites(task.id, [[INTERRUPT, error.interrupts], ...task.writes.filter(([c]) => c === RESUME)], task.name);
        return { interrupts: error.interrupts };
      }
      const e = error as Error;
      await this.putWrites(task.id, [...task.writes, [ERROR, { message: e?.message, name: e?.name }]], task.name);
      return { error };
    }
  }

  /** The pending NULL-task resume value, if any. */
  private nullResume(): unknown {
    return this.pending.find(([tid, c]) => tid === NULL_TASK_ID && c === RESUME)?.[2];
  }

  /**
   * Builds a task's scratchpad from the pending writes: its own resume values and the NULL one. Tasks
   * of one superstep all get the NULL value seen when the step was prepared, so with several pending
   * interrupts and one resume value each of them takes it (as in LangGraph); a functional-API task call
   * sees the live value.
   */
  scratchpadFor(id: string, ns: string, nullResume: unknown = this.nullResume()): Scratchpad {
    const resume = this.pending.filter(([tid, c]) => tid === id && c === RESUME).flatMap(([, , v]) => v as unknown[]);
    const resumeMap = this.resumeMap();
    if (resumeMap) {
      const next = interruptId(ns, resume.length);
      if (next in resumeMap) resume.push(resumeMap[next]);
      else if (interruptId(ns, 0) in resumeMap) resume.push(resumeMap[interruptId(ns, 0)]);
    }
    const pending = this.pending;
    const scratchpad: Scratchpad = {
      interruptCounter: -1,
      callCounter: 0,
      resume,
      nullResume,
      consumeNullResume() {
        const value = scratchpad.nullResume;
        scratchpad.nullResume = undefined;
        const at = pending.findIndex(([tid, c]) => tid === NULL_TASK_ID && c === RESUME);
        if (at >= 0) pending.splice(at, 1);
        return value;
      },
    };
    return scratchpad;
  }

  /** Saves writes against the current checkpoint and keeps them as this run's pending writes. */
  async putWrites(taskId: string, writes: [string, unknown][], node: string): Promise<void> {
    this.pending = this.pending.filter(([tid, c]) => !(tid === taskId && (c === INTERRUPT || c === RESUME) && writes.some(([w]) => w === c)));
    for (const [channel, value] of writes) this.pending.push([taskId, channel, value]);
    this.writeNodes[taskId] = node;
    if (this.saver && this.checkpointConfig.configurable?.thread_id !== undefined) await this.saver.putWrites(this.checkpointConfig, writes, taskId, node);
  }

  private async putCheckpoint(source: "input" | "loop"): Promise<void> {
    this.checkpoint = createCheckpoint(this.checkpoint, this.channels);
    if (this.saver && this.checkpointConfig.configurable?.thread_id !== undefined) {
      this.checkpointConfig = await this.saver.put(this.checkpointConfig, this.checkpoint, { source, step: this.step });
    }
    this.step += 1;
  }

  /**
   * Strict mode only: what LangGraph would silently lose on this resume. Orphaned sibling writes are
   * always an error; a lost pause point only when the resume has nothing left to run (M2's silent end).
   */
  private checkResumeStrict(tasks: Task[]): void {
    const ids = new Set(tasks.map((t) => t.id));
    const orphaned = new Map<string, string[]>();
    const lostInterrupts: string[] = [];
    for (const [id, channel] of this.pending) {
      const node = this.writeNodes[id];
      if (id === NULL_TASK_ID || ids.has(id) || !node || node in this.graph.nodes) continue;
      if (channel === INTERRUPT) lostInterrupts.push(node);
      else if (isTaskOutput(channel) && channel !== NO_WRITES && channel !== RETURN) orphaned.set(node, [...(orphaned.get(node) ?? []), channel]);
    }
    for (const [node, channels] of orphaned) throw new OrphanedWritesError(node, channels);
    if (tasks.some((t) => t.writes.length === 0)) return;
    for (const node of lostInterrupts) throw new PendingInterruptLostError(node, "its pending interrupt() would never be answered");
    for (const name of this.savedValueKeys) {
      const target = name.startsWith("branch:to:") ? name.slice("branch:to:".length) : undefined;
      if (target !== undefined && !(target in this.graph.nodes)) throw new PendingInterruptLostError(target, `its trigger ${branchChannel(target)} was pending`);
    }
  }

  /** Strict mode turns a dropped write (M5) into an error. */
  private readonly onUnknownWrite = (channel: string, writer: string): void => {
    if (this.strict) throw new UnknownChannelWriteError(channel, writer === "__input__" ? "Command" : writer);
  };

  private updateOf(writes: [string, unknown][]): Record<string, unknown> | undefined {
    const keys = Array.isArray(this.graph.output) ? this.graph.output : [this.graph.output];
    const entries = writes.filter(([c]) => keys.includes(c));
    if (!Array.isArray(this.graph.output)) return entries.length ? (entries[entries.length - 1][1] as Record<string, unknown>) : undefined;
    return entries.length ? Object.fromEntries(entries) : undefined;
  }

  private touchesOutput(writes: [string, unknown][]): boolean {
    const keys = Array.isArray(this.graph.output) ? this.graph.output : [this.graph.output];
    return writes.some(([c]) => keys.includes(c));
  }

  private isAnyOutputAvailable(): boolean {
    const keys = Array.isArray(this.graph.output) ? this.graph.output : [this.graph.output];
    return keys.some((k) => this.channels[k]?.isAvailable());
  }

  /** The output channels' values: an object for a state graph, the bare value for an entrypoint. */
  readOutput(): unknown {
    const output = this.graph.output;
    if (!Array.isArray(output)) return this.channels[output]?.isAvailable() ? this.channels[output].get() : undefined;
    const values: Record<string, unknown> = {};
    for (const key of output) if (this.channels[key]?.isAvailable()) values[key] = this.channels[key].get();
    return values;
  }
}

/**
 * Runs a compiled graph as a parent's node: in the task's own checkpoint namespace (`name:taskId`),
 * on the parent's thread and saver, resuming when the parent resumes.
 */
export async function runSubgraphNode(
  graph: { definition(): GraphDefinition },
  input: unknown,
  task: Task,
): Promise<unknown> {
  const parent = taskScope.getStore();
  const config: RunnableConfig = { configurable: { thread_id: parent?.loop.threadId(), checkpoint_ns: task.ns, __resume_map__: parent?.loop.resumeMap() } };
  const loop = new PregelLoop({ graph: graph.definition(), input, config, parent });
  const { interrupts } = await loop.run();
  if (interrupts) throw new GraphInterrupt(interrupts);
  return loop.readOutput();
}

