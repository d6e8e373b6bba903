/**
 * Static positions (issue 9): every position in which a thread of a graph can be persisted, derived from its
 * snapshot by abstract execution of Pregel supersteps. A position is recorded where the real runtime
 * persists a thread and waits: paused in `interrupt()` (with the siblings that finished in that superstep),
 * paused before or after a static breakpoint, and finished (waiting for its next turn from START).
 *
 * Routers, gotos and Sends are nondeterministic choices; unresolved elements widen the choices. The
 * exploration merges facts (keys that may hold a value, channels that may have changed) per state, so it is
 * bounded by the number of distinct frontiers; past the caps, or when something cannot be named, the result
 * says `truncated` and a caller must assume the worst. Not modelled (callers who care assume the worst):
 * threads persisted by a crash or a node error mid-superstep (`errors: true` adds them), `updateState`, and
 * an `interrupt()` call inside a loop answered more often than its node lists interrupt sites.
 */
import { START, canonicalJson, type GraphSnapshot } from "@langgraph-compat/snapshot";
import { isPaused, type ThreadPosition } from "./position.js";
import { buildModel, UNBOUNDED, type Model } from "./static-model.js";
import { firedTowards } from "./static-fired.js";
import { joinsKey, joinTargets, newTurn, superstep, tasksOf, TASKS_CHANNEL, type AbstractState, type Facts, type Steps } from "./static-superstep.js";
import { functionalPositions } from "./static-functional.js";

/** Why a static position is in the set: what kind of wait it is, in words, and the supersteps that led there. */
export interface StaticProvenance {
  kind: "interrupt" | "before" | "after" | "finished" | "error";
  /** E.g. "paused in review at interrupt 1", "paused before review (interruptBefore)". */
  label: string;
  /** The task names of each superstep from the thread's first START (one path; others may exist). */
  path: string[][];
}

/** The static set: positions (abstract: see {@link covers}) with, at the same index, why each is there. */
export interface StaticPositions {
  positions: ThreadPosition[];
  provenance: StaticProvenance[];
  /** A cap was hit or something could not be named: threads may stand elsewhere; assume the worst. */
  truncated: boolean;
}

export interface StaticOptions {
  /** A finished thread runs again from START (default true; false for a subgraph's own thread). */
  multiTurn?: boolean;
  /** Also threads whose task threw, waiting for a retry (default false). */
  errors?: boolean;
  /** Distinct frontiers explored before giving up (default 2000). */
  maxStates?: number;
  /** Successor states looked at before giving up (default 100000). */
  maxWork?: number;
  /** Positions recorded before giving up (default 5000). */
  maxPositions?: number;
  /** Subgraph nesting depth (internal). */
  depth?: number;
}

const sortedSet = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/** How a task of the superstep can end: finished, failed, or paused (at `answered`, or inside a subgraph). */
type Outcome = { kind: "finish" } | { kind: "error" } | { kind: "pause"; answered: number; child?: ThreadPosition; childLabel?: string };

