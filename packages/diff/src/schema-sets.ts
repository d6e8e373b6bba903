/**
 * Value-set comparison of two JSON Schemas (enum/const already replaced by their types): does the old
 * schema accept a value the new one rejects (narrowed), or the reverse (widened)?
 *
 * json-schema-diff answers this by building both value sets, intersecting and complementing them. Called
 * whole on large union types that is slow twice over: every public call validates both schemas with a
 * fresh ajv instance (about 0.3 s, whatever the size), and the complement of a union of objects grows as
 * the product of its members. So, before the library is asked anything:
 * - identical sub-schemas are equal without a call (canonical JSON);
 * - unions are compared member by member (a member present on both sides is skipped; an old member is
 *   kept when one new member covers it), objects property by property, arrays by their items; only the
 *   pieces that really differ reach the library, through its set engine (no per-call ajv);
 * - answers are memoised by the canonical text of both sides, for the whole process (all graphs of a run,
 *   and every run of a long-lived host);
 * - every library call is priced beforehand by a deterministic estimate of the terms its complement may
 *   hold; past the budget the answer is "too complex", never a hang. A wall-clock bound on the whole
 *   comparison, checked between calls, is the last resort.
 */
import { createRequire } from "node:module";
import { canonicalJson } from "./match.js";

type Schema = Record<string, unknown>;

/** The answer for one pair of schemas; `tooComplex` says why none could be given within the budget. */
export interface SetDiff {
  narrowed: boolean;
  widened: boolean;
  tooComplex?: string;
}

/** What one type comparison may spend. */
export interface CompareBudget {
  /** Largest estimated work of one library call (terms of one side's complement times the other's). */
  callWork: number;
  /** Largest estimated work of all library calls of one comparison together. */
  totalWork: number;
  /** Wall-clock bound of one comparison, checked before each library call (last resort only). */
  wallMs: number;
}

/**
 * Calibrated on this library: an estimate of 5e5 (a union of four 3-property objects against the same
 * with one member changed, compared whole) takes about a second; the estimate grows with the product of
 * union members, the time with it.
 */
export const DEFAULT_BUDGET: CompareBudget = { callWork: 500_000, totalWork: 2_000_000, wallMs: 10_000 };

/** Counters for tests and benchmarks: how often the library really ran, how often the memo answered. */
export const setDiffStats = { libraryCalls: 0, memoHits: 0 };

const MEMO_LIMIT = 5_000;
const memo = new Map<string, SetDiff>();

/** Forget every memoised answer (tests; a long-lived host never needs to). */
export function clearSetDiffMemo(): void {
  memo.clear();
}

interface Run {
  budget: CompareBudget;
  prepare: (s: Schema) => Schema;
  work: number;
  started: number;
}

const SAME: SetDiff = { narrowed: false, widened: false };
const isSchema = (value: unknown): value is Schema => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * Compare `a` (old) with `b` (new) within `budget`. `prepare` turns a piece into what the library sees
 * (the caller replaces enum/const by base types there; the split above still uses the literals, e.g. to
 * tell the members of a discriminated union apart). The memo assumes one `prepare` per process.
 */
export function diffSchemaSets(a: Schema, b: Schema, budget: CompareBudget = DEFAULT_BUDGET, prepare: (s: Schema) => Schema = (s) => s): SetDiff {
  return setDiff(a, b, { budget, prepare, work: 0, started: Date.now() });
}

function setDiff(a: unknown, b: unknown, run: Run): SetDiff {
  const ka = canonicalJson(a);
  const kb = canonicalJson(b);
  if (ka === kb) return SAME;
  const key = `${ka}\n${kb}`;
  const hit = memo.get(key);
  if (hit) {
    setDiffStats.memoHits++;
    return hit;
  }
  const out = decide(asSchema(a), asSchema(b), run);
  // "Too complex" depends on what this comparison had spent already (and on the clock): not memoised.
  if (!out.tooComplex) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, out);
  }
  return out;
}

/** `true` accepts anything, `false` nothing: the forms below only deal with objects. */
function asSchema(value: unknown): Schema {
  if (value === true || value === undefined) return {};
  if (value === false) return { not: {} };
  return value as Schema;
}

