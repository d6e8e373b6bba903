/**
 * Where a thread stands: the one model every verdict is computed over (issue 9). A position is concrete
 * (read from a real checkpoint by a reader, such as the host's) or abstract (derived from a snapshot by
 * static exploration); {@link endangers} decides a finding against either. Pure: no runtime, no I/O.
 */
/** A thread's checkpoint position. Every list is sorted and has no duplicates. */
export interface ThreadPosition {
  /** False when the thread has no checkpoint yet (nothing of it can be endangered). */
  exists: boolean;
  /** Nodes (or functional tasks) paused inside `interrupt()`: they have a pending `__interrupt__` write. */
  pausedIn: string[];
  /** Nodes about to run and not started: untaken `branch:to:*` triggers, full join barriers, Sends, `next`. */
  pending: string[];
  /** Nodes that finished in the paused superstep; their writes wait as pending writes (rows 4e, 7a, 18d). */
  finishedSiblings: string[];
  /** Targets of pending `Send`s (`__pregel_tasks`). */
  sends: string[];
  /**
   * Per paused node: how many of its `interrupt()` calls are already answered (its `__resume__` values). On an
   * abstract position an upper bound; `Number.MAX_SAFE_INTEGER` when it cannot be bounded (a prebuilt node, a
   * subgraph node, an unresolved interrupt): every interrupt of that node counts as answered.
   */
  answered: Record<string, number>;
  /** Channels holding a value: state keys, `branch:to:*`, non-empty `join:*` barriers. */
  channels: string[];
  /** Channels whose version changed since the last resume: what a static `interruptBefore` compares (M8). */
  changedSinceResume: string[];
  /**
   * Nodes whose edges, routers, gotos or Sends have already fired towards a node that has not finished
   * (`__start__` included): a changed route out of them is stale for this thread (rows 5d, 6d, 8b, 15f).
   * Computed with the snapshot of the thread's version; empty without one.
   */
  firedFrom: string[];
  /** Positions inside subgraphs, keyed by the parent node paused in them. */
  subgraphs: Record<string, ThreadPosition>;
  /**
   * Channels that CERTAINLY hold a value. Absent on a concrete position: there every channel in `channels`
   * does. An abstract position (from `staticPositions`) lists in `channels` what MAY hold a value, and here
   * what surely does (often nothing): a verdict that needs a channel to be EMPTY (a new key that old threads
   * lack, a changed default) must test `!(mustChannels ?? channels).includes(key)`, never `!channels.includes`.
   */
  mustChannels?: string[];
  /**
   * Functional API only: how many task calls of the paused entrypoint run have finished (their `__return__`
   * is cached and replays on resume): "paused at interrupt `answered[entrypoint]` after tasks 0..tasksDone-1".
   * Absent for graphs and for finished threads. On an abstract position it is an upper bound (a task call
   * inside a loop may have run any number of times: `Number.MAX_SAFE_INTEGER`).
   */
  tasksDone?: number;
  /**
   * Version stamps (issue 9 class 19): per state key a router of the target version gates on, the values the
   * thread may carry in it (`null`: no value). Absent when unknown; a concrete reader may fill it from the
   * checkpoint. A thread's stamp restricts which route of that router it can take (`positions/stamps.ts`).
   */
  stamps?: Record<string, Array<string | number | boolean | null>>;
}

/** The position of a thread with no checkpoint. */
export const NO_POSITION: ThreadPosition = Object.freeze({
  exists: false,
  pausedIn: [],
  pending: [],
  finishedSiblings: [],
  sends: [],
  answered: {},
  channels: [],
  changedSinceResume: [],
  firedFrom: [],
  subgraphs: {},
}) as ThreadPosition;

/** True when the thread is waiting in or before some node (as opposed to finished or new). */
export function isPaused(position: ThreadPosition): boolean {
  return position.pausedIn.length > 0 || position.pending.length > 0;
}

/** The nodes a thread is paused in or about to run (what `ThreadInfo.pausedAt` shows). */
export function pausePoints(position: ThreadPosition): string[] {
  return [...new Set([...position.pausedIn, ...position.pending])].sort();
}

/**
 * `join:a+b:c` → the sources part (`a+b`, in the order of the sources, row 5e) and the target. LangGraph
 * joins source names with `+` unescaped, so the part is not split: a node may be called `a+b`. Node names
 * cannot contain `:` (LangGraph reserves it), so the target is what follows the last `:`.
 */
export function parseJoin(channel: string): { sources: string; to: string } | undefined {
  const m = /^join:(.+):([^:]+)$/.exec(channel);
  return m ? { sources: m[1], to: m[2] } : undefined;
}

/**
 * True when the sources seen by a barrier (its value: the names of the sources that wrote) fill it. Each
 * seen name is one of the sources, so they fill it exactly when, joined with `+`, they are as long as the
 * sources part of the channel name: a missing source would leave at least two characters unaccounted for.
 */
export function barrierFull(sources: string, seen: readonly string[]): boolean {
  const distinct = [...new Set(seen)];
  return distinct.length > 0 && distinct.reduce((n, s) => n + s.length, 0) + distinct.length - 1 === sources.length;
}
