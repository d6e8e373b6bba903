import { Node, SyntaxKind } from "ts-morph";
import { fingerprint, type InterruptSite } from "@langgraph-compat/snapshot";
import type { ExtractContext } from "./context.js";
import { normalizedText, type Bindings } from "./normalize.js";
import { MAX_CALL_DEPTH, functionName, functionOf, isFunctionNode, type FunctionNode } from "./body.js";
import { iterationOf, loopHeader, textIn } from "./loops.js";

interface Walk {
  ctx: ExtractContext;
  /** The function whose locals count by position (the node, task or helper being walked). */
  scope: Node;
  /** Helpers followed to get here, outermost first. */
  via: string[];
  /** Helpers being walked (a helper called twice is walked twice: each call can pause). */
  stack: Set<Node>;
  sites: InterruptSite[];
  /** The caller's arguments bound to a helper's parameters, and loop variables bound to constant elements. */
  bindings?: Bindings;
  /** Headers of the enclosing loops that could not be unrolled. */
  loops: string[];
}

/** `interrupt()` calls and `NodeInterrupt` throws reachable from a function, in call order. */
export function interruptSites(ctx: ExtractContext, fn: FunctionNode): InterruptSite[] {
  const walk: Walk = { ctx, scope: fn, via: [], stack: new Set([fn]), sites: [], loops: [] };
  walkChildren(walk, fn);
  return walk.sites;
}

/**
 * Walk in source order; record `interrupt()` calls and `NodeInterrupt` throws, following helpers with their
 * arguments bound, so a payload is fingerprinted by what it holds. Answers are matched by position (M9), so
 * a loop counts as what it repeats: over a constant list it is unrolled, one pass per element with the loop
 * variable bound to it (reordering `QUESTIONS` reorders the sites, row 18b); otherwise the loop's header is
 * folded into the fingerprints of the sites inside it, so a new iteration source changes them.
 */
function walkNode(walk: Walk, node: Node): void {
  const { ctx } = walk;
  if (Node.isNewExpression(node) && ctx.resolver.isLangGraph(node.getExpression(), "NodeInterrupt")) site(walk, "NodeInterrupt", node);
  else if (Node.isCallExpression(node) && ctx.resolver.isLangGraph(node.getExpression(), "interrupt")) site(walk, "interrupt", node);
  else if (Node.isCallExpression(node)) followHelper(walk, node);
  const iteration = iterationOf(ctx, node);
  if (!iteration) {
    walkChildren(walk, node);
    return;
  }
  // A callback's header (`items.map`) is its parent call's callee, walked with that call already.
  if (!isFunctionNode(node)) for (const header of iteration.header) walkNode(walk, header);
  const { variable, elements, body } = iteration;
  if (variable !== undefined && elements !== undefined && containsPause(ctx, body)) {
    for (const element of elements) {
      const bindings = new Map(walk.bindings ?? []);
      bindings.set(variable, textIn(ctx, element, walk.scope, walk.bindings));
      walkNode({ ...walk, bindings }, body);
    }
    return;
  }
  // A loop that cannot pause leaves no site to fingerprint: skip its header.
  if (!containsPause(ctx, body)) {
    walkNode(walk, body);
    return;
  }
  walkNode({ ...walk, loops: [...walk.loops, loopHeader(ctx, iteration, walk.scope, walk.bindings)] }, body);
}

function walkChildren(walk: Walk, node: Node): void {
  node.forEachChild((child) => walkNode(walk, child));
}

function site(walk: Walk, kind: InterruptSite["kind"], call: Node): void {
  const { ctx, scope, bindings } = walk;
  const payload = ctx.textFingerprint(payloadOf(ctx, call, scope), scope, bindings);
  walk.sites.push({
    kind,
    fingerprint: walk.loops.length > 0 ? fingerprint(payload, ...walk.loops) : payload,
    location: ctx.location(call),
    via: walk.via,
  });
}