/** The static positions of `graph` (see the module comment). Deterministic for a given snapshot. */
export function staticPositions(graph: GraphSnapshot, options: StaticOptions = {}): StaticPositions {
  if (graph.kind === "functional") return functionalPositions(graph, options.maxPositions ?? 5000);
  const model = buildModel(graph);
  const maxStates = options.maxStates ?? 2000;
  const maxPositions = options.maxPositions ?? 5000;
  let truncated = model.unnamed || graph.kind === "prebuilt";

  // A subgraph node pauses wherever its nested graph does (its own thread, one turn per task).
  const childPauses = new Map<string, Outcome[]>();
  for (const name of model.nodes) {
    const node = graph.nodes[name];
    // A function node that invokes a compiled graph pauses inside it too (rows 13a, 13d).
    if (node.kind !== "subgraph" && node.subgraph === undefined) continue;
    if (node.subgraph === undefined || (options.depth ?? 0) >= 4) {
      childPauses.set(name, [{ kind: "pause", answered: UNBOUNDED }]);
      continue;
    }
    const child = staticPositions(node.subgraph, { ...options, multiTurn: false, depth: (options.depth ?? 0) + 1 });
    truncated ||= child.truncated;
    const outcomes: Outcome[] = [];
    // A nested interruptAfter on its last node pauses the parent with the child looking finished; and a
    // parent paused in a subgraph task has been read with a finished child checkpoint too (two tasks of one
    // subgraph node in a thread, a Send beside an edge): a child that can pause at all may look finished.
    const after = child.positions.some(isPaused);
    child.positions.forEach((p, i) => {
      if (isPaused(p) || child.provenance[i].kind === "after" || after) outcomes.push({ kind: "pause", answered: UNBOUNDED, child: p, childLabel: child.provenance[i].label });
    });
    childPauses.set(name, outcomes);
  }

  const bits = new Bits();
  const states = new Map<string, Known>();
  const queue: string[] = [];
  const queued = new Set<string>();
  // Successors looked at, all told: unresolved routes can make each superstep branch widely.
  let work = 0;
  const maxWork = options.maxWork ?? 100_000;
  // The successors of a state (and of a new turn, which depends on its barriers only) do not depend on the
  // facts: derived once, replayed each time the state is explored again with grown facts.
  const steps = new Map<string, Moves>();
  const turns = new Map<string, Moves>();
  const take = (s: Moves, from: Known) => {
    truncated ||= s.truncated;
    work += s.next.length;
    // The facts as they stand now: a step back to `from` itself grows them, not the facts its siblings start from.
    const { mayHold, written, path } = from;
    for (const step of s.next) {
      const known = states.get(step.key);
      if (known === undefined) {
        if (states.size >= maxStates) {
          truncated = true;
          continue;
        }
        states.set(step.key, { state: step.state, mayHold: mayHold | step.holds, written: written | step.written, after: step.after, path: [...path, step.tasks] });
        queue.push(step.key);
        queued.add(step.key);
        continue;
      }
      // Merge the facts of this path into the state's; explore it again when a may-set grew.
      const hold = known.mayHold | mayHold | step.holds;
      const wrote = known.written | written | step.written;
      const grew = hold !== known.mayHold || wrote !== known.written || (step.after && !known.after);
      known.mayHold = hold;
      known.written = wrote;
      known.after ||= step.after;
      if (grew && !queued.has(step.key)) {
        queue.push(step.key);
        queued.add(step.key);
      }
    }
  };
  const start: Known = { state: { pull: [], push: [], joins: {} }, mayHold: bits.of(model.defaultKeys), written: 0n, after: false, path: [] };
  take(bits.moves(newTurn(model, start.state, maxStates)), start);
  for (let head = 0; head < queue.length; head++) {
    if (work > maxWork) {
      truncated = true;
      break;
    }
    const key = queue[head];
    queued.delete(key);
    const known = states.get(key)!;
    let next = steps.get(key);
    if (next === undefined) steps.set(key, (next = bits.moves(superstep(model, known.state, maxStates))));
    take(next, known);
    // A new run starts only on a thread that waits here (finished or paused), never mid-run.
    if (options.multiTurn !== false && waits(model, known.state, known, childPauses, options.errors === true)) {
      const joins = joinsKey(known.state.joins);
      let turn = turns.get(joins);
      if (turn === undefined) turns.set(joins, (turn = bits.moves(newTurn(model, known.state, maxStates))));
      take(turn, known);
    }
  }

  const out = new Recorder(maxPositions);
  for (const known of states.values()) {
    const facts: Facts = { mayHold: bits.names(known.mayHold), written: bits.names(known.written), after: known.after, path: known.path };
    positionsAt(model, known.state, facts, childPauses, options.errors === true, out);
    if (out.full) break;
  }
  if ((truncated || out.full) && options.errors !== true && neverPauses(graph, model, childPauses)) {
    // No thread of this graph can stand anywhere but finished, whatever routes we could not follow: one
    // finished position that may hold every key and has written every channel stands for all of them.
    const all = sortedSet([...model.stateKeys, ...model.nodes.map((n) => `branch:to:${n}`), ...graph.joins.map((j) => `join:${j.sources.join("+")}:${j.to}`)]);
    const finished: ThreadPosition = { exists: true, pausedIn: [], pending: [], finishedSiblings: [], sends: [], answered: {}, channels: all, changedSinceResume: all, firedFrom: [], subgraphs: {}, mustChannels: [] };
    return {
      positions: [...out.positions.slice(0, maxPositions - 1), finished],
      provenance: [...out.provenance.slice(0, maxPositions - 1), { kind: "finished", label: "finished, holding any key (routes not all followed; no node can pause)", path: [] }],
      truncated: false,
    };
  }
  return { positions: out.positions, provenance: out.provenance, truncated: truncated || out.full };
}

/** Unresolved elements that hide routes or state, never a pause point, a node or a breakpoint. */
const NO_PAUSE_HIDDEN: ReadonlySet<string> = new Set(["edge", "router-target", "goto-target", "send-target", "state", "state-key", "reducer"]);

/**
 * True when no thread of `graph` can ever be paused: no node has a pause point (no interrupt(), nothing
 * prebuilt or unreadable), no subgraph can pause, there is no breakpoint, and nothing unresolved could
 * hide a node or a pause. Unfollowed routes then only choose among nodes that all finish.
 */
