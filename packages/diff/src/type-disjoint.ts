/**
 * Disjoint types: no value the old type describes is a value of the new type (another object shape, a string
 * that became a number). A stored value under such a key is unusable to v2 code, which is worse than a
 * narrowing, where only some old values are out of the new type (rows 9a, 10f).
 *
 * `null` (and a missing value) is left out on purpose: it is "no value", so two types that share only
 * `null` still share no usable value. The answer is conservative the other way: whatever is not modelled
 * here (`allOf`, `x-source`, `{}`) is not disjoint.
 */
type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema => value !== null && typeof value === "object" && !Array.isArray(value);

/** The JSON types a schema allows, `null` left out, `number` spelling out `integer`; undefined when not stated. */
function typesOf(schema: Schema): Set<string> | undefined {
  const values = valuesOf(schema);
  const raw = values ? values.map(typeOfValue) : Array.isArray(schema.type) ? schema.type.map(String) : typeof schema.type === "string" ? [schema.type] : undefined;
  if (!raw) return undefined;
  return new Set(raw.flatMap((t) => (t === "number" ? ["number", "integer"] : [t])).filter((t) => t !== "null"));
}

function valuesOf(schema: Schema): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum.filter((v) => v !== null);
  if ("const" in schema) return schema.const === null ? [] : [schema.const];
  return undefined;
}

function typeOfValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

const properties = (s: Schema): Schema => (isSchema(s.properties) ? s.properties : {});
const required = (s: Schema): string[] => (Array.isArray(s.required) ? s.required.map(String) : []);

/** True when no non-null value of `before` is a value of `after`. */
export function disjointTypes(before: unknown, after: unknown): boolean {
  if (!isSchema(before) || !isSchema(after)) return false;
  if ("x-source" in before || "x-source" in after || "allOf" in before || "allOf" in after) return false;
  const unionA = before.anyOf ?? before.oneOf;
  if (Array.isArray(unionA)) return unionA.every((branch) => disjointTypes(branch, after));
  const unionB = after.anyOf ?? after.oneOf;
  if (Array.isArray(unionB)) return unionB.every((branch) => disjointTypes(before, branch));
  const valuesA = valuesOf(before);
  const valuesB = valuesOf(after);
  if (valuesA && valuesB) {
    const allowed = new Set(valuesB.map((v) => JSON.stringify(v)));
    return valuesA.every((v) => !allowed.has(JSON.stringify(v)));
  }
  const typesA = typesOf(before);
  const typesB = typesOf(after);
  if (!typesA || !typesB) return false;
  // No shared JSON type (a type that allows nothing but null shares none): no shared value.
  const shared = [...typesA].filter((t) => typesB.has(t));
  if (shared.length === 0) return true;
  if (valuesA || valuesB) return false;
  if (shared.length !== 1) return false;
  if (shared[0] === "array") return isSchema(before.items) && isSchema(after.items) && disjointTypes(before.items, after.items);
  if (shared[0] === "object") return disjointObjects(before, after);
  return false;
}

/**
 * Two object shapes share no value when a property both require has disjoint types, or when the new shape
 * requires properties and keeps none of the old ones (every old value lacks them: another shape).
 */
function disjointObjects(before: Schema, after: Schema): boolean {
  const propsA = properties(before);
  const propsB = properties(after);
  const requiredA = new Set(required(before));
  for (const key of required(after)) {
    if (requiredA.has(key) && key in propsA && disjointTypes(propsA[key], propsB[key])) return true;
  }
  const kept = Object.keys(propsA).filter((key) => key in propsB);
  return required(after).length > 0 && Object.keys(propsA).length > 0 && kept.length === 0;
}
