import { Node, type TypeNode } from "ts-morph";
import type { ChannelDefault, ChannelSnapshot, Reducer } from "@langgraph-compat/snapshot";
import { unwrap } from "../resolve.js";
import {
  channel,
  defaultOf,
  follow,
  isLangGraphValue,
  messagesChannel,
  objectProperty,
  objectChannels,
  reducerOf,
  type Scope,
} from "./common.js";
import { plain, type TypeInfo } from "./json.js";
import { TypeConverter } from "./ts-types.js";

/** The argument of `Annotation.Root(spec)` when `expr` is such a call (or `MessagesAnnotation`), else undefined. */
export function annotationRootSpec(scope: Scope, expr: Node): { spec?: Node; messages?: boolean; definition: Node } | undefined {
  const followed = follow(scope.ctx, expr);
  if (isLangGraphValue(scope, expr, "MessagesAnnotation")) return { messages: true, definition: unwrap(expr) };
  const node = followed.node;
  if (!Node.isCallExpression(node)) return undefined;
  const callee = unwrap(node.getExpression());
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== "Root") return undefined;
  if (!isLangGraphValue(scope, callee.getExpression(), "Annotation")) return undefined;
  const spec = node.getArguments()[0];
  return spec ? { spec, definition: node } : { definition: node };
}

/** Channels of an `Annotation.Root(...)` (or `MessagesAnnotation`) expression, or undefined if it is not one. */
export function annotationRootChannels(scope: Scope, expr: Node, at: Node = expr): Map<string, ChannelSnapshot> | undefined {
  const root = annotationRootSpec(scope, expr);
  if (!root) return undefined;
  if (root.messages) return new Map([["messages", messagesChannel(scope, "messages", at)]]);
  return root.spec ? annotationSpec(scope, root.spec) : new Map();
}

/**
 * Channels of a state definition object: `{ k: Annotation<T>(...), ...Other.spec, ...MessagesAnnotation.spec }`.
 * Later keys replace earlier ones, as in the object literal itself.
 */
export function annotationSpec(scope: Scope, expr: Node, depth = 0): Map<string, ChannelSnapshot> {
  const channels = new Map<string, ChannelSnapshot>();
  const node = follow(scope.ctx, expr).node;
  if (depth > 20 || !Node.isObjectLiteralExpression(node)) {
    scope.unresolved.push(scope.ctx.unresolved("state", "the state definition is not an object literal the analyzer can read.", expr));
    return channels;
  }
  return objectChannels(
    scope,
    node,
    (expr, property) => {
      const spread = unwrap(expr);
      const fromRoot = Node.isPropertyAccessExpression(spread) && spread.getName() === "spec"
        ? annotationRootChannels(scope, spread.getExpression(), property)
        : undefined;
      return fromRoot ?? annotationSpec(scope, spread, depth + 1);
    },
    (key, value, property) => annotationChannel(scope, key, value, property),
  );
}

/** One `Annotation<T>(...)` value (also `Annotation<T>` without a call and `new LastValue()`). */
function annotationChannel(scope: Scope, name: string, expr: Node, at: Node, depth = 0): ChannelSnapshot {
  const borrowed = specMember(scope, expr);
  if (borrowed) return { ...borrowed, name, location: scope.ctx.location(at) };
  const node = follow(scope.ctx, expr).node;
  const types = new TypeConverter(scope);
  if (Node.isExpressionWithTypeArguments(node) && isLangGraphValue(scope, node.getExpression(), "Annotation")) {
    return channel(scope, name, at, types.convert(node.getTypeArguments()[0]));
  }
  if (isLangGraphValue(scope, node, "Annotation")) return channel(scope, name, at, plain({}));
  if (Node.isCallExpression(node) && isLangGraphValue(scope, node.getExpression(), "Annotation")) {
    return reducerChannel(scope, name, at, node.getArguments()[0], node.getTypeArguments()[0]);
  }
  if (Node.isNewExpression(node) && isLangGraphValue(scope, node.getExpression(), "LastValue")) {
    return channel(scope, name, at, types.convert(node.getTypeArguments()[0]));
  }
  if (Node.isNewExpression(node) && isLangGraphValue(scope, node.getExpression(), "BinaryOperatorAggregate")) {
    const [fn, dflt] = node.getArguments();
    const type = types.convert(node.getTypeArguments()[0]);
    return channel(scope, name, at, type, fn ? reducerOf(scope, fn) : { kind: "none" }, dflt ? defaultOf(scope, "channel", dflt) : { kind: "none" });
  }
  const made = depth < MAX_FACTORY_DEPTH ? factoryResult(scope, node) : undefined;
  if (made) return annotationChannel(scope, name, made, at, depth + 1);
  scope.unresolved.push(scope.ctx.unresolved("state-key", `the value of channel "${name}" is not an \`Annotation\` the analyzer can read.`, expr));
  return channel(scope, name, at, plain({ "x-source": expr.getText().replace(/\s+/g, " ") }));
}

/** How many helper calls deep a channel's value is followed (`text()` returning `Annotation(...)`). */
const MAX_FACTORY_DEPTH = 3;

/**
 * The one expression a project helper called with no arguments returns, when the helper takes no
 * parameters and its body is that expression (`const text = () => Annotation<string>({...})`, or a block
 * holding only `return ...`). Its value is then the same on every call. Undefined for anything else: a
 * helper with parameters may build a different channel per call, so it stays unresolved.
 */
