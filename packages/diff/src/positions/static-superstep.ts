/**
 * One abstract Pregel superstep over a prepared {@link Model}: the checkpoint state between supersteps, the
 * states a superstep (or a new turn from START) can lead to, and what a thread may hold in each.
 * Mirrors the real loop (docs/semantics.md M1-M3, M8): edges fire as `branch:to:*` writes, a join barrier
 * fills across supersteps and is consumed when its target runs, Sends wait in `__pregel_tasks`.
 */
import { START } from "@langgraph-compat/snapshot";
import { combine, subsets as subsetsOf, type Effect, type Model } from "./static-model.js";

/** What decides the next superstep: the triggered nodes, the pending Send targets, the join barriers' seen sources. */
export interface AbstractState {
  pull: string[];
  push: string[];
  /** Join channel → the sources seen so far (non-empty, sorted). */
  joins: Record<string, string[]>;
}

/** What is known of every path to a state, merged over all of them (may-sets only grow). */
export interface Facts {
  /** State keys that may hold a value. */
  mayHold: Set<string>;
  /** Every channel that may have a version (written or cleared): a superset of what changed since a resume. */
  written: Set<string>;
  /** Some path reaches this state through a superstep whose tasks include an `interruptAfter` node. */
  after: boolean;
  /** The first path found: the tasks of each superstep from the thread's start. */
  path: string[][];
}

export const TASKS_CHANNEL = "__pregel_tasks";
const sortedSet = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/** The names of the tasks the next superstep runs. */
export function tasksOf(state: AbstractState): string[] {
  return sortedSet([...state.pull, ...state.push]);
}

/** Merges `from` into `into`; true when a may-set grew (the state must be explored again). */
export function mergeFacts(into: Facts, from: Facts): boolean {
  const before = into.mayHold.size + into.written.size + (into.after ? 1 : 0);
  for (const k of from.mayHold) into.mayHold.add(k);
  for (const k of from.written) into.written.add(k);
  into.after ||= from.after;
  return into.mayHold.size + into.written.size + (into.after ? 1 : 0) > before;
}

const full = (model: Model, channel: string, seen: readonly string[]): boolean => {
  const join = model.graph.joins.find((j) => `join:${j.sources.join("+")}:${j.to}` === channel);
  return join !== undefined && join.sources.every((s) => seen.includes(s));
};

/** Nodes some route other than a join barrier can trigger (an edge, router, goto, `ends` or Send). */
function otherTriggers(model: Model): Set<string> {
  const out = new Set<string>(model.anyRoute.size > 0 ? model.nodes : []);
  for (const effects of model.effects.values()) for (const e of effects) for (const n of [...e.pull, ...e.push]) out.add(n);
  return out;
}

/** The node a join channel triggers (node names cannot contain `:`). */
const targetOf = (channel: string): string => channel.slice(channel.lastIndexOf(":") + 1);

/** Targets of the barriers that are full in `joins`: the checkpoint readers count them as pending. */
export function joinTargets(model: Model, joins: Record<string, string[]>): string[] {
  return sortedSet(
    Object.entries(joins)
      .filter(([channel, seen]) => full(model, channel, seen))
      .map(([channel]) => targetOf(channel)),
  );
}

/** Every union of one or more of `effects`: what several tasks of one node (Sends) can produce together. */
function unions(effects: Effect[], cap: number): Effect[] | undefined {
  const out = new Map(effects.map((e) => [JSON.stringify(e), e]));
  for (let grew = true; grew; ) {
    grew = false;
    for (const a of [...out.values()])
      for (const b of effects) {
        const [u] = combine([[a], [b]]);
        const key = JSON.stringify(u);
        if (!out.has(key)) {
          out.set(key, u);
          grew = true;
          if (out.size > cap) return undefined;
        }
      }
  }
  return [...out.values()];
}

/** State keys a finished task may have written: its own writes, or any key for a node we cannot read. */
function writesOf(model: Model, task: string): string[] {
  if (task === START) return model.inputKeys;
  const node = model.graph.nodes[task];
  return node?.kind === "function" ? node.writes.filter((k) => model.stateKeys.includes(k)) : model.stateKeys;
}

/** The result of a superstep (or a START turn): the next state and its facts; `truncated` when a cap was hit. */
export interface Successors {
  next: Array<[AbstractState, Facts]>;
  truncated: boolean;
}

/**
 * The states after the superstep that runs `tasks` from `state` with every task finished; `prior` are the
 * barriers before it (a new turn keeps them) and `facts` the facts before it.
 */
