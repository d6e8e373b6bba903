import { Node, type CallExpression } from "ts-morph";
import {
  END,
  START,
  type GraphSnapshot,
  type NodeSnapshot,
  type Unresolved,
  fingerprint as hash,
} from "@langgraph-compat/snapshot";
import type { ExtractContext } from "./context.js";
import { ANY_KEY, analyzeBody, collectTargets, factoryCallOf, functionName, functionOf, type FunctionNode } from "./body.js";
import { findGraphDefinition, type BuilderCall, type GraphDefinition } from "./builder.js";
import { extractEntrypoint } from "./functional.js";
import { addBranch } from "./branches.js";
import { noteWrittenLiterals, resolveStateSendTargets } from "./state-targets.js";
import { constantWrites, keepThreadStartConstants } from "./stamps.js";
import { alwaysWrites } from "./always-writes.js";
import { extractState, extractStateFromSchema } from "./state/index.js";
import { isLangGraphModule, unwrap } from "./resolve.js";
import { arrayEntries, objectEntries, propertyValue } from "./spread.js";
import { nodeEntries } from "./node-entries.js";

/** Deepest nesting of subgraphs we follow. */
const MAX_SUBGRAPH_DEPTH = 6;

function emptyGraph(ctx: ExtractContext, id: string, kind: GraphSnapshot["kind"], at: Node): GraphSnapshot {
  return {
    id,
    kind,
    location: ctx.location(at),
    nodes: {},
    edges: [],
    joins: [],
    branches: [],
    state: { form: "unknown", channels: {} },
    interruptBefore: [],
    interruptAfter: [],
    unresolved: [],
  };
}

/** Turn a graph definition into its snapshot. */
export function extractGraph(ctx: ExtractContext, id: string, definition: GraphDefinition, depth = 0): GraphSnapshot {
  if (definition.kind === "prebuilt") {
    const graph = emptyGraph(ctx, id, "prebuilt", definition.call);
    graph.prebuilt = definition.factory;
    readBreakpoints(ctx, definition.call.getArguments()[0], graph);
    return graph;
  }
  if (definition.kind === "functional") {
    const graph = emptyGraph(ctx, id, "functional", definition.call);
    const { entrypoint, unresolved } = extractEntrypoint(ctx, definition.call);
    if (entrypoint) graph.entrypoint = entrypoint;
    graph.unresolved.push(...unresolved);
    return graph;
  }
  const graph = emptyGraph(ctx, id, "graph", definition.constructorCall);
  const args = Node.isNewExpression(definition.constructorCall) ? definition.constructorCall.getArguments() : [];
  const state = extractState(ctx, args);
  graph.state = state.state;
  graph.unresolved.push(...state.unresolved);
  for (const call of definition.calls) applyCall(ctx, graph, call, depth);
  resolveStateSendTargets(graph);
  if (definition.compile) readBreakpoints(ctx, definition.compile.getArguments()[0], graph);
  linkChannels(graph);
  keepThreadStartConstants(graph);
  graph.unresolved = uniqueUnresolved(graph.unresolved);
  return graph;
}

/** Read `interruptBefore` / `interruptAfter` from compile (or prebuilt) options. */
function readBreakpoints(ctx: ExtractContext, optionsArg: Node | undefined, graph: GraphSnapshot): void {
  if (!optionsArg) return;
  const options = ctx.resolver.valueOf(optionsArg);
  if (!Node.isObjectLiteralExpression(options)) {
    graph.unresolved.push(ctx.unresolved("breakpoint", "compile options are not an object literal", optionsArg));
    return;
  }
  for (const spread of options.getProperties().filter((p) => Node.isSpreadAssignment(p))) {
    // `compile({ ...compileOptions })`: read the spread object, or say it could hide a breakpoint.
    const value = ctx.resolver.valueOf((spread as import("ts-morph").SpreadAssignment).getExpression());
    if (Node.isObjectLiteralExpression(value)) readBreakpoints(ctx, value, graph);
    else graph.unresolved.push(ctx.unresolved("breakpoint", "compile options are spread from a value we cannot read", spread));
  }
  for (const key of ["interruptBefore", "interruptAfter"] as const) {
    const property = options.getProperty(key);
    if (!property) continue;
    const value = Node.isPropertyAssignment(property)
      ? ctx.resolver.valueOf(property.getInitializerOrThrow())
      : Node.isShorthandPropertyAssignment(property)
        ? ctx.resolver.valueOf(property.getNameNode())
        : property;
    if (ctx.resolver.evaluateString(value) === "*") {
      graph[key] = "*";
      continue;
    }
    const names: string[] = [];
    if (Node.isArrayLiteralExpression(value)) {
      for (const element of value.getElements()) {
        const name = ctx.resolver.evaluateString(element);
        if (name === undefined) graph.unresolved.push(ctx.unresolved("breakpoint", `${key} entry is not a static name`, element));
        else names.push(name);
      }
    } else {
      graph.unresolved.push(ctx.unresolved("breakpoint", `${key} is not a static list`, value));
    }
    graph[key] = [...new Set(names)].sort();
  }
}

