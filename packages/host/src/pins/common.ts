/** What the pin stores share: an in-process queue, and how values are copied, ordered and read from rows. */
import { newestOf } from "../state.js";
import type { HostState, LockOptions, PinStore, ThreadView } from "./types.js";

/**
 * Runs tasks one at a time per key, in call order, by chaining each on the previous one's settling. A
 * key's chain is forgotten once it runs empty, so a store serving millions of threads keeps no entry for an
 * idle one. Not reentrant: a task that waits on a task of its own key waits forever.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  /** Tasks per key queued or running, counted down as each settles (before its caller sees it settle). */
  private readonly pending = new Map<string, number>();

  /** Whether a task of `key` is running or queued. */
  busy(key: string): boolean {
    return this.pending.has(key);
  }

  run<T>(key: string, task: () => Promise<T> | T): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    const settle = () => {
      const left = this.pending.get(key)! - 1;
      if (left === 0) this.pending.delete(key);
      else this.pending.set(key, left);
    };
    // The chain's next link, which never rejects; it counts the task down first.
    const tail = result.then(settle, settle);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/** One key for a (graph, thread) pair: no two pairs share it, whatever characters the ids hold. */
export const threadKey = (graphId: string, threadId: string): string => JSON.stringify([graphId, threadId]);

/** A value as the stores keep it: plain JSON (no undefined members), shared with no caller. */
export const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Orders strings by code point, as SQLite's BINARY and Postgres's "C" collations order UTF-8 text. */
export const byCodePoint = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** A limit of `audit()` as a count of rows: undefined for all, else a whole number from 0. */
export const rowLimit = (limit: number | undefined): number | undefined => (limit === undefined ? undefined : Math.max(0, Math.floor(limit)));

/** The state of a graph nothing was deployed for. */
export const emptyState = (): HostState => ({ heads: [] });

/** `row` without its null and undefined members, as a store returns an optional field it has no value for. */
export const defined = <T extends object>(row: T): T => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined && v !== null)) as T;

/** The version `withThreadLock`'s `adoptAt` gives a thread without a row: the newest, unless a canary runs (or nothing is deployed). */
export const adoptionVersion = (state: HostState): string | undefined => (state.canary ? undefined : newestOf(state));

/** `adoptAt` for a store that holds its locks in the process: the row written under the lock, before `fn` sees the view. */
export async function adopt(store: PinStore, graphId: string, threadId: string, view: ThreadView, options: LockOptions = {}): Promise<ThreadView> {
  const version = options.adoptAt === undefined || view.pin !== undefined ? undefined : adoptionVersion(view.state);
  if (version === undefined) return view;
  const pin = { threadId, version, reason: [], updatedAt: options.adoptAt! };
  await store.setPin(graphId, pin);
  return { ...view, pin: copy(pin) };
}

/** `ifThreadFree` for a store that holds its locks in the process: `withThreadLock` unless the thread's queue is busy (checked and entered in one tick). */
export async function ifFree<T>(queue: KeyedQueue, key: string, lock: () => Promise<T>): Promise<{ held: true; value: T } | { held: false }> {
  if (queue.busy(key)) return { held: false };
  return { held: true, value: await lock() };
}
