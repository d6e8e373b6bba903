import { Node, SyntaxKind, type Identifier } from "ts-morph";
import type { ExtractContext } from "./context.js";
import { ANY_KEY, MAX_CALL_DEPTH, functionOf, isFunctionNode, type FunctionNode } from "./body.js";
import { unwrap } from "./resolve.js";

/**
 * Which state keys a node reads, following the state value into project helpers (`describe(state)`,
 * `format({ ...state })`) the way interrupts.ts follows `interrupt()` calls: a helper that reads two keys
 * reads two keys, not every key. Reads decide "a node reads the lost value" verdicts (rows 9a, 9b, 17c), so
 * every use we cannot follow (an unresolvable callee, a store, `Object.keys`, a return, a spread into a
 * literal we lose track of, the depth bound) still reads {@link ANY_KEY}: this may over-report, never under.
 */

/** Deepest chain of aliases and object copies followed inside one function (`const s = { ...state }`). */
const MAX_LOCAL_HOPS = 16;

interface ReadWalk {
  ctx: ExtractContext;
  /** Helper calls followed to get here. */
  depth: number;
  /** `(function, parameter index)` pairs being walked: a recursive call adds nothing the first visit misses. */
  stack: Map<Node, Set<number>>;
  /** Set when a result was cut short by the stack or the depth bound, so it depends on the caller: not cached. */
  partial: boolean;
}

/** State keys a node function reads through its first parameter, sorted; {@link ANY_KEY} when it escapes. */
export function stateReads(ctx: ExtractContext, fn: FunctionNode): string[] {
  const walk: ReadWalk = { ctx, depth: 0, stack: new Map(), partial: false };
  return [...new Set(parameterReads(walk, fn, 0))].sort();
}

/** Keys a function reads from the value passed as its `index`-th argument. */
function parameterReads(walk: ReadWalk, fn: FunctionNode, index: number): string[] {
  const cached = walk.ctx.memo.exactReads.get(fn)?.get(index);
  if (cached) return cached;
  const parameters = fn.getParameters().filter((p) => !(Node.isParameterDeclaration(p) && p.getName() === "this"));
  const parameter = parameters[index];
  // `arguments` aliases every argument, declared or not: it escapes where its uses are not followed.
  if (usesArguments(fn)) return [ANY_KEY];
  if (!parameter || !Node.isParameterDeclaration(parameter)) return [];
  if (parameter.isRestParameter()) return [ANY_KEY];
  const onStack = walk.stack.get(fn) ?? new Set<number>();
  if (onStack.has(index)) {
    walk.partial = true;
    return [];
  }
  onStack.add(index);
  walk.stack.set(fn, onStack);
  const outerPartial = walk.partial;
  walk.partial = false;
  const keys: string[] = [];
  bindingReads(walk, parameter.getNameNode(), keys, 0);
  const result = [...new Set(keys)].sort();
  if (!walk.partial) {
    const byIndex = walk.ctx.memo.exactReads.get(fn) ?? new Map<number, string[]>();
    byIndex.set(index, result);
    walk.ctx.memo.exactReads.set(fn, byIndex);
  }
  walk.partial = walk.partial || outerPartial;
  onStack.delete(index);
  return result;
}

function usesArguments(fn: FunctionNode): boolean {
  if (Node.isArrowFunction(fn)) return false; // its `arguments` is the enclosing function's, not its own
  let found = false;
  fn.getBody()?.forEachDescendant((node, traversal) => {
    if (Node.isIdentifier(node) && node.getText() === "arguments") {
      found = true;
      traversal.stop();
    }
  });
  return found;
}

/** Keys read from a value bound to a name: an identifier (its uses), or an object pattern (its property names). */
function bindingReads(walk: ReadWalk, name: Node, into: string[], hops: number): void {
  if (Node.isIdentifier(name)) {
    const declaration = name.getParent();
    if (declaration) usesReads(walk, declaration, name, into, hops);
    return;
  }
  if (!Node.isObjectBindingPattern(name)) {
    into.push(ANY_KEY); // `[a, b] = state`: not a keyed read we can name
    return;
  }
  for (const element of name.getElements()) {
    if (element.getDotDotDotToken()) {
      // `{ a, ...rest }`: every key read through `rest` is a key of the state other than `a`.
      bindingReads(walk, element.getNameNode(), into, hops + 1);
      continue;
    }
    const property = element.getPropertyNameNode();
    if (!property) into.push(element.getName());
    else if (Node.isComputedPropertyName(property)) into.push(walk.ctx.resolver.evaluateString(property.getExpression()) ?? ANY_KEY);
    else if (Node.isStringLiteral(property) || Node.isNumericLiteral(property)) into.push(property.getLiteralText());
    else into.push(property.getText());
  }
}

/** Keys read through every use of a declared name in the function (or file) that declares it. */
function usesReads(walk: ReadWalk, declaration: Node, name: Identifier, into: string[], hops: number): void {
  if (hops > MAX_LOCAL_HOPS) {
    into.push(ANY_KEY);
    return;
  }
  const scope = declaration.getFirstAncestor((a) => isFunctionNode(a) || Node.isSourceFile(a)) ?? declaration.getSourceFile();
  const text = name.getText();
  scope.forEachDescendant((node) => {
    if (node === name || !Node.isIdentifier(node) || node.getText() !== text) return;
    if (isNameOnly(node)) return;
    if (walk.ctx.resolver.resolveIdentifier(node) !== declaration) return;
    expressionReads(walk, node, into, hops);
  });
}

