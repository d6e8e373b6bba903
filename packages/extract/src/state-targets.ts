/**
 * A `Send` whose target is read from state (`new Send(state.next, ...)`): the target is whatever the thread
 * holds in that key. When every node that may write the key writes only string literals, those literals
 * are the targets nodes can set, and they are recorded as the Send's targets next to the `unresolved`
 * element (which stays: a client's input or `updateState` may set the key to anything). A literal that
 * names no node is then a target the diff can see dangling (row 7e). Anything we cannot read exactly (a
 * computed value, a spread, a node whose writes we cannot follow) records nothing beyond the unresolved
 * element.
 */
import { Node, SyntaxKind } from "ts-morph";
import type { GraphSnapshot, Location, NodeSnapshot, Unresolved } from "@langgraph-compat/snapshot";
import type { ExtractContext } from "./context.js";
import { isFunctionNode, returnedExpressions, type FunctionNode } from "./body.js";
import { ExternalRef, unwrap } from "./resolve.js";
import { objectEntries, propertyValue } from "./spread.js";

/** An unresolved Send target that reads state key `key` through the first parameter of the function at `fn`. */
const stateTargets = new WeakMap<Unresolved, { key: string; fn: Location }>();

/** Per function node: each key it writes with the string literals it writes there (`undefined`: not only literals). */
type WrittenLiterals = Map<string, Set<string> | undefined> | "unknown";
const writtenLiterals = new WeakMap<NodeSnapshot, WrittenLiterals>();

/**
 * The state key `expr` reads through the first parameter of the function it is written in (`state.k`,
 * `state["k"]`, a destructured `{ k }`), with that function; undefined for anything else.
 */
