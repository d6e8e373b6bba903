/**
 * Type comparison for state channels. json-schema-diff decides narrowing (removed values) and widening
 * (added values); it does not understand `enum` or `const`, so value sets are compared here and those
 * keywords are replaced by their base types before json-schema-diff sees the schemas. Types the extractor
 * could not model carry `x-source` and are compared by text. The value-set question goes to schema-sets.ts,
 * which splits unions and objects so that only the pieces that differ reach the library, memoises, and
 * answers "too complex" past a budget rather than run for minutes.
 */
import { canonicalJson } from "./match.js";
import { DEFAULT_BUDGET, diffSchemaSets, type CompareBudget } from "./schema-sets.js";
import type { ChannelTypeView } from "./types.js";

export interface TypeComparison {
  changed: boolean;
  /** Some value the old type accepted is no longer accepted. */
  narrowed: boolean;
  /** Some value the new type accepts was not accepted before. */
  widened: boolean;
  /** One side could not be modelled (`x-source`): only text equality is known. */
  unmodelled: boolean;
  /** Human-readable notes on what changed, e.g. `null no longer allowed`. */
  details: string[];
  /** The types were too complex to compare within the budget (then `unmodelled` is set too). */
  tooComplex?: boolean;
}

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function hasKey(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((v) => hasKey(v, key));
  if (!isSchema(value)) return false;
  return key in value || Object.values(value).some((v) => hasKey(v, key));
}

function jsonType(value: unknown): string[] {
  if (value === null) return ["null"];
  if (Array.isArray(value)) return ["array"];
  if (typeof value === "number") return Number.isInteger(value) ? ["integer", "number"] : ["number"];
  return [typeof value];
}

function typesOf(schema: Schema): string[] | undefined {
  const t = schema.type;
  if (typeof t === "string") return t === "number" ? ["number", "integer"] : [t];
  if (Array.isArray(t)) return t.flatMap((x) => (x === "number" ? ["number", "integer"] : [String(x)]));
  return undefined;
}

function valuesOf(schema: Schema): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  if ("const" in schema) return [schema.const];
  return undefined;
}

/** Replace every enum/const by the JSON types of its values, recursively. */
function stripValueSets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripValueSets);
  if (!isSchema(value)) return value;
  const out: Schema = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "enum" || key === "const") continue;
    out[key] = key === "properties" && isSchema(v)
      ? Object.fromEntries(Object.entries(v).map(([k, s]) => [k, stripValueSets(s)]))
      : stripValueSets(v);
  }
  const values = valuesOf(value);
  if (values && out.type === undefined) {
    const types = [...new Set(values.map((v) => jsonType(v)[0]))];
    out.type = types.length === 1 ? types[0] : types;
  }
  return out;
}

/** Compare enum/const value sets found at the same place in both schemas. */
function compareValueSets(a: Schema, b: Schema, where: string, out: TypeComparison): void {
  const va = valuesOf(a);
  const vb = valuesOf(b);
  const label = where === "" ? "" : ` at ${where}`;
  if (va || vb) {
    const fits = (values: unknown[], schema: Schema) => {
      const allowed = typesOf(schema);
      return allowed === undefined || values.every((v) => jsonType(v).some((t) => allowed.includes(t)));
    };
    if (va && vb) {
      const sa = new Set(va.map((v) => JSON.stringify(v)));
      const sb = new Set(vb.map((v) => JSON.stringify(v)));
      const removed = [...sa].filter((v) => !sb.has(v));
      const added = [...sb].filter((v) => !sa.has(v));
      if (removed.length > 0) note(out, "narrowed", `values ${removed.join(", ")} no longer allowed${label}`);
      if (added.length > 0) note(out, "widened", `values ${added.join(", ")} now allowed${label}`);
    } else if (vb) {
      note(out, "narrowed", `restricted to ${vb.map((v) => JSON.stringify(v)).join(", ")}${label}`);
      if (!fits(vb, a)) note(out, "widened", `new value types allowed${label}`);
    } else if (va) {
      if (fits(va, b)) note(out, "widened", `no longer restricted to ${va.map((v) => JSON.stringify(v)).join(", ")}${label}`);
      else note(out, "narrowed", `old values ${va.map((v) => JSON.stringify(v)).join(", ")} no longer allowed${label}`);
    }
    return;
  }
  if (isSchema(a.properties) && isSchema(b.properties)) {
    for (const [key, sa] of Object.entries(a.properties)) {
      const sb = (b.properties as Schema)[key];
      if (isSchema(sa) && isSchema(sb)) compareValueSets(sa, sb, where === "" ? key : `${where}.${key}`, out);
    }
  }
  if (isSchema(a.items) && isSchema(b.items)) compareValueSets(a.items, b.items, `${where}[]`, out);
  if (isSchema(a.additionalProperties) && isSchema(b.additionalProperties))
    compareValueSets(a.additionalProperties, b.additionalProperties, `${where}{}`, out);
}

