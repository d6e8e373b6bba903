import { Node, SyntaxKind } from "ts-morph";
import { interruptSites } from "./interrupts.js";
import { stateReads } from "./reads.js";
import type { InterruptSite, Unresolved } from "@langgraph-compat/snapshot";
import type { ExtractContext } from "./context.js";
import { ExternalRef, unwrap } from "./resolve.js";
import { objectEntries, propertyValue } from "./spread.js";
import { noteStateTarget } from "./state-targets.js";

/** A key that stands for "any key": the state escapes where we cannot follow it. */
export const ANY_KEY = "*";

/** What a node's (or router's) body does that a persisted thread depends on. */
export interface BodyFacts {
  interrupts: InterruptSite[];
  gotos: string[];
  sends: string[];
  reads: string[];
  writes: string[];
  unresolved: Unresolved[];
  /** Some Command of the node may go to several nodes at once (a list, Sends, a value we cannot read). */
  multiGoto?: boolean;
  /** Some `return` gives a value that is not an object literal, a Command, a list, null or undefined. */
  opaqueReturn?: boolean;
}

/**
 * Deepest chain of helper calls the extractor follows into, both when collecting targets and when
 * looking for `interrupt()` calls (interrupts.ts): one limit, so the two walks see the same helpers.
 */
export const MAX_CALL_DEPTH = 8;

export type FunctionNode = Node & { getParameters(): Node[]; getBody(): Node | undefined };

/** True for arrow functions, function expressions and declarations, and methods. */
export function isFunctionNode(node: Node): node is FunctionNode {
  return (
    Node.isArrowFunction(node) ||
    Node.isFunctionExpression(node) ||
    Node.isFunctionDeclaration(node) ||
    Node.isMethodDeclaration(node)
  );
}

/** Resolve a callee or action expression to the project function it names, if any. */
export function functionOf(ctx: ExtractContext, expr: Node, depth = 0): FunctionNode | undefined {
  const value = ctx.resolver.valueOf(expr);
  if (isFunctionNode(value)) return value;
  // `humanNode<S, U>`: an instantiation expression names the same function.
  if (Node.isExpressionWithTypeArguments(value)) return functionOf(ctx, value.getExpression(), depth + 1);
  // `service.request(...)`: a method of `new Service()`, a static method, or a function in an object literal.
  if (Node.isPropertyAccessExpression(value) && depth < 4) {
    const method = value.getName();
    const owner = ctx.resolver.valueOf(value.getExpression());
    const classOf = (node: Node) => {
      if (Node.isClassDeclaration(node) || Node.isClassExpression(node)) return node;
      if (Node.isNewExpression(node)) {
        const target = ctx.resolver.valueOf(node.getExpression());
        return Node.isClassDeclaration(target) || Node.isClassExpression(target) ? target : undefined;
      }
      return undefined;
    };
    const cls = classOf(owner);
    if (cls) {
      const found = Node.isNewExpression(owner) ? cls.getInstanceMethod(method) : cls.getStaticMethod(method);
      if (found) return found as unknown as FunctionNode;
    }
    if (Node.isObjectLiteralExpression(owner)) {
      const member = owner.getProperty(method);
      if (member && Node.isMethodDeclaration(member)) return member as unknown as FunctionNode;
    }
    // A function in an object literal, or `this.callModel` in a class: a method or an arrow-function field.
    const memberValue = ctx.resolver.memberValue(owner, method);
    if (memberValue && memberValue !== value) return functionOf(ctx, memberValue, depth + 1);
  }
  if (Node.isCallExpression(value)) {
    const callee = value.getExpression();
    // `this.callModel.bind(this)` is the same function.
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === "bind" && depth < 4) {
      return functionOf(ctx, callee.getExpression(), depth + 1);
    }
    // `RunnableLambda.from(fn)` wraps a plain function.
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === "from" && value.getArguments()[0]) {
      return functionOf(ctx, value.getArguments()[0]);
    }
    // `makeNode("label")`: a project factory that returns the node function.
    const factory = ctx.resolver.valueOf(callee);
    if (isFunctionNode(factory) && depth < 4) {
      for (const returned of returnedExpressions(factory)) {
        const inner = functionOf(ctx, returned, depth + 1);
        if (inner) return inner;
      }
    }
  }
  return undefined;
}

