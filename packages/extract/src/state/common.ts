import { Node, type ObjectLiteralExpression } from "ts-morph";
import {
  fingerprint,
  type ChannelDefault,
  type ChannelSnapshot,
  type JsonSchema,
  type Reducer,
  type StateForm,
  type Unresolved,
} from "@langgraph-compat/snapshot";
import type { ExtractContext } from "../context.js";
import { ExternalRef, isConstDeclaration, isLangGraphModule, unwrap } from "../resolve.js";
import type { TypeInfo } from "./json.js";

/** What every reader of state definitions carries: the extraction context and where to report. */
export interface Scope {
  ctx: ExtractContext;
  unresolved: Unresolved[];
}

/** Channels read from one schema (state, input, output, config or a node's `input`), in source order. */
export interface SchemaResult {
  form: StateForm;
  channels: Map<string, ChannelSnapshot>;
  /** The expression that defines the schema (after following consts and imports). */
  definition?: Node;
}

/** What an expression stands for once consts, imports and const-object members are followed. */
export interface Followed {
  node: Node;
  /** Set when the value comes from a package (or a missing project file). */
  external?: ExternalRef;
  /** The declared name of the value: a function or const name. */
  name?: string;
}

/**
 * Follow an expression to the expression or declaration that defines it: `const` initializers, imports
 * across project files, destructured consts, members of const objects and namespace imports.
 */
export function follow(ctx: ExtractContext, expr: Node, depth = 0): Followed {
  const node = unwrap(expr);
  if (depth > 30) return { node };
  if (Node.isIdentifier(node)) {
    const resolved = ctx.resolver.resolveIdentifier(node);
    if (resolved instanceof ExternalRef) return { node, external: resolved, name: resolved.name };
    if (!resolved) return { node };
    if (Node.isVariableDeclaration(resolved)) {
      const init = resolved.getInitializer();
      if (!init || !isConstDeclaration(resolved)) return { node };
      const inner = follow(ctx, init, depth + 1);
      return { ...inner, name: inner.name ?? resolved.getName() };
    }
    if (Node.isParameterDeclaration(resolved)) return { node }; // a value only known at run time
    if (Node.isBindingElement(resolved)) {
      const value = ctx.resolver.valueOf(node);
      return value === node ? { node } : follow(ctx, value, depth + 1);
    }
    const named = resolved as unknown as { getName?(): string | undefined };
    const name = typeof named.getName === "function" && !Node.isSourceFile(resolved) ? named.getName() : undefined;
    return name === undefined ? { node: resolved } : { node: resolved, name };
  }
  if (Node.isPropertyAccessExpression(node)) {
    const external = ctx.resolver.externalOf(node);
    if (external) return { node, external, name: external.name };
    const base = follow(ctx, node.getExpression(), depth + 1);
    if (base.external && base.external.name !== "*") {
      // A member of a package value (`lib.sum` with `import { lib } from "some-lib"`).
      const ref = new ExternalRef(base.external.module, `${base.external.name}.${node.getName()}`);
      return { node, external: ref, name: node.getName() };
    }
    if (Node.isSourceFile(base.node)) {
      const exported = ctx.resolver.findExport(base.node, node.getName());
      if (exported instanceof ExternalRef) return { node, external: exported, name: exported.name };
      if (exported && Node.isVariableDeclaration(exported)) {
        const init = exported.getInitializer();
        if (init) return { ...follow(ctx, init, depth + 1), name: exported.getName() };
      }
      if (exported) return { node: exported, name: node.getName() };
      return { node };
    }
    const member = ctx.resolver.memberValue(base.node, node.getName());
    if (member) {
      const inner = follow(ctx, member, depth + 1);
      return { ...inner, name: inner.name ?? node.getName() };
    }
  }
  return { node };
}

/** True when an external reference points at a project file that could not be found (not a package). */
export function isMissingProjectFile(ref: ExternalRef): boolean {
  return ref.module.startsWith(".") || ref.module.startsWith("/");
}

