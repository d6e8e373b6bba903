import { Node, SyntaxKind, type CallExpression } from "ts-morph";
import type { JsonSchema } from "@langgraph-compat/snapshot";
import { defaultFingerprint, follow, propertyName, type Scope } from "./common.js";
import { arrayOf, intersectionOf, unionOf } from "./json.js";
import { objectField, parseShape, type ShapeEntry, type ZodField } from "./zod.js";

/** Methods that change nothing the snapshot records (descriptions, metadata, unknown-key policy). */
const NEUTRAL = new Set([
  "describe", "meta", "brand", "readonly", "strict", "passthrough", "strip", "nonstrict", "loose", "register",
  "catchall", "finite", "safe", "trim", "toLowerCase", "toUpperCase", "normalize",
]);

/** Value constraints we model as JSON Schema keywords, per base type. */
const STRING_LIMITS: Record<string, string[]> = { min: ["minLength"], max: ["maxLength"], length: ["minLength", "maxLength"] };
const ARRAY_LIMITS: Record<string, string[]> = { min: ["minItems"], max: ["maxItems"], length: ["minItems", "maxItems"] };
const NUMBER_LIMITS: Record<string, string[]> = {
  min: ["minimum"], gte: ["minimum"], max: ["maximum"], lte: ["maximum"], gt: ["exclusiveMinimum"], lt: ["exclusiveMaximum"],
  multipleOf: ["multipleOf"], step: ["multipleOf"],
};
const NUMBER_SIGNS: Record<string, [string, number]> = {
  positive: ["exclusiveMinimum", 0], nonnegative: ["minimum", 0], negative: ["exclusiveMaximum", 0], nonpositive: ["maximum", 0],
};
const STRING_FORMATS: Record<string, string> = { email: "email", url: "uri", uuid: "uuid", cuid: "cuid", datetime: "date-time", date: "date" };

function numberArg(scope: Scope, expr: Node | undefined): number | undefined {
  if (!expr) return undefined;
  const node = follow(scope.ctx, expr).node;
  if (Node.isNumericLiteral(node)) return node.getLiteralValue();
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.MinusToken && Node.isNumericLiteral(node.getOperand())) {
    return -Number(node.getOperand().getText());
  }
  return undefined;
}

/** Record a zod method we do not model (refine, transform, ...) so a change to it still shows. */
function withCheck(field: ZodField, method: string): ZodField {
  const checks = new Set((field.info.schema["x-zod"] as string[] | undefined) ?? []);
  checks.add(method);
  return { ...field, info: { ...field.info, schema: { ...field.info.schema, "x-zod": [...checks].sort() } }, lg: undefined };
}

function withKeywords(field: ZodField, keywords: JsonSchema): ZodField {
  return { ...field, info: { ...field.info, schema: { ...field.info.schema, ...keywords } }, lg: undefined };
}

/** Keys named by a `{ a: true, b: true }` mask (`.pick`, `.omit`, `.partial`). */
function maskKeys(scope: Scope, expr: Node | undefined): Set<string> | undefined {
  if (!expr) return undefined;
  const node = follow(scope.ctx, expr).node;
  if (!Node.isObjectLiteralExpression(node)) return undefined;
  return new Set(node.getProperties().map((p) => propertyName(scope, p)).filter((k): k is string => k !== undefined));
}

function objectMethod(scope: Scope, base: ZodField, method: string, call: CallExpression, sub: (e: Node) => ZodField): ZodField | undefined {
  const shape = base.shape;
  if (!shape) return undefined;
  const arg = call.getArguments()[0];
  const mask = maskKeys(scope, arg);
  const mapped = (fn: (entry: ShapeEntry, key: string) => ShapeEntry | undefined): ZodField => {
    const next = new Map<string, ShapeEntry>();
    for (const [key, entry] of shape) {
      const result = fn(entry, key);
      if (result) next.set(key, result);
    }
    return objectField(next);
  };
  const setOptional = (entry: ShapeEntry, optional: boolean): ShapeEntry => ({
    at: entry.at,
    field: { ...entry.field, info: { ...entry.field.info, optional } },
  });
  switch (method) {
    case "extend":
    case "safeExtend": {
      const next = new Map(shape);
      if (arg) for (const [key, entry] of parseShape(scope, arg)) next.set(key, entry);
      return objectField(next);
    }
    case "merge": {
      const other = arg ? sub(arg) : undefined;
      if (!other?.shape) return undefined;
      return objectField(new Map([...shape, ...other.shape]));
    }
    case "pick":
      return mask ? mapped((entry, key) => (mask.has(key) ? entry : undefined)) : undefined;
    case "omit":
      return mask ? mapped((entry, key) => (mask.has(key) ? undefined : entry)) : undefined;
    case "partial":
      return mapped((entry, key) => (!arg || mask?.has(key) ? setOptional(entry, true) : entry));
    case "required":
      return mapped((entry, key) => (!arg || mask?.has(key) ? setOptional(entry, false) : entry));
    default:
      return undefined;
  }
}

/**
 * Apply a chained zod method to a field. Every method returns a new schema instance, so LangGraph
 * metadata attached before it (by `withLangGraph`) is dropped, as the runtime's registry lookup does.
 */
export function applyZodMethod(scope: Scope, base: ZodField, method: string, call: CallExpression, sub: (e: Node) => ZodField): ZodField {
  const args = call.getArguments();
  const info = base.info;
  const type = info.schema.type;
  const object = objectMethod(scope, base, method, call, sub);
  if (object) return object;
  switch (method) {
    case "optional":
      return { ...base, info: { ...info, optional: true }, lg: undefined };
    case "nullable":
      return { ...base, info: { ...info, nullable: true }, lg: undefined };
    case "nullish":
      return { ...base, info: { ...info, optional: true, nullable: true }, lg: undefined };
    case "unwrap":
      return { ...base, info: { ...info, optional: false, nullable: false }, lg: undefined };
    case "default":
    case "prefault":
      return args[0] ? { ...base, zodDefault: defaultFingerprint(scope, args[0]), lg: undefined } : { ...base, lg: undefined };
    case "array":
      return { info: { schema: arrayOf(info), optional: false, nullable: false } };
    case "or":
      return { info: unionOf([info, ...args.map((a) => sub(a).info)]) };
    case "and":
      return { info: intersectionOf([info, ...args.map((a) => sub(a).info)]) };
    case "int":
      return type === "number" ? withKeywords(base, { type: "integer" }) : withCheck(base, method);
    case "nonempty":
      return withKeywords(base, type === "array" ? { minItems: 1 } : { minLength: 1 });
    default:
      break;
  }
  if (NEUTRAL.has(method)) return { ...base, lg: undefined };
  const limits = type === "string" ? STRING_LIMITS : type === "array" ? ARRAY_LIMITS : type === "number" || type === "integer" ? NUMBER_LIMITS : undefined;
  const keywords = limits?.[method];
  const value = numberArg(scope, args[0]);
  if (keywords && value !== undefined) return withKeywords(base, Object.fromEntries(keywords.map((k) => [k, value])));
  const sign = type === "number" || type === "integer" ? NUMBER_SIGNS[method] : undefined;
  if (sign) return withKeywords(base, { [sign[0]]: sign[1] });
  const format = type === "string" ? STRING_FORMATS[method] : undefined;
  if (format) return withKeywords(base, { format });
  if (type === "string" && method === "regex" && args[0] && Node.isRegularExpressionLiteral(args[0])) {
    return withKeywords(base, { pattern: args[0].getLiteralValue().source });
  }
  return withCheck(base, method);
}