/** The factory call that made a node function (`makeNode("x")`), whose arguments shape its behaviour. */
export function factoryCallOf(ctx: ExtractContext, expr: Node): Node | undefined {
  const value = ctx.resolver.valueOf(expr);
  if (!Node.isCallExpression(value)) return undefined;
  return isFunctionNode(ctx.resolver.valueOf(value.getExpression())) ? value : undefined;
}

/** The declared name of a function (or of the const holding it); undefined when anonymous. */
export function functionName(fn: Node): string | undefined {
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn)) return fn.getName();
  const parent = fn.getParent();
  return parent && Node.isVariableDeclaration(parent) ? parent.getName() : undefined;
}

/** Analyze a node function: pause points, gotos, sends, reads and writes of state keys. */
export function analyzeBody(ctx: ExtractContext, fn: FunctionNode, owner: string): BodyFacts {
  const facts: BodyFacts = { interrupts: [], gotos: [], sends: [], reads: [], writes: [], unresolved: [] };
  facts.interrupts = interruptSites(ctx, fn);
  collectCommandsAndSends(ctx, fn, facts, owner);
  facts.reads = stateReads(ctx, fn);
  collectWrites(ctx, fn, facts, owner);
  if (facts.opaqueReturn && facts.gotos.length > 0) facts.multiGoto = true;
  facts.gotos = unique(facts.gotos);
  facts.sends = unique(facts.sends);
  facts.reads = unique(facts.reads);
  facts.writes = unique(facts.writes);
  return facts;
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort();
}

/** `new Command({ goto, update })` and `new Send(target, ...)` anywhere in the body. */
function collectCommandsAndSends(ctx: ExtractContext, fn: Node, facts: BodyFacts, owner: string): void {
  fn.forEachDescendant((node) => {
    if (!Node.isNewExpression(node) && !Node.isCallExpression(node)) return;
    const callee = node.getExpression();
    if (ctx.resolver.isLangGraph(callee, "Send")) {
      // A Send inside `Command({ graph: Command.PARENT, goto })` names a node of the parent graph.
      if (!insideParentCommand(ctx, node, fn)) sendTargets(ctx, node, facts, owner);
      return;
    }
    if (!ctx.resolver.isLangGraph(callee, "Command")) return;
    const options = node.getArguments()[0] ? ctx.resolver.valueOf(node.getArguments()[0]) : undefined;
    if (!options || !Node.isObjectLiteralExpression(options)) return;
    if (isParentCommand(options)) return; // goes to the parent graph's nodes, not this graph's
    // Spreads of known consts are read (later keys win); an unknown one could set `goto`, so it is reported.
    const byKey = new Map<string, Node | undefined>();
    for (const entry of objectEntries(ctx, options)) {
      if (entry.kind === "spread") {
        facts.unresolved.push(ctx.unresolved("goto-target", "Command options are spread from a value we cannot read; they may set goto", entry.spread, owner));
      } else if (Node.isPropertyAssignment(entry.property) || Node.isShorthandPropertyAssignment(entry.property)) {
        byKey.set(entry.property.getName(), propertyValue(entry.property));
      }
    }
    const gotoValue = byKey.get("goto");
    if (gotoValue) collectTargets(ctx, gotoValue, facts.gotos, facts, "goto-target", owner);
    if (gotoValue && !oneTarget(ctx, gotoValue)) facts.multiGoto = true;
    const update = byKey.get("update");
    if (update) addObjectKeys(ctx, update, facts.writes);
  });
}

/**
 * True when a goto value names at most one node on every run: a string, a `let` assigned only such values,
 * a conditional of them, or a one-element list of one. A longer list, Sends, or a value we cannot read may
 * start several nodes in the next superstep at once.
 */
export function oneTarget(ctx: ExtractContext, expr: Node, depth = 0): boolean {
  if (depth > MAX_CALL_DEPTH * 4) return false;
  const node = unwrap(expr);
  if (ctx.resolver.evaluateString(node) !== undefined) return true;
  const assigned = Node.isIdentifier(node) ? letAssignments(ctx, node) : undefined;
  if (assigned) return assigned.every((value) => oneTarget(ctx, value, depth + 1));
  const value = ctx.resolver.valueOf(node);
  if (value !== node) return oneTarget(ctx, value, depth + 1);
  if (Node.isConditionalExpression(node)) return oneTarget(ctx, node.getWhenTrue(), depth + 1) && oneTarget(ctx, node.getWhenFalse(), depth + 1);
  if (Node.isArrayLiteralExpression(node)) {
    const elements = node.getElements();
    return elements.length === 1 && !Node.isSpreadElement(elements[0]) && oneTarget(ctx, elements[0], depth + 1);
  }
  return false;
}