/** True when `expr` names one of `names` exported by `@langchain/langgraph` (any subpath), through consts too. */
export function isLangGraphValue(scope: Scope, expr: Node, ...names: string[]): boolean {
  const ref = follow(scope.ctx, expr).external;
  return !!ref && isLangGraphModule(ref.module) && names.includes(ref.name);
}

/**
 * The reducer a channel uses: known (`messagesStateReducer`/`addMessages`) or custom with a body fingerprint.
 * A function that only forwards its two parameters to another reducer (`(a, b) => addMessages(a, b)`) is
 * that reducer: it combines stored values exactly as the one it calls.
 */
export function reducerOf(scope: Scope, expr: Node, depth = 0): Reducer {
  const { ctx } = scope;
  const followed = follow(ctx, expr);
  const ref = followed.external;
  if (ref) {
    if (isLangGraphModule(ref.module) && (ref.name === "messagesStateReducer" || ref.name === "addMessages")) {
      // `addMessages` is an alias of `messagesStateReducer`: one name, so swapping them is no change.
      return { kind: "known", name: "messagesStateReducer" };
    }
    if (isMissingProjectFile(ref)) {
      scope.unresolved.push(ctx.unresolved("reducer", `the reducer is imported from "${ref.module}", which is not a project file the analyzer can find.`, expr));
    }
    // A package function: its body is not in the project, so its identity is its module and name.
    return { kind: "custom", fingerprint: fingerprint(`${ref.module}#${ref.name}`), name: ref.name };
  }
  const node = followed.node;
  if (Node.isIdentifier(node) || Node.isBindingElement(node)) {
    scope.unresolved.push(ctx.unresolved("reducer", `the reducer \`${node.getText()}\` is not a const, function or import the analyzer can follow.`, expr));
    return { kind: "custom", fingerprint: ctx.textFingerprint(node), name: node.getText() };
  }
  const callee = forwardedTo(node);
  if (callee && depth < 8 && followsToReducer(scope, callee)) return reducerOf(scope, callee, depth + 1);
  const reducer: Reducer = { kind: "custom", fingerprint: ctx.functionFingerprint(node), location: ctx.location(node) };
  if (followed.name !== undefined) reducer.name = followed.name;
  if (neverCombines(node)) reducer.replaces = true;
  else if (keepsStored(node)) reducer.keeps = true;
  return reducer;
}

type FunctionLike = Node & { getParameters(): Node[] };
const isFunctionLike = (fn: Node): fn is FunctionLike =>
  Node.isArrowFunction(fn) || Node.isFunctionExpression(fn) || Node.isFunctionDeclaration(fn);

/** The expression a function returns when its body is that one expression (or one `return` of it). */
function resultOf(fn: Node): Node | undefined {
  if (!isFunctionLike(fn)) return undefined;
  let body: Node | undefined = (fn as unknown as { getBody(): Node | undefined }).getBody();
  if (body && Node.isBlock(body)) {
    const statements = body.getStatements();
    const only = statements[0];
    body = statements.length === 1 && only && Node.isReturnStatement(only) ? only.getExpression() : undefined;
  }
  return body ? unwrap(body) : undefined;
}

/** The names of a reducer's two parameters (stored value, update), when both are plain identifiers. */
function parameterNames(fn: Node): [string, string] | undefined {
  if (!isFunctionLike(fn)) return undefined;
  const [stored, update] = fn.getParameters().map((p) => (Node.isParameterDeclaration(p) ? p.getNameNode() : undefined));
  if (!stored || !update || !Node.isIdentifier(stored) || !Node.isIdentifier(update)) return undefined;
  return [stored.getText(), update.getText()];
}

/** `(a, b) => f(a, b)` (or a body that only returns that call): the callee `f`, which gets both values unchanged. */
function forwardedTo(fn: Node): Node | undefined {
  const names = parameterNames(fn);
  const value = resultOf(fn);
  if (!names || !value || !Node.isCallExpression(value)) return undefined;
  const args = value.getArguments().map((a) => unwrap(a));
  const passesBoth = args.length === 2 && args.every((a, i) => Node.isIdentifier(a) && a.getText() === names[i]);
  return passesBoth ? value.getExpression() : undefined;
}