function runTasks(model: Model, state: AbstractState, tasks: string[], push: string[], facts: Facts, cap: number): Successors {
  let truncated = false;
  const lists: Effect[][] = [];
  for (const t of tasks) {
    const effects = (model.effects.get(t) ?? [{ pull: [], push: [] }]).map((e) => ({
      pull: e.pull.filter((p) => model.graph.nodes[p] !== undefined),
      push: e.push.filter((p) => model.graph.nodes[p] !== undefined),
    }));
    // Several Sends to one node (or a Send beside its own trigger) run as several tasks, each choosing.
    const many = push.includes(t) ? unions(effects, cap) : effects;
    if (many === undefined) truncated = true;
    lists.push(many ?? effects);
  }
  const writes = tasks.flatMap((t) => writesOf(model, t));
  // A PULL task consumes only the one trigger it was started by (algo.js: `triggers: [trigger]`), so a full
  // barrier whose target ran through its `branch:to:*` trigger may stay full; and a barrier full from an
  // earlier step triggers its target only when the loop looks at it again (after a resume, say). Both are
  // open choices here.
  const consumable = Object.entries(state.joins).filter(([channel, seen]) => tasks.includes(targetOf(channel)) && full(model, channel, seen));
  // A target with no trigger but its barrier ran through the barrier, which its task consumes: no choice.
  const forced = consumable.map(([channel]) => channel).filter((c) => !otherTriggers(model).has(targetOf(c)));
  const optional = consumable.map(([channel]) => channel).filter((c) => !forced.includes(c));
  // Every task's choice is independent: give up (truncated) before the product gets out of hand.
  if (lists.reduce((n, l) => n * l.length, 1) > cap) return { next: [], truncated: true };
  const next: Array<[AbstractState, Facts]> = [];
  for (const effect of combine(lists)) {
    for (const consumed of subsetsOf(optional).map((extra) => [...forced, ...extra])) {
      const joins: Record<string, string[]> = {};
      for (const [channel, seen] of Object.entries(state.joins)) if (!consumed.includes(channel)) joins[channel] = seen;
      const touched: string[] = [];
      for (const t of tasks)
        for (const j of model.joinsOf.get(t) ?? []) {
          const seen = joins[j.channel] ?? [];
          if (!seen.includes(t)) touched.push(j.channel);
          joins[j.channel] = sortedSet([...seen, t]);
        }
      const ready = Object.entries(joins).filter(([channel, seen]) => full(model, channel, seen));
      const must = sortedSet([...effect.pull, ...ready.filter(([c]) => touched.includes(c)).map(([c]) => targetOf(c))]);
      const lingering = sortedSet(ready.filter(([c]) => !touched.includes(c)).map(([c]) => targetOf(c))).filter((t) => !must.includes(t));
      const written = new Set([...facts.written, ...writes, ...touched, ...consumed, ...effect.pull.map((p) => `branch:to:${p}`)]);
      for (const t of tasks) if (t !== START) written.add(`branch:to:${t}`);
      if (effect.push.length > 0 || state.push.length > 0) written.add(TASKS_CHANNEL);
      if (tasks.includes(START)) written.add(START);
      for (const extra of subsetsOf(lingering)) {
        next.push([
          { pull: sortedSet([...must, ...extra]), push: effect.push, joins },
          { mayHold: new Set([...facts.mayHold, ...writes]), written: new Set(written), after: tasks.some((t) => t !== START && model.after(t)), path: [...facts.path, tasks] },
        ]);
        if (next.length > cap) return { next, truncated: true };
      }
    }
  }
  return { next, truncated };
}

/** The superstep that runs `state`'s tasks, every one of them finishing (pauses are positions, not steps). */
export function superstep(model: Model, state: AbstractState, facts: Facts, cap: number): Successors {
  const tasks = tasksOf(state);
  if (tasks.length === 0) return { next: [], truncated: false };
  return runTasks(model, state, tasks, state.push, facts, cap);
}

/**
 * A new run from START on a thread in `state` (finished, or paused and given new input instead of a resume):
 * the paused superstep's tasks and Sends are dropped (their `branch:to:*` and `__pregel_tasks` were cleared),
 * the join barriers stay, and a full barrier triggers its target again.
 */
export function newTurn(model: Model, state: AbstractState, facts: Facts, cap: number): Successors {
  return runTasks(model, { pull: [], push: [], joins: state.joins }, [START], [], facts, cap);
}