function neverPauses(graph: GraphSnapshot, model: ReturnType<typeof buildModel>, childPauses: ReadonlyMap<string, Outcome[]>): boolean {
  if (graph.kind !== "graph") return false;
  if (graph.interruptBefore === "*" || graph.interruptAfter === "*" || graph.interruptBefore.length > 0 || graph.interruptAfter.length > 0) return false;
  if (!graph.unresolved.every((u) => NO_PAUSE_HIDDEN.has(u.kind))) return false;
  if ([...model.pauses.values()].some((counts) => counts.length > 0)) return false;
  return [...childPauses.values()].every((outcomes) => outcomes.length === 0);
}

/** A state reached by the exploration, with the facts merged over every path to it (as {@link Bits}). */
interface Known {
  state: AbstractState;
  mayHold: bigint;
  written: bigint;
  after: boolean;
  /** The first path found. */
  path: string[][];
}

/** A successor {@link Step} with its may-sets as {@link Bits}. */
interface Move {
  key: string;
  state: AbstractState;
  holds: bigint;
  written: bigint;
  after: boolean;
  tasks: string[];
}

interface Moves {
  next: Move[];
  truncated: boolean;
}

/**
 * Key and channel names as bits of one exploration, so merging the facts of a path into a state is a few
 * word operations rather than a set insertion per name.
 */
class Bits {
  private readonly bit = new Map<string, bigint>();
  private readonly all: string[] = [];
  /** The bits of lists of names that steps share (lists are never changed). */
  private readonly lists = new WeakMap<string[], bigint>();
  /** The bits of `names`. */
  of(names: readonly string[]): bigint {
    let mask = 0n;
    for (const name of names) {
      let b = this.bit.get(name);
      if (b === undefined) {
        b = 1n << BigInt(this.all.length);
        this.bit.set(name, b);
        this.all.push(name);
      }
      mask |= b;
    }
    return mask;
  }
  /** The names of `mask`. */
  names(mask: bigint): Set<string> {
    const out = new Set<string>();
    for (let i = 0; mask !== 0n; i++, mask >>= 1n) if (mask & 1n) out.add(this.all[i]);
    return out;
  }
  /** `steps` with their may-sets as bits (a list shared by several steps is converted once). */
  moves(steps: Steps): Moves {
    const of = (names: string[]) => {
      let mask = this.lists.get(names);
      if (mask === undefined) this.lists.set(names, (mask = this.of(names)));
      return mask;
    };
    return { truncated: steps.truncated, next: steps.next.map((s) => ({ key: s.key, state: s.state, holds: of(s.holds), written: s.written.reduce((m, names) => m | of(names), 0n), after: s.after, tasks: s.tasks })) };
  }
}

/** The fields {@link Recorder} keys a position by; one with any other is keyed by `canonicalJson` whole. */
const KEYED = new Set(["exists", "pausedIn", "pending", "finishedSiblings", "sends", "answered", "channels", "changedSinceResume", "firedFrom", "mustChannels", "tasksDone", "subgraphs"]);

/** Collects positions, one per canonical form, keeping the first provenance (built only when kept). */
class Recorder {
  readonly positions: ThreadPosition[] = [];
  readonly provenance: StaticProvenance[] = [];
  private readonly seen = new Set<string>();
  /** The canonical form of each nested position, once per object (a child position is shared by many). */
  private readonly nested = new WeakMap<ThreadPosition, string>();
  full = false;
  constructor(private readonly cap: number) {}
  add(position: ThreadPosition, provenance: StaticProvenance | (() => StaticProvenance)): void {
    const key = this.key(position);
    if (this.seen.has(key)) return;
    if (this.positions.length >= this.cap) {
      this.full = true;
      return;
    }
    this.seen.add(key);
    this.positions.push(position);
    this.provenance.push(typeof provenance === "function" ? provenance() : provenance);
  }
  /**
   * Equal exactly when `canonicalJson` of the positions is: for a position with no field but
   * {@link KEYED}: the fields in a fixed order, records as sorted entries, and each nested
   * position as its canonical form.
   */
  private key(p: ThreadPosition): string {
    if (Object.entries(p).some(([field, value]) => value !== undefined && !KEYED.has(field))) return `c${canonicalJson(p)}`;
    const entries = <T>(record: Record<string, T>): Array<[string, T]> => Object.keys(record).sort().map((k) => [k, record[k]]);
    const subgraphs = entries(p.subgraphs).map(([node, child]) => {
      let form = this.nested.get(child);
      if (form === undefined) this.nested.set(child, (form = canonicalJson(child)));
      return [node, form];
    });
    return `k${JSON.stringify([p.exists, p.pausedIn, p.pending, p.finishedSiblings, p.sends, entries(p.answered), p.channels, p.changedSinceResume, p.firedFrom, p.mustChannels ?? null, p.tasksDone ?? null, subgraphs])}`;
  }
}

