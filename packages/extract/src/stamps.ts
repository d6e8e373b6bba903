/**
 * Two small facts for the version-stamp pattern of the LangGraph docs (issue 9, class 19): a node that
 * writes a literal into a state key on every run (`return { flow_version: 2 }`), and a router whose whole
 * decision is one comparison of a state key with a literal (`state.flow_version >= 2 ? "legal" : "publish"`).
 * Both are recorded only in shapes where they are exact; anything else records nothing, and the diff then
 * judges the branch as it judges any other.
 */
import { Node, SyntaxKind } from "ts-morph";
import { START, type BranchGate, type GraphSnapshot, type StampValue } from "@langgraph-compat/snapshot";
import type { ExtractContext } from "./context.js";
import type { FunctionNode } from "./body.js";
import { completedReturns } from "./always-writes.js";
import { unwrap } from "./resolve.js";
import { objectEntries, propertyValue } from "./spread.js";

/** A literal number, string or boolean an expression stands for (consts followed), or undefined. */
function literalOf(ctx: ExtractContext, expr: Node): StampValue | undefined {
  const node = ctx.resolver.valueOf(expr);
  if (Node.isNumericLiteral(node)) return Number(node.getLiteralValue());
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  if (node.getKind() === SyntaxKind.TrueKeyword) return true;
  if (node.getKind() === SyntaxKind.FalseKeyword) return false;
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.MinusToken) {
    const operand = unwrap(node.getOperand());
    if (Node.isNumericLiteral(operand)) return -Number(operand.getLiteralValue());
  }
  return undefined;
}

/** The statements of a block body, or undefined for an expression body. */
function statementsOf(fn: FunctionNode): Node[] | undefined {
  const body = fn.getBody();
  return body !== undefined && Node.isBlock(body) ? body.getStatements() : undefined;
}

/**
 * State keys the node writes on every completed run, each with the one literal it always writes. Every
 * way the body can complete must return an object literal holding the key with that literal: the body's
 * last statement is a `return` (so no path falls off its end), every `return` gives an object literal
 * (no Command, no conditional, no spread we cannot read), and they all agree on the key's value.
 */
