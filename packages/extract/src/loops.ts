import { Node } from "ts-morph";
import { fingerprint } from "@langgraph-compat/snapshot";
import type { ExtractContext } from "./context.js";
import { normalizedText, type Bindings } from "./normalize.js";
import { isFunctionNode } from "./body.js";

/** Array methods whose callback runs once per element, in the array's order. */
const ARRAY_METHODS = new Set(["map", "forEach", "flatMap", "filter", "reduce", "some", "every", "find", "findIndex"]);

/** Longest constant list a loop is unrolled over (one entry per element). */
export const MAX_UNROLL = 16;

/**
 * What a loop repeats and over what: a `for`/`for...of`/`for...in`/`while`/`do` statement, or a callback
 * passed to an array method (`items.map((x) => ...)`), which runs once per element.
 */
export interface Iteration {
  /** Expressions that decide what the loop runs over (for...of iterable, for header, while condition). */
  header: Node[];
  /** What runs once per iteration. */
  body: Node;
  /** The loop variable, when it is one plain name (`for (const q of ...)`, `(q) => ...`). */
  variable?: string;
  /** The elements iterated over, in order, when the iterable is a constant array literal (spreads excluded). */
  elements?: Node[];
}

export function iterationOf(ctx: ExtractContext, node: Node): Iteration | undefined {
  if (Node.isForOfStatement(node)) {
    const initializer = node.getInitializer();
    const declaration = Node.isVariableDeclarationList(initializer) ? initializer.getDeclarations() : [];
    const name = declaration.length === 1 ? declaration[0].getNameNode() : undefined;
    const variable = name && Node.isIdentifier(name) ? name.getText() : undefined;
    return { header: [node.getExpression()], body: node.getStatement(), variable, elements: constantElements(ctx, node.getExpression()) };
  }
  if (Node.isForInStatement(node)) return { header: [node.getExpression()], body: node.getStatement() };
  if (Node.isForStatement(node)) {
    const header = [node.getInitializer(), node.getCondition(), node.getIncrementor()].filter((n): n is NonNullable<typeof n> => !!n);
    return { header, body: node.getStatement() };
  }
  if (Node.isWhileStatement(node) || Node.isDoStatement(node)) return { header: [node.getExpression()], body: node.getStatement() };
  if (isFunctionNode(node)) {
    const call = node.getParent();
    const body = node.getBody();
    if (!body || !call || !Node.isCallExpression(call) || !call.getArguments().includes(node)) return undefined;
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !ARRAY_METHODS.has(callee.getName())) return undefined;
    const first = node.getParameters()[0] as Node | undefined;
    const name = first && Node.isParameterDeclaration(first) ? first.getNameNode() : undefined;
    // `reduce((acc, x) => ...)`: the element is the second parameter; do not unroll it.
    const variable = callee.getName() !== "reduce" && name && Node.isIdentifier(name) ? name.getText() : undefined;
    return { header: [callee], body, variable, elements: constantElements(ctx, callee.getExpression()) };
  }
  return undefined;
}

/** The elements of a constant array literal (`const QUESTIONS = ["a", "b"]`), if small and spread-free. */
function constantElements(ctx: ExtractContext, expr: Node): Node[] | undefined {
  const value = ctx.resolver.valueOf(expr);
  if (!Node.isArrayLiteralExpression(value)) return undefined;
  const elements = value.getElements();
  if (elements.length > MAX_UNROLL || elements.some((e) => Node.isSpreadElement(e) || Node.isOmittedExpression(e))) return undefined;
  return elements;
}

/**
 * Fingerprint of what a loop iterates over: its header expressions normalized, with a const iterable (and
 * any const array or object the header names) counted by value, so reordering `QUESTIONS` changes it.
 */
export function loopHeader(ctx: ExtractContext, iteration: Iteration, scope: Node, bindings?: Bindings): string {
  const parts: string[] = [];
  for (const expr of iteration.header) {
    const value = ctx.resolver.valueOf(expr);
    parts.push(textIn(ctx, value, scope, bindings));
    value.forEachDescendant((child) => {
      if (!Node.isIdentifier(child)) return;
      const followed = ctx.resolver.valueOf(child);
      if (followed !== child && (Node.isArrayLiteralExpression(followed) || Node.isObjectLiteralExpression(followed))) {
        parts.push(textIn(ctx, followed, scope, bindings));
      }
    });
  }
  return fingerprint(...parts);
}

/** Normalized text of `node`: locals of `scope` by position when it lies inside it, else on its own. */
export function textIn(ctx: ExtractContext, node: Node, scope: Node, bindings?: Bindings): string {
  return normalizedText(node, isInside(node, scope) ? scope : node, ctx.resolver, bindings);
}

function isInside(node: Node, container: Node): boolean {
  return node.getSourceFile() === container.getSourceFile() && node.getPos() >= container.getPos() && node.getEnd() <= container.getEnd();
}
