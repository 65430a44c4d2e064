/**
 * Bounds on every browser call of a journey: `withTimeout` for one call, `ActorClock` for the
 * actor's deadline (checked between steps and enforced by the watchdog in journey.ts, which closes
 * the actor's contexts when a call hangs past it).
 */

export class DeadlineError extends Error {}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), Math.max(0, ms));
    }),
  ]);
}

/** The actor's deadline. */
export class ActorClock {
  private readonly started = Date.now();
  expired = false;
  constructor(readonly budgetMs: number) {}
  timeLeft(): number {
    return this.expired ? 0 : this.budgetMs - (Date.now() - this.started);
  }
  /** Throws when the deadline has passed: call between steps. */
  check(): void {
    if (this.timeLeft() <= 0) throw new DeadlineError(`actor deadline of ${this.budgetMs} ms reached`);
  }
  /** a wait of at most `ms`, never past the deadline */
  cap(ms: number): number {
    return Math.min(ms, Math.max(0, this.timeLeft()));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