function decide(a: Schema, b: Schema, run: Run): SetDiff {
  const ma = members(a);
  const mb = members(b);
  if (ma.length > 1 || mb.length > 1) return unionDiff(ma, mb, run);
  return typeOnlyDiff(a, b) ?? objectDiff(a, b, run) ?? arrayDiff(a, b, run) ?? library(a, b, run);
}

/** The members of a plain `anyOf` (nested ones flattened); any other schema is its own only member. */
function members(s: Schema): Schema[] {
  const keys = Object.keys(s);
  if (keys.length !== 1 || keys[0] !== "anyOf" || !Array.isArray(s.anyOf)) return [s];
  return s.anyOf.flatMap((m) => members(asSchema(m)));
}

function combine(x: SetDiff, y: SetDiff): SetDiff {
  if (x.tooComplex || y.tooComplex) return { narrowed: false, widened: false, tooComplex: x.tooComplex ?? y.tooComplex };
  return { narrowed: x.narrowed || y.narrowed, widened: x.widened || y.widened };
}

/**
 * A union accepts what one of its members accepts. A member on both sides is skipped; an old member is
 * kept when some single new member covers it; only an old member no single new member covers goes to the
 * library, against the whole new union (the exact answer). Same for new members against the old union.
 */
function unionDiff(ma: Schema[], mb: Schema[], run: Run): SetDiff {
  const textA = new Set(ma.map((m) => canonicalJson(m)));
  const textB = new Set(mb.map((m) => canonicalJson(m)));
  const narrowed = uncovered(ma.filter((m) => !textB.has(canonicalJson(m))), mb, run, "narrowed");
  if (typeof narrowed === "string") return { narrowed: false, widened: false, tooComplex: narrowed };
  const widened = uncovered(mb.filter((m) => !textA.has(canonicalJson(m))), ma, run, "widened");
  if (typeof widened === "string") return { narrowed: false, widened: false, tooComplex: widened };
  return { narrowed, widened };
}

/** True when some member of `rest` is not within `union`; a string when that cannot be decided. */
function uncovered(rest: Schema[], union: Schema[], run: Run, lost: "narrowed" | "widened"): boolean | string {
  for (const m of rest) {
    // Members that share no value with `m` cannot help to cover it: only the others are asked.
    const overlapping = union.filter((other) => !disjoint(m, other));
    let covered = false;
    for (const other of overlapping) {
      const r = lost === "narrowed" ? setDiff(m, other, run) : setDiff(other, m, run);
      if (!r.tooComplex && !r[lost]) {
        covered = true;
        break;
      }
    }
    if (covered) continue;
    if (overlapping.length <= 1) return true;
    const whole = { anyOf: overlapping };
    const r = lost === "narrowed" ? library(m, whole, run) : library(whole, m, run);
    if (r.tooComplex) return r.tooComplex;
    if (r[lost]) return true;
  }
  return false;
}

/** The literal values a schema allows, when it lists them (`enum`, `const`). */
function valuesOf(s: Schema): string[] | undefined {
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v));
  if ("const" in s) return [JSON.stringify(s.const)];
  return undefined;
}

/**
 * True only when no value satisfies both schemas: different JSON types, different literal values, or
 * objects one of which requires a property the other cannot hold (a closed object without it, or a
 * disjoint schema for it, as a discriminator's `const`). False means "may overlap".
 */
function disjoint(x: Schema, y: Schema): boolean {
  const tx = typeList(x);
  const ty = typeList(y);
  const meets = (t: string, set: string[]) => set.includes(t) || (t === "integer" && set.includes("number")) || (t === "number" && set.includes("integer"));
  if (tx && ty && !tx.some((t) => meets(t, ty))) return true;
  const vx = valuesOf(x);
  const vy = valuesOf(y);
  if (vx && vy && !vx.some((v) => vy.includes(v))) return true;
  if (x.type !== "object" || y.type !== "object") return false;
  return requiresWhatOtherLacks(x, y) || requiresWhatOtherLacks(y, x);
}

