import { ServiceUnavailableError } from "../errors.ts";

/**
 * Admits at most `concurrency` pieces of async work at once and lets at most `queueLimit`
 * more wait, in order of arrival. Work beyond that is refused at once with 503 and
 * Retry-After instead of piling up: for work that already runs off the event loop (scrypt
 * on libuv's threadpool) but must not queue without end.
 */
export interface ConcurrencyGateOptions {
  concurrency: number;
  queueLimit: number;
  /** Ends the refusal's Message: "The server is busy <what>." */
  what: string;
  retryAfterSeconds?: number;
}

export class ConcurrencyGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: ConcurrencyGateOptions) {}

  get load(): { running: number; waiting: number } {
    return { running: this.active, waiting: this.waiting.length };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.options.concurrency) {
      this.active += 1;
    } else if (this.waiting.length < this.options.queueLimit) {
      // The finishing work hands its slot over, so `active` stays counted.
      await new Promise<void>((admit) => this.waiting.push(admit));
    } else {
      throw new ServiceUnavailableError(`The server is busy ${this.options.what}. Try again in a few seconds.`, {
        retryAfterSeconds: this.options.retryAfterSeconds ?? 2,
        code: "ServerBusy",
      });
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
