/**
 * `StateGraph`: the builder. `compile()` turns nodes and edges into what the loop runs: one channel
 * per state key, an ephemeral `branch:to:<node>` trigger per node, a named barrier per join edge, and
 * per node the writes it makes (state updates, edge triggers, router decisions, Command gotos, Sends).
 * Mechanism M1: this is all the topology there is, and none of it is saved except as channel writes.
 */
import { AnnotationRoot } from "./annotation.js";
import { EphemeralValue, NamedBarrierValue, Topic, type Channel } from "./channels.js";
import { END, START, TASKS, branchChannel, isCommand, isSend, joinChannel, type Send } from "./constants.js";
import { GraphValueError, InvalidUpdateError, UnreachableNodeError } from "./errors.js";
import type { GraphNode } from "./algo.js";
import { CompiledGraph, type CompileOptions } from "./pregel.js";
import { runSubgraphNode, taskScope } from "./loop.js";
import { stateDefinition, type StateDefinition, type StateSchemaInput } from "./state-definition.js";

/** A node function: gets the state (and config), returns an update, a Command, or nothing. */
export type NodeFunction = (state: any, config?: any) => unknown;
/** A router: returns node name(s), Send(s), or END. */
export type RouterFunction = (state: any, config?: any) => unknown;

/** Options of `addNode`. */
export interface AddNodeOptions {
  /** Targets of this node's `Command.goto` (used only for reachability, as in LangGraph: row 15e). */
  ends?: string[];
  /** Schema of what the node reads; its keys become channels too. */
  input?: AnnotationRoot;
}

interface NodeSpec {
  action: NodeFunction | CompiledGraph;
  options: AddNodeOptions;
}

interface BranchSpec {
  path: RouterFunction;
  pathMap?: Record<string, string>;
}

/** Builder of a graph over an `Annotation.Root`, zod object or `StateSchema` state. */
export class StateGraph {
  private readonly nodes = new Map<string, NodeSpec>();
  private readonly edges: [string | string[], string][] = [];
  private readonly branches = new Map<string, BranchSpec[]>();

  private readonly state: StateDefinition;
  private readonly stateKeys: string[];

  /** `new StateGraph(State)` with `State = Annotation.Root({...})`, a zod object, or a `StateSchema`. */
  constructor(schema: StateSchemaInput) {
    this.state = stateDefinition(schema);
    this.stateKeys = this.state.keys;
  }

  /** Adds a node: a function, or a compiled graph (a subgraph). */
  addNode(name: string, action: NodeFunction | CompiledGraph, options: AddNodeOptions = {}): this {
    if (this.nodes.has(name)) throw new GraphValueError(`Node \`${name}\` already present.`);
    if (name === START || name === END) throw new GraphValueError(`Node \`${name}\` is reserved.`);
    // As LangGraph: a node's writes and a channel would share the name `name` (graph/state.ts addNode).
    if (this.stateKeys.includes(name)) {
      throw new Error(`${name} is already being used as a state attribute (a.k.a. a channel), cannot also be used as a node name.`);
    }
    this.nodes.set(name, { action, options });
    return this;
  }

  /** A plain edge, or a join when `start` is a list (its channel name keeps the list's order). */
  addEdge(start: string | string[], end: string): this {
    this.edges.push([start, end]);
    return this;
  }

  /** A router after `source`; with a `pathMap`, a result outside the map throws. */
  addConditionalEdges(source: string, path: RouterFunction, pathMap?: Record<string, string> | string[]): this {
    const map = Array.isArray(pathMap) ? Object.fromEntries(pathMap.map((n) => [n, n])) : pathMap;
    this.branches.set(source, [...(this.branches.get(source) ?? []), { path, pathMap: map }]);
    return this;
  }

  /** Adds nodes chained by edges, in order (as `addSequence` in LangGraph). */
  addSequence(nodes: [string, NodeFunction][] | Record<string, NodeFunction>): this {
    const entries = Array.isArray(nodes) ? nodes : Object.entries(nodes);
    entries.forEach(([name, fn], i) => {
      this.addNode(name, fn);
      if (i > 0) this.addEdge(entries[i - 1][0], name);
    });
    return this;
  }

