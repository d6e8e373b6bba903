/**
 * Channels: where state lives between supersteps (mechanism M6). A checkpoint stores each channel's
 * `checkpoint()` value; on load, channels are rebuilt from the *current* graph's specs and filled with
 * the stored values without any validation. A stored value whose channel the graph no longer has is
 * simply never read.
 */
import { InvalidUpdateError } from "./errors.js";

/** A channel kind. `update` returns whether the value changed (which bumps the channel's version). */
export interface Channel {
  readonly kind: string;
  /** Apply this superstep's writes; `[]` means "not written this step". */
  update(values: unknown[]): boolean;
  get(): unknown;
  isAvailable(): boolean;
  /** The value saved in a checkpoint, or `undefined` to leave the key out. */
  checkpoint(): unknown;
  /** A fresh channel of the same spec holding a saved value. */
  fromCheckpoint(saved: unknown): Channel;
  /** Called when a task that was triggered by this channel runs; true if that cleared it. */
  consume(): boolean;
}

/** Thrown by `get()` of an empty channel. */
export class EmptyChannelError extends Error {
  override name = "EmptyChannelError";
}

/**
 * Holds the last value written; two writes in one superstep are a conflict (row 11f). An initial value
 * (a zod `withLangGraph` default) is given to every channel built from this spec, so it also fills a key
 * an old checkpoint lacks (row 10d).
 */
export class LastValue implements Channel {
  readonly kind = "LastValue";
  private value: unknown[] = [];
  constructor(private readonly initialValue?: () => unknown) {
    if (initialValue) this.value = [initialValue()];
  }
  update(values: unknown[]): boolean {
    if (values.length === 0) return false;
    if (values.length !== 1) {
      const error = new InvalidUpdateError("LastValue can only receive one value per step.");
      error.lc_error_code = "INVALID_CONCURRENT_GRAPH_UPDATE";
      throw error;
    }
    this.value = [values[0]];
    return true;
  }
  get(): unknown {
    if (this.value.length === 0) throw new EmptyChannelError();
    return this.value[0];
  }
  isAvailable(): boolean {
    return this.value.length > 0;
  }
  checkpoint(): unknown {
    return this.value.length > 0 ? this.value[0] : undefined;
  }
  fromCheckpoint(saved: unknown): Channel {
    const channel = new LastValue(this.initialValue);
    if (saved !== undefined) channel.value = [saved];
    return channel;
  }
  consume(): boolean {
    return false;
  }
}

/**
 * Folds writes into the stored value with a reducer. The default is computed when the channel is
 * created, so it is saved in the thread's first checkpoint and later default changes never reach
 * that thread (row 11d). A stored value is fed to the reducer as is, whatever its type (row 11e).
 */
export class BinaryOperatorAggregate implements Channel {
  readonly kind = "BinaryOperatorAggregate";
  private value: unknown;
  constructor(
    private readonly operator: (current: any, update: any) => unknown,
    private readonly initialValue?: () => unknown,
  ) {
    this.value = initialValue?.();
  }
  update(values: unknown[]): boolean {
    if (values.length === 0) return false;
    let rest = values;
    if (this.value === undefined) {
      this.value = values[0];
      rest = values.slice(1);
    }
    for (const incoming of rest) this.value = this.operator(this.value, incoming);
    return true;
  }
  get(): unknown {
    if (this.value === undefined) throw new EmptyChannelError();
    return this.value;
  }
  isAvailable(): boolean {
    return this.value !== undefined;
  }
  checkpoint(): unknown {
    return this.value;
  }
  fromCheckpoint(saved: unknown): Channel {
    const channel = new BinaryOperatorAggregate(this.operator, this.initialValue);
    if (saved !== undefined) channel.value = saved;
    return channel;
  }
  consume(): boolean {
    return false;
  }
}

/**
 * Holds a value for one superstep only; cleared (with a version bump) in the next superstep that does
 * not write it. `__start__` and every `branch:to:<node>` trigger are ephemeral.
 */
export class EphemeralValue implements Channel {
  readonly kind = "EphemeralValue";
  private value: unknown[] = [];
  constructor(private readonly guard = true) {}
  update(values: unknown[]): boolean {
    if (values.length === 0) {
      const had = this.value.length > 0;
      this.value = [];
      return had;
    }
    if (values.length !== 1 && this.guard) throw new InvalidUpdateError("EphemeralValue can only receive one value per step.");
    this.value = [values[values.length - 1]];
    return true;
  }
  get(): unknown {
    if (this.value.length === 0) throw new EmptyChannelError();
    return this.value[0];
  }
  isAvailable(): boolean {
    return this.value.length > 0;
  }
  checkpoint(): unknown {
    return this.value.length > 0 ? this.value[0] : undefined;
  }
  fromCheckpoint(saved: unknown): Channel {
    const channel = new EphemeralValue(this.guard);
    if (saved !== undefined) channel.value = [saved];
    return channel;
  }
  consume(): boolean {
    return false;
  }
}

/**
 * The barrier of a join edge `addEdge([a, b], c)`: available once every named source has written its
 * name. The saved value is the list of sources seen so far; a half-filled barrier survives a pause.
 */
export class NamedBarrierValue implements Channel {
  readonly kind = "NamedBarrierValue";
  private seen = new Set<string>();
  constructor(private readonly names: ReadonlySet<string>) {}
  update(values: unknown[]): boolean {
    let updated = false;
    for (const name of values as string[]) {
      if (!this.names.has(name)) throw new InvalidUpdateError(`Value ${JSON.stringify(name)} not in names ${JSON.stringify([...this.names])}`);
      if (!this.seen.has(name)) {
        this.seen.add(name);
        updated = true;
      }
    }
    return updated;
  }
  get(): unknown {
    if (!this.isAvailable()) throw new EmptyChannelError();
    return undefined;
  }
  isAvailable(): boolean {
    return this.seen.size === this.names.size && [...this.names].every((name) => this.seen.has(name));
  }
  checkpoint(): unknown {
    return [...this.seen];
  }
  fromCheckpoint(saved: unknown): Channel {
    const channel = new NamedBarrierValue(this.names);
    if (Array.isArray(saved)) channel.seen = new Set(saved as string[]);
    return channel;
  }
  consume(): boolean {
    if (!this.isAvailable()) return false;
    this.seen = new Set();
    return true;
  }
}

/** Pending Sends (the `__pregel_tasks` channel): replaced each superstep, saved as a list. */
export class Topic implements Channel {
  readonly kind = "Topic";
  private values: unknown[] = [];
  update(values: unknown[]): boolean {
    const had = this.values.length > 0;
    this.values = [...values];
    return had || values.length > 0;
  }
  get(): unknown {
    if (this.values.length === 0) throw new EmptyChannelError();
    return this.values;
  }
  isAvailable(): boolean {
    return this.values.length > 0;
  }
  checkpoint(): unknown {
    return this.values.length > 0 ? this.values : undefined;
  }
  fromCheckpoint(saved: unknown): Channel {
    const channel = new Topic();
    if (Array.isArray(saved)) channel.values = [...saved];
    return channel;
  }
  consume(): boolean {
    return false;
  }
}

/** Channels rebuilt from the graph's specs, filled with a checkpoint's values (M6: no validation). */
export function channelsFromCheckpoint(specs: Record<string, Channel>, values: Record<string, unknown>): Record<string, Channel> {
  const channels: Record<string, Channel> = {};
  for (const [name, spec] of Object.entries(specs)) channels[name] = spec.fromCheckpoint(values[name]);
  return channels;
}
