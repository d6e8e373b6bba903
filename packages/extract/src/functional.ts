import { Node, type CallExpression } from "ts-morph";
import type { EntrypointSnapshot, FlowItem, Unresolved } from "@langgraph-compat/snapshot";
import type { ExtractContext } from "./context.js";
import { functionOf, isFunctionNode, type FunctionNode } from "./body.js";
import { interruptSites } from "./interrupts.js";
import { iterationOf, loopHeader } from "./loops.js";
import { ExternalRef, unwrap } from "./resolve.js";

/** Calls whose result differs between the first run and a replay, by callee text. */
const NONDETERMINISTIC = new Set(["Date.now", "Math.random", "crypto.randomUUID", "randomUUID", "fetch", "performance.now", "uuidv4", "uuid"]);

/** Deepest chain of project helpers followed from the entrypoint body. */
const MAX_HELPER_DEPTH = 6;

interface Walk {
  ctx: ExtractContext;
  scope: Node;
  unresolved: Unresolved[];
  visited: Set<Node>;
  depth: number;
}

/**
 * Extract an `entrypoint(nameOrOptions, fn)` call: the ordered structure of `task(...)` calls and
 * `interrupt()` calls in its body, with loops and branches kept as structure, and non-deterministic calls
 * made outside tasks. Replays match task results and resume values by position (semantics M9).
 */
export function extractEntrypoint(
  ctx: ExtractContext,
  call: CallExpression,
): { entrypoint?: EntrypointSnapshot; unresolved: Unresolved[] } {
  const [nameArg, fnArg] = call.getArguments();
  const unresolved: Unresolved[] = [];
  const name = nameArg ? entrypointName(ctx, nameArg) : undefined;
  if (name === undefined) unresolved.push(ctx.unresolved("graph", "entrypoint name is not static", nameArg ?? call));
  const fn = fnArg ? functionOf(ctx, fnArg) : undefined;
  if (!fn) {
    unresolved.push(ctx.unresolved("graph", "entrypoint body is not a function we can read", fnArg ?? call));
    return { unresolved };
  }
  const walk: Walk = { ctx, scope: fn, unresolved, visited: new Set([fn]), depth: 0 };
  const body = fn.getBody();
  const items = body ? walkNode(walk, body) : [];
  return { entrypoint: { name: name ?? "<unresolved>", location: ctx.location(call), body: items }, unresolved };
}

function entrypointName(ctx: ExtractContext, arg: Node): string | undefined {
  const value = ctx.resolver.valueOf(arg);
  if (Node.isObjectLiteralExpression(value)) {
    const property = value.getProperty("name");
    return property && Node.isPropertyAssignment(property) ? ctx.resolver.evaluateString(property.getInitializerOrThrow()) : undefined;
  }
  return ctx.resolver.evaluateString(value);
}

/** Walk statements and expressions in evaluation order (children before the call that uses them). */
function walkNode(walk: Walk, node: Node): FlowItem[] {
  const { ctx } = walk;
  if (Node.isIfStatement(node)) {
    const condition = walkNode(walk, node.getExpression());
    const elseBranch = node.getElseStatement();
    const arms = [walkNode(walk, node.getThenStatement()), elseBranch ? walkNode(walk, elseBranch) : []];
    return [...condition, ...branchItem(ctx, node, arms)];
  }
  if (Node.isConditionalExpression(node)) {
    const condition = walkNode(walk, node.getCondition());
    const arms = [walkNode(walk, node.getWhenTrue()), walkNode(walk, node.getWhenFalse())];
    return [...condition, ...branchItem(ctx, node, arms)];
  }
  if (Node.isSwitchStatement(node)) {
    const condition = walkNode(walk, node.getExpression());
    const arms = node.getClauses().map((clause) => clause.getStatements().flatMap((s) => walkNode(walk, s)));
    return [...condition, ...branchItem(ctx, node, arms)];
  }
  if (
    Node.isForStatement(node) ||
    Node.isForOfStatement(node) ||
    Node.isForInStatement(node) ||
    Node.isWhileStatement(node) ||
    Node.isDoStatement(node)
  ) {
    const body = node.getChildren().flatMap((child) => walkNode(walk, child));
    return body.length > 0 ? [{ kind: "loop", body, location: ctx.location(node), header: headerOf(walk, node) }] : [];
  }
  if (isFunctionNode(node)) {
    // A callback (e.g. `items.map((x) => step(x))`) may run any number of times: keep it as a loop.
    const body = node.getBody();
    const items = body ? walkNode(walk, body) : [];
    return items.length > 0 ? [{ kind: "loop", body: items, location: ctx.location(node), header: headerOf(walk, node) }] : [];
  }
  const items = node.getChildren().flatMap((child) => walkNode(walk, child));
  if (Node.isCallExpression(node) || Node.isNewExpression(node)) items.push(...classifyCall(walk, node));
  return items;
}

