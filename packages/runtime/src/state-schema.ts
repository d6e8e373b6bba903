/**
 * `StateSchema` states: each field is a Standard Schema (zod, valibot, ...) or a `ReducedValue`. A
 * field's default is what its schema returns for `undefined`, and it is a channel default, so it also
 * fills a key an old checkpoint lacks (row 10e). Only written keys are validated, when written; a
 * failure is `Error: Validation failed for field "x": [...]` (row 10j).
 */
import { BinaryOperatorAggregate, LastValue, type Channel } from "./channels.js";

/** The Standard Schema interface (https://standardschema.dev), as far as used here. */
export interface StandardSchemaLike {
  "~standard": { validate(value: unknown): { value?: unknown; issues?: unknown[] } | Promise<{ value?: unknown; issues?: unknown[] }> };
}

function isStandardSchema(value: unknown): value is StandardSchemaLike {
  return typeof value === "object" && value !== null && typeof (value as StandardSchemaLike)["~standard"]?.validate === "function";
}

/** A field folded by `reducer`; updates are validated with `inputSchema` (default: the value schema). */
export class ReducedValue<Value = any, Update = Value> {
  readonly lg_reduced_value = true;
  readonly inputSchema: StandardSchemaLike;
  readonly reducer: (current: Value, update: Update) => Value;
  constructor(
    readonly valueSchema: StandardSchemaLike,
    init: { reducer: (current: Value, update: Update) => Value; inputSchema?: StandardSchemaLike },
  ) {
    this.reducer = init.reducer;
    this.inputSchema = init.inputSchema ?? valueSchema;
  }
}

/** The default a schema gives to a missing value, if it validates `undefined` synchronously. */
function defaultGetter(schema: StandardSchemaLike): (() => unknown) | undefined {
  try {
    const result = schema["~standard"].validate(undefined);
    if (result && typeof result === "object" && !("then" in result) && !result.issues) {
      const value = result.value;
      return () => value;
    }
  } catch {
    // a schema that cannot validate undefined has no default
  }
  return undefined;
}

/** A state schema made of per-field schemas: `new StateSchema({ note: z.string(), ... })`. */
export class StateSchema<Fields extends Record<string, unknown> = Record<string, any>> {
  readonly lg_state_schema = true;
  declare State: { [K in keyof Fields]: any };
  constructor(readonly fields: Fields) {}

  /** One channel per field. */
  channels(): Record<string, Channel> {
    const channels: Record<string, Channel> = {};
    for (const [key, field] of Object.entries(this.fields)) {
      if (field instanceof ReducedValue) channels[key] = new BinaryOperatorAggregate(field.reducer, defaultGetter(field.valueSchema));
      else if (isStandardSchema(field)) channels[key] = new LastValue(defaultGetter(field));
      else throw new Error(`Invalid state field "${key}": must be a schema or ReducedValue`);
    }
    return channels;
  }

  /** Validates each key present in `data`; keys the schema lacks pass through. */
  async validateInput(data: unknown): Promise<unknown> {
    if (data === null || typeof data !== "object") return data;
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) {
      const field = this.fields[key];
      const schema = field instanceof ReducedValue ? field.inputSchema : isStandardSchema(field) ? field : undefined;
      if (schema === undefined) {
        result[key] = value;
        continue;
      }
      const checked = await schema["~standard"].validate(value);
      if (checked.issues) throw new Error(`Validation failed for field "${key}": ${JSON.stringify(checked.issues)}`);
      result[key] = checked.value;
    }
    return result;
  }
}

/** True for a `StateSchema` of this runtime. */
export function isStateSchema(value: unknown): value is StateSchema {
  return typeof value === "object" && value !== null && (value as StateSchema).lg_state_schema === true;
}
