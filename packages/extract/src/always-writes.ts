/**
 * The state keys a node writes on every completed run, as opposed to `writes` (keys it writes on some
 * run). The diff needs the difference: a node that writes a key only sometimes does not hide a later
 * reader of the stored value (`readBeforeWrite`). Recorded only where exact; anything else records none,
 * which is the sound side (a reader counts as reading the stored value).
 */
import { Node } from "ts-morph";
import type { ExtractContext } from "./context.js";
import { returnedExpressions, type FunctionNode } from "./body.js";
import { objectEntries, propertyValue } from "./spread.js";

/**
 * The values every completed run returns, or undefined when a run may complete without returning a value:
 * the body's last statement is not a `return` (a path may fall off its end) or some `return;` has no value.
 * An expression body is its own return.
 */
export function completedReturns(fn: FunctionNode): Node[] | undefined {
  const body = fn.getBody();
  if (body === undefined) return undefined;
  if (Node.isBlock(body)) {
    const statements = body.getStatements();
    if (!Node.isReturnStatement(statements[statements.length - 1] ?? body)) return undefined;
    if (bareReturn(body)) return undefined;
  }
  return returnedExpressions(fn);
}

/** True when the body (not a nested function) has a `return;` with no value. */
function bareReturn(body: Node): boolean {
  let found = false;
  body.forEachDescendant((node, traversal) => {
    if (Node.isArrowFunction(node) || Node.isFunctionExpression(node) || Node.isFunctionDeclaration(node) || Node.isMethodDeclaration(node) || Node.isClassDeclaration(node)) traversal.skip();
    else if (Node.isReturnStatement(node) && node.getExpression() === undefined) {
      found = true;
      traversal.stop();
    }
  });
  return found;
}

/**
 * Keys an object literal surely holds: its named properties (a computed name counts when it evaluates to
 * a string) and those of spreads of known objects. A spread we cannot read may add keys but cannot remove
 * one, so it is skipped. A property whose value is the literal `undefined` is not a write.
 */
function namedKeys(ctx: ExtractContext, object: Node): Set<string> | undefined {
  if (!Node.isObjectLiteralExpression(object)) return undefined;
  const keys = new Set<string>();
  for (const entry of objectEntries(ctx, object)) {
    if (entry.kind === "spread") continue;
    const property = entry.property;
    const value = propertyValue(property);
    if (value === undefined) continue;
    if (Node.isIdentifier(value) && value.getText() === "undefined") continue;
    const nameNode = property.getNameNode();
    const key = Node.isComputedPropertyName(nameNode) ? ctx.resolver.evaluateString(nameNode.getExpression()) : property.getName().replace(/^["']|["']$/g, "");
    if (key !== undefined) keys.add(key);
  }
  return keys;
}

/** Keys one returned value surely writes; undefined when the value is not a shape we can read. */
function keysOfReturn(ctx: ExtractContext, returned: Node): Set<string> | undefined {
  const value = ctx.resolver.valueOf(returned);
  if (Node.isConditionalExpression(value)) {
    const a = keysOfReturn(ctx, value.getWhenTrue());
    const b = keysOfReturn(ctx, value.getWhenFalse());
    return a === undefined || b === undefined ? undefined : new Set([...a].filter((k) => b.has(k)));
  }
  return namedKeys(ctx, value);
}

/** State keys every completed run of `fn` writes, sorted; empty when none is sure. */
export function alwaysWrites(ctx: ExtractContext, fn: FunctionNode): string[] {
  const returns = completedReturns(fn);
  if (returns === undefined || returns.length === 0) return [];
  let common: Set<string> | undefined;
  for (const returned of returns) {
    const keys = keysOfReturn(ctx, returned);
    if (keys === undefined) return [];
    common = common === undefined ? keys : new Set([...common].filter((k) => keys.has(k)));
  }
  return [...(common ?? [])].sort();
}
