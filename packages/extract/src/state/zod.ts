import { Node, SyntaxKind, type CallExpression } from "ts-morph";
import type { ChannelDefault, ChannelSnapshot, JsonSchema, Reducer } from "@langgraph-compat/snapshot";
import { ExternalRef, isLangGraphModule, unwrap } from "../resolve.js";
import {
  MESSAGES_DEFAULT,
  MESSAGES_TYPE,
  channel,
  defaultFingerprint,
  follow,
  isLangGraphValue,
  objectProperty,
  propertyName,
  propertyValue,
  reducerOf,
  type Scope,
} from "./common.js";
import { NEVER, arrayOf, intersectionOf, objectSchema, plain, recordOf, sourceType, unionOf, type TypeInfo } from "./json.js";
import { TypeConverter, enumMemberValue } from "./ts-types.js";
import { applyZodMethod } from "./zod-methods.js";

/** LangGraph metadata attached to one zod schema instance (`withLangGraph`, `.langgraph.reducer`, `.register(registry)`). */
export interface LangGraphMeta {
  reducer?: Reducer;
  default?: ChannelDefault;
  /** LangGraph turns the schema's own zod `.default()` into the channel default (reducer present, or registry). */
  adoptZodDefault: boolean;
}

/** What the extractor knows about one zod schema expression. */
export interface ZodField {
  info: TypeInfo;
  /** Fields, for object schemas (so `.extend`, `.pick`, `.omit` can work on them). */
  shape?: Map<string, ShapeEntry>;
  /** Fingerprint of a zod `.default(v)`. */
  zodDefault?: string;
  /** LangGraph metadata on this very instance; any further zod method returns a new instance without it. */
  lg?: LangGraphMeta;
}

export interface ShapeEntry {
  field: ZodField;
  /** Where the key is written (its channel location). */
  at: Node;
}

const ZOD_NAMESPACE_NAMES = new Set(["z", "*", "default", "zod"]);

/** True for `zod` and its subpaths (`zod/v4`, `zod/v3`, `zod/mini`). */
export function isZodModule(module: string): boolean {
  return module === "zod" || module.startsWith("zod/");
}

/** The zod builder a callee names (`z.string` → "string", `import { string } from "zod"` → "string"). */
function zodBuilder(scope: Scope, callee: Node): string | undefined {
  const node = unwrap(callee);
  const ref = scope.ctx.resolver.externalOf(node);
  if (ref && isZodModule(ref.module) && !ZOD_NAMESPACE_NAMES.has(ref.name)) return ref.name;
  if (Node.isPropertyAccessExpression(node)) {
    const base = follow(scope.ctx, node.getExpression()).external;
    if (base && isZodModule(base.module) && ZOD_NAMESPACE_NAMES.has(base.name)) return node.getName();
  }
  return undefined;
}

/** An object schema's field from a shape map. */
export function objectField(shape: Map<string, ShapeEntry>): ZodField {
  return { info: plain(objectSchema([...shape].map(([k, e]) => [k, e.field.info]))), shape };
}

/** A field standing for something that is not a zod schema we can read; reports it. */
export function unknownField(scope: Scope, expr: Node, what = "a zod schema"): ZodField {
  scope.unresolved.push(scope.ctx.unresolved("state-key", `\`${expr.getText().slice(0, 60)}\` is not ${what} the analyzer can read statically.`, expr));
  return { info: plain(sourceType(expr.getText())) };
}

/** The prebuilt `messages` field of `MessagesZodState`. */
function messagesField(): ZodField {
  return {
    info: plain(MESSAGES_TYPE),
    lg: { reducer: { kind: "known", name: "messagesStateReducer" }, default: MESSAGES_DEFAULT, adoptZodDefault: false },
  };
}

/**
 * Read a zod schema expression (following consts and imports): its type, `.default()`, and LangGraph
 * metadata. Undefined when the expression is not recognisably zod.
 */