/**
 * What a loop iterates over (a const iterable by value): when it changes, the calls the loop repeats are
 * matched by index against other items (12g). A callback that is not an array method's has no header
 * beyond the call it is passed to.
 */
function headerOf(walk: Walk, loop: Node): string {
  const iteration = iterationOf(walk.ctx, loop);
  if (iteration) return loopHeader(walk.ctx, iteration, walk.scope);
  const call = loop.getParent();
  return walk.ctx.textFingerprint(call && Node.isCallExpression(call) ? call.getExpression() : undefined, walk.scope);
}

function branchItem(ctx: ExtractContext, at: Node, arms: FlowItem[][]): FlowItem[] {
  return arms.some((arm) => arm.length > 0) ? [{ kind: "branch", arms, location: ctx.location(at) }] : [];
}

/** A task call, an `interrupt()`, a non-deterministic call, or a project helper to follow. */
function classifyCall(walk: Walk, call: Node): FlowItem[] {
  const { ctx } = walk;
  if (!Node.isCallExpression(call) && !Node.isNewExpression(call)) return [];
  const callee = unwrap(call.getExpression());
  const calleeText = callee.getText().replace(/\s+/g, "");
  if (Node.isNewExpression(call)) {
    if (calleeText === "Date" && call.getArguments().length === 0) return [nondeterministic(walk, call, "new Date")];
    return [];
  }
  if (ctx.resolver.isLangGraph(callee, "interrupt")) {
    const args = call.getArguments();
    return [{ kind: "interrupt", fingerprint: ctx.textFingerprint(args.length === 1 ? args[0] : call, walk.scope), location: ctx.location(call) }];
  }
  const taskName = taskNameOf(walk, callee);
  if (taskName !== undefined) {
    const item: FlowItem = { kind: "task", name: taskName, argsFingerprint: ctx.textFingerprint(argumentsNode(call), walk.scope), location: ctx.location(call) };
    // Each task call has its own interrupt counter (M9): its interrupt() calls are its own sequence.
    const taskFn = taskFunctionOf(ctx, callee);
    if (taskFn) item.interrupts = interruptSites(ctx, taskFn);
    return [item];
  }
  const external = ctx.resolver.externalOf(callee);
  if (NONDETERMINISTIC.has(calleeText) || (external && NONDETERMINISTIC.has(external.name))) {
    return [nondeterministic(walk, call, calleeText)];
  }
  if (walk.depth >= MAX_HELPER_DEPTH || !(Node.isIdentifier(callee) || Node.isPropertyAccessExpression(callee))) return [];
  const helper = functionOf(ctx, callee);
  if (!helper || walk.visited.has(helper) || isInside(helper, walk.scope)) return [];
  walk.visited.add(helper);
  const body = helper.getBody();
  const inner: Walk = { ...walk, depth: walk.depth + 1 };
  return body ? walkNode(inner, body) : [];
}

