/**
 * Bounds how many password hashes are computed at once (argon2 takes ~170 ms and 64 MiB each, on
 * libuv's small thread pool, which file and DNS work share) and how many wait: a flood of logins
 * waits its turn or is told to come back, and the rest of the service keeps answering.
 */
export class GateBusyError extends Error {
  constructor() {
    super('Too many password checks are waiting');
  }
}

export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private concurrency: number,
    private queueLimit: number,
  ) {}

  configure(concurrency: number, queueLimit: number): void {
    this.concurrency = concurrency;
    this.queueLimit = queueLimit;
  }

  /** Now running and waiting (for tests and metrics). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queueLimit) throw new GateBusyError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` never exceeds the bound.
      if (next) next();
      else this.running--;
    }
  }
}

/** The process's one gate for password hashing (configured from AppConfig by AuthService). */
export const passwordGate = new Gate(2, 32);