export function zodField(scope: Scope, expr: Node, depth = 0): ZodField | undefined {
  if (depth > 40) return undefined;
  const followed = follow(scope.ctx, expr);
  if (followed.external) {
    if (isLangGraphModule(followed.external.module) && followed.external.name === "MessagesZodState") {
      return objectField(new Map([["messages", { field: messagesField(), at: expr }]]));
    }
    return undefined;
  }
  const node = followed.node;
  if (!Node.isCallExpression(node)) return undefined;
  const callee = unwrap(node.getExpression());
  const args = node.getArguments();
  if (isLangGraphValue(scope, callee, "withLangGraph")) {
    const base = args[0] ? zodField(scope, args[0], depth + 1) ?? unknownField(scope, args[0]) : undefined;
    if (!base) return undefined;
    return { ...base, lg: args[1] ? parseMeta(scope, args[1], false) : { adoptZodDefault: false } };
  }
  const builder = zodBuilder(scope, callee);
  if (builder) return fromBuilder(scope, builder, node, depth);
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.getName();
  const target = callee.getExpression();
  if (Node.isPropertyAccessExpression(target) && target.getName() === "langgraph") {
    const base = zodField(scope, target.getExpression(), depth + 1);
    if (!base) return undefined;
    if (method === "reducer" && args[0]) return { ...base, lg: { reducer: reducerOf(scope, args[0]), adoptZodDefault: true } };
    return { ...base, lg: { adoptZodDefault: false } }; // `.langgraph.metadata(...)`
  }
  const base = zodField(scope, target, depth + 1);
  if (!base) return undefined;
  if (method === "register" && args[0] && isLangGraphValue(scope, args[0], "registry")) {
    return { ...base, lg: args[1] ? parseMeta(scope, args[1], true) : { adoptZodDefault: true } };
  }
  return applyZodMethod(scope, base, method, node, (e) => zodField(scope, e, depth + 1) ?? unknownField(scope, e));
}

/** Read `withLangGraph`/registry metadata: `{ reducer: { fn, schema? }, default }` or `MessagesZodMeta`. */
function parseMeta(scope: Scope, expr: Node, registry: boolean): LangGraphMeta {
  if (isLangGraphValue(scope, expr, "MessagesZodMeta")) return messagesField().lg!;
  const meta = follow(scope.ctx, expr).node;
  if (!Node.isObjectLiteralExpression(meta)) {
    scope.unresolved.push(scope.ctx.unresolved("reducer", "the LangGraph metadata is not an object literal, so its reducer and default are unknown.", expr));
    return { adoptZodDefault: registry };
  }
  const result: LangGraphMeta = { adoptZodDefault: registry };
  const reducerSpec = objectProperty(scope, meta, "reducer");
  if (reducerSpec) {
    const spec = follow(scope.ctx, reducerSpec).node;
    const fn = objectProperty(scope, spec, "fn");
    if (fn) result.reducer = reducerOf(scope, fn);
    else {
      scope.unresolved.push(scope.ctx.unresolved("reducer", "the `reducer` option is not an object literal with `fn`, so the reducer is unknown.", reducerSpec));
      result.reducer = { kind: "custom", fingerprint: scope.ctx.textFingerprint(reducerSpec) };
    }
    result.adoptZodDefault = true;
  }
  const dflt = objectProperty(scope, meta, "default");
  if (dflt) {
    result.default = { kind: "channel", fingerprint: defaultFingerprint(scope, dflt) };
    result.adoptZodDefault = false;
  }
  return result;
}

