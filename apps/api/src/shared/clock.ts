/**
 * The time the application decides by. One injectable source, so tests can run a scenario on
 * chosen days (a choice window that closed yesterday) without waiting for them.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that shows a set time until moved; for tests and replays. */
export class FixedClock extends Clock {
  constructor(private instant: Date) {
    super();
  }

  now(): Date {
    return new Date(this.instant);
  }

  set(instant: Date): void {
    this.instant = instant;
  }
}
