import { Node, type CallExpression } from "ts-morph";
import type { EntrypointSnapshot, FlowItem, Unresolved } from "@langgraph-compat/snapshot";
import type { ExtractContext } from "./context.js";
import { functionName, functionOf, isFunctionNode, type FunctionNode } from "./body.js";
import { interruptSites } from "./interrupts.js";
import { iterationOf, loopHeader } from "./loops.js";
import type { Bindings } from "./normalize.js";
import { ExternalRef, unwrap } from "./resolve.js";
import { isTaskDefinition, scopeBindings, taskNameOfDefinition, valueIn, type Values } from "./task-refs.js";

/** Calls whose result differs between the first run and a replay, by callee text. */
const NONDETERMINISTIC = new Set(["Date.now", "Math.random", "crypto.randomUUID", "randomUUID", "fetch", "performance.now", "uuidv4", "uuid"]);

/** Deepest chain of project helpers followed from the entrypoint body. */
const MAX_HELPER_DEPTH = 6;

interface Walk {
  ctx: ExtractContext;
  /** The entrypoint function: helpers defined inside it are walked in place, not followed. */
  root: Node;
  /** The function being walked (the entrypoint or a followed helper): its locals count by position. */
  scope: Node;
  unresolved: Unresolved[];
  /** Helpers being walked (a helper called twice is walked twice: each call calls its tasks again). */
  stack: Set<Node>;
  depth: number;
  /** Names bound to text for fingerprints: task bindings by task name, consts by value, a helper's parameters. */
  bindings: Bindings;
  /** A followed helper's parameters bound to the caller's arguments (a task passed as `invokeTool`). */
  values?: Values;
  /** The helper being walked, for unresolved reasons. */
  helper?: string;
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
  const walk: Walk = { ctx, root: fn, scope: fn, unresolved, stack: new Set([fn]), depth: 0, bindings: scopeBindings(ctx, fn) };
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
  // `task(name, fn)` defines a task: its body runs on each call, with its own interrupt counter (M9), and is
  // recorded on each call's item, never as steps of the entrypoint itself.
  if (isTaskDefinition(ctx, node)) return [];
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
  if (iteration) return loopHeader(walk.ctx, iteration, walk.scope, walk.bindings);
  const call = loop.getParent();
  return walk.ctx.textFingerprint(call && Node.isCallExpression(call) ? call.getExpression() : undefined, walk.scope, walk.bindings);
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
    return [{ kind: "interrupt", fingerprint: ctx.textFingerprint(args.length === 1 ? args[0] : call, walk.scope, walk.bindings), location: ctx.location(call) }];
  }
  if (Node.isElementAccessExpression(callee)) {
    computedTaskCall(walk, callee, call);
    return [];
  }
  const value = Node.isIdentifier(callee) || Node.isPropertyAccessExpression(callee) ? valueIn(ctx, callee, walk.values) : undefined;
  if (value && isTaskDefinition(ctx, value)) return [taskCall(walk, call, value)];
  const external = ctx.resolver.externalOf(callee);
  if (NONDETERMINISTIC.has(calleeText) || (external && NONDETERMINISTIC.has(external.name))) {
    return [nondeterministic(walk, call, calleeText)];
  }
  const helper = value && (Node.isIdentifier(callee) || Node.isPropertyAccessExpression(callee)) ? functionOf(ctx, value) : undefined;
  if (helper && !walk.stack.has(helper) && !isInside(helper, walk.root) && walk.depth < MAX_HELPER_DEPTH) return followHelper(walk, call, helper);
  if (!helper && value && throughParameter(walk, callee, value)) {
    walk.unresolved.push(
      ctx.unresolved("task", `${calleeText} is a parameter${walk.helper ? ` of ${walk.helper}` : ""} whose value is not static: if it is a task, its calls are missing from the flow`, call),
    );
  }
  passedTasks(walk, call, helper ? "is not followed here (recursion or depth limit)" : "is not project code we can read");
  return [];
}

/** A call of a task: its name, its arguments by value, and the interrupt() calls of its function. */
function taskCall(walk: Walk, call: CallExpression, definition: CallExpression): FlowItem {
  const { ctx } = walk;
  let name = taskNameOfDefinition(ctx, definition);
  if (name === undefined) {
    walk.unresolved.push(ctx.unresolved("task", "task name is not static", definition.getArguments()[0] ?? definition));
    name = "<unresolved>";
  }
  const item: FlowItem = { kind: "task", name, argsFingerprint: ctx.textFingerprint(argumentsNode(call), walk.scope, walk.bindings), location: ctx.location(call) };
  // Each task call has its own interrupt counter (M9): its interrupt() calls are its own sequence.
  const fnArg = definition.getArguments()[1];
  const taskFn = fnArg ? functionOf(ctx, fnArg) : undefined;
  if (taskFn) item.interrupts = interruptSites(ctx, taskFn);
  return item;
}

/**
 * Walk a project helper called from the entrypoint (or from a helper), with its parameters bound to what
 * the caller passed: a task handed over as an argument (`runLoop({ invokeTool: callTool })`) is then
 * recognised where the helper calls it, and the helper's own locals count by position in the helper.
 */
