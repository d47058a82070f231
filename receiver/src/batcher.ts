/**
 * Group commit: receipts that arrive while a write is in flight are written together in
 * the next one, and each request is answered only once the write holding it committed.
 * One write at a time per connection turns N fsyncs into one, which is what lets the
 * embedded store (one connection) take well over 1,000 receipts/s.
 */
/** The queue is full: the store is not keeping up (or hangs). Answered 503, retried by the widget. */
export class QueueFull extends Error {
  constructor(size: number) {
    super(`${size} receipts already waiting for the store`);
  }
}

export class GroupCommit<T> {
  private queue: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxBatch = 500,
    private readonly maxConcurrent = 1,
    private readonly minParallelBatch = 16,
    // Back-pressure: while the store hangs, answer 503 at once rather than hold an
    // ever-growing queue in memory (a queued receipt is a visitor's request left open).
    private readonly maxQueue = 10_000,
  ) {}

  add(item: T): Promise<void> {
    if (this.queue.length >= this.maxQueue) return Promise.reject(new QueueFull(this.queue.length));
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once every item added so far has been written (or failed). */
  drain(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxConcurrent || this.queue.length === 0) return;
    // A write is already in flight and few are waiting: let them wait for it to finish and
    // go together, rather than spend a whole commit on a handful.
    if (this.inFlight > 0 && this.queue.length < this.minParallelBatch) return;
    this.scheduled = true;
    // setImmediate: the requests parsed in the same turn of the event loop share a write.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.inFlight >= this.maxConcurrent || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.inFlight += 1;
    this.write(batch.map((entry) => entry.item)).then(
      () => batch.forEach((entry) => entry.resolve()),
      (error: unknown) => batch.forEach((entry) => entry.reject(error)),
    ).finally(() => {
      this.inFlight -= 1;
      if (this.queue.length > 0) {
        this.schedule();
      } else if (this.inFlight === 0) {
        this.idleWaiters.splice(0).forEach((resolve) => resolve());
      }
    });
    // More waiting than one write takes, and a connection free: start another at once.
    if (this.queue.length > 0) this.schedule();
  }
}