function requiresWhatOtherLacks(x: Schema, y: Schema): boolean {
  const propsX = (isSchema(x.properties) ? x.properties : {}) as Schema;
  const propsY = (isSchema(y.properties) ? y.properties : {}) as Schema;
  const requiredY = Array.isArray(y.required) ? (y.required as unknown[]) : [];
  for (const key of Array.isArray(x.required) ? (x.required as unknown[]) : []) {
    if (typeof key !== "string") continue;
    const there = key in propsY ? propsY[key] : (y.additionalProperties ?? true);
    if (there === false) return true;
    if (requiredY.includes(key) && isSchema(propsX[key]) && isSchema(there) && disjoint(propsX[key] as Schema, there)) return true;
  }
  return false;
}

const ANNOTATIONS = new Set(["description", "title", "$comment", "examples", "default"]);
const only = (s: Schema, allowed: string[]) => Object.keys(s).every((k) => allowed.includes(k) || ANNOTATIONS.has(k));

function typeList(s: Schema): string[] | undefined {
  if (typeof s.type === "string") return [s.type];
  if (Array.isArray(s.type) && s.type.every((t) => typeof t === "string")) return s.type as string[];
  return undefined;
}

/** Schemas that only name JSON types: compared as sets of type names (integer lies within number). */
function typeOnlyDiff(a: Schema, b: Schema): SetDiff | undefined {
  const ta = typeList(a);
  const tb = typeList(b);
  if (!ta || !tb || !only(a, ["type"]) || !only(b, ["type"])) return undefined;
  const within = (t: string, set: string[]) => set.includes(t) || (t === "integer" && set.includes("number"));
  return { narrowed: ta.some((t) => !within(t, tb)), widened: tb.some((t) => !within(t, ta)) };
}

const OBJECT_KEYS = ["type", "properties", "required", "additionalProperties"];

/**
 * Two plain object schemas. Their value sets are products over property names (each name: absent if not
 * required, else a value of its schema, or of `additionalProperties` for unnamed ones), so a value is
 * lost exactly when one name loses an option. Exact as long as no property schema is empty: a schema
 * with `not` anywhere goes to the library whole.
 */
function objectDiff(a: Schema, b: Schema, run: Run): SetDiff | undefined {
  const plain = (s: Schema) => s.type === "object" && only(s, OBJECT_KEYS) && !hasKey(s.properties, "not") && !hasKey(s.additionalProperties, "not");
  if (!plain(a) || !plain(b)) return undefined;
  const propsA = (isSchema(a.properties) ? a.properties : {}) as Schema;
  const propsB = (isSchema(b.properties) ? b.properties : {}) as Schema;
  const reqA = new Set(Array.isArray(a.required) ? (a.required as string[]) : []);
  const reqB = new Set(Array.isArray(b.required) ? (b.required as string[]) : []);
  const extraA = a.additionalProperties ?? true;
  const extraB = b.additionalProperties ?? true;
  // A required name that no schema allows makes the whole set empty: let the library see that.
  for (const [props, req, extra] of [[propsA, reqA, extraA], [propsB, reqB, extraB]] as const) {
    if ([...req].some((k) => (k in props ? props[k] : extra) === false)) return library(a, b, run);
  }
  const names = new Set([...Object.keys(propsA), ...Object.keys(propsB), ...reqA, ...reqB]);
  let out: SetDiff = SAME;
  const option = (sa: unknown, sb: unknown, optA: boolean, optB: boolean): SetDiff => {
    const absence = { narrowed: optA && !optB, widened: optB && !optA };
    if (sa === false && sb === false) return absence;
    if (sa === false) return combine(absence, { narrowed: false, widened: true });
    if (sb === false) return combine(absence, { narrowed: true, widened: false });
    return combine(absence, setDiff(sa, sb, run));
  };
  for (const name of [...names].sort()) {
    out = combine(out, option(name in propsA ? propsA[name] : extraA, name in propsB ? propsB[name] : extraB, !reqA.has(name), !reqB.has(name)));
    if (out.tooComplex || (out.narrowed && out.widened)) return out;
  }
  return combine(out, option(extraA, extraB, true, true));
}