function stateKeyRead(ctx: ExtractContext, expr: Node): { key: string; fn: FunctionNode } | undefined {
  const node = unwrap(expr);
  const firstParameterOf = (declaration: Node): FunctionNode | undefined => {
    if (!Node.isParameterDeclaration(declaration)) return undefined;
    const fn = declaration.getParent();
    return fn !== undefined && isFunctionNode(fn) && fn.getParameters()[0] === declaration ? fn : undefined;
  };
  if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) {
    const owner = unwrap(node.getExpression());
    if (!Node.isIdentifier(owner)) return undefined;
    const declaration = ctx.resolver.resolveIdentifier(owner);
    if (declaration === undefined || declaration instanceof ExternalRef) return undefined;
    const fn = firstParameterOf(declaration);
    if (fn === undefined) return undefined;
    const key = Node.isPropertyAccessExpression(node) ? node.getName() : ctx.resolver.evaluateString(node.getArgumentExpressionOrThrow());
    return key === undefined ? undefined : { key, fn };
  }
  if (Node.isIdentifier(node)) {
    const element = ctx.resolver.resolveIdentifier(node);
    if (element === undefined || element instanceof ExternalRef || !Node.isBindingElement(element) || element.getDotDotDotToken()) return undefined;
    if (element.getInitializer() !== undefined) return undefined; // a default may stand in for the key
    const pattern = element.getParent();
    const parameter = pattern?.getParent();
    if (!pattern || !Node.isObjectBindingPattern(pattern) || !parameter) return undefined;
    const fn = firstParameterOf(parameter);
    if (fn === undefined) return undefined;
    return { key: element.getPropertyNameNode()?.getText().replace(/^["']|["']$/g, "") ?? element.getName(), fn };
  }
  return undefined;
}

/** Remember that unresolved Send target `u` (made for `expr`) reads a state key, if it does. */
export function noteStateTarget(ctx: ExtractContext, u: Unresolved, expr: Node): void {
  if (u.kind !== "send-target") return;
  const read = stateKeyRead(ctx, expr);
  if (read) stateTargets.set(u, { key: read.key, fn: ctx.location(read.fn) });
}

/** Record which string literals node `node` (implemented by `fn`) writes into which keys. */
export function noteWrittenLiterals(ctx: ExtractContext, node: NodeSnapshot, fn: FunctionNode): void {
  const found = new Map<string, Set<string> | undefined>();
  let unknown = false;
  const addObject = (expr: Node) => {
    const value = ctx.resolver.valueOf(expr);
    if (!Node.isObjectLiteralExpression(value)) {
      unknown = true;
      return;
    }
    for (const entry of objectEntries(ctx, value)) {
      if (entry.kind === "spread") {
        unknown = true; // it may set any key to anything
        continue;
      }
      const property = entry.property;
      const nameNode = property.getNameNode();
      const key = Node.isComputedPropertyName(nameNode) ? ctx.resolver.evaluateString(nameNode.getExpression()) : property.getName().replace(/^["']|["']$/g, "");
      if (key === undefined) {
        unknown = true;
        continue;
      }
      const valueNode = propertyValue(property);
      const literals = valueNode ? literalStrings(ctx, valueNode) : undefined;
      const known = found.has(key) ? found.get(key) : new Set<string>();
      found.set(key, known && literals ? new Set([...known, ...literals]) : undefined);
    }
  };
  const pending = returnedExpressions(fn);
  while (pending.length > 0) {
    const value = ctx.resolver.valueOf(pending.pop()!);
    if (Node.isConditionalExpression(value)) {
      pending.push(value.getWhenTrue(), value.getWhenFalse());
      continue;
    }
    if (Node.isNewExpression(value) || Node.isCallExpression(value)) {
      if (ctx.resolver.isLangGraph(value.getExpression(), "Command") || ctx.resolver.isLangGraph(value.getExpression(), "Send")) continue; // updates found below
      unknown = true;
      continue;
    }
    if (Node.isIdentifier(value) && value.getText() === "undefined") continue;
    if (value.getKind() === SyntaxKind.NullKeyword) continue;
    if (Node.isArrayLiteralExpression(value)) continue; // Commands or Sends
    addObject(value);
  }
  // `new Command({ update })` anywhere in the body.
  fn.forEachDescendant((child) => {
    if (!Node.isNewExpression(child) && !Node.isCallExpression(child)) return;
    if (!ctx.resolver.isLangGraph(child.getExpression(), "Command")) return;
    const options = child.getArguments()[0] ? ctx.resolver.valueOf(child.getArguments()[0]) : undefined;
    if (!options || !Node.isObjectLiteralExpression(options)) {
      unknown = true;
      return;
    }
    for (const entry of objectEntries(ctx, options)) {
      if (entry.kind === "spread") unknown = true;
      else if (entry.property.getName() === "update") {
        const update = propertyValue(entry.property);
        if (update) addObject(update);
      }
    }
  });
  writtenLiterals.set(node, unknown ? "unknown" : found);
}

/** The strings `expr` can be (a literal, a const, either arm of a ternary), or undefined. */
function literalStrings(ctx: ExtractContext, expr: Node): string[] | undefined {
  const node = unwrap(expr);
  const name = ctx.resolver.evaluateString(node);
  if (name !== undefined) return [name];
  const value = ctx.resolver.valueOf(node);
  if (Node.isConditionalExpression(value)) {
    const a = literalStrings(ctx, value.getWhenTrue());
    const b = literalStrings(ctx, value.getWhenFalse());
    return a && b ? [...a, ...b] : undefined;
  }
  return undefined;
}

/** The literals the nodes of `graph` can write into `key`, or undefined when some writer is not exact. */
function literalsWritten(graph: GraphSnapshot, key: string): string[] | undefined {
  const all = new Set<string>();
  for (const node of Object.values(graph.nodes)) {
    const known = writtenLiterals.get(node);
    if (known === undefined) {
      // Not a function we read (prebuilt, subgraph, unknown): it may write the key.
      if (node.kind !== "function" || node.writes.includes(key) || node.writes.includes("*")) return undefined;
      continue;
    }
    if (known === "unknown") return undefined;
    // Writes found another way (a helper's Command, say) that the literal scan did not see.
    if ((node.writes.includes(key) && !known.has(key)) || node.writes.includes("*")) return undefined;
    if (!known.has(key)) continue;
    const literals = known.get(key);
    if (literals === undefined) return undefined;
    for (const l of literals) all.add(l);
  }
  return [...all].sort();
}

const sameLocation = (a: Location | undefined, b: Location) => a !== undefined && a.file === b.file && a.line === b.line && a.column === b.column;

/**
 * Give each `new Send(state.k, ...)` of the graph's routers and nodes the targets its nodes can write into
 * `k`, when all of them are literals. The unresolved element stays.
 */
export function resolveStateSendTargets(graph: GraphSnapshot): void {
  for (const u of graph.unresolved) {
    const target = stateTargets.get(u);
    if (target === undefined || u.node === undefined) continue;
    const literals = literalsWritten(graph, target.key);
    if (literals === undefined || literals.length === 0) continue;
    const merge = (list: string[]) => [...new Set([...list, ...literals])].sort();
    for (const branch of graph.branches) {
      if (branch.from !== u.node || !sameLocation(branch.router.location, target.fn)) continue;
      branch.sendTargets = merge(branch.sendTargets);
      branch.targets = merge(branch.targets);
    }
    const node = graph.nodes[u.node];
    if (node !== undefined && sameLocation(node.function?.location, target.fn)) node.sends = merge(node.sends);
  }
}
