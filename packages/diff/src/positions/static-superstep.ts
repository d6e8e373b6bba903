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

/** What every superstep of one model reads, derived once per model (a superstep runs once per state). */
interface Prepared {
  /** Per task: its effects, restricted to nodes of the graph. */
  effects: Map<string, Effect[]>;
  /** Per task and cap: {@link unions} of its effects (undefined: past the cap). */
  unions: Map<string, Effect[] | undefined>;
  others: Set<string>;
  /** Per task: {@link writesOf}. */
  writes: Map<string, string[]>;
  /** Per node: its `branch:to:*` channel. */
  routes: Map<string, string>;
  /** {@link combine} of the effect lists of a sequence of tasks, per sequence (see {@link combined}). */
  products: Map<string, Effect[]>;
  /** The same, packed (see {@link pack}). */
  packed: Map<string, number[]>;
  /** Per node: its bit in a packed effect. */
  bit: Map<string, number>;
  unpacked: Map<number, Effect>;
  /** Per effect: {@link plainSuccessor}, without and with Sends pending. */
  plain: WeakMap<Effect, [PlainSuccessor | undefined, PlainSuccessor | undefined]>;
}

const preparedOf = new WeakMap<Model, Prepared>();

function prepared(model: Model): Prepared {
  let p = preparedOf.get(model);
  if (p === undefined) preparedOf.set(model, (p = { effects: new Map(), unions: new Map(), others: otherTriggers(model), writes: new Map(), routes: new Map(), products: new Map(), packed: new Map(), bit: new Map(), unpacked: new Map(), plain: new WeakMap() }));
  return p;
}

/** The effects of a task, restricted to nodes of the graph (a name we cannot run triggers nothing). */
function effectsOf(model: Model, p: Prepared, task: string): Effect[] {
  let effects = p.effects.get(task);
  if (effects === undefined) {
    effects = (model.effects.get(task) ?? [{ pull: [], push: [] }]).map((e) => ({
      pull: e.pull.filter((n) => model.graph.nodes[n] !== undefined),
      push: e.push.filter((n) => model.graph.nodes[n] !== undefined),
    }));
    p.effects.set(task, effects);
  }
  return effects;
}

/** {@link unions} of a task's effects, once per task and cap. */
function unionsOf(model: Model, p: Prepared, task: string, cap: number): Effect[] | undefined {
  const key = `${cap}:${task}`;
  if (!p.unions.has(key)) p.unions.set(key, unions(effectsOf(model, p, task), cap));
  return p.unions.get(key);
}

/** {@link writesOf}, once per task. */
function writesOnce(model: Model, p: Prepared, task: string): string[] {
  let writes = p.writes.get(task);
  if (writes === undefined) p.writes.set(task, (writes = writesOf(model, task)));
  return writes;
}

/** The `branch:to:*` channel of a node. */
function branchTo(p: Prepared, node: string): string {
  let channel = p.routes.get(node);
  if (channel === undefined) p.routes.set(node, (channel = `branch:to:${node}`));
  return channel;
}

/**
 * `combine(lists)`, where `prefix[i]` names `lists[i]` (the task, and whether it runs its effects' unions).
 * `combine` is a left fold, so the product of a sequence extends the product of its longest prefix already
 * computed: tasks are sorted, and states of one graph share long prefixes of them. On a graph of at most
 * {@link PACKED_NODES} nodes the fold runs on packed effects (see {@link pack}), which give the same list.
 */
function combined(model: Model, p: Prepared, lists: readonly Effect[][], prefix: readonly string[]): Effect[] {
  const keys: string[] = [];
  let key = "";
  for (const name of prefix) keys.push((key += `${JSON.stringify(name)},`));
  if (model.nodes.length > PACKED_NODES) {
    let i = lists.length;
    let out: Effect[] | undefined;
    while (i > 0 && (out = p.products.get(keys[i - 1])) === undefined) i--;
    if (i === 0) out = [{ pull: [], push: [] }];
    for (; i < lists.length; i++) p.products.set(keys[i], (out = combine([lists[i]], out)));
    return out!;
  }
  let i = lists.length;
  let out: number[] | undefined;
  while (i > 0 && (out = p.packed.get(keys[i - 1])) === undefined) i--;
  if (i === 0) out = [0];
  for (; i < lists.length; i++) {
    const list = lists[i].map((e) => pack(model, p, e));
    const seen = new Set<number>();
    for (const a of out!) {
      const pullA = Math.floor(a / PUSH);
      const pushA = a % PUSH;
      for (const b of list) seen.add(((pullA | Math.floor(b / PUSH)) >>> 0) * PUSH + ((pushA | b % PUSH) >>> 0));
    }
    p.packed.set(keys[i], (out = [...seen]));
  }
  return out!.map((e) => unpack(model, p, e));
}