  /** Validates the graph (same checks and messages as LangGraph) and builds the runnable graph. */
  compile(options: CompileOptions = {}): CompiledGraph {
    this.validate(options);
    const nodes: Record<string, GraphNode> = { [START]: this.startNode() };
    for (const [name, spec] of this.nodes) nodes[name] = this.userNode(name, spec);
    return new CompiledGraph({
      nodes,
      channels: () => this.channelSpecs(),
      input: START,
      output: this.stateKeys,
      options,
      validateInput: this.state.validateInput,
    });
  }

  /** Fresh channels: state keys, node input keys, `__start__`, one trigger per node, one barrier per join, Sends. */
  private channelSpecs(): Record<string, Channel> {
    const channels: Record<string, Channel> = this.state.channels();
    for (const { options: o } of this.nodes.values()) {
      if (o.input) for (const [key, channel] of Object.entries(o.input.channels())) channels[key] ??= channel;
    }
    channels[START] = new EphemeralValue();
    for (const name of this.nodes.keys()) channels[branchChannel(name)] = new EphemeralValue(false);
    for (const [start, end] of this.edges) if (Array.isArray(start)) channels[joinChannel(start, end)] = new NamedBarrierValue(new Set(start));
    channels[TASKS] = new Topic();
    return channels;
  }

  /** `__start__`: writes the input's state keys, then fires the edges and routers leaving START. */
  private startNode(): GraphNode {
    const inputWrites = (input: unknown) => Object.entries((input ?? {}) as Record<string, unknown>).filter(([k]) => this.stateKeys.includes(k));
    return {
      name: START,
      triggers: [START],
      hidden: true,
      readInput: (channels) => (channels[START].isAvailable() ? channels[START].get() : undefined),
      run: async (input, task, channels) => {
        // A thread's stored `__start__` value may be a functional entrypoint's input (row 12p): a value
        // that is not an object is rejected here, on every resume, as the real runtime does.
        if (input !== null && input !== undefined && typeof input !== "object")
          throw new InvalidUpdateError(`Expected node "${START}" to return an object or an array containing at least one Command object, received ${typeof input}`);
        const writes = inputWrites(input);
        task.writes.push(...writes);
        task.writes.push(...(await this.edgeWrites(START, writes, channels)));
      },
      write: async (update, channels) => {
        const writes = inputWrites(update);
        return [...writes, ...(await this.edgeWrites(START, writes, channels))];
      },
    };
  }

  /** A user node: triggered by its `branch:to:` channel and its joins; runs the function or subgraph. */
  private userNode(name: string, spec: NodeSpec): GraphNode {
    const readKeys = spec.options.input ? Object.keys(spec.options.input.spec) : this.stateKeys;
    const joins = this.edges.filter(([s, e]) => Array.isArray(s) && e === name).map(([s]) => joinChannel(s as string[], name));
    return {
      name,
      triggers: [branchChannel(name), ...joins],
      readInput: (channels) => readState(channels, readKeys),
      subgraph: spec.action instanceof CompiledGraph ? spec.action : undefined,
      run: async (input, task, channels) => {
        const result =
          spec.action instanceof CompiledGraph
            ? onlyKeys(await runSubgraphNode(spec.action, input, task), this.stateKeys) // a child's private keys stay in the child
            : await spec.action(input, { configurable: { thread_id: taskScope.getStore()?.loop.threadId() } });
        const writes = await this.state.validateWrites(updateWrites(result));
        task.writes.push(...writes, ...gotoWrites(result, name, this.known()));
        task.writes.push(...(await this.edgeWrites(name, writes, channels)));
      },
      write: async (update, channels) => {
        const writes = await this.state.validateWrites(updateWrites(update));
        return [...writes, ...(await this.edgeWrites(name, writes, channels))];
      },
    };
  }

  private known(): Set<string> {
    return new Set(this.nodes.keys());
  }