function note(out: TypeComparison, direction: "narrowed" | "widened", detail: string) {
  out[direction] = true;
  out.changed = true;
  out.details.push(detail);
}

/**
 * Compare the type of one channel before and after, including its `optional` and `nullable` flags. A
 * comparison that would cost more than `budget` is reported unmodelled and `tooComplex`, never run.
 */
export async function compareChannelTypes(before: ChannelTypeView, after: ChannelTypeView, budget: CompareBudget = DEFAULT_BUDGET): Promise<TypeComparison> {
  const out: TypeComparison = { changed: false, narrowed: false, widened: false, unmodelled: false, details: [] };
  if (before.nullable && !after.nullable) note(out, "narrowed", "null no longer allowed");
  if (!before.nullable && after.nullable) note(out, "widened", "null now allowed");
  if (before.optional && !after.optional) note(out, "narrowed", "undefined no longer allowed");
  if (!before.optional && after.optional) note(out, "widened", "undefined now allowed");
  const textBefore = canonicalJson(before.type);
  const textAfter = canonicalJson(after.type);
  if (textBefore === textAfter) return out;
  if (hasKey(before.type, "x-source") || hasKey(after.type, "x-source")) {
    out.changed = true;
    out.unmodelled = true;
    out.details.push("the type could not be modelled; its source text changed");
    return out;
  }
  compareValueSets(before.type, after.type, "", out);
  try {
    // `$ref` needs the library's dereferencing, which only its public entry point does (slow, but no
    // extractor emits references: only a hand-written snapshot can hold one).
    const result = hasKey(before.type, "$ref") || hasKey(after.type, "$ref")
      ? await publicDiff(stripValueSets(before.type) as Schema, stripValueSets(after.type) as Schema)
      : diffSchemaSets(before.type, after.type, budget, (s) => stripValueSets(s) as Schema);
    if (result.tooComplex) {
      out.changed = true;
      out.unmodelled = true;
      out.tooComplex = true;
      out.details.push(`the type is too complex to compare (${result.tooComplex}): review it by hand`);
      return out;
    }
    if (result.narrowed) note(out, "narrowed", "some old values no longer match the type");
    if (result.widened) note(out, "widened", "the type accepts new values");
  } catch (error) {
    out.changed = true;
    out.unmodelled = true;
    out.details.push(`the types could not be compared (${(error as Error).message.split("\n")[0]})`);
  }
  if (!out.changed) {
    // Same set of values, different spelling (e.g. reordered anyOf): record it, nothing is at risk.
    out.changed = true;
    out.details.push("the type is spelled differently but accepts the same values");
  }
  return out;
}

async function publicDiff(source: Schema, destination: Schema): Promise<{ narrowed: boolean; widened: boolean; tooComplex?: string }> {
  // Loaded on first use (0.2 s): `rules`, `explain` and the editor's first lint of an unchanged type skip it.
  const { default: jsonSchemaDiff } = await import("json-schema-diff");
  const result = await jsonSchemaDiff.diffSchemas({ sourceSchema: source as never, destinationSchema: destination as never });
  return { narrowed: result.removalsFound, widened: result.additionsFound };
}