/** Nodes a packed effect can name: a pull and a push mask side by side in one safe integer. */
const PACKED_NODES = 26;
const PUSH = 2 ** PACKED_NODES;

/** An effect as one number: bit i of each mask is `model.nodes[i]` (sorted, so a mask lists names in order). */
function pack(model: Model, p: Prepared, e: Effect): number {
  if (p.bit.size === 0) model.nodes.forEach((n, i) => p.bit.set(n, 2 ** i));
  let pull = 0;
  let push = 0;
  for (const n of e.pull) pull |= p.bit.get(n)!;
  for (const n of e.push) push |= p.bit.get(n)!;
  return pull * PUSH + push;
}

/** The effect a packed number stands for (one object per number: effects are never changed). */
function unpack(model: Model, p: Prepared, packed: number): Effect {
  let e = p.unpacked.get(packed);
  if (e === undefined) {
    const names = (mask: number) => model.nodes.filter((_, i) => (mask >>> i) & 1);
    p.unpacked.set(packed, (e = { pull: names(Math.floor(packed / PUSH)), push: names(packed % PUSH) }));
  }
  return e;
}

/** A successor state in a graph without join barriers: the effect's triggers and Sends, and what they version. */
interface PlainSuccessor {
  state: AbstractState;
  key: string;
  /** The `branch:to:*` of its triggers, and `__pregel_tasks` when Sends were or are pending. */
  routes: string[];
}

/** {@link PlainSuccessor} of `effect`, once per effect object (states and lists are never changed). */
function plainSuccessor(p: Prepared, effect: Effect, sending: boolean): PlainSuccessor {
  let pair = p.plain.get(effect);
  if (pair === undefined) p.plain.set(effect, (pair = [undefined, undefined]));
  const slot = sending || effect.push.length > 0 ? 1 : 0;
  let to = pair[slot];
  if (to === undefined) {
    const routes = effect.pull.map((n) => branchTo(p, n));
    if (slot === 1) routes.push(TASKS_CHANNEL);
    const state: AbstractState = { pull: effect.pull, push: effect.push, joins: {} };
    pair[slot] = to = { state, key: stateKey(state), routes };
  }
  return to;
}

/**
 * The identity of a state in the exploration: its triggered nodes, Send targets and barriers (in channel
 * order). Lists of names are compared as JSON, which tells any two lists apart.
 */
export function stateKey(state: AbstractState): string {
  return `${JSON.stringify(state.pull)}${JSON.stringify(state.push)}${joinsKey(state.joins)}`;
}

/** The identity of a state's barriers (what a new turn depends on). */
export function joinsKey(joins: Record<string, string[]>): string {
  const channels = Object.keys(joins);
  if (channels.length === 0) return "{}";
  return JSON.stringify(channels.sort().map((c) => [c, joins[c]]));
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
  const known = node?.kind === "function" || (node?.kind === "prebuilt" && node.toolsFollowed === true);
  return known ? node.writes.filter((k) => model.stateKeys.includes(k)) : model.stateKeys;
}

/**
 * One way a superstep (or a START turn) can end, apart from the path that led to it: the next state (and
 * its canonical key), and what it adds to the facts of the state it leaves. The successors of a state do
 * not depend on its facts, so they are derived once per state and replayed each time its facts grow.
 */
export interface Step {
  state: AbstractState;
  /** {@link stateKey}: the state's identity in the exploration. */
  key: string;
  /** State keys the superstep's tasks may have written (added to `mayHold`). */
  holds: string[];
  /** Channels the superstep gives a version (added to `written`), in several lists that steps may share. */
  written: string[][];
  /** The superstep's tasks include an `interruptAfter` node. */
  after: boolean;
  /** The superstep's tasks (appended to the path). */
  tasks: string[];
}

/** The result of a superstep (or a START turn): the next states; `truncated` when a cap was hit. */
export interface Steps {
  next: Step[];
  truncated: boolean;
}

/**
 * The states after the superstep that runs `tasks` from `state` with every task finished (a new turn keeps
 * the barriers of `state`).
 */