/** Fields of a zod object shape: an object literal (with spreads of `X.shape`) or `X.shape`. */
export function parseShape(scope: Scope, expr: Node, depth = 0): Map<string, ShapeEntry> {
  const shape = new Map<string, ShapeEntry>();
  const node = follow(scope.ctx, expr).node;
  if (Node.isPropertyAccessExpression(node) && node.getName() === "shape") {
    const owner = zodField(scope, node.getExpression(), depth + 1);
    if (owner?.shape) return new Map(owner.shape);
  }
  if (!Node.isObjectLiteralExpression(node)) {
    scope.unresolved.push(scope.ctx.unresolved("state", "the zod object's shape is not an object literal the analyzer can read.", expr));
    return shape;
  }
  for (const property of node.getProperties()) {
    if (Node.isSpreadAssignment(property)) {
      for (const [key, entry] of parseShape(scope, property.getExpression(), depth + 1)) shape.set(key, entry);
      continue;
    }
    const key = propertyName(scope, property);
    if (key === undefined) {
      scope.unresolved.push(scope.ctx.unresolved("state-key", "the key is computed at run time, so the channel name is unknown.", property));
      continue;
    }
    let value = propertyValue(property);
    if (!value && Node.isGetAccessorDeclaration(property)) {
      const returned = property.getDescendantsOfKind(SyntaxKind.ReturnStatement)[0]?.getExpression();
      value = returned;
    }
    if (!value) {
      scope.unresolved.push(scope.ctx.unresolved("state-key", "the field is not a plain property, so its schema is unknown.", property));
      continue;
    }
    shape.set(key, { field: zodField(scope, value, depth + 1) ?? unknownField(scope, value), at: property });
  }
  return shape;
}

function fromBuilder(scope: Scope, builder: string, call: CallExpression, depth: number): ZodField {
  const args = call.getArguments();
  const sub = (e: Node | undefined): ZodField => (e ? zodField(scope, e, depth + 1) ?? unknownField(scope, e) : { info: plain({}) });
  const simple = (schema: JsonSchema): ZodField => ({ info: plain(schema) });
  switch (builder) {
    case "string":
      return simple({ type: "string" });
    case "number":
    case "float32":
    case "float64":
      return simple({ type: "number" });
    case "int":
    case "int32":
    case "uint32":
      return simple({ type: "integer" });
    case "boolean":
      return simple({ type: "boolean" });
    case "any":
    case "unknown":
      return simple({});
    case "never":
      return simple(NEVER);
    case "null":
      return { info: { schema: NEVER, optional: false, nullable: true } };
    case "undefined":
    case "void":
      return { info: { schema: NEVER, optional: true, nullable: false } };
    case "date":
      return simple(sourceType("Date"));
    case "email":
      return simple({ type: "string", format: "email" });
    case "url":
      return simple({ type: "string", format: "uri" });
    case "uuid":
      return simple({ type: "string", format: "uuid" });
    case "literal": {
      const arg = args[0] ? follow(scope.ctx, args[0]).node : undefined;
      const values = arg && Node.isArrayLiteralExpression(arg) ? arg.getElements() : args.slice(0, 1);
      return { info: unionOf(values.map((v) => literalInfo(scope, v))) };
    }
    case "enum":
    case "nativeEnum":
      return args[0] ? simple(enumValues(scope, args[0])) : simple({});
    case "array":
      return simple(arrayOf(sub(args[0]).info));
    case "object":
    case "strictObject":
    case "looseObject":
      return objectField(args[0] ? parseShape(scope, args[0], depth + 1) : new Map());
    case "union":
    case "discriminatedUnion": {
      const list = args[builder === "union" ? 0 : 1];
      const options = list ? follow(scope.ctx, list).node : undefined;
      if (!options || !Node.isArrayLiteralExpression(options)) return list ? unknownField(scope, list, "a list of zod schemas") : simple({});
      return { info: unionOf(options.getElements().map((e) => sub(e).info)) };
    }
    case "intersection":
      return { info: intersectionOf(args.map((a) => sub(a).info)) };
    case "record":
    case "partialRecord":
      return args.length >= 2 ? simple(recordOf(sub(args[0]).info, sub(args[1]).info)) : simple(recordOf(undefined, sub(args[0]).info));
    case "tuple": {
      const items = args[0] ? follow(scope.ctx, args[0]).node : undefined;
      if (!items || !Node.isArrayLiteralExpression(items)) return simple({ type: "array" });
      return simple({ type: "array", prefixItems: items.getElements().map((e) => objectSchemaItem(sub(e).info)) });
    }
    case "optional":
    case "nullable":
    case "nullish": {
      const inner = sub(args[0]).info;
      return { info: { ...inner, optional: inner.optional || builder !== "nullable", nullable: inner.nullable || builder !== "optional" } };
    }
    case "custom": {
      const typeArg = call.getTypeArguments()[0];
      return { info: typeArg ? new TypeConverter(scope).convert(typeArg) : plain({}) };
    }
    case "instanceof":
      return simple(sourceType(args[0]?.getText() ?? "instanceof"));
    default:
      return simple(sourceType(call.getText()));
  }
}

