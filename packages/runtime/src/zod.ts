/**
 * Zod object states (mechanism M7), duck-typed so this package does not depend on zod: a key's channel
 * is a `LastValue` (with the `withLangGraph` default, if any) or, with a `withLangGraph` reducer, a
 * `BinaryOperatorAggregate`. A plain zod `.default()` is *not* a channel default (row 10c). Values are
 * validated only when written, and only the keys written: node outputs, invoke input and
 * `Command.update` (rows 10g, 10h, 10i, 10k); stored values are never validated (10b, 10f).
 */
import { BinaryOperatorAggregate, LastValue, type Channel } from "./channels.js";

/** The part of a zod (v3 or v4 classic) object schema this runtime uses. */
export interface ZodObjectLike {
  shape: Record<string, unknown>;
  partial(): { parse(value: unknown): Record<string, unknown> };
  safeParse(value: unknown): unknown;
}

/** What `withLangGraph` attaches to a field schema. */
export interface LangGraphFieldMeta<Value = any> {
  reducer?: { fn: (current: Value, update: any) => Value; schema?: unknown };
  default?: () => Value;
}

const fieldMeta = new WeakMap<object, LangGraphFieldMeta>();

/** Marks a zod field as having a channel default and/or a reducer (same call shape as LangGraph's). */
export function withLangGraph<Schema extends object>(schema: Schema, meta: LangGraphFieldMeta): Schema {
  fieldMeta.set(schema, meta);
  return schema;
}

/** True for a zod object schema. */
export function isZodObject(value: unknown): value is ZodObjectLike {
  const v = value as ZodObjectLike;
  return typeof v === "object" && v !== null && typeof v.shape === "object" && typeof v.partial === "function" && typeof v.safeParse === "function";
}

/** One channel per key of the zod object. */
export function zodChannels(schema: ZodObjectLike): Record<string, Channel> {
  const channels: Record<string, Channel> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const meta = fieldMeta.get(field as object);
    channels[key] = meta?.reducer ? new BinaryOperatorAggregate(meta.reducer.fn, meta.default) : new LastValue(meta?.default);
  }
  return channels;
}

/** Validates the written keys of `writes` (reducer keys are left alone); returns the parsed values. */
export function validateWrites(schema: ZodObjectLike, writes: [string, unknown][]): [string, unknown][] {
  const partial = schema.partial();
  return writes.map(([key, value]) => {
    if (!(key in schema.shape) || fieldMeta.get(schema.shape[key] as object)?.reducer) return [key, value];
    const parsed = partial.parse({ [key]: value });
    return [key, Object.prototype.hasOwnProperty.call(parsed, key) ? parsed[key] : value];
  });
}

/** Partial validation of `invoke` input (only the keys present are checked); returns the parsed input. */
export function validateInput(schema: ZodObjectLike, input: unknown): unknown {
  return schema.partial().parse(input);
}

/** Partial validation of a `Command.update`; keeps exactly the keys the update has. */
export function validateCommandUpdate(schema: ZodObjectLike, update: Record<string, unknown>): Record<string, unknown> {
  const parsed = schema.partial().parse(update);
  return Object.fromEntries(Object.keys(update).map((k) => [k, parsed[k]]));
}