/** Two arrays that differ at most in their items: lists of the items (the empty list is in both). */
function arrayDiff(a: Schema, b: Schema, run: Run): SetDiff | undefined {
  const plain = (s: Schema) => s.type === "array" && only(s, ["type", "items"]) && !Array.isArray(s.items);
  if (!plain(a) || !plain(b)) return undefined;
  if (a.items === false || b.items === false) return library(a, b, run);
  return setDiff(a.items, b.items, run);
}

function hasKey(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((v) => hasKey(v, key));
  if (!isSchema(value)) return false;
  return key in value || Object.values(value).some((v) => hasKey(v, key));
}

/**
 * Terms the library's complement of `s` may hold, as it builds them: a union multiplies its members'
 * counts (the complement of a union is the intersection of complements), an object adds one per
 * property. Capped, so the figure stays finite on any input.
 */
export function complementTerms(value: unknown): number {
  const s = asSchema(value);
  let terms = 1 + (typeList(s)?.length ?? 1);
  for (const sub of Object.values(isSchema(s.properties) ? s.properties : {})) terms += complementTerms(sub);
  if (isSchema(s.additionalProperties)) terms += complementTerms(s.additionalProperties);
  if (isSchema(s.items)) terms += complementTerms(s.items);
  if (Array.isArray(s.allOf)) for (const m of s.allOf) terms += complementTerms(m);
  if (isSchema(s.not)) terms += complementTerms(s.not);
  for (const key of ["anyOf", "oneOf"] as const) {
    const list = s[key];
    if (!Array.isArray(list)) continue;
    // oneOf also intersects each member with the others' complements: one more factor of its width.
    let product = key === "oneOf" ? list.length : 1;
    for (const m of list) product = Math.min(product * complementTerms(m), 1e15);
    terms = Math.min(terms * product, 1e15);
  }
  return terms;
}

interface JsonSet {
  type: string;
  intersect(other: JsonSet): JsonSet;
  complement(): JsonSet;
}
type Parse = (schema: unknown, context: unknown) => JsonSet;

let parse: Parse | undefined;

/**
 * The library's set engine, without its per-call ajv validation (our schemas come from the extractor or a
 * loaded snapshot) and with the absorption heuristic off: with it on, json-schema-diff 1.0.0 reports no
 * change between unions of closed objects that do differ (a member gaining or losing a property). Exact
 * answers cost time; the budget bounds it. The version is pinned in package.json: this path is internal.
 */
function engine(): Parse {
  if (!parse) {
    const require = createRequire(import.meta.url);
    parse = (require("json-schema-diff/dist/json-schema-diff/diff-schemas/parse-as-json-set.js") as { parseAsJsonSet: Parse }).parseAsJsonSet;
  }
  return parse;
}

const CONTEXT = { heuristics: { applyLawOfAbsorptionInTypeSetCartesianProduct: false } };

function library(rawA: Schema, rawB: Schema, run: Run): SetDiff {
  // The library does not understand enum/const: it sees their base types (value sets are compared apart).
  const a = run.prepare(rawA);
  const b = run.prepare(rawB);
  if (canonicalJson(a) === canonicalJson(b)) return SAME;
  const work = complementTerms(a) * complementTerms(b);
  const over = (what: string) => ({ narrowed: false, widened: false, tooComplex: what });
  if (work > run.budget.callWork) return over(`one comparison would cost about ${fmt(work)} work units, over the budget of ${fmt(run.budget.callWork)}`);
  if (run.work + work > run.budget.totalWork) return over(`the comparisons would cost about ${fmt(run.work + work)} work units, over the budget of ${fmt(run.budget.totalWork)}`);
  if (Date.now() - run.started > run.budget.wallMs) return over(`the comparison ran past ${run.budget.wallMs / 1000} s`);
  run.work += work;
  setDiffStats.libraryCalls++;
  const source = engine()(a, CONTEXT);
  const destination = engine()(b, CONTEXT);
  const outside = source.intersect(destination).complement();
  return { narrowed: outside.intersect(source).type !== "empty", widened: outside.intersect(destination).type !== "empty" };
}

const fmt = (n: number) => (n >= 1e15 ? "1e15+" : n.toLocaleString("en-US"));