/** Where a builder call is: its method name, not the start of the chain it belongs to. */
export function callLocation(ctx: ExtractContext, call: Node) {
  const callee = Node.isCallExpression(call) ? call.getExpression() : undefined;
  return ctx.location(callee && Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : call);
}

export function nameOf(ctx: ExtractContext, graph: GraphSnapshot, expr: Node | undefined, call: BuilderCall, what: string): string | undefined {
  if (!expr) return undefined;
  const name = ctx.resolver.evaluateString(expr);
  if (name !== undefined) return name;
  const reason = call.inLoop
    ? `${what} is added in a loop over values known only at run time`
    : `${what} is computed at run time`;
  graph.unresolved.push(ctx.unresolved(what === "node name" ? "node-name" : "edge", reason, expr));
  return undefined;
}

function applyCall(ctx: ExtractContext, graph: GraphSnapshot, builderCall: BuilderCall, depth: number): void {
  const { call, method } = builderCall;
  const args = call.getArguments();
  switch (method) {
    case "addNode": {
      const first = args[0] ? ctx.resolver.valueOf(args[0]) : undefined;
      if (first && (Node.isObjectLiteralExpression(first) || Node.isArrayLiteralExpression(first))) {
        for (const entry of nodeEntries(ctx, graph, first, builderCall)) {
          if (entry) addNode(ctx, graph, entry.name, entry.action, entry.options, entry.at, depth);
        }
        return;
      }
      const name = nameOf(ctx, graph, args[0], builderCall, "node name");
      if (name !== undefined && args[1]) addNode(ctx, graph, name, args[1], args[2], call, depth);
      return;
    }
    case "addEdge": {
      const from = args[0] ? ctx.resolver.valueOf(args[0]) : undefined;
      const to = nameOf(ctx, graph, args[1], builderCall, "edge target");
      if (!from || to === undefined) return;
      if (Node.isArrayLiteralExpression(from)) {
        const sources = from.getElements().map((element) => nameOf(ctx, graph, element, builderCall, "join source"));
        if (sources.every((s): s is string => s !== undefined)) graph.joins.push({ sources, to, location: callLocation(ctx, call) });
        return;
      }
      const source = nameOf(ctx, graph, args[0], builderCall, "edge source");
      if (source !== undefined) graph.edges.push({ from: source, to, location: callLocation(ctx, call) });
      return;
    }
    case "setEntryPoint":
    case "setFinishPoint": {
      const name = nameOf(ctx, graph, args[0], builderCall, "node name");
      if (name === undefined) return;
      const edge = method === "setEntryPoint" ? { from: START, to: name } : { from: name, to: END };
      graph.edges.push({ ...edge, location: callLocation(ctx, call) });
      return;
    }
    case "addSequence":
      return addSequence(ctx, graph, builderCall, depth);
    case "addConditionalEdges":
      return addBranch(ctx, graph, builderCall);
  }
}

