/**
 * Hands the chunks a producer pushes to an async iterator, one at a time: the producer waits for each chunk to
 * be taken, so a run held under a thread's lock streams to its caller without buffering, and stops (its `push`
 * answers false) when the caller leaves the loop early. The producer's error ends the iteration with that error.
 */
export function relay<T>(produce: (push: (chunk: T) => Promise<boolean>) => Promise<unknown>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      let wanted: ((more: boolean) => void) | undefined;
      let offered: ((result: IteratorResult<T>) => void) | undefined;
      let failed: ((error: unknown) => void) | undefined;
      let left = false;
      let started: Promise<unknown> | undefined;
      let ended: IteratorResult<T> | { error: unknown } | undefined;
      const finish = (end: IteratorResult<T> | { error: unknown }) => {
        ended = end;
        if ("error" in end) failed?.(end.error);
        else offered?.(end);
        offered = failed = undefined;
      };
      const push = (chunk: T) =>
        new Promise<boolean>((resolve) => {
          if (left) return resolve(false);
          wanted = resolve;
          offered?.({ value: chunk, done: false });
          offered = failed = undefined;
        });
      const next = (): Promise<IteratorResult<T>> =>
        new Promise((resolve, reject) => {
          if (ended !== undefined) return "error" in ended ? reject(ended.error) : resolve(ended);
          offered = resolve;
          failed = reject;
          if (started === undefined) {
            started = produce(push).then(
              () => finish({ value: undefined, done: true }),
              (error: unknown) => finish({ error }),
            );
          } else {
            const taken = wanted;
            wanted = undefined;
            taken?.(true);
          }
        });
      return {
        next,
        async return(): Promise<IteratorResult<T>> {
          left = true;
          const taken = wanted;
          wanted = undefined;
          taken?.(false);
          await started?.catch(() => undefined);
          return { value: undefined, done: true };
        },
      };
    },
  };
}
