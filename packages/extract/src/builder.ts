import { Node, type CallExpression } from "ts-morph";
import type { ExtractContext } from "./context.js";
import { functionOf, isFunctionNode, returnedExpressions } from "./body.js";
import { ExternalRef, unwrap } from "./resolve.js";

/** Builder methods whose calls define the topology. */
export const BUILDER_METHODS = new Set([
  "addNode",
  "addEdge",
  "addConditionalEdges",
  "addSequence",
  "setEntryPoint",
  "setFinishPoint",
]);

/** Factories of prebuilt agents: the graph they return is opaque to us. */
const PREBUILT_FACTORIES = new Set(["createReactAgent", "createAgent", "createSupervisor", "createSwarm", "createToolCallingAgent"]);

/** What an expression that should evaluate to a graph turned out to be. */
export type GraphDefinition =
  | { kind: "builder"; constructorCall: Node; calls: BuilderCall[]; compile?: CallExpression; anchor: Node }
  | { kind: "functional"; call: CallExpression }
  | { kind: "prebuilt"; call: CallExpression; factory: string };

/** One builder method call, with whether it sits in a loop (its arguments may vary per iteration). */
export interface BuilderCall {
  method: string;
  call: CallExpression;
  inLoop: boolean;
}

/**
 * Follow an expression to the graph it defines: `builder.compile()`, a builder, `entrypoint(...)`, a
 * prebuilt factory, a factory function returning one of these (possibly async), or an identifier of them.
 */
export function findGraphDefinition(ctx: ExtractContext, start: Node, depth = 0): GraphDefinition | undefined {
  if (depth > 12) return undefined;
  let node = unwrap(start);
  if (Node.isAwaitExpression(node)) return findGraphDefinition(ctx, node.getExpression(), depth + 1);
  if (Node.isVariableDeclaration(node)) {
    const init = node.getInitializer();
    return init ? findGraphDefinition(ctx, init, depth + 1) : undefined;
  }
  if (Node.isExportAssignment(node)) return findGraphDefinition(ctx, node.getExpression(), depth + 1);
  if (isFunctionNode(node)) {
    const returned = returnedExpressions(node);
    for (let i = returned.length - 1; i >= 0; i--) {
      const found = findGraphDefinition(ctx, returned[i], depth + 1);
      if (found) return found;
    }
    return returned.length === 0 ? storedGraph(ctx, node, depth + 1) : undefined;
  }
  if (Node.isIdentifier(node)) {
    const resolved = ctx.resolver.resolveIdentifier(node);
    if (!resolved || resolved instanceof ExternalRef) return undefined;
    if (Node.isVariableDeclaration(resolved)) return builderFromVariable(ctx, resolved, depth + 1);
    const value = ctx.resolver.valueOf(node);
    return value !== node ? findGraphDefinition(ctx, value, depth + 1) : findGraphDefinition(ctx, resolved, depth + 1);
  }
  if (Node.isNewExpression(node) && ctx.resolver.isLangGraph(node.getExpression(), "StateGraph", "Graph")) {
    return { kind: "builder", constructorCall: node, calls: [], anchor: node };
  }
  if (!Node.isCallExpression(node)) return undefined;
  const callee = unwrap(node.getExpression());
  if (ctx.resolver.isLangGraph(callee, "entrypoint")) return { kind: "functional", call: node };
  const external = ctx.resolver.externalOf(callee);
  if (external && (PREBUILT_FACTORIES.has(external.name) || /^create\w*(Agent|Supervisor|Swarm)$/.test(external.name))) {
    return { kind: "prebuilt", call: node, factory: external.name };
  }
  if (Node.isPropertyAccessExpression(callee)) {
    const method = callee.getName();
    // `graph.withConfig({...})` is the same graph with other run defaults.
    if (method === "withConfig") return findGraphDefinition(ctx, callee.getExpression(), depth + 1);
    if (method === "compile") {
      const builder = findGraphDefinition(ctx, callee.getExpression(), depth + 1);
      return builder?.kind === "builder" ? { ...builder, compile: node } : builder;
    }
    if (BUILDER_METHODS.has(method)) {
      // Walk a chain `new StateGraph(S).addNode(...).addEdge(...)` iteratively: chains can be long.
      const chain: BuilderCall[] = [];
      let current: Node = node;
      for (;;) {
        const access = Node.isCallExpression(current) ? unwrap(current.getExpression()) : undefined;
        if (!access || !Node.isPropertyAccessExpression(access) || !BUILDER_METHODS.has(access.getName())) break;
        chain.unshift({ method: access.getName(), call: current as CallExpression, inLoop: false });
        current = unwrap(access.getExpression());
      }
      const builder = findGraphDefinition(ctx, current, depth + 1);
      if (builder?.kind !== "builder") return builder;
      return { ...builder, calls: [...builder.calls, ...chain] };
    }
  }
  // A call of a project factory function or method (`this.createWorkflow()`): follow into what it returns.
  const target = functionOf(ctx, callee);
  if (target) return findGraphDefinition(ctx, target, depth + 1);
  return undefined;
}

