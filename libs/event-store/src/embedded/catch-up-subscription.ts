import { RecordedEvent } from '../port/recorded-event';
import { Subscription } from '../port/subscription';

/** Reads the next page of the log after a position; `scannedTo` is how far the read looked. */
export type ReadPage = (after: number) => { events: RecordedEvent[]; scannedTo: number };

/**
 * Catch-up subscription over a pull-based log: reads pages until it reaches the head, then waits
 * for a wake-up (an append in this process) or a poll interval (an append by another process that
 * shares the file), and reads on. Ordering follows from always reading forwards from the last
 * position delivered.
 */
export class CatchUpSubscription implements Subscription {
  private stopped = false;
  private wakeUp: () => void = () => undefined;
  private appendsSeen = 0;

  constructor(
    private readonly readPage: ReadPage,
    private readonly after: number,
    private readonly pollIntervalMs: number,
    private readonly onStop: () => void,
    private readonly onCheckpoint?: (position: number) => void,
  ) {}

  /** Called by the store after every commit. */
  notify(): void {
    this.appendsSeen++;
    this.wakeUp();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wakeUp();
    this.onStop();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    let position = this.after;
    try {
      while (!this.stopped) {
        const seenBeforeRead = this.appendsSeen;
        const { events, scannedTo } = this.readPage(position);
        for (const event of events) {
          if (this.stopped) return;
          position = event.position;
          yield event;
        }
        if (scannedTo > position) {
          position = scannedTo;
          this.onCheckpoint?.(position);
        }
        if (events.length === 0 && seenBeforeRead === this.appendsSeen) await this.waitForAppend();
      }
    } finally {
      await this.stop();
    }
  }

  private waitForAppend(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = () => undefined;
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.wakeUp = done;
    });
  }
}
