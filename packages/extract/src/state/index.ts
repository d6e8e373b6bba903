/**
 * State schema extraction: the persisted channels of a `StateGraph`, read statically from any of the forms
 * LangGraph.js 1.x accepts (`Annotation.Root`, zod objects with LangGraph metadata, `StateSchema`, the old
 * `{ channels }` object) and from the constructor variants that add input, output and config schemas.
 *
 * The same state written in two forms gives the same channels (apart from `location` and the state's
 * `form`) as long as the types are plain. Known differences, all of them real:
 * - zod `.int()` is `integer`; TypeScript has no integer type, so `Annotation<number>` is `number`;
 * - zod checks (`.min()`, `.email()`, `.refine()`) have no TypeScript counterpart;
 * - a zod `.default()` is kind "zod" (not applied to old threads), an Annotation default is kind "channel";
 * - an Annotation `default` without a reducer is ignored by LangGraph, a `withLangGraph` one is not;
 * - generic type aliases and interfaces (`Box<string>`) are kept as source text, not expanded.
 */
import { Node, type TypeNode } from "ts-morph";
import { canonicalJson, type ChannelSnapshot, type JsonSchema, type StateSnapshot, type Unresolved } from "@langgraph-compat/snapshot";
import type { ExtractContext } from "../context.js";
import { unwrap } from "../resolve.js";
import { annotationRootChannels, annotationRootSpec, annotationSpec, channelsForm } from "./annotation.js";
import { follow, isLangGraphValue, objectProperty, type SchemaResult, type Scope } from "./common.js";
import { foldNull } from "./json.js";
import { stateSchemaChannels, stateSchemaFields } from "./state-schema.js";
import { isZodExpression, zodChannel, zodField } from "./zod.js";

export type { SchemaResult, Scope } from "./common.js";
export type { TypeInfo } from "./json.js";
export { TypeConverter } from "./ts-types.js";

export interface StateResult {
  state: StateSnapshot;
  unresolved: Unresolved[];
}

/** Keys of a `StateGraph` init object (`new StateGraph({ state, input, output, context })`). */
const INIT_KEYS = ["state", "stateSchema", "input"];
/** Keys of the options object a schema may be followed by (`new StateGraph(S, { input, output, context })`). */
const OPTION_KEYS = new Set(["input", "output", "context", "interrupt", "writer", "nodes"]);

/**
 * Read one schema expression in any form LangGraph accepts: `Annotation.Root`, `MessagesAnnotation`,
 * a zod object (`z.object`, `MessagesZodState`, `.extend`), `new StateSchema`, or a raw state definition
 * object. Undefined when the expression is none of them.
 */
export function readSchema(scope: Scope, expr: Node): SchemaResult | undefined {
  const root = annotationRootSpec(scope, expr);
  if (root) return { form: "annotation", channels: annotationRootChannels(scope, expr) ?? new Map(), definition: root.definition };
  const stateSchema = stateSchemaFields(scope, expr);
  if (stateSchema) return { form: "state-schema", channels: stateSchemaChannels(scope, expr) ?? new Map(), definition: stateSchema.definition };
  const zod = zodField(scope, expr);
  if (zod?.shape) {
    const channels = new Map<string, ChannelSnapshot>();
    for (const [key, entry] of zod.shape) channels.set(key, zodChannel(scope, key, entry, "zod"));
    return { form: "zod", channels, definition: follow(scope.ctx, expr).node };
  }
  const node = follow(scope.ctx, expr).node;
  if (Node.isObjectLiteralExpression(node) && !zod) {
    return { form: "annotation", channels: annotationSpec(scope, node), definition: node };
  }
  return undefined;
}

/** Read a schema, reporting it as unresolved (and returning no channels) when it is not one we can read. */
function readSchemaOrReport(scope: Scope, expr: Node, role: string): SchemaResult {
  const result = readSchema(scope, expr);
  if (result) return result;
  // Recorded by the expression a const holds, so hoisting the schema into a const is no new element.
  const held = scope.ctx.resolver.valueOf(expr);
  const shown = Node.isExpression(held) && !Node.isArrowFunction(held) && !Node.isFunctionExpression(held) ? held : expr;
  scope.unresolved.push(scope.ctx.unresolved("state", `the ${role} schema is not an Annotation, zod object, StateSchema or channels object the analyzer can read statically.`, shown));
  return { form: "unknown", channels: new Map(), definition: unwrap(expr) };
}

