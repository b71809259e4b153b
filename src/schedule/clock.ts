/**
 * The time the schedule runs on. Reminders and the overdue sweep ask the clock, never `new Date()`,
 * so tests and benchmarks can move time without waiting for real days.
 *
 * BullMQ delays are real milliseconds, so the clock also says when (in real time) it will show a
 * given instant: `realTimeOf`. The outbox stores that real instant as the job's `runAt`.
 */
export abstract class Clock {
  abstract now(): Date;
  /** The real instant at which this clock will show `instant`. */
  abstract realTimeOf(instant: Date): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }

  realTimeOf(instant: Date): Date {
    return instant;
  }
}

/**
 * A clock that showed `origin` when it was made (or last travelled) and runs `speed` times faster
 * than real time. With speed 60 a reminder set 5 minutes before a deadline fires 5 real seconds
 * before it. For tests and benchmarks only.
 */
export class ScaledClock extends Clock {
  private origin: number;
  private realOrigin: number;
  private rate: number;

  constructor(origin: Date = new Date(), speed = 1) {
    super();
    this.origin = origin.getTime();
    this.realOrigin = Date.now();
    this.rate = ScaledClock.checkSpeed(speed);
  }

  get speed(): number {
    return this.rate;
  }

  now(): Date {
    return new Date(this.origin + (Date.now() - this.realOrigin) * this.rate);
  }

  realTimeOf(instant: Date): Date {
    return new Date(this.realOrigin + (instant.getTime() - this.origin) / this.rate);
  }

  /** Jumps to `to` (and optionally changes speed). Jobs already delayed keep their real times. */
  travel(to: Date, speed = this.rate): void {
    this.origin = to.getTime();
    this.realOrigin = Date.now();
    this.rate = ScaledClock.checkSpeed(speed);
  }

  private static checkSpeed(speed: number): number {
    if (!Number.isFinite(speed) || speed <= 0) throw new RangeError('speed must be positive');
    return speed;
  }
}