export function constantWrites(ctx: ExtractContext, fn: FunctionNode): Record<string, StampValue> {
  const returns = completedReturns(fn);
  if (returns === undefined) return {};
  let common: Map<string, StampValue> | undefined;
  for (const returned of returns) {
    const value = ctx.resolver.valueOf(returned);
    if (!Node.isObjectLiteralExpression(value)) return {};
    const here = new Map<string, StampValue>();
    for (const entry of objectEntries(ctx, value)) {
      if (entry.kind === "spread") return {}; // it may overwrite any key
      const property = entry.property;
      const valueNode = propertyValue(property);
      if (valueNode === undefined) continue;
      const nameNode = property.getNameNode();
      if (Node.isComputedPropertyName(nameNode)) return {};
      const key = property.getName().replace(/^["']|["']$/g, "");
      const literal = literalOf(ctx, valueNode);
      here.delete(key); // later keys win, as in JavaScript
      if (literal !== undefined) here.set(key, literal);
    }
    if (common === undefined) common = here;
    else for (const [key, literal] of common) if (here.get(key) !== literal) common.delete(key);
  }
  return Object.fromEntries([...(common ?? new Map<string, StampValue>())].sort(([a], [b]) => (a < b ? -1 : 1)));
}

const OPERATORS: Partial<Record<SyntaxKind, BranchGate["op"]>> = {
  [SyntaxKind.EqualsEqualsEqualsToken]: "===",
  [SyntaxKind.ExclamationEqualsEqualsToken]: "!==",
  [SyntaxKind.EqualsEqualsToken]: "==",
  [SyntaxKind.ExclamationEqualsToken]: "!=",
  [SyntaxKind.LessThanToken]: "<",
  [SyntaxKind.LessThanEqualsToken]: "<=",
  [SyntaxKind.GreaterThanToken]: ">",
  [SyntaxKind.GreaterThanEqualsToken]: ">=",
};
/** `1 < k` is `k > 1`: the operator seen from the other side. */
const MIRRORED: Record<BranchGate["op"], BranchGate["op"]> = { "===": "===", "!==": "!==", "==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=" };

/** The state key an expression reads through the router's first parameter (`state.k`, `state["k"]`, `{ k }`), if exactly that. */
function keyRead(ctx: ExtractContext, fn: FunctionNode, expr: Node): string | undefined {
  const parameter = fn.getParameters()[0];
  if (parameter === undefined || !Node.isParameterDeclaration(parameter)) return undefined;
  const node = unwrap(expr);
  const name = parameter.getNameNode();
  if (Node.isIdentifier(node) && Node.isObjectBindingPattern(name)) {
    const element = name.getElements().find((e) => !e.getDotDotDotToken() && e.getName() === node.getText());
    if (element === undefined || element.getInitializer() !== undefined || ctx.resolver.resolveIdentifier(node) !== element) return undefined;
    return element.getPropertyNameNode()?.getText().replace(/^["']|["']$/g, "") ?? element.getName();
  }
  if (!Node.isIdentifier(name)) return undefined;
  if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) {
    const owner = unwrap(node.getExpression());
    if (!Node.isIdentifier(owner) || ctx.resolver.resolveIdentifier(owner) !== parameter) return undefined;
    if (Node.isPropertyAccessExpression(node)) return node.getQuestionDotTokenNode() === undefined ? node.getName() : undefined;
    return ctx.resolver.evaluateString(node.getArgumentExpressionOrThrow());
  }
  return undefined;
}

/** `state.k OP literal` (either side): the key, the operator as seen from the key, and the literal. */
function comparison(ctx: ExtractContext, fn: FunctionNode, expr: Node): Pick<BranchGate, "key" | "op" | "value"> | undefined {
  const node = unwrap(expr);
  if (!Node.isBinaryExpression(node)) return undefined;
  const op = OPERATORS[node.getOperatorToken().getKind()];
  if (op === undefined) return undefined;
  const leftKey = keyRead(ctx, fn, node.getLeft());
  const rightKey = keyRead(ctx, fn, node.getRight());
  if (leftKey !== undefined && rightKey === undefined) {
    const value = literalOf(ctx, node.getRight());
    return value === undefined ? undefined : { key: leftKey, op, value };
  }
  if (rightKey !== undefined && leftKey === undefined) {
    const value = literalOf(ctx, node.getLeft());
    return value === undefined ? undefined : { key: rightKey, op: MIRRORED[op], value };
  }
  return undefined;
}

/** The returned expression of `return x` or of a block `{ return x; }`, else undefined. */
function returnOf(statement: Node | undefined): Node | undefined {
  if (statement === undefined) return undefined;
  if (Node.isBlock(statement)) return statement.getStatements().length === 1 ? returnOf(statement.getStatements()[0]) : undefined;
  return Node.isReturnStatement(statement) ? statement.getExpression() : undefined;
}

/** The router's decision as `condition ? then : else`, when its body is exactly that. */
function decision(fn: FunctionNode): { condition: Node; then: Node; otherwise: Node } | undefined {
  const body = fn.getBody();
  if (body === undefined) return undefined;
  const statements = statementsOf(fn);
  let single: Node | undefined;
  if (statements === undefined) single = body;
  else if (statements.length === 1 && Node.isIfStatement(statements[0])) {
    const s = statements[0];
    const then = returnOf(s.getThenStatement());
    const otherwise = returnOf(s.getElseStatement());
    return then && otherwise ? { condition: s.getExpression(), then, otherwise } : undefined;
  } else if (statements.length === 2 && Node.isIfStatement(statements[0]) && statements[0].getElseStatement() === undefined) {
    const then = returnOf(statements[0].getThenStatement());
    const otherwise = returnOf(statements[1]);
    return then && otherwise ? { condition: statements[0].getExpression(), then, otherwise } : undefined;
  } else if (statements.length === 1) single = returnOf(statements[0]);
  if (single === undefined) return undefined;
  let node = unwrap(single);
  if (Node.isAwaitExpression(node)) node = unwrap(node.getExpression());
  return Node.isConditionalExpression(node) ? { condition: node.getCondition(), then: node.getWhenTrue(), otherwise: node.getWhenFalse() } : undefined;
}

/**
 * The gate of a router whose whole decision is one comparison of a state key with a literal, each arm
 * returning one static route value; the arms as the targets they lead to through the path map. Undefined
 * for any other router, or when an arm's value is outside the path map (row 6b: that run throws).
 */
export function branchGate(ctx: ExtractContext, fn: FunctionNode, pathMap: string[] | Record<string, string> | undefined): BranchGate | undefined {
  const found = decision(fn);
  if (found === undefined) return undefined;
  const compared = comparison(ctx, fn, found.condition);
  if (compared === undefined) return undefined;
  const target = (arm: Node): string | undefined => {
    const value = ctx.resolver.evaluateString(arm);
    if (value === undefined || pathMap === undefined) return value;
    if (Array.isArray(pathMap)) return pathMap.includes(value) ? value : undefined;
    return Object.prototype.hasOwnProperty.call(pathMap, value) ? pathMap[value] : undefined;
  };
  const then = target(found.then);
  const otherwise = target(found.otherwise);
  if (then === undefined || otherwise === undefined) return undefined;
  return { ...compared, then, else: otherwise };
}

/**
 * Keeps a node's constant writes only where a thread stamps itself as it starts: on a node a static edge
 * from START enters, for keys no other node writes. That is the one use of the fact, so other snapshots
 * stay as they were. Runs after the channels' `writtenBy` are linked.
 */
export function keepThreadStartConstants(graph: GraphSnapshot): void {
  const starts = new Set(graph.edges.filter((e) => e.from === START).map((e) => e.to));
  for (const node of Object.values(graph.nodes)) {
    if (node.constantWrites === undefined) continue;
    const only = (key: string) => { const by = graph.state.channels[key]?.writtenBy; return by?.length === 1 && by[0] === node.name; };
    const kept = starts.has(node.name) ? Object.entries(node.constantWrites).filter(([key]) => only(key)) : [];
    if (kept.length > 0) node.constantWrites = Object.fromEntries(kept);
    else delete node.constantWrites;
  }
}