function addSequence(ctx: ExtractContext, graph: GraphSnapshot, builderCall: BuilderCall, depth: number): void {
  const arg = builderCall.call.getArguments()[0];
  const value = arg ? ctx.resolver.valueOf(arg) : undefined;
  if (!value || (!Node.isArrayLiteralExpression(value) && !Node.isObjectLiteralExpression(value))) {
    graph.unresolved.push(ctx.unresolved("node", "addSequence argument is not a literal list", builderCall.call));
    return;
  }
  const entries = nodeEntries(ctx, graph, value, builderCall);
  for (const entry of entries) if (entry) addNode(ctx, graph, entry.name, entry.action, entry.options, entry.at, depth);
  for (let i = 1; i < entries.length; i++) {
    const from = entries[i - 1]?.name;
    const to = entries[i]?.name;
    if (from !== undefined && to !== undefined) graph.edges.push({ from, to, location: callLocation(ctx, builderCall.call) });
  }
}

function addNode(
  ctx: ExtractContext,
  graph: GraphSnapshot,
  name: string,
  action: Node,
  optionsArg: Node | undefined,
  at: Node,
  depth: number,
): void {
  const node: NodeSnapshot = {
    name,
    kind: "unknown",
    location: callLocation(ctx, at),
    options: {},
    interrupts: [],
    gotos: [],
    sends: [],
    reads: [],
    writes: [],
  };
  if (graph.nodes[name]) {
    graph.unresolved.push(ctx.unresolved("node", `node "${name}" is added twice; LangGraph rejects this at build time`, at));
  }
  graph.nodes[name] = node;
  readNodeOptions(ctx, graph, node, optionsArg);
  const fn = functionOf(ctx, action);
  if (fn) {
    node.kind = "function";
    const factoryCall = factoryCallOf(ctx, action);
    const fingerprint = factoryCall
      ? hash(ctx.bodyFingerprint(ctx.resolver.valueOf((factoryCall as CallExpression).getExpression())), ctx.textFingerprint(factoryCall))
      : ctx.bodyFingerprint(fn);
    const ref: NodeSnapshot["function"] = { fingerprint, location: ctx.location(fn) };
    const fnName = functionName(fn);
    if (fnName) ref.name = fnName;
    node.function = ref;
    const facts = analyzeBody(ctx, fn, name);
    Object.assign(node, { interrupts: facts.interrupts, gotos: facts.gotos, sends: facts.sends, reads: facts.reads, writes: facts.writes });
    noteWrittenLiterals(ctx, node, fn);
    const constants = constantWrites(ctx, fn);
    if (Object.keys(constants).length > 0) node.constantWrites = constants;
    if (facts.gotos.length > 0 && facts.multiGoto !== true) node.singleGoto = true;
    const always = alwaysWrites(ctx, fn).filter((k) => node.writes.includes(k));
    if (always.length > 0) node.alwaysWrites = always;
    graph.unresolved.push(...facts.unresolved);
    // A function node that runs a compiled graph (`await child.invoke(state)`) holds a subgraph too (row 13d).
    const invoked = depth < MAX_SUBGRAPH_DEPTH ? invokedSubgraph(ctx, fn) : undefined;
    if (invoked) node.subgraph = extractGraph(ctx, name, invoked, depth + 1);
    return;
  }
  const value = ctx.resolver.valueOf(action);
  if (Node.isNewExpression(value) && ctx.resolver.externalOf(value.getExpression())?.name === "ToolNode") {
    node.kind = "prebuilt";
    node.prebuilt = "ToolNode";
    const tools = toolFacts(ctx, value.getArguments()[0], name);
    node.interrupts = tools.interrupts;
    if (tools.followed) {
      // Every tool was read: the node pauses only where listed, reads the messages (the whole state when a
      // tool takes it) and writes the tool messages.
      node.toolsFollowed = true;
      node.reads = tools.readsState ? ["*"] : ["messages"];
      node.writes = ["messages"];
    }
    return;
  }
  const definition = depth < MAX_SUBGRAPH_DEPTH ? findGraphDefinition(ctx, action) : undefined;
  if (definition?.kind === "prebuilt") {
    node.kind = "prebuilt";
    node.prebuilt = definition.factory;
    const options = definition.call.getArguments()[0] ? ctx.resolver.valueOf(definition.call.getArguments()[0]) : undefined;
    const tools = options && Node.isObjectLiteralExpression(options) ? options.getProperty("tools") : undefined;
    if (tools && (Node.isPropertyAssignment(tools) || Node.isShorthandPropertyAssignment(tools))) {
      const toolsExpr = Node.isPropertyAssignment(tools) ? tools.getInitializerOrThrow() : tools.getNameNode();
      node.interrupts = toolFacts(ctx, toolsExpr, name).interrupts;
    }
  } else if (definition) {
    node.kind = "subgraph";
    node.subgraph = extractGraph(ctx, name, definition, depth + 1);
  } else {
    graph.unresolved.push(ctx.unresolved("node", "node action is neither a function nor a graph we can read", action, name));
  }
}

