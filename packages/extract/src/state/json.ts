import { canonicalJson, type JsonSchema } from "@langgraph-compat/snapshot";

/**
 * A value type as the extractor models it: a JSON Schema without null/undefined, plus whether the value
 * may be missing (`undefined`, `?`, `.optional()`) or `null`. Top-level channels keep the two flags apart;
 * nested positions fold `null` back into the schema with {@link foldNull}.
 */
export interface TypeInfo {
  schema: JsonSchema;
  optional: boolean;
  nullable: boolean;
}

/** A type with no null/undefined. */
export function plain(schema: JsonSchema): TypeInfo {
  return { schema, optional: false, nullable: false };
}

/** `any`/`unknown`: a schema that accepts everything. */
export function isAny(schema: JsonSchema): boolean {
  return Object.keys(schema).length === 0;
}

/** The schema of a type that has no value (only null/undefined are left). */
export const NEVER: JsonSchema = { not: {} };

function uniqueSorted<T>(values: T[]): T[] {
  const byText = new Map<string, T>();
  for (const value of values) byText.set(canonicalJson(value), value);
  return [...byText.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

/** The schema of a nested position: `null` folded in as an `anyOf` member. */
export function foldNull(info: TypeInfo): JsonSchema {
  if (!info.nullable || isAny(info.schema)) return info.schema;
  if (canonicalJson(info.schema) === canonicalJson(NEVER)) return { type: "null" };
  const members = Object.keys(info.schema).length === 1 && Array.isArray(info.schema.anyOf)
    ? (info.schema.anyOf as JsonSchema[])
    : [info.schema];
  return { anyOf: uniqueSorted([...members, { type: "null" }]) };
}

/**
 * A union, normalized so the way it is written does not matter: members are flattened, literals merged
 * into one sorted `enum` (`const` for one), `true|false` becomes `boolean`, null/undefined become flags,
 * and the remaining members are deduplicated and sorted into `anyOf`.
 */
export function unionOf(members: TypeInfo[]): TypeInfo {
  let optional = false;
  let nullable = false;
  const literals: unknown[] = [];
  const others: JsonSchema[] = [];
  const add = (schema: JsonSchema): void => {
    const keys = Object.keys(schema);
    if (keys.length === 1 && schema.type === "null") nullable = true;
    else if (keys.length === 1 && "const" in schema) literals.push(schema.const);
    else if (keys.length === 1 && Array.isArray(schema.enum)) literals.push(...(schema.enum as unknown[]));
    else if (keys.length === 1 && Array.isArray(schema.anyOf)) (schema.anyOf as JsonSchema[]).forEach(add);
    else if (canonicalJson(schema) !== canonicalJson(NEVER)) others.push(schema);
  };
  for (const member of members) {
    optional ||= member.optional;
    nullable ||= member.nullable;
    add(member.schema);
  }
  if (others.some(isAny)) return { schema: {}, optional, nullable };
  let values = uniqueSorted(literals);
  if (values.includes(true) && values.includes(false)) {
    values = values.filter((v) => typeof v !== "boolean");
    others.push({ type: "boolean" });
  }
  const parts: JsonSchema[] = [...others];
  if (values.length === 1) parts.push({ const: values[0] });
  else if (values.length > 1) parts.push({ enum: values });
  const unique = uniqueSorted(parts);
  const schema = unique.length === 0 ? NEVER : unique.length === 1 ? unique[0]! : { anyOf: unique };
  return { schema, optional, nullable };
}

/** An object type: properties with null folded in, `required` sorted (left out when empty). */
export function objectSchema(properties: Iterable<[string, TypeInfo]>, additional?: JsonSchema): JsonSchema {
  const props: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, info] of properties) {
    props[key] = foldNull(info);
    if (!info.optional) required.push(key);
  }
  const schema: JsonSchema = { type: "object", properties: props };
  if (required.length > 0) schema.required = required.sort();
  if (additional) schema.additionalProperties = additional;
  return schema;
}

/** An array of `items`. */
export function arrayOf(items: TypeInfo): JsonSchema {
  return { type: "array", items: foldNull(items) };
}

/** A `Record<K, V>`: any string key (or the keys `K` allows) to `V`. */
export function recordOf(key: TypeInfo | undefined, value: TypeInfo): JsonSchema {
  const schema: JsonSchema = { type: "object", additionalProperties: foldNull(value) };
  if (key && !(key.schema.type === "string" && Object.keys(key.schema).length === 1) && !isAny(key.schema)) {
    schema.propertyNames = key.schema;
  }
  return schema;
}

/** An intersection: objects are merged, anything else kept as `allOf`. */
export function intersectionOf(members: TypeInfo[]): TypeInfo {
  const optional = members.every((m) => m.optional);
  const nullable = members.every((m) => m.nullable);
  const schemas = members.map((m) => m.schema).filter((s) => !isAny(s));
  const allObjects = schemas.length > 0 && schemas.every((s) => s.type === "object" && s.properties && !s.additionalProperties);
  if (allObjects) {
    const properties: Record<string, JsonSchema> = {};
    const required = new Set<string>();
    for (const s of schemas) {
      Object.assign(properties, s.properties as Record<string, JsonSchema>);
      for (const r of (s.required as string[] | undefined) ?? []) required.add(r);
    }
    const schema: JsonSchema = { type: "object", properties };
    if (required.size > 0) schema.required = [...required].sort();
    return { schema, optional, nullable };
  }
  if (schemas.length === 1) return { schema: schemas[0]!, optional, nullable };
  return { schema: schemas.length === 0 ? {} : { allOf: uniqueSorted(schemas) }, optional, nullable };
}

/** A type the extractor does not model, kept by its source text. */
export function sourceType(text: string): JsonSchema {
  return { "x-source": text.replace(/\s+/g, " ").trim() };
}
