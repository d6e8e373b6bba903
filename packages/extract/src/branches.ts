import { Node } from "ts-morph";
import type { BranchSnapshot, GraphSnapshot, Unresolved } from "@langgraph-compat/snapshot";
import type { ExtractContext } from "./context.js";
import { collectTargets, functionOf, oneTarget, returnedExpressions } from "./body.js";
import type { BuilderCall } from "./builder.js";
import { callLocation, nameOf } from "./graph.js";
import { unwrap } from "./resolve.js";
import { objectEntries, propertyValue } from "./spread.js";
import { branchGate } from "./stamps.js";
import { stateReads } from "./reads.js";

/**
 * `addConditionalEdges(from, router, pathMap?)`: the router's fingerprint, the path map as written, and
 * every node the branch can lead to (path map values, literal returns, Send targets, or the router's
 * declared literal return type). What cannot be resolved becomes an `unresolved` element.
 */
export function addBranch(ctx: ExtractContext, graph: GraphSnapshot, builderCall: BuilderCall): void {
  const [sourceArg, routerArg, pathMapArg] = builderCall.call.getArguments();
  const from = nameOf(ctx, graph, sourceArg, builderCall, "branch source");
  if (from === undefined || !routerArg) return;
  const routerFn = functionOf(ctx, routerArg);
  const router: BranchSnapshot["router"] = routerFn
    ? { fingerprint: ctx.functionFingerprint(routerFn), location: ctx.location(routerFn) }
    : { fingerprint: ctx.textFingerprint(routerArg), location: ctx.location(routerArg) };
  if (Node.isIdentifier(unwrap(routerArg))) router.name = unwrap(routerArg).getText();
  const branch: BranchSnapshot = { from, router, targets: [], sendTargets: [], location: callLocation(ctx, builderCall.call) };
  const facts = { sends: [] as string[], unresolved: [] as Unresolved[] };
  const targets: string[] = [];
  if (pathMapArg) {
    const pathMap = ctx.resolver.valueOf(pathMapArg);
    if (Node.isArrayLiteralExpression(pathMap)) {
      const list: string[] = [];
      collectTargets(ctx, pathMap, list, facts, "router-target", from);
      branch.pathMap = list;
      targets.push(...list);
    } else if (Node.isObjectLiteralExpression(pathMap)) {
      // Later keys win, as in JavaScript: `{ ...BASE, done: END }` overrides BASE's `done`.
      const map: Record<string, string> = {};
      for (const entry of objectEntries(ctx, pathMap)) {
        if (entry.kind === "spread") {
          facts.unresolved.push(ctx.unresolved("router-target", "path map entries are spread from a value we cannot read", entry.spread, from));
          continue;
        }
        const property = entry.property;
        const valueNode = propertyValue(property);
        const keyNode = property.getNameNode();
        const key = Node.isComputedPropertyName(keyNode)
          ? ctx.resolver.evaluateString(keyNode.getExpression())
          : property.getName().replace(/^["']|["']$/g, "");
        const value = valueNode ? ctx.resolver.evaluateString(valueNode) : undefined;
        if (key === undefined || value === undefined) {
          facts.unresolved.push(ctx.unresolved("router-target", "path map entry is not static", property, from));
          continue;
        }
        map[key] = value;
      }
      targets.push(...Object.values(map));
      branch.pathMap = map;
    } else {
      facts.unresolved.push(ctx.unresolved("router-target", "path map is not a literal", pathMapArg, from));
    }
    // Sends bypass the path map, so still look for them in the router.
    if (routerFn) {
      // The router's own static returns: one the path map does not cover throws at run time (6b).
      const returns: string[] = [];
      routerTargets(ctx, routerFn, returns, facts, from, true);
      if (returns.length > 0) branch.returns = [...new Set(returns)].sort();
    }
  } else if (routerFn) {
    routerTargets(ctx, routerFn, targets, facts, from, false);
  } else {
    facts.unresolved.push(ctx.unresolved("router-target", "router is not a function we can read", routerArg, from));
  }
  if (routerFn && returnedExpressions(routerFn).every((expr) => oneRoute(ctx, expr))) branch.oneValue = true;
  if (routerFn) branch.reads = stateReads(ctx, routerFn);
  const gate = routerFn && facts.unresolved.length === 0 ? branchGate(ctx, routerFn, branch.pathMap) : undefined;
  if (gate) branch.gate = gate;
  branch.sendTargets = [...new Set(facts.sends)].sort();
  branch.targets = [...new Set([...targets, ...facts.sends])].sort();
  graph.unresolved.push(...facts.unresolved);
  graph.branches.push(branch);
}

/** A router return that starts one target: one name (see `oneTarget`), one `Send`, or a conditional of them. */
function oneRoute(ctx: ExtractContext, expr: Node, depth = 0): boolean {
  const node = unwrap(expr);
  if (oneTarget(ctx, node)) return true;
  if ((Node.isNewExpression(node) || Node.isCallExpression(node)) && ctx.resolver.isLangGraph(node.getExpression(), "Send")) return true;
  if (Node.isConditionalExpression(node) && depth < 8) return oneRoute(ctx, node.getWhenTrue(), depth + 1) && oneRoute(ctx, node.getWhenFalse(), depth + 1);
  return false;
}

/** What a router can return: static names, Send targets, or its declared literal return type. */
function routerTargets(
  ctx: ExtractContext,
  router: Parameters<typeof returnedExpressions>[0],
  into: string[],
  facts: { sends: string[]; unresolved: Unresolved[] },
  from: string,
  /** With a path map: collect the static returns (into `into`) and Sends only; unresolved returns are fine. */
  sendsOnly: boolean,
): void {
  const scratch = { sends: facts.sends, unresolved: [] as Unresolved[] };
  const found: string[] = [];
  for (const expr of returnedExpressions(router)) collectTargets(ctx, expr, found, scratch, "router-target", from);
  if (sendsOnly) {
    into.push(...found);
    return;
  }
  into.push(...found);
  if (scratch.unresolved.length === 0) return;
  const declared = declaredReturnNames(ctx, router);
  if (declared) into.push(...declared);
  else facts.unresolved.push(...scratch.unresolved);
}

/** Names in a router's return type annotation (`: "a" | "b" | typeof END`), if it is a literal union. */
function declaredReturnNames(ctx: ExtractContext, fn: Node): string[] | undefined {
  const typeNode = (fn as unknown as { getReturnTypeNode?(): Node | undefined }).getReturnTypeNode?.();
  if (!typeNode) return undefined;
  const names: string[] = [];
  const parts = Node.isUnionTypeNode(typeNode) ? typeNode.getTypeNodes() : [typeNode];
  for (let part of parts) {
    if (Node.isTypeReference(part) && part.getTypeName().getText() === "Promise") part = part.getTypeArguments()[0] ?? part;
    if (Node.isLiteralTypeNode(part)) {
      const name = ctx.resolver.evaluateString(part.getLiteral());
      if (name === undefined) return undefined;
      names.push(name);
    } else if (Node.isTypeQuery(part)) {
      const name = ctx.resolver.evaluateString(part.getExprName() as Node);
      if (name === undefined) return undefined;
      names.push(name);
    } else return undefined;
  }
  return names;
}