  /** Writes that the edges and routers leaving `source` make after it ran. */
  private async edgeWrites(source: string, stateWrites: [string, unknown][], channels: Record<string, Channel>): Promise<[string, unknown][]> {
    const known = this.known();
    const writes: [string, unknown][] = [];
    for (const [start, end] of this.edges) {
      if (end === END) continue;
      if (start === source) writes.push([branchChannel(end), null]);
      else if (Array.isArray(start) && start.includes(source)) writes.push([joinChannel(start, end), source]);
    }
    for (const branch of this.branches.get(source) ?? []) {
      // Routers read the state with this node's own writes applied.
      const state = readState(withWrites(channels, stateWrites), this.stateKeys);
      const raw = await branch.path(state, { configurable: {} });
      const results = Array.isArray(raw) ? raw : [raw];
      const destinations = branch.pathMap ? results.map((r) => (isSend(r) ? r : branch.pathMap![r as string])) : results;
      if (destinations.some((d) => !d)) throw new Error("Branch condition returned unknown or null destination");
      for (const dest of destinations) {
        if (isSend(dest)) writes.push([TASKS, checkSend(dest, known)]);
        else if (dest !== END) writes.push([branchChannel(dest as string), source]); // M5: unknown targets dropped later
      }
    }
    return writes;
  }

  private validate(options: CompileOptions): void {
    const names = new Set(this.nodes.keys());
    const sources = new Set<string>(this.edges.flatMap(([s]) => (Array.isArray(s) ? s : [s])));
    for (const source of this.branches.keys()) sources.add(source);
    for (const source of sources) if (source !== START && !names.has(source)) throw new Error(`Found edge starting at unknown node \`${source}\``);
    const targets = new Set(this.edges.map(([, e]) => e));
    for (const [start, branches] of this.branches) {
      for (const b of branches) {
        if (b.pathMap) Object.values(b.pathMap).forEach((t) => targets.add(t));
        else for (const n of [END, ...names]) if (n !== start) targets.add(n);
      }
    }
    for (const { options: o } of this.nodes.values()) for (const t of o.ends ?? []) targets.add(t);
    for (const name of names) if (!targets.has(name)) throw new UnreachableNodeError(`Node \`${name}\` is not reachable.`);
    for (const t of targets) if (t !== END && !names.has(t)) throw new Error(`Found edge ending at unknown node \`${t}\``);
    for (const list of [options.interruptBefore, options.interruptAfter]) {
      if (Array.isArray(list)) for (const n of list) if (!names.has(n)) throw new Error(`Interrupt node \`${n}\` is not present`);
    }
  }
}

/** The state object a node receives: available channels among `keys`. */
export function readState(channels: Record<string, Channel>, keys: string[]): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const key of keys) if (channels[key]?.isAvailable()) state[key] = channels[key].get();
  return state;
}

/** Copies of the channels with `writes` applied (a node's "fresh" view for its routers). */
function withWrites(channels: Record<string, Channel>, writes: [string, unknown][]): Record<string, Channel> {
  const copy: Record<string, Channel> = {};
  for (const [name, channel] of Object.entries(channels)) copy[name] = channel.fromCheckpoint(channel.checkpoint());
  const byChannel = new Map<string, unknown[]>();
  for (const [name, value] of writes) byChannel.set(name, [...(byChannel.get(name) ?? []), value]);
  for (const [name, values] of byChannel) copy[name]?.update(values);
  return copy;
}

function onlyKeys(value: unknown, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries((value ?? {}) as Record<string, unknown>).filter(([k]) => keys.includes(k)));
}

/** State writes of a node's return value (a Command's `update`, or the object itself). */
function updateWrites(result: unknown): [string, unknown][] {
  if (result === null || result === undefined) return [];
  if (isCommand(result)) {
    const update = result.update ?? {};
    return Array.isArray(update) ? update : Object.entries(update);
  }
  if (typeof result === "object" && !Array.isArray(result)) return Object.entries(result as Record<string, unknown>);
  throw new InvalidUpdateError(`Expected node to return an object or a Command, received ${Array.isArray(result) ? "array" : typeof result}`);
}

/** Writes of a returned `Command.goto` (`ends` is not enforced: row 15e; unknown names are dropped: row 8c). */
function gotoWrites(result: unknown, source: string, known: Set<string>): [string, unknown][] {
  if (!isCommand(result)) return [];
  return result.goto.flatMap((dest): [string, unknown][] => {
    if (isSend(dest)) return [[TASKS, checkSend(dest, known)]];
    return dest === END ? [] : [[branchChannel(dest), source]];
  });
}

/** A live Send to an unknown node throws (row 7e); a pending one is only warned about (row 7a). */
function checkSend(send: Send, known: Set<string>): Send {
  if (!known.has(send.node)) throw new InvalidUpdateError(`Invalid node name "${send.node}" in Send packet`);
  return send;
}