/** A call to a project helper defined outside the function walked: walk the helper with its arguments bound. */
function followHelper(walk: Walk, call: Node): void {
  if (!Node.isCallExpression(call) || walk.via.length >= MAX_CALL_DEPTH) return;
  const { ctx, scope } = walk;
  const callee = call.getExpression();
  const target = Node.isIdentifier(callee) || Node.isPropertyAccessExpression(callee) ? functionOf(ctx, callee) : undefined;
  if (!target || walk.stack.has(target)) return;
  // A helper defined inside the function is walked in place already; only follow outside helpers.
  if (target.getSourceFile() === scope.getSourceFile() && target.getPos() >= scope.getPos() && target.getEnd() <= scope.getEnd()) return;
  // Most helpers (services, utils) can never pause: skip them before binding their arguments.
  if (!mayPause(ctx, target)) return;
  const inner = new Map<string, string>();
  call.getArguments().forEach((arg, index) => {
    const name = target.getParameters()[index]?.getFirstChildByKind(SyntaxKind.Identifier);
    if (name) inner.set(name.getText(), normalizedText(arg, scope, ctx.resolver, walk.bindings));
  });
  walk.stack.add(target);
  walkChildren({ ...walk, scope: target, via: [...walk.via, functionName(target) ?? "<anonymous>"], bindings: inner }, target);
  walk.stack.delete(target);
}

/** Whether a function can reach `interrupt()`/`NodeInterrupt`, itself or through project helpers (memoized). */
function mayPause(ctx: ExtractContext, fn: Node, visiting = new Set<Node>()): boolean {
  const known = ctx.recall("pausing", fn);
  if (known !== undefined) return known;
  if (visiting.has(fn)) return false; // a cycle adds nothing the first visit does not find
  visiting.add(fn);
  const [found, deps] = ctx.modules.track(() => {
    ctx.modules.touch(fn.getSourceFile().getFilePath());
    let found = false;
    fn.forEachDescendant((n, traversal) => {
      if (found) return traversal.stop();
      if ((Node.isCallExpression(n) || Node.isNewExpression(n)) && ctx.resolver.isLangGraph(n.getExpression(), "interrupt", "NodeInterrupt")) {
        found = true;
      } else if (Node.isCallExpression(n)) {
        const callee = n.getExpression();
        const target = Node.isIdentifier(callee) || Node.isPropertyAccessExpression(callee) ? functionOf(ctx, callee) : undefined;
        if (target && target !== fn && mayPause(ctx, target, visiting)) found = true;
      }
    });
    return found;
  });
  visiting.delete(fn);
  // An answer cut short by a cycle depends on the caller: kept only when complete (or surely true).
  if (visiting.size === 0 || found) ctx.remember("pausing", fn, found, deps);
  return found;
}

/** Is there an `interrupt()` call or `NodeInterrupt` in `node`, itself or through a helper that may pause? */
function containsPause(ctx: ExtractContext, node: Node): boolean {
  let found = false;
  const check = (n: Node) => {
    if ((Node.isCallExpression(n) || Node.isNewExpression(n)) && ctx.resolver.isLangGraph(n.getExpression(), "interrupt", "NodeInterrupt")) found = true;
    else if (Node.isCallExpression(n)) {
      const callee = n.getExpression();
      const target = Node.isIdentifier(callee) || Node.isPropertyAccessExpression(callee) ? functionOf(ctx, callee) : undefined;
      if (target && mayPause(ctx, target)) found = true;
    }
  };
  check(node);
  node.forEachDescendant((n, traversal) => {
    if (found) traversal.stop();
    else check(n);
  });
  return found;
}

/**
 * The payload of an `interrupt(...)`/`NodeInterrupt` call for fingerprinting: its argument, or the value of a
 * local const it names (`const request = {...}; interrupt(request)` is `interrupt({...})`).
 */
function payloadOf(ctx: ExtractContext, call: Node, scope: Node): Node | undefined {
  const args = argumentList(call);
  if (!args || !Node.isIdentifier(args)) return args;
  const value = ctx.resolver.valueOf(args);
  const inScope = value.getSourceFile() === scope.getSourceFile() && value.getPos() >= scope.getPos() && value.getEnd() <= scope.getEnd();
  return value !== args && inScope ? value : args;
}

/** The argument list of a call, as one node range for fingerprinting (or the callee when it has none). */
function argumentList(call: Node): Node | undefined {
  if (!Node.isCallExpression(call) && !Node.isNewExpression(call)) return undefined;
  const args = call.getArguments();
  return args.length === 0 ? undefined : args.length === 1 ? args[0] : call;
}