function toRecord(channels: Map<string, ChannelSnapshot>): Record<string, ChannelSnapshot> {
  return Object.fromEntries(channels);
}

/** Key → value type of a non-persisted schema (input, output, config), with null folded into the type. */
function schemaMap(channels: Map<string, ChannelSnapshot>): Record<string, JsonSchema> {
  const map: Record<string, JsonSchema> = {};
  for (const [key, ch] of channels) map[key] = foldNull({ schema: ch.type, optional: ch.optional, nullable: ch.nullable });
  return map;
}

/**
 * Extract a schema given on its own: a node's `input` option, or an `input`/`output` schema.
 * Nothing is resolved at run time; what cannot be read is reported in `unresolved`.
 */
export function extractStateFromSchema(ctx: ExtractContext, schemaExpr: Node): StateResult {
  const scope: Scope = { ctx, unresolved: [] };
  try {
    const result = readSchemaOrReport(scope, schemaExpr, "state");
    const state: StateSnapshot = { form: result.form, channels: toRecord(result.channels) };
    if (result.definition) state.location = ctx.location(result.definition);
    return { state, unresolved: scope.unresolved };
  } catch (error) {
    return failure(scope, schemaExpr, error);
  }
}

function failure(scope: Scope, at: Node, error: unknown): StateResult {
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  scope.unresolved.push(scope.ctx.unresolved("state", `the analyzer could not read this state schema (${message}).`, at));
  return { state: { form: "unknown", channels: {} }, unresolved: scope.unresolved };
}

/** `const args: StateGraphArgs<T> = ...` or `new StateGraph<T>(...)`: the declared state type `T`. */
function declaredStateType(scope: Scope, first: Node): TypeNode | undefined {
  const parent = first.getParent();
  if (parent && Node.isNewExpression(parent)) {
    const typeArg = parent.getTypeArguments()[0];
    if (typeArg) return typeArg;
  }
  const node = unwrap(first);
  if (!Node.isIdentifier(node)) return undefined;
  const declaration = scope.ctx.resolver.resolveIdentifier(node);
  if (!declaration || !(declaration instanceof Node) || !Node.isVariableDeclaration(declaration)) return undefined;
  const annotation = declaration.getTypeNode();
  return annotation && Node.isTypeReference(annotation) ? annotation.getTypeArguments()[0] : undefined;
}

/** `Annotation<T>(...)`, `Annotation<T>`, `Annotation`, `new LastValue()`: a channel, not a schema. */
function isChannelValue(scope: Scope, expr: Node): boolean {
  const node = follow(scope.ctx, expr).node;
  const head = Node.isCallExpression(node) || Node.isNewExpression(node) || Node.isExpressionWithTypeArguments(node) ? node.getExpression() : node;
  return isLangGraphValue(scope, head, "Annotation", "LastValue", "BinaryOperatorAggregate", "EphemeralValue", "Topic");
}

interface ConstructorParts {
  state?: Node;
  input?: Node;
  output?: Node;
  context?: Node;
  /** The deprecated `{ channels }` object, when that form is used. */
  channels?: Node;
}

