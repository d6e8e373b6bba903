/**
 * `Annotation` / `Annotation.Root`: the state schema. Each key becomes a channel: a plain
 * `Annotation<T>` is a `LastValue`; one with a `reducer` is a `BinaryOperatorAggregate` whose
 * `default` is evaluated when a thread's channels are first created (and then persisted, M6).
 * Like LangGraph, nothing here validates values (M7: `Annotation.Root` is never validated).
 */
import { BinaryOperatorAggregate, LastValue, type Channel } from "./channels.js";

/** Options of a reducer key. */
export interface ReducerSpec<Value = any, Update = Value> {
  reducer: (current: Value, update: Update) => Value;
  default?: () => Value;
}

/** A state key's channel spec; `make()` builds an empty channel. */
export interface StateKeySpec<Value = any> {
  readonly lg_annotation: true;
  readonly make: () => Channel;
  /** Type-only marker. */
  readonly __value?: Value;
}

function lastValueKey(): StateKeySpec {
  return { lg_annotation: true, make: () => new LastValue() };
}

/**
 * Declares one state key. Call shapes as in LangGraph: `Annotation<T>` (uncalled or called with no
 * options) is last-value; `Annotation<T>({ reducer, default })` folds writes with `reducer`.
 */
export function Annotation<Value = any, Update = Value>(spec?: ReducerSpec<Value, Update>): StateKeySpec<Value> {
  if (spec === undefined) return lastValueKey();
  return {
    lg_annotation: true,
    make: () => new BinaryOperatorAggregate(spec.reducer, spec.default),
  };
}

/** A state schema: `Annotation.Root({ key: Annotation<T>, ... })`. */
export class AnnotationRoot<Spec extends Record<string, unknown> = Record<string, any>> {
  readonly lg_is_root = true;
  /** Type-only: the state object nodes receive. */
  declare State: { [K in keyof Spec]: any };
  /** Type-only: what a node may return. */
  declare Update: Partial<{ [K in keyof Spec]: any }>;
  constructor(public readonly spec: Spec) {}

  /** One empty channel per key, in declaration order. */
  channels(): Record<string, Channel> {
    const channels: Record<string, Channel> = {};
    for (const [key, value] of Object.entries(this.spec)) channels[key] = toKeySpec(value).make();
    return channels;
  }
}

function toKeySpec(value: unknown): StateKeySpec {
  if (typeof value === "object" && value !== null && (value as StateKeySpec).lg_annotation) return value as StateKeySpec;
  // `Annotation<T>` passed uncalled (the function itself), as in LangGraph examples.
  return lastValueKey();
}

/** `Annotation.Root(spec)` builds a schema. */
Annotation.Root = <Spec extends Record<string, unknown>>(spec: Spec): AnnotationRoot<Spec> => new AnnotationRoot(spec);