/** An identifier that names a member or a property (`x.state`, `{ state: 1 }`) or a type, not a value. */
function isNameOnly(id: Identifier): boolean {
  const parent = id.getParent();
  if (!parent) return false;
  if (Node.isPropertyAccessExpression(parent)) return parent.getNameNode() === id;
  if (Node.isPropertyAssignment(parent) || Node.isMethodDeclaration(parent) || Node.isPropertyDeclaration(parent)) return parent.getNameNode() === id;
  if (Node.isBindingElement(parent)) return parent.getPropertyNameNode() === id;
  return Node.isTypeQuery(parent) || Node.isQualifiedName(parent);
}

/** Keys read from the value of `expr` (the state, an alias of it, or a copy of it) by what uses it. */
function expressionReads(walk: ReadWalk, expr: Node, into: string[], hops: number): void {
  let value = expr;
  let parent = value.getParent();
  while (parent && unwrap(parent) !== parent && unwrap(parent) === unwrap(value)) {
    value = parent; // `(state as S).x`, `state!.x`
    parent = value.getParent();
  }
  if (!parent) {
    into.push(ANY_KEY);
    return;
  }
  const { ctx } = walk;
  if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === value) {
    into.push(parent.getName());
  } else if (Node.isElementAccessExpression(parent) && parent.getExpression() === value) {
    const argument = parent.getArgumentExpression();
    into.push((argument && ctx.resolver.evaluateString(argument)) ?? ANY_KEY);
  } else if (Node.isVariableDeclaration(parent) && parent.getInitializer() === value) {
    bindingReads(walk, parent.getNameNode(), into, hops + 1);
  } else if (Node.isCallExpression(parent) && parent.getExpression() !== value) {
    helperReads(walk, parent, value, into);
  } else if (Node.isSpreadAssignment(parent)) {
    copyReads(walk, parent, into, hops);
  } else if (isGuard(parent, value)) {
    // `if (!state)`, `typeof state`, `state === undefined`: no key is read.
  } else {
    into.push(ANY_KEY); // stored, returned, iterated, passed where we cannot follow: any key
  }
}

/** A test of the value itself that reads no key and lets nothing escape. */
function isGuard(parent: Node, value: Node): boolean {
  if (Node.isTypeOfExpression(parent)) return true;
  if (Node.isPrefixUnaryExpression(parent)) return parent.getOperatorToken() === SyntaxKind.ExclamationToken;
  if (Node.isBinaryExpression(parent)) {
    const op = parent.getOperatorToken().getText();
    return ["===", "!==", "==", "!="].includes(op) && (parent.getLeft() === value || parent.getRight() === value);
  }
  return false;
}

/** `helper(state)`: the keys the helper reads from that parameter, or any key when it cannot be followed. */
function helperReads(walk: ReadWalk, call: Node, argument: Node, into: string[]): void {
  if (!Node.isCallExpression(call)) return;
  const args = call.getArguments();
  const index = args.indexOf(argument);
  if (index < 0 || args.slice(0, index).some((a) => Node.isSpreadElement(a))) {
    into.push(ANY_KEY);
    return;
  }
  const callee = unwrap(call.getExpression());
  const target = isFunctionNode(callee)
    ? callee
    : (Node.isIdentifier(callee) || Node.isPropertyAccessExpression(callee)) && !bindsArguments(walk.ctx, callee)
      ? functionOf(walk.ctx, callee)
      : undefined;
  if (!target || !target.getBody() || walk.depth >= MAX_CALL_DEPTH) {
    if (target && walk.depth >= MAX_CALL_DEPTH) walk.partial = true;
    into.push(ANY_KEY);
    return;
  }
  walk.depth++;
  into.push(...parameterReads(walk, target, index));
  walk.depth--;
}

/**
 * Whether a callee is (or is a member holding) `f.bind(thisArg, x, ...)`: {@link functionOf} resolves it to
 * `f`, but the call's arguments land in later parameters of `f`, so positions cannot be matched.
 */
function bindsArguments(ctx: ExtractContext, callee: Node): boolean {
  const values = [ctx.resolver.valueOf(callee)];
  if (Node.isPropertyAccessExpression(callee)) {
    const member = ctx.resolver.memberValue(ctx.resolver.valueOf(callee.getExpression()), callee.getName());
    if (member) values.push(member);
  }
  for (let value of values) {
    for (let hops = 0; hops < MAX_LOCAL_HOPS && Node.isCallExpression(value); hops++) {
      const bind = value.getExpression();
      if (!Node.isPropertyAccessExpression(bind) || bind.getName() !== "bind") break;
      if (value.getArguments().length > 1) return true;
      value = ctx.resolver.valueOf(bind.getExpression());
    }
  }
  return false;
}

/**
 * `{ ...state, extra }`: the keys read from the copy are read from the state, except those a later
 * property sets (`extra` then comes from the literal). A later spread may or may not set a key: kept.
 */
function copyReads(walk: ReadWalk, spread: Node, into: string[], hops: number): void {
  const literal = spread.getParent();
  if (!literal || !Node.isObjectLiteralExpression(literal)) {
    into.push(ANY_KEY);
    return;
  }
  const properties = literal.getProperties();
  const overridden = new Set<string>();
  for (const property of properties.slice(properties.indexOf(spread as never) + 1)) {
    if (Node.isSpreadAssignment(property)) continue;
    const nameNode = property.getNameNode();
    if (Node.isComputedPropertyName(nameNode)) continue;
    overridden.add(Node.isStringLiteral(nameNode) || Node.isNumericLiteral(nameNode) ? nameNode.getLiteralText() : nameNode.getText());
  }
  const fromCopy: string[] = [];
  expressionReads(walk, literal, fromCopy, hops + 1);
  into.push(...fromCopy.filter((key) => key === ANY_KEY || !overridden.has(key)));
}