/** Split `new StateGraph(...)` arguments the way `StateGraph._normalizeToStateGraphInit` does. */
function constructorParts(scope: Scope, args: Node[]): ConstructorParts {
  const [first, second] = args;
  const parts: ConstructorParts = {};
  if (!first) return parts;
  const value = follow(scope.ctx, first).node;
  // `{ input: Annotation<string> }` is a state definition with a channel named "input", not an init object.
  const isInit = Node.isObjectLiteralExpression(value) && INIT_KEYS.some((k) => {
    const entry = objectProperty(scope, value, k);
    return entry !== undefined && !isChannelValue(scope, entry);
  });
  if (isInit) {
    const pick = (key: string) => objectProperty(scope, value, key);
    parts.state = pick("state") ?? pick("stateSchema") ?? pick("input");
    const input = pick("input");
    const output = pick("output");
    const context = pick("context");
    if (input) parts.input = input;
    if (output) parts.output = output;
    if (context) parts.context = context;
  } else if (Node.isObjectLiteralExpression(value) && objectProperty(scope, value, "channels") !== undefined) {
    parts.channels = objectProperty(scope, value, "channels");
  } else {
    parts.state = first;
  }
  if (!second) return parts;
  const options = follow(scope.ctx, second).node;
  if (annotationRootSpec(scope, second) || isZodExpression(scope, second)) {
    parts.context = second; // a schema in second place is the context (config) schema
  } else if (Node.isObjectLiteralExpression(options) && options.getProperties().every((p) => {
    const name = Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p) ? p.getName() : "";
    return OPTION_KEYS.has(name);
  })) {
    parts.input ??= objectProperty(scope, options, "input");
    parts.output ??= objectProperty(scope, options, "output");
    parts.context ??= objectProperty(scope, options, "context");
  } else {
    scope.unresolved.push(scope.ctx.unresolved("state", "the second StateGraph argument is neither a config schema nor an options object the analyzer can read.", second));
  }
  for (const key of ["input", "output", "context"] as const) if (parts[key] === undefined) delete parts[key];
  return parts;
}

/**
 * Add the channels of an input/output schema to the persisted channels, as `StateGraph._addSchema` does:
 * a key already defined keeps its first definition.
 */
function addChannels(scope: Scope, channels: Map<string, ChannelSnapshot>, extra: SchemaResult, at: Node): void {
  for (const [key, ch] of extra.channels) {
    const existing = channels.get(key);
    if (!existing) channels.set(key, ch);
    else if (ch.reducer.kind !== "none" && canonicalJson(ch.reducer) !== canonicalJson(existing.reducer)) {
      scope.unresolved.push(scope.ctx.unresolved("state-key", `channel "${key}" is defined again with another reducer; LangGraph throws "Channel already exists with a different type".`, at));
    }
  }
}

/**
 * Extract the persisted state channels from the arguments of `new StateGraph(...)`.
 * `readBy`/`writtenBy` are left empty: the graph extractor fills them from node bodies.
 *
 * Persisted channels are the union of the state, input and output schemas (LangGraph registers all
 * three); `input`/`output` also keep their own keys when they differ from the state, and the config
 * (context) schema is kept apart in `config`, since it is never checkpointed.
 */
export function extractState(ctx: ExtractContext, constructorArgs: Node[]): StateResult {
  const scope: Scope = { ctx, unresolved: [] };
  const first = constructorArgs[0];
  if (!first) return { state: { form: "unknown", channels: {} }, unresolved: [] };
  try {
    const parts = constructorParts(scope, constructorArgs);
    let result: SchemaResult;
    if (parts.channels) {
      const channels = channelsForm(scope, parts.channels, declaredStateType(scope, first));
      result = { form: "channels", channels, definition: follow(ctx, parts.channels).node };
    } else {
      result = readSchemaOrReport(scope, parts.state ?? first, "state");
    }
    const channels = new Map(result.channels);
    const state: StateSnapshot = { form: result.form, channels: {} };
    if (result.definition) state.location = ctx.location(result.definition);
    for (const role of ["input", "output"] as const) {
      const expr = parts[role];
      if (!expr) continue;
      const extra = readSchemaOrReport(scope, expr, role);
      if (extra.definition && extra.definition === result.definition) continue;
      addChannels(scope, channels, extra, expr);
      state[role] = schemaMap(extra.channels);
    }
    if (parts.context) state.config = schemaMap(readSchemaOrReport(scope, parts.context, "config").channels);
    state.channels = toRecord(channels);
    return { state, unresolved: scope.unresolved };
  } catch (error) {
    return failure(scope, first, error);
  }
}