/** True when `callee` is a reducer `reducerOf` can name: a LangGraph or package function, or a project function. */
function followsToReducer(scope: Scope, callee: Node): boolean {
  const followed = follow(scope.ctx, callee);
  if (followed.external) return !isMissingProjectFile(followed.external);
  return isFunctionLike(followed.node);
}

/**
 * A reducer whose result always starts with the whole stored value: `(a, b) => a.concat(b)` or
 * `(a, b) => [...a, ...more]`, whatever follows. Replacing one accumulating reducer by such a one drops
 * nothing stored (the other direction, or any body we cannot read, may).
 */
function keepsStored(fn: Node): boolean {
  const names = parameterNames(fn);
  const value = resultOf(fn);
  if (!names || !value) return false;
  const isStored = (n: Node) => {
    const inner = unwrap(n);
    return Node.isIdentifier(inner) && inner.getText() === names[0];
  };
  if (Node.isCallExpression(value)) {
    const callee = unwrap(value.getExpression());
    return Node.isPropertyAccessExpression(callee) && callee.getName() === "concat" && callee.getQuestionDotTokenNode() === undefined && isStored(callee.getExpression());
  }
  if (Node.isArrayLiteralExpression(value)) {
    const first = value.getElements()[0];
    return first !== undefined && Node.isSpreadElement(first) && isStored(first.getExpression());
  }
  return false;
}

/**
 * A reducer whose result is always one of its arguments as is, with the update among them: `(_, u) => u`,
 * `(x, y) => y ?? x`, `(a, b) => b || a`, `(a, b) => (b === undefined ? a : b)`. It never combines the stored
 * value with the update, so what it stores is what a last-value channel would store (or the old value kept).
 */
function neverCombines(fn: Node): boolean {
  const names = parameterNames(fn);
  const value = resultOf(fn);
  if (!names || !value) return false;
  const [stored, update] = names;
  const isParam = (n: Node, name: string) => {
    const inner = unwrap(n);
    return Node.isIdentifier(inner) && inner.getText() === name;
  };
  if (isParam(value, update)) return true;
  if (Node.isBinaryExpression(value)) {
    const op = value.getOperatorToken().getText();
    return (op === "??" || op === "||") && isParam(value.getLeft(), update) && isParam(value.getRight(), stored);
  }
  if (Node.isConditionalExpression(value)) {
    const sides = [value.getWhenTrue(), value.getWhenFalse()];
    return sides.every((s) => isParam(s, update) || isParam(s, stored)) && sides.some((s) => isParam(s, update));
  }
  return false;
}

/**
 * Fingerprint of a default. A factory `() => value` counts as its value, so `default: () => []`
 * (Annotation) and `.default([])` (zod) fingerprint the same; project code it references is followed.
 */
export function defaultFingerprint(scope: Scope, expr: Node): string {
  const followed = follow(scope.ctx, expr);
  if (followed.external) return fingerprint(`${followed.external.module}#${followed.external.name}`);
  return scope.ctx.functionFingerprint(defaultValue(followed.node));
}

/** The value a default produces: a factory `() => value` counts as its value. */
function defaultValue(start: Node): Node {
  let node = start;
  if ((Node.isArrowFunction(node) || Node.isFunctionExpression(node)) && node.getParameters().length === 0) {
    const body = node.getBody();
    if (Node.isBlock(body)) {
      const statements = body.getStatements();
      const only = statements[0];
      if (statements.length === 1 && only && Node.isReturnStatement(only)) {
        const value = only.getExpression();
        if (value) node = unwrap(value);
      }
    } else node = unwrap(body);
  }
  return node;
}

/**
 * A channel default of the given kind from a default expression. A default of `undefined` is no default:
 * the channel starts empty either way.
 */
export function defaultOf(scope: Scope, kind: "channel" | "zod", expr: Node): ChannelDefault {
  const followed = follow(scope.ctx, expr);
  if (!followed.external) {
    const value = defaultValue(followed.node);
    if ((Node.isIdentifier(value) && value.getText() === "undefined") || value.getText().replace(/\s/g, "") === "void0") return { kind: "none" };
  }
  return { kind, fingerprint: defaultFingerprint(scope, expr) };
}