/** The graph a function node invokes (`x.invoke(...)` / `x.stream(...)` on a compiled graph), if any. */
function invokedSubgraph(ctx: ExtractContext, fn: Node): GraphDefinition | undefined {
  let found: GraphDefinition | undefined;
  fn.forEachDescendant((child, traversal) => {
    if (found || !Node.isCallExpression(child)) return;
    const callee = child.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !["invoke", "stream", "streamEvents"].includes(callee.getName())) return;
    const target = unwrap(callee.getExpression());
    if (!Node.isIdentifier(target)) return;
    const definition = findGraphDefinition(ctx, target);
    if (definition && definition.kind !== "prebuilt" && (definition.kind !== "builder" || definition.compile)) {
      found = definition;
      traversal.stop();
    }
  });
  return found;
}

/** `interrupt()` calls inside the functions of `tool(fn, ...)` entries of a tools list: a tool can pause. */
/** Tool classes whose options hold the tool's function as `func`. */
const FUNC_TOOLS = new Set(["DynamicStructuredTool", "DynamicTool", "StructuredTool"]);

/**
 * What the tools of a `ToolNode([...])` do: the `interrupt()` calls in their functions (the node's pause
 * points, row 13), whether one may read the graph state (a second parameter, where ToolNode passes the
 * runtime with the state, or `getCurrentTaskInput`/`getConfig`), and whether every tool was read: a project
 * function given to `tool()` or a `Dynamic*Tool`, or a tool class from a package other than LangGraph,
 * taken as neither pausing nor reading graph state nor returning a Command. A list we cannot read, a
 * tool built elsewhere or a function that returns a Command leaves `followed` false, and the node opaque.
 */
function toolFacts(ctx: ExtractContext, toolsExpr: Node | undefined, owner: string): { interrupts: NodeSnapshot["interrupts"]; followed: boolean; readsState: boolean } {
  const list = toolsExpr ? ctx.resolver.valueOf(toolsExpr) : undefined;
  const found: NodeSnapshot["interrupts"] = [];
  if (!list || !Node.isArrayLiteralExpression(list)) return { interrupts: found, followed: false, readsState: true };
  let followed = true;
  let readsState = false;
  for (const entry of arrayEntries(ctx, list)) {
    if (entry.kind === "spread") {
      followed = false;
      continue;
    }
    const element = entry.element;
    const tool = ctx.resolver.valueOf(element);
    let fn: FunctionNode | undefined;
    if (Node.isCallExpression(tool) && tool.getArguments()[0]) {
      fn = functionOf(ctx, tool.getArguments()[0]);
      // Only LangChain's own `tool(fn)` is known to add nothing around fn; another wrapper may pause or read state.
      const callee = ctx.resolver.externalOf(tool.getExpression());
      if (callee === undefined || callee.name !== "tool" || !callee.module.startsWith("@langchain/core")) followed = false;
    }
    else if (Node.isNewExpression(tool)) {
      const cls = ctx.resolver.externalOf(tool.getExpression());
      if (cls === undefined || isLangGraphModule(cls.module)) followed = false;
      else if (FUNC_TOOLS.has(cls.name)) {
        const options = tool.getArguments()[0] ? ctx.resolver.valueOf(tool.getArguments()[0]) : undefined;
        const func = options && Node.isObjectLiteralExpression(options) ? options.getProperty("func") : undefined;
        const value = func ? propertyValue(func) : undefined;
        fn = value ? functionOf(ctx, value) : undefined;
        if (fn === undefined) followed = false;
      }
      // Any other package class: a ready-made tool (a search, a calculator) that knows nothing of the graph.
      if (fn === undefined) continue;
    }
    if (!fn) {
      followed = false;
      continue;
    }
    const label = Node.isIdentifier(element) ? element.getText() : (functionName(fn) ?? "tool");
    const facts = analyzeBody(ctx, fn, owner);
    for (const site of facts.interrupts) found.push({ ...site, via: [label, ...site.via] });
    if (facts.gotos.length > 0 || facts.sends.length > 0 || mentionsCommand(ctx, fn)) followed = false;
    if (fn.getParameters().length > 1 || /\b(getCurrentTaskInput|getConfig)\b/.test(fn.getText())) readsState = true;
  }
  return { interrupts: found, followed, readsState };
}