/** True when a thread can be persisted at `state` (what {@link positionsAt} records a position for). */
function waits(model: Model, state: AbstractState, facts: { after: boolean }, childPauses: Map<string, Outcome[]>, errors: boolean): boolean {
  const tasks = tasksOf(state);
  if (tasks.length === 0 || facts.after || errors) return true;
  return tasks.some((t) => model.before(t) || (childPauses.get(t) ?? []).length > 0 || (model.pauses.get(t) ?? []).length > 0);
}

/** The positions of a thread whose checkpoint is `state`: waiting before its superstep, or paused in it. */
function positionsAt(model: Model, state: AbstractState, facts: Facts, childPauses: Map<string, Outcome[]>, errors: boolean, out: Recorder): void {
  const tasks = tasksOf(state);
  const channels = sortedSet([
    ...facts.mayHold,
    ...state.pull.map((p) => `branch:to:${p}`),
    ...Object.keys(state.joins),
    ...(state.push.length > 0 ? [TASKS_CHANNEL] : []),
  ]);
  const fired = (active: string[]) => {
    const set = firedTowards(model.graph, new Set(active), state.joins);
    return active.length === 0 ? set : sortedSet([...set, ...[...model.anyRoute].filter((n) => n !== START || set.length > 0)]);
  };
  // A full barrier counts as pending for the readers, even when its target already ran (see superstep).
  const waiting = sortedSet([...tasks, ...joinTargets(model, state.joins)]);
  // The same for every position of this state (positions are never changed once recorded).
  const changedSinceResume = sortedSet(facts.written);
  const firedFrom = fired(waiting);
  const base = (): ThreadPosition => ({
    exists: true,
    pausedIn: [],
    pending: waiting,
    finishedSiblings: [],
    sends: state.push,
    answered: {},
    channels,
    changedSinceResume,
    firedFrom,
    subgraphs: {},
    mustChannels: [],
  });
  const path = facts.path;
  if (tasks.length === 0) {
    const label = waiting.length > 0 ? `finished, with the full barrier of ${waiting.join(", ")} left behind` : "finished (its next turn starts from START)";
    out.add(base(), { kind: "finished", label, path });
    return;
  }
  if (facts.after) out.add(base(), { kind: "after", label: `paused after ${lastStep(path)} (interruptAfter); next: ${tasks.join(", ")}`, path });
  const stoppers = tasks.filter((t) => model.before(t));
  if (stoppers.length > 0) out.add(base(), { kind: "before", label: `paused before ${stoppers.join(", ")} (interruptBefore)`, path });

  // Each task finishes, fails (with `errors`) or pauses; a position needs at least one that did not finish.
  const options = tasks.map((t): Outcome[] => {
    const own = childPauses.get(t) ?? (model.pauses.get(t) ?? []).map((k): Outcome => ({ kind: "pause", answered: k }));
    return [{ kind: "finish" }, ...(errors ? [{ kind: "error" } as Outcome] : []), ...own];
  });
  const pick: Outcome[] = [];
  const walk = (i: number): void => {
    if (out.full) return;
    if (i === tasks.length) {
      if (pick.every((o) => o.kind === "finish")) return;
      const position = base();
      const paused: string[] = [];
      pick.forEach((o, j) => {
        const t = tasks[j];
        if (o.kind === "finish") position.finishedSiblings.push(t);
        else if (o.kind === "pause") {
          position.pausedIn.push(t);
          position.answered[t] = o.answered;
          if (o.child !== undefined) position.subgraphs[t] = o.child;
          paused.push(o.child ? `${t} (inside: ${o.childLabel})` : o.answered === UNBOUNDED ? `${t} at an unknown interrupt` : `${t} at interrupt ${o.answered}`);
        }
      });
      const done = new Set([...position.pausedIn, ...position.finishedSiblings]);
      position.pending = waiting.filter((t) => !done.has(t));
      // The words are built only for a position not recorded yet.
      out.add(position, () => {
        const beside = position.finishedSiblings.length > 0 ? `, beside ${position.finishedSiblings.join(", ")} finished` : "";
        const errored = tasks.filter((t, j) => pick[j].kind === "error");
        const failed = errored.length > 0 ? `${paused.length > 0 ? "; " : ""}${errored.join(", ")} failed` : "";
        const what = paused.length > 0 ? `paused in ${paused.join(", ")}` : "";
        return { kind: paused.length > 0 ? "interrupt" : "error", label: `${what}${failed}${beside}`, path: [...path, tasks] };
      });
      return;
    }
    for (const o of options[i]) {
      pick.push(o);
      walk(i + 1);
      pick.pop();
    }
  };
  walk(0);
}

/** The last superstep of a path, for labels. */
function lastStep(path: string[][]): string {
  return (path[path.length - 1] ?? []).join(", ");
}