/** True when `node` sits in the options of a `Command({ graph: Command.PARENT, ... })` within `root`. */
function insideParentCommand(ctx: ExtractContext, node: Node, root: Node): boolean {
  for (let at = node.getParent(); at !== undefined && at !== root; at = at.getParent()) {
    if (!Node.isNewExpression(at) && !Node.isCallExpression(at)) continue;
    if (!ctx.resolver.isLangGraph(at.getExpression(), "Command")) continue;
    const options = at.getArguments()[0] ? ctx.resolver.valueOf(at.getArguments()[0]) : undefined;
    if (options && isParentCommand(options)) return true;
  }
  return false;
}

function isParentCommand(options: Node): boolean {
  if (!Node.isObjectLiteralExpression(options)) return false;
  const graph = options.getProperty("graph");
  return !!graph && /PARENT/.test(graph.getText());
}

/** The node names a `new Send(target, ...)` can go to (a ternary gives both), or an unresolved element. */
function sendTargets(ctx: ExtractContext, send: Node, facts: { sends: string[]; unresolved: Unresolved[] }, owner: string): void {
  if (!Node.isNewExpression(send) && !Node.isCallExpression(send)) return;
  const target = send.getArguments()[0];
  if (!target) return;
  collectTargets(ctx, target, facts.sends, facts, "send-target", owner);
}

/** Static names a goto/return expression can take: strings, arrays, ternaries, `Send` targets. */
export function collectTargets(
  ctx: ExtractContext,
  expr: Node,
  into: string[],
  facts: { sends: string[]; unresolved: Unresolved[] },
  kind: Unresolved["kind"],
  owner: string,
  depth = 0,
): void {
  const node = unwrap(expr);
  const name = ctx.resolver.evaluateString(node);
  if (name !== undefined) {
    into.push(name);
    return;
  }
  // A local `let` whose every assignment is static: each assigned value is a possible target.
  const assigned = Node.isIdentifier(node) ? letAssignments(ctx, node) : undefined;
  if (assigned) {
    for (const value of assigned) collectTargets(ctx, value, into, facts, kind, owner);
    return;
  }
  const followed = ctx.resolver.valueOf(node);
  if (followed !== node) {
    collectTargets(ctx, followed, into, facts, kind, owner);
    return;
  }
  if (Node.isConditionalExpression(node)) {
    collectTargets(ctx, node.getWhenTrue(), into, facts, kind, owner);
    collectTargets(ctx, node.getWhenFalse(), into, facts, kind, owner);
    return;
  }
  const value = ctx.resolver.valueOf(node);
  if (Node.isArrayLiteralExpression(value)) {
    for (const element of value.getElements()) collectTargets(ctx, element, into, facts, kind, owner);
    return;
  }
  if (Node.isSpreadElement(value)) {
    collectTargets(ctx, value.getExpression(), into, facts, kind, owner);
    return;
  }
  if ((Node.isNewExpression(value) || Node.isCallExpression(value)) && ctx.resolver.isLangGraph(value.getExpression(), "Send")) {
    sendTargets(ctx, value, facts, owner);
    return;
  }
  // `lookupsFor(state)`: a project helper builds the targets; what it returns is what we go to.
  if (Node.isCallExpression(value) && depth < MAX_CALL_DEPTH) {
    const helper = functionOf(ctx, value.getExpression());
    if (helper) {
      for (const returned of returnedExpressions(helper)) collectTargets(ctx, returned, into, facts, kind, owner, depth + 1);
      return;
    }
  }
  // `items.map((x) => new Send("worker", x))`: the Sends inside are what it returns.
  let sawSend = false;
  value.forEachDescendant((child) => {
    if ((Node.isNewExpression(child) || Node.isCallExpression(child)) && ctx.resolver.isLangGraph(child.getExpression(), "Send")) {
      sawSend = true;
      sendTargets(ctx, child, facts, owner);
    }
  });
  if (sawSend) return;
  const unresolved = ctx.unresolved(kind, "target is computed at run time", node, owner);
  noteStateTarget(ctx, unresolved, node);
  facts.unresolved.push(unresolved);
}

/**
 * The values a function-local `let` can hold: its initializer and every `name = value` assignment in its
 * scope. Undefined when it is not a local `let` or is changed in another way (`+=`, `++`, destructuring).
 */