function factoryResult(scope: Scope, node: Node): Node | undefined {
  if (!Node.isCallExpression(node) || node.getArguments().length > 0) return undefined;
  const callee = follow(scope.ctx, node.getExpression());
  if (callee.external) return undefined;
  const fn = callee.node;
  if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn) && !Node.isFunctionDeclaration(fn)) return undefined;
  if (fn.getParameters().length > 0 || fn.isAsync() || (!Node.isArrowFunction(fn) && fn.isGenerator())) return undefined;
  const body = fn.getBody();
  if (body === undefined) return undefined;
  if (!Node.isBlock(body)) return body;
  const statements = body.getStatements();
  return statements.length === 1 && Node.isReturnStatement(statements[0]) ? statements[0].getExpression() : undefined;
}

/** `Other.spec.key` or `Other.spec["key"]`: the channel `key` of another root, reused under a new name. */
function specMember(scope: Scope, expr: Node): ChannelSnapshot | undefined {
  const node = unwrap(expr);
  let key: string | undefined;
  let owner: Node | undefined;
  if (Node.isPropertyAccessExpression(node)) {
    key = node.getName();
    owner = node.getExpression();
  } else if (Node.isElementAccessExpression(node)) {
    const argument = node.getArgumentExpression();
    key = argument ? scope.ctx.resolver.evaluateString(argument) : undefined;
    owner = node.getExpression();
  }
  const spec = owner ? unwrap(owner) : undefined;
  if (key === undefined || !spec || !Node.isPropertyAccessExpression(spec) || spec.getName() !== "spec") return undefined;
  return annotationRootChannels(scope, spec.getExpression(), expr)?.get(key);
}

/**
 * A channel from `{ reducer | value, default }` options (`Annotation<T>(options)` or an old `channels` entry),
 * as LangGraph's `getChannel` reads them: without a reducer the channel is a plain `LastValue` and its
 * `default` is ignored.
 */
export function reducerChannel(scope: Scope, name: string, at: Node, options: Node | undefined, typeNode?: TypeNode, known?: TypeInfo): ChannelSnapshot {
  const types = new TypeConverter(scope);
  let type = typeNode ? types.convert(typeNode) : known;
  let reducer: Reducer = { kind: "none" };
  let dflt: ChannelDefault = { kind: "none" };
  const value = options ? follow(scope.ctx, options).node : undefined;
  if (value && Node.isObjectLiteralExpression(value)) {
    const fn = objectProperty(scope, value, "reducer") ?? objectProperty(scope, value, "value");
    const dfltExpr = objectProperty(scope, value, "default");
    if (fn && !(Node.isNullLiteral(unwrap(fn)) || unwrap(fn).getText() === "undefined")) {
      reducer = reducerOf(scope, fn);
      if (dfltExpr) dflt = defaultOf(scope, "channel", dfltExpr);
      type ??= reducerValueType(scope, fn);
    }
  } else if (value && !Node.isNullLiteral(value) && value.getText() !== "undefined") {
    scope.unresolved.push(scope.ctx.unresolved("reducer", `the options of channel "${name}" are not an object literal, so its reducer and default are unknown.`, options!));
  }
  return channel(scope, name, at, type ?? plain({}), reducer, dflt);
}

/** The value type of a reducer written with a typed first parameter, `(a: T, b: U) => ...`. */
function reducerValueType(scope: Scope, fn: Node): TypeInfo | undefined {
  const node = follow(scope.ctx, fn).node;
  if (!(Node.isArrowFunction(node) || Node.isFunctionExpression(node) || Node.isFunctionDeclaration(node))) return undefined;
  const first = node.getParameters()[0]?.getTypeNode();
  return first ? new TypeConverter(scope).convert(first) : undefined;
}

/**
 * Channels of the deprecated `{ channels: { k: { reducer, default } | null } }` form. Value types come from
 * the `StateGraph<T>` type argument or a `StateGraphArgs<T>["channels"]` annotation, when there is one.
 */
export function channelsForm(scope: Scope, channelsExpr: Node, stateType: TypeNode | undefined): Map<string, ChannelSnapshot> {
  const channels = new Map<string, ChannelSnapshot>();
  const followedNode = follow(scope.ctx, channelsExpr).node;
  const typeNode = stateType ?? declaredStateType(scope, channelsExpr);
  const members = new TypeConverter(scope).membersOf(typeNode);
  if (!Node.isObjectLiteralExpression(followedNode)) {
    scope.unresolved.push(scope.ctx.unresolved("state", "the `channels` object is not an object literal the analyzer can read.", channelsExpr));
    return channels;
  }
  return objectChannels(
    scope,
    followedNode,
    (expr) => channelsForm(scope, expr, typeNode),
    (key, value, property) => reducerChannel(scope, key, property, value, undefined, members?.get(key)),
  );
}

/** `const c: StateGraphArgs<T>["channels"] = {...}` → the `T` type node. */
function declaredStateType(scope: Scope, expr: Node): TypeNode | undefined {
  const node = unwrap(expr);
  if (!Node.isIdentifier(node)) return undefined;
  const declaration = scope.ctx.resolver.resolveIdentifier(node);
  if (!declaration || !(declaration instanceof Node) || !Node.isVariableDeclaration(declaration)) return undefined;
  const annotation = declaration.getTypeNode();
  if (!annotation || !Node.isIndexedAccessTypeNode(annotation)) return undefined;
  const object = annotation.getObjectTypeNode();
  return Node.isTypeReference(object) ? object.getTypeArguments()[0] : undefined;
}