function followHelper(walk: Walk, call: CallExpression, helper: FunctionNode): FlowItem[] {
  const { ctx } = walk;
  const values = new Map<string, Node>();
  const outer = new Map<string, string>();
  call.getArguments().forEach((arg, index) => {
    const parameter: Node | undefined = helper.getParameters()[index];
    const name = parameter && Node.isParameterDeclaration(parameter) ? parameter.getNameNode() : undefined;
    if (!name) return;
    const argValue = valueIn(ctx, arg, walk.values);
    if (Node.isIdentifier(name)) {
      values.set(name.getText(), argValue);
      outer.set(name.getText(), ctx.textFingerprint(arg, walk.scope, walk.bindings));
    } else if (Node.isObjectBindingPattern(name)) {
      for (const element of name.getElements()) {
        const key = element.getPropertyNameNode()?.getText() ?? element.getName();
        const member = ctx.resolver.memberValue(argValue, key);
        if (member && Node.isIdentifier(element.getNameNode())) values.set(element.getName(), valueIn(ctx, member, walk.values));
      }
    }
  });
  const body = helper.getBody();
  if (!body) return [];
  walk.stack.add(helper);
  const inner: Walk = {
    ...walk,
    scope: helper,
    depth: walk.depth + 1,
    values,
    bindings: scopeBindings(ctx, helper, outer, values),
    helper: functionName(helper) ?? "<anonymous helper>",
  };
  const items = walkNode(inner, body);
  walk.stack.delete(helper);
  return items;
}

/** `tools[name](x)` over an object holding tasks: which task runs is decided at run time. */
function computedTaskCall(walk: Walk, callee: Node, call: CallExpression): void {
  if (!Node.isElementAccessExpression(callee)) return;
  const { ctx } = walk;
  const owner = valueIn(ctx, callee.getExpression(), walk.values);
  if (!Node.isObjectLiteralExpression(owner)) return;
  const holdsTask = owner.getProperties().some((property) => {
    const value = Node.isPropertyAssignment(property) ? property.getInitializer() : Node.isShorthandPropertyAssignment(property) ? property.getNameNode() : undefined;
    return value !== undefined && isTaskDefinition(ctx, valueIn(ctx, value, walk.values));
  });
  if (holdsTask) walk.unresolved.push(ctx.unresolved("task", "the task called is chosen by a computed key: its task name is not static", call));
}

/** A parameter (or a name destructured from one): its value is not known here. */
function isParameterValue(value: Node): boolean {
  return Node.isParameterDeclaration(value) || (Node.isBindingElement(value) && !!value.getFirstAncestor((a) => Node.isParameterDeclaration(a)));
}

/**
 * A call through a function-valued parameter we could not read: `invokeTool(x)` where `invokeTool` is a
 * parameter bound to no known function, or `opts.invokeTool(x)` where `opts` is an options object without a
 * readable `invokeTool`. Method calls on other parameters (`steps.push`, `name.trim()`) are not meant.
 */
function throughParameter(walk: Walk, callee: Node, value: Node): boolean {
  if (Node.isIdentifier(callee)) return walk.values?.has(callee.getText()) === true || isParameterValue(value);
  if (!Node.isPropertyAccessExpression(callee) || !Node.isIdentifier(callee.getExpression())) return false;
  const owner = valueIn(walk.ctx, callee.getExpression(), walk.values);
  return Node.isObjectLiteralExpression(owner);
}

/**
 * Tasks handed to a call that is not walked (a library loop, `items.map(score)`, a helper past the depth
 * limit): their calls happen where we cannot see them, so each is an unresolved element, never dropped.
 */
function passedTasks(walk: Walk, call: CallExpression, why: string): void {
  const { ctx } = walk;
  const candidates: Node[] = [];
  for (const arg of call.getArguments()) {
    const value = unwrap(arg);
    if (Node.isObjectLiteralExpression(value)) {
      for (const property of value.getProperties()) {
        if (Node.isPropertyAssignment(property)) candidates.push(property.getInitializerOrThrow());
        else if (Node.isShorthandPropertyAssignment(property)) candidates.push(property.getNameNode());
      }
    } else if (Node.isArrayLiteralExpression(value)) candidates.push(...value.getElements());
    else candidates.push(value);
  }
  const callee = call.getExpression().getText().replace(/\s+/g, "");
  for (const candidate of candidates) {
    if (!Node.isIdentifier(candidate) && !Node.isPropertyAccessExpression(candidate)) continue;
    const value = valueIn(ctx, candidate, walk.values);
    if (!isTaskDefinition(ctx, value)) continue;
    const name = taskNameOfDefinition(ctx, value) ?? "<unresolved>";
    walk.unresolved.push(ctx.unresolved("task", `task ${name} is passed to ${callee}, which ${why}: its calls are missing from the flow`, candidate));
  }
}

function argumentsNode(call: CallExpression): Node | undefined {
  const args = call.getArguments();
  return args.length === 0 ? undefined : args.length === 1 ? args[0] : call;
}

function isInside(node: Node, container: Node): boolean {
  return node.getSourceFile() === container.getSourceFile() && node.getPos() >= container.getPos() && node.getEnd() <= container.getEnd();
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