/** The value type LangGraph's prebuilt message channels hold. */
export const MESSAGES_TYPE: JsonSchema = { type: "array", items: { "x-source": "BaseMessage" } };
/** The default of LangGraph's prebuilt message channels, `() => []`, fingerprinted as `defaultFingerprint` does. */
export const MESSAGES_DEFAULT: ChannelDefault = { kind: "channel", fingerprint: fingerprint("[ ]") };

/** Build a channel; `readBy`/`writtenBy` are left for the graph extractor. */
export function channel(
  scope: Scope,
  name: string,
  at: Node,
  type: TypeInfo,
  reducer: Reducer = { kind: "none" },
  dflt: ChannelDefault = { kind: "none" },
  untracked = false,
): ChannelSnapshot {
  return {
    name,
    type: type.schema,
    optional: type.optional,
    nullable: type.nullable,
    reducer,
    default: dflt,
    untracked,
    readBy: [],
    writtenBy: [],
    location: scope.ctx.location(at),
  };
}

/** The `messages` channel of `MessagesAnnotation`, `MessagesZodState` and `MessagesValue`. */
export function messagesChannel(scope: Scope, name: string, at: Node): ChannelSnapshot {
  const type: TypeInfo = { schema: MESSAGES_TYPE, optional: false, nullable: false };
  return channel(scope, name, at, type, { kind: "known", name: "messagesStateReducer" }, MESSAGES_DEFAULT);
}

/** The name of an object-literal member (`k`, `"k"`, `[K]` with a static K), or undefined. */
export function propertyName(scope: Scope, property: Node): string | undefined {
  if (!(Node.isPropertyAssignment(property) || Node.isShorthandPropertyAssignment(property) || Node.isMethodDeclaration(property))) {
    return undefined;
  }
  const nameNode = property.getNameNode();
  if (Node.isComputedPropertyName(nameNode)) return scope.ctx.resolver.evaluateString(nameNode.getExpression());
  if (Node.isStringLiteral(nameNode) || Node.isNoSubstitutionTemplateLiteral(nameNode)) return nameNode.getLiteralValue();
  if (Node.isNumericLiteral(nameNode)) return String(nameNode.getLiteralValue());
  return nameNode.getText();
}

/** The value expression of an object-literal member (`k: v` or shorthand `k`). */
export function propertyValue(property: Node): Node | undefined {
  if (Node.isPropertyAssignment(property)) return property.getInitializer();
  if (Node.isShorthandPropertyAssignment(property)) return property.getNameNode();
  return undefined;
}

/** A property of an object literal by name, or undefined. */
export function objectProperty(scope: Scope, object: Node, key: string): Node | undefined {
  if (!Node.isObjectLiteralExpression(object)) return undefined;
  let found: Node | undefined;
  for (const property of object.getProperties()) {
    if (propertyName(scope, property) === key) found = propertyValue(property); // the last one wins, as in JS
  }
  return found;
}

/**
 * Read the channels of a state object literal, in order (later keys replace earlier ones, as in the literal):
 * `spread` turns a `...x` entry into channels, `channel` one `key: value` entry. A computed key becomes an
 * unresolved `state-key`, never a silently missing channel.
 */
export function objectChannels(
  scope: Scope,
  object: ObjectLiteralExpression,
  spread: (expr: Node, property: Node) => Iterable<[string, ChannelSnapshot]>,
  channel: (key: string, value: Node, property: Node) => ChannelSnapshot,
): Map<string, ChannelSnapshot> {
  const channels = new Map<string, ChannelSnapshot>();
  for (const property of object.getProperties()) {
    if (Node.isSpreadAssignment(property)) {
      for (const [key, value] of spread(property.getExpression(), property)) channels.set(key, value);
      continue;
    }
    const key = propertyName(scope, property);
    const value = propertyValue(property);
    if (key === undefined || value === undefined) {
      scope.unresolved.push(scope.ctx.unresolved("state-key", "the key is computed at run time or is not a plain property, so the channel is unknown.", property));
      continue;
    }
    channels.set(key, channel(key, value, property));
  }
  return channels;
}
