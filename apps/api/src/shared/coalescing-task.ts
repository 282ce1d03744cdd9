/**
 * Runs an async task when asked, one run at a time. Asked while it runs, it runs once more
 * afterwards, however often it was asked: what the last run found may already be out of date.
 */
export class CoalescingTask {
  private running?: Promise<void>;
  private again = false;

  constructor(private readonly task: () => Promise<void>) {}

  /** Resolves when a run that started after this call has ended; rejects if that run failed. */
  request(): Promise<void> {
    this.again = true;
    this.running ??= this.loop().finally(() => (this.running = undefined));
    return this.running;
  }

  private async loop(): Promise<void> {
    while (this.again) {
      this.again = false;
      await this.task();
    }
  }
}