/**
 * A function that returns nothing but builds a graph and keeps it (`this.graph = workflow.compile()` in a
 * class method, or an assignment to a module variable): the last `.compile()` in its own body, else the
 * last `new StateGraph(...)`. Nested functions are not searched: their graphs are theirs.
 */
function storedGraph(ctx: ExtractContext, fn: Node, depth: number): GraphDefinition | undefined {
  const compiles: Node[] = [];
  const builders: Node[] = [];
  fn.forEachDescendant((node, traversal) => {
    if (node !== fn && (isFunctionNode(node) || Node.isClassDeclaration(node))) return traversal.skip();
    if (Node.isCallExpression(node)) {
      const callee = unwrap(node.getExpression());
      if (Node.isPropertyAccessExpression(callee) && callee.getName() === "compile") compiles.push(node);
    } else if (Node.isNewExpression(node) && ctx.resolver.isLangGraph(node.getExpression(), "StateGraph", "Graph")) {
      const holder = node.getFirstAncestor((a) => Node.isVariableDeclaration(a) || Node.isStatement(a));
      // Through the variable's name, so that the `workflow.addNode(...)` statements after it count too.
      const name = holder && Node.isVariableDeclaration(holder) ? holder.getNameNode() : undefined;
      builders.push(name && Node.isIdentifier(name) ? name : node);
    }
  });
  for (const candidate of [...compiles.reverse(), ...builders.reverse()]) {
    const found = findGraphDefinition(ctx, candidate, depth);
    if (found) return found;
  }
  return undefined;
}

/** A builder held in a variable: its initializer chain, then every `builder.method(...)` call in its scope. */
function builderFromVariable(ctx: ExtractContext, declaration: Node, depth: number): GraphDefinition | undefined {
  if (!Node.isVariableDeclaration(declaration)) return undefined;
  const init = declaration.getInitializer();
  if (!init) return undefined;
  const base = findGraphDefinition(ctx, init, depth + 1);
  if (base?.kind !== "builder") return base;
  const statement = declaration.getVariableStatement();
  const scope = statement?.getParent() ?? declaration.getSourceFile();
  const name = declaration.getName();
  const calls: BuilderCall[] = [...base.calls];
  scope.forEachDescendant((node) => {
    if (!Node.isIdentifier(node) || node.getText() !== name) return;
    let current: Node = node;
    for (;;) {
      const access = current.getParent();
      const call = access?.getParent();
      if (!access || !Node.isPropertyAccessExpression(access) || access.getExpression() !== current) break;
      if (!call || !Node.isCallExpression(call) || !BUILDER_METHODS.has(access.getName())) break;
      if (current === node && ctx.resolver.resolveIdentifier(node) !== declaration) return;
      calls.push({ method: access.getName(), call, inLoop: isInLoop(call, scope) });
      current = call;
    }
  });
  return { ...base, calls, anchor: declaration };
}

/** Is `node` inside a loop (or a `.forEach`/`.map` callback) below `scope`? */
function isInLoop(node: Node, scope: Node): boolean {
  for (let current = node.getParent(); current && current !== scope; current = current.getParent()) {
    if (
      Node.isForStatement(current) ||
      Node.isForOfStatement(current) ||
      Node.isForInStatement(current) ||
      Node.isWhileStatement(current) ||
      Node.isDoStatement(current)
    ) {
      return true;
    }
    if (isFunctionNode(current)) {
      const parent = current.getParent();
      if (parent && Node.isCallExpression(parent)) {
        const callee = parent.getExpression();
        if (Node.isPropertyAccessExpression(callee) && ["forEach", "map", "reduce", "flatMap"].includes(callee.getName())) return true;
      }
    }
  }
  return false;
}