function argumentsNode(call: CallExpression): Node | undefined {
  const args = call.getArguments();
  return args.length === 0 ? undefined : args.length === 1 ? args[0] : call;
}

function isInside(node: Node, container: Node): boolean {
  return node.getSourceFile() === container.getSourceFile() && node.getPos() >= container.getPos() && node.getEnd() <= container.getEnd();
}

/** The function a `task(name, fn)` value runs, when we can read it. */
function taskFunctionOf(ctx: ExtractContext, callee: Node): FunctionNode | undefined {
  const value = ctx.resolver.valueOf(callee);
  const fnArg = Node.isCallExpression(value) ? value.getArguments()[1] : undefined;
  return fnArg ? functionOf(ctx, fnArg) : undefined;
}

/** If `callee` names a `task(name, fn)` value, its name (or `<unresolved>` with an unresolved element). */
function taskNameOf(walk: Walk, callee: Node): string | undefined {
  const { ctx } = walk;
  if (!Node.isIdentifier(callee) && !Node.isPropertyAccessExpression(callee)) return undefined;
  const value = ctx.resolver.valueOf(callee);
  if (!Node.isCallExpression(value) || !ctx.resolver.isLangGraph(value.getExpression(), "task")) return undefined;
  const nameArg = value.getArguments()[0];
  const nameValue = nameArg ? ctx.resolver.valueOf(nameArg) : undefined;
  let name: string | undefined;
  if (nameValue && Node.isObjectLiteralExpression(nameValue)) {
    const property = nameValue.getProperty("name");
    if (property && Node.isPropertyAssignment(property)) name = ctx.resolver.evaluateString(property.getInitializerOrThrow());
  } else if (nameValue) {
    name = ctx.resolver.evaluateString(nameValue);
  }
  if (name !== undefined) return name;
  walk.unresolved.push(ctx.unresolved("task", "task name is not static", nameArg ?? value));
  return "<unresolved>";
}

function nondeterministic(walk: Walk, call: Node, name: string): FlowItem {
  return { kind: "nondeterministic", call: name, decidesControlFlow: decidesControlFlow(walk, call), location: walk.ctx.location(call) };
}

/** Is `node` (part of) the condition of an `if`, loop, `switch` or ternary? */
function inCondition(node: Node, stop: Node): boolean {
  let child: Node = node;
  for (let parent = node.getParent(); parent && parent !== stop; child = parent, parent = parent.getParent()) {
    if ((Node.isIfStatement(parent) || Node.isWhileStatement(parent) || Node.isDoStatement(parent) || Node.isSwitchStatement(parent)) && parent.getExpression() === child) return true;
    if (Node.isConditionalExpression(parent) && parent.getCondition() === child) return true;
    if (Node.isForStatement(parent) && parent.getCondition() === child) return true;
    if (Node.isBinaryExpression(parent) && ["&&", "||", "??"].includes(parent.getOperatorToken().getText()) && parent.getLeft() === child) return true;
    if (Node.isStatement(parent)) return false;
  }
  return false;
}

/** A non-deterministic value decides control flow if it is used in a condition, directly or through a const. */
function decidesControlFlow(walk: Walk, call: Node): boolean {
  const body = walk.scope;
  if (inCondition(call, body)) return true;
  const declaration = call.getFirstAncestor((a) => Node.isVariableDeclaration(a) || Node.isStatement(a));
  if (!declaration || !Node.isVariableDeclaration(declaration)) return false;
  const nameNode = declaration.getNameNode();
  if (!Node.isIdentifier(nameNode)) return false;
  let used = false;
  body.forEachDescendant((node) => {
    if (used || !Node.isIdentifier(node) || node.getText() !== nameNode.getText() || node === nameNode) return;
    const resolved = walk.ctx.resolver.resolveIdentifier(node);
    if (resolved === declaration && !(resolved instanceof ExternalRef) && inCondition(node, body)) used = true;
  });
  return used;
}