/** True when the function body builds a LangGraph `Command` (a tool may update the state or route with one). */
function mentionsCommand(ctx: ExtractContext, fn: Node): boolean {
  let found = false;
  fn.forEachDescendant((n, traversal) => {
    if ((Node.isNewExpression(n) || Node.isCallExpression(n)) && ctx.resolver.isLangGraph(n.getExpression(), "Command")) {
      found = true;
      traversal.stop();
    }
  });
  return found;
}

function readNodeOptions(ctx: ExtractContext, graph: GraphSnapshot, node: NodeSnapshot, optionsArg: Node | undefined): void {
  if (!optionsArg) return;
  const options = ctx.resolver.valueOf(optionsArg);
  if (!Node.isObjectLiteralExpression(options)) {
    graph.unresolved.push(ctx.unresolved("node", "node options are not an object literal", optionsArg, node.name));
    return;
  }
  // Later keys win, as in JavaScript: `{ ...DEFAULTS, ends: [...] }` overrides DEFAULTS' `ends`.
  const byKey = new Map<string, Node>();
  for (const entry of objectEntries(ctx, options)) {
    const value = entry.kind === "property" ? propertyValue(entry.property) : undefined;
    if (entry.kind === "spread" || !value) {
      const at = entry.kind === "spread" ? entry.spread : entry.property;
      const reason =
        entry.kind === "spread"
          ? "node options are spread from a value we cannot read; they may set ends, input or other options"
          : "node option is not a key: value pair";
      graph.unresolved.push(ctx.unresolved("node", reason, at, node.name));
      continue;
    }
    byKey.set(entry.property.getName(), value);
  }
  for (const [key, value] of byKey) {
    if (key === "ends") {
      const ends: string[] = [];
      collectTargets(ctx, value, ends, { sends: [], unresolved: graph.unresolved }, "goto-target", node.name);
      node.ends = [...new Set(ends)].sort();
    } else if (key === "input") {
      const input = extractStateFromSchema(ctx, value);
      const properties: Record<string, unknown> = {};
      for (const [channel, spec] of Object.entries(input.state.channels)) {
        properties[channel] = spec.type;
        // LangGraph registers a node's input schema as channels too, so its own keys are persisted.
        if (!graph.state.channels[channel]) graph.state.channels[channel] = spec;
      }
      graph.unresolved.push(...input.unresolved);
      node.input = { type: "object", properties };
    } else {
      node.options[key] = ctx.textFingerprint(value);
    }
  }
}

/** The same construct can be reached twice (a Send inside a goto, say): report it once. */
function uniqueUnresolved(list: Unresolved[]): Unresolved[] {
  const seen = new Set<string>();
  return list.filter((u) => {
    const key = `${u.kind}|${u.location.file}|${u.location.line}|${u.location.column}|${u.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Fill each channel's `readBy`/`writtenBy` from the nodes; a node reading "any key" counts for every key. */
function linkChannels(graph: GraphSnapshot): void {
  for (const channel of Object.values(graph.state.channels)) {
    const readBy: string[] = [];
    const writtenBy: string[] = [];
    for (const node of Object.values(graph.nodes)) {
      if (node.reads.includes(channel.name) || node.reads.includes(ANY_KEY)) readBy.push(node.name);
      if (node.writes.includes(channel.name) || node.writes.includes(ANY_KEY)) writtenBy.push(node.name);
    }
    channel.readBy = readBy.sort();
    channel.writtenBy = writtenBy.sort();
  }
}

export type { CallExpression };
