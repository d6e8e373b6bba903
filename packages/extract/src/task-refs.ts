/**
 * How the functional-API walk recognises task values and fingerprints what a call is given.
 *
 * A task call's cache id is its task name and call index (M9), so a call is identified by the name given to
 * `task("name", fn)`, never by the local binding that holds the task: a task moved to another module under
 * another local name is the same task (17b). Arguments count by what they hold: locals bound by `const`
 * count by their normalized initializer and task bindings by their task name, so renaming, moving or adding
 * a local does not change the fingerprint of a call that is given the same values.
 */
import { Node, type CallExpression } from "ts-morph";
import { fingerprint } from "@langgraph-compat/snapshot";
import type { ExtractContext } from "./context.js";
import { normalizedText, type Bindings } from "./normalize.js";
import { isConstDeclaration, unwrap } from "./resolve.js";

/** Parameter names of a followed helper bound to the values the caller passed (`invokeTool` -> `callTool`). */
export type Values = ReadonlyMap<string, Node>;

/** A bound text longer than this counts by its hash, so chains of locals stay small. */
const MAX_BOUND_TEXT = 240;

/** Is `node` a `task(name, fn)` call (a task definition)? */
export function isTaskDefinition(ctx: ExtractContext, node: Node): node is CallExpression {
  return Node.isCallExpression(node) && ctx.resolver.isLangGraph(node.getExpression(), "task");
}

/**
 * The value an expression stands for: through consts and imports, object members (`tools.callTool`), and
 * the parameters of a followed helper bound to the caller's arguments (`opts.invokeTool`, `invokeTool`).
 */
export function valueIn(ctx: ExtractContext, expr: Node, values?: Values, depth = 0): Node {
  const node = unwrap(expr);
  if (depth > 8) return node;
  if (Node.isIdentifier(node) && values?.has(node.getText())) return values.get(node.getText())!;
  if (Node.isPropertyAccessExpression(node)) {
    const owner = valueIn(ctx, node.getExpression(), values, depth + 1);
    const member = ctx.resolver.memberValue(owner, node.getName());
    if (member) return valueIn(ctx, member, undefined, depth + 1);
  }
  return ctx.resolver.valueOf(node);
}

/** The static name of a task definition, or undefined when it is computed. */
export function taskNameOfDefinition(ctx: ExtractContext, definition: CallExpression): string | undefined {
  const nameArg = definition.getArguments()[0];
  const nameValue = nameArg ? ctx.resolver.valueOf(nameArg) : undefined;
  if (nameValue && Node.isObjectLiteralExpression(nameValue)) {
    const property = nameValue.getProperty("name");
    return property && Node.isPropertyAssignment(property) ? ctx.resolver.evaluateString(property.getInitializerOrThrow()) : undefined;
  }
  return nameValue ? ctx.resolver.evaluateString(nameValue) : undefined;
}

/** The text a task binding stands for in fingerprints: its task name, whatever it is called locally. */
const taskToken = (name: string | undefined) => `task(${JSON.stringify(name ?? "<unresolved>")})`;

/**
 * Bindings for fingerprints inside `scope` (the entrypoint or a followed helper): `outer` (a helper's
 * parameters bound to the caller's arguments), every name that holds a task (by task name), and every
 * `const` local by its normalized initializer, in source order.
 */
export function scopeBindings(ctx: ExtractContext, scope: Node, outer?: Bindings, values?: Values): Map<string, string> {
  const bindings = new Map<string, string>(outer ?? []);
  scope.forEachDescendant((node) => {
    if (!Node.isIdentifier(node) || bindings.has(node.getText())) return;
    const parent = node.getParent();
    if (parent && Node.isPropertyAccessExpression(parent) && parent.getNameNode() === node) return;
    const value = valueIn(ctx, node, values);
    if (isTaskDefinition(ctx, value)) bindings.set(node.getText(), taskToken(taskNameOfDefinition(ctx, value)));
  });
  scope.forEachDescendant((node) => {
    if (!Node.isVariableDeclaration(node) || !isConstDeclaration(node)) return;
    const name = node.getNameNode();
    const init = node.getInitializer();
    if (!init) return;
    if (Node.isObjectBindingPattern(name)) {
      // `const { userId } = input` binds `userId` to `input . userId`, as if it were written out.
      const source = normalizedText(init, scope, ctx.resolver, bindings);
      for (const element of name.getElements()) {
        const key = (element.getPropertyNameNode()?.getText() ?? element.getName()).replace(/^["']|["']$/g, "");
        if (!element.getDotDotDotToken() && !element.getInitializer() && Node.isIdentifier(element.getNameNode()) && !bindings.has(element.getName()))
          bindings.set(element.getName(), `${source} . ${key}`);
      }
      return;
    }
    if (!Node.isIdentifier(name) || bindings.has(name.getText())) return;
    const text = normalizedText(init, scope, ctx.resolver, bindings);
    // Parentheses only where they keep an operator's grouping, so `const id = input.id; f(id)` is `f(input.id)`.
    const value = unwrap(init);
    const grouped = Node.isBinaryExpression(value) || Node.isConditionalExpression(value) || Node.isArrowFunction(value) ? `( ${text} )` : text;
    bindings.set(name.getText(), grouped.length > MAX_BOUND_TEXT ? `#${fingerprint(grouped)}` : grouped);
  });
  return bindings;
}