function letAssignments(ctx: ExtractContext, id: Node): Node[] | undefined {
  const declaration = ctx.resolver.resolveIdentifier(id as import("ts-morph").Identifier);
  if (!declaration || declaration instanceof ExternalRef || !Node.isVariableDeclaration(declaration)) return undefined;
  const list = declaration.getParent();
  if (!list || !Node.isVariableDeclarationList(list) || (list.getFlags() & 1) === 0) return undefined; // ts.NodeFlags.Let
  const scope = list.getParent()?.getParent();
  if (!scope) return undefined;
  const values: Node[] = [];
  const init = declaration.getInitializer();
  if (init) values.push(init);
  let ok = true;
  scope.forEachDescendant((node) => {
    if (!ok || !Node.isIdentifier(node) || node.getText() !== id.getText() || node === declaration.getNameNode()) return;
    if (ctx.resolver.resolveIdentifier(node) !== declaration) return;
    const parent = node.getParent();
    if (parent && Node.isBinaryExpression(parent) && parent.getLeft() === node) {
      if (parent.getOperatorToken().getText() === "=") values.push(parent.getRight());
      else ok = false;
    } else if (parent && (Node.isPrefixUnaryExpression(parent) || Node.isPostfixUnaryExpression(parent))) {
      ok = false;
    }
  });
  return ok && values.length > 0 ? values : undefined;
}

/** Keys of an object literal (following a const); a spread or unknown value adds {@link ANY_KEY}. */
function addObjectKeys(ctx: ExtractContext, expr: Node, into: string[]): void {
  const value = ctx.resolver.valueOf(expr);
  if (!Node.isObjectLiteralExpression(value)) {
    into.push(ANY_KEY);
    return;
  }
  for (const property of value.getProperties()) {
    if (Node.isSpreadAssignment(property)) {
      addObjectKeys(ctx, property.getExpression(), into);
      continue;
    }
    const nameNode = (property as unknown as { getNameNode?(): Node }).getNameNode?.();
    if (!nameNode) continue;
    const name = Node.isComputedPropertyName(nameNode)
      ? ctx.resolver.evaluateString(nameNode.getExpression())
      : Node.isStringLiteral(nameNode)
        ? nameNode.getLiteralValue()
        : nameNode.getText();
    into.push(name ?? ANY_KEY);
  }
}

/** State keys the node writes: keys of the objects it returns (Command updates are found by the scan). */
function collectWrites(ctx: ExtractContext, fn: FunctionNode, facts: BodyFacts, owner: string): void {
  void owner;
  const pending = returnedExpressions(fn);
  while (pending.length > 0) {
    const value = ctx.resolver.valueOf(pending.pop()!);
    if (Node.isConditionalExpression(value)) {
      pending.push(value.getWhenTrue(), value.getWhenFalse());
      continue;
    }
    if ((Node.isNewExpression(value) || Node.isCallExpression(value)) && ctx.resolver.isLangGraph(value.getExpression(), "Command")) {
      continue;
    }
    if (Node.isIdentifier(value) && value.getText() === "undefined") continue;
    if (Node.isArrayLiteralExpression(value)) {
      facts.multiGoto = true; // an array of Commands/Sends: each may start a node
      continue;
    }
    if (value.getKind() === SyntaxKind.NullKeyword) continue;
    // A value we cannot read (a list of Commands built up in a variable, a helper's result) may hold several Commands.
    if (!Node.isObjectLiteralExpression(value)) facts.opaqueReturn = true;
    addObjectKeys(ctx, value, facts.writes);
  }
}

/** The expressions a function returns (its own `return`s, not those of nested functions), awaits unwrapped. */
export function returnedExpressions(fn: FunctionNode): Node[] {
  const body = fn.getBody();
  if (!body) return [];
  if (!Node.isBlock(body)) return [unwrapAwait(body)];
  const results: Node[] = [];
  body.forEachDescendant((node, traversal) => {
    if (isFunctionNode(node) || Node.isClassDeclaration(node)) {
      traversal.skip();
      return;
    }
    if (Node.isReturnStatement(node)) {
      const expr = node.getExpression();
      if (expr) results.push(unwrapAwait(expr));
    }
  });
  return results;
}

function unwrapAwait(node: Node): Node {
  const inner = unwrap(node);
  return Node.isAwaitExpression(inner) ? unwrapAwait(inner.getExpression()) : inner;
}

export { ExternalRef };
