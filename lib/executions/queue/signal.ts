/**
 * Wakes the worker as soon as a task is queued or canceled in this process, so it need not wait
 * for its next poll. Tasks queued by another process are still found by polling.
 */
let current = deferred();

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Resolves at the next change; one shared promise, so waiting often costs nothing. */
export function nextQueueChange(): Promise<void> {
  return current.promise;
}

export function signalQueueChanged(): void {
  const fired = current;
  current = deferred();
  fired.resolve();
}
