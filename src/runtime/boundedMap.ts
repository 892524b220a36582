/**
 * Maps an async source through `work` with at most `concurrency` calls in flight.
 * `ordered` yields results in source order (a result waits for those before it);
 * otherwise results are yielded as they finish. Pull-based: nothing new is started
 * while the consumer is not asking, so memory is bounded by `concurrency` items.
 * On error or early return, pending work is awaited (errors after the first ignored).
 */
export async function* boundedMap<T, R>(
  source: AsyncIterable<T>,
  work: (item: T, index: number) => Promise<R>,
  options: { concurrency: number; ordered: boolean },
): AsyncGenerator<R> {
  const iterator = source[Symbol.asyncIterator]();
  const inFlight = new Map<number, Promise<{ index: number; result: R }>>();
  let nextIndex = 0;
  let nextToYield = 0;
  let exhausted = false;
  const finished = new Map<number, R>();
  try {
    for (;;) {
      while (!exhausted && inFlight.size + finished.size < options.concurrency) {
        const step = await iterator.next();
        if (step.done) {
          exhausted = true;
          break;
        }
        const index = nextIndex++;
        const promise = work(step.value, index).then((result) => ({ index, result }));
        promise.catch(() => undefined); // observed by Promise.race below
        inFlight.set(index, promise);
      }
      if (options.ordered && finished.has(nextToYield)) {
        const result = finished.get(nextToYield)!;
        finished.delete(nextToYield++);
        yield result;
        continue;
      }
      if (inFlight.size === 0) return;
      const { index, result } = await Promise.race(inFlight.values());
      inFlight.delete(index);
      if (options.ordered) finished.set(index, result);
      else yield result;
    }
  } finally {
    await Promise.allSettled(inFlight.values());
    await iterator.return?.();
  }
}