function objectSchemaItem(info: TypeInfo): JsonSchema {
  return arrayOf(info).items as JsonSchema;
}

/** A literal argument (`"a"`, `1`, `true`, `null`, a const or enum member) as a TypeInfo. */
function literalInfo(scope: Scope, expr: Node): TypeInfo {
  const text = scope.ctx.resolver.evaluateString(expr);
  if (text !== undefined) return plain({ const: text });
  const node = follow(scope.ctx, expr).node;
  if (Node.isNumericLiteral(node)) return plain({ const: node.getLiteralValue() });
  if (Node.isPrefixUnaryExpression(node) && Node.isNumericLiteral(node.getOperand())) {
    return plain({ const: -Number(node.getOperand().getText()) });
  }
  if (node.getKind() === SyntaxKind.TrueKeyword) return plain({ const: true });
  if (node.getKind() === SyntaxKind.FalseKeyword) return plain({ const: false });
  if (node.getKind() === SyntaxKind.NullKeyword) return { schema: NEVER, optional: false, nullable: true };
  if (Node.isEnumMember(node)) {
    const value = enumMemberValue(node);
    if (value !== undefined) return plain({ const: value });
  }
  unknownField(scope, expr, "a literal");
  return plain(sourceType(expr.getText()));
}

/** `z.enum([...])`, `z.enum(E)`, `z.nativeEnum(E)`, `z.enum(obj as const)`: the sorted values. */
function enumValues(scope: Scope, expr: Node): JsonSchema {
  const node = follow(scope.ctx, expr).node;
  if (Node.isArrayLiteralExpression(node)) return unionOf(node.getElements().map((e) => literalInfo(scope, e))).schema;
  if (Node.isEnumDeclaration(node)) return new TypeConverter(scope).enumSchema(node);
  if (Node.isObjectLiteralExpression(node)) {
    const values = node.getProperties().map((p) => propertyValue(p)).filter((v): v is Node => v !== undefined);
    return unionOf(values.map((v) => literalInfo(scope, v))).schema;
  }
  return unknownField(scope, expr, "a list of enum values").info.schema;
}

/**
 * A channel of a zod state (`mode: "zod"`) or a plain schema field of `StateSchema` (`mode: "state-schema"`).
 * In a zod state only LangGraph metadata makes a channel default; a bare `.default()` stays a zod default
 * that old threads never see (semantics row 10c). `StateSchema` turns a schema's default into the channel
 * default and ignores `withLangGraph` metadata (`state/schema.js` `getChannels`).
 */
export function zodChannel(scope: Scope, name: string, entry: ShapeEntry, mode: "zod" | "state-schema"): ChannelSnapshot {
  const { field } = entry;
  if (mode === "state-schema") {
    const dflt: ChannelDefault = field.zodDefault ? { kind: "channel", fingerprint: field.zodDefault } : { kind: "none" };
    return channel(scope, name, entry.at, field.info, { kind: "none" }, dflt);
  }
  const lg = field.lg;
  let dflt: ChannelDefault = { kind: "none" };
  if (lg?.default) dflt = lg.default;
  else if (field.zodDefault) dflt = { kind: lg?.adoptZodDefault ? "channel" : "zod", fingerprint: field.zodDefault };
  return channel(scope, name, entry.at, field.info, lg?.reducer ?? { kind: "none" }, dflt);
}

/** Is this expression (after following) something that refers to zod at all? Used to classify schemas. */
export function isZodExpression(scope: Scope, expr: Node): boolean {
  const followed = follow(scope.ctx, expr);
  if (followed.external) return isZodModule(followed.external.module) || (followed.external instanceof ExternalRef && isLangGraphModule(followed.external.module) && followed.external.name === "MessagesZodState");
  return zodField({ ctx: scope.ctx, unresolved: [] }, expr) !== undefined;
}