function runTasks(model: Model, state: AbstractState, tasks: string[], push: string[], cap: number): Steps {
  let truncated = false;
  const p = prepared(model);
  const lists: Effect[][] = [];
  const prefix: string[] = [];
  for (const t of tasks) {
    // Several Sends to one node (or a Send beside its own trigger) run as several tasks, each choosing.
    const many = push.includes(t);
    const list = many ? unionsOf(model, p, t, cap) : effectsOf(model, p, t);
    if (list === undefined) truncated = true;
    lists.push(list ?? effectsOf(model, p, t));
    prefix.push(`${many && list !== undefined ? `+${cap}` : "-"}:${t}`);
  }
  const writes = sortedSet(tasks.flatMap((t) => writesOnce(model, p, t)));
  const after = tasks.some((t) => t !== START && model.after(t));
  // What every successor gives a version: the tasks' keys and their own `branch:to:*` (START: its channel).
  const ran = tasks.flatMap((t) => (t === START ? [START] : [branchTo(p, t)]));
  // A PULL task consumes only the one trigger it was started by (algo.js: `triggers: [trigger]`), so a full
  // barrier whose target ran through its `branch:to:*` trigger may stay full; and a barrier full from an
  // earlier step triggers its target only when the loop looks at it again (after a resume, say). Both are
  // open choices here.
  const consumable = Object.entries(state.joins).filter(([channel, seen]) => tasks.includes(targetOf(channel)) && full(model, channel, seen));
  // A target with no trigger but its barrier ran through the barrier, which its task consumes: no choice.
  const forced = consumable.map(([channel]) => channel).filter((c) => !p.others.has(targetOf(c)));
  const optional = consumable.map(([channel]) => channel).filter((c) => !forced.includes(c));
  const consumptions = subsetsOf(optional).map((extra) => [...forced, ...extra]);
  // Every task's choice is independent: give up (truncated) before the product gets out of hand.
  if (lists.reduce((n, l) => n * l.length, 1) > cap) return { next: [], truncated: true };
  const next: Step[] = [];
  // Without a join barrier in the graph, a successor is its effect alone: built once per effect.
  const plain = model.graph.joins.length === 0;
  for (const effect of combined(model, p, lists, prefix)) {
    if (plain) {
      const to = plainSuccessor(p, effect, state.push.length > 0);
      next.push({ state: to.state, key: to.key, holds: writes, written: [writes, ran, to.routes], after, tasks });
      if (next.length > cap) return { next, truncated: true };
      continue;
    }
    const routes = effect.pull.map((n) => branchTo(p, n));
    if (effect.push.length > 0 || state.push.length > 0) routes.push(TASKS_CHANNEL);
    for (const consumed of consumptions) {
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
      // The channels this successor gives a version, as lists (shared ones stay shared).
      const written = touched.length + consumed.length > 0 ? [writes, ran, routes, [...touched, ...consumed]] : [writes, ran, routes];
      if (ready.length === 0) {
        const nextState: AbstractState = { pull: effect.pull, push: effect.push, joins };
        next.push({ state: nextState, key: stateKey(nextState), holds: writes, written, after, tasks });
        if (next.length > cap) return { next, truncated: true };
        continue;
      }
      const must = sortedSet([...effect.pull, ...ready.filter(([c]) => touched.includes(c)).map(([c]) => targetOf(c))]);
      const lingering = sortedSet(ready.filter(([c]) => !touched.includes(c)).map(([c]) => targetOf(c))).filter((t) => !must.includes(t));
      for (const extra of subsetsOf(lingering)) {
        const nextState: AbstractState = { pull: sortedSet([...must, ...extra]), push: effect.push, joins };
        next.push({ state: nextState, key: stateKey(nextState), holds: writes, written, after, tasks });
        if (next.length > cap) return { next, truncated: true };
      }
    }
  }
  return { next, truncated };
}

/** The superstep that runs `state`'s tasks, every one of them finishing (pauses are positions, not steps). */
export function superstep(model: Model, state: AbstractState, cap: number): Steps {
  const tasks = tasksOf(state);
  if (tasks.length === 0) return { next: [], truncated: false };
  return runTasks(model, state, tasks, state.push, cap);
}

/**
 * A new run from START on a thread in `state` (finished, or paused and given new input instead of a resume):
 * the paused superstep's tasks and Sends are dropped (their `branch:to:*` and `__pregel_tasks` were cleared),
 * the join barriers stay, and a full barrier triggers its target again. Depends on the barriers only.
 */
export function newTurn(model: Model, state: AbstractState, cap: number): Steps {
  return runTasks(model, { pull: [], push: [], joins: state.joins }, [START], [], cap);
}
