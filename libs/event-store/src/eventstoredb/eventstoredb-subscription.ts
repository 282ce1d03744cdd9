import { EventStoreUnavailableError } from '../errors/event-store-unavailable.error';
import { RecordedEvent } from '../port/recorded-event';
import { Subscription } from '../port/subscription';
import { AllStreamSubscription } from './client';
import { mapClientError } from './map-client-error';
import { isSystemEvent, LogFilterPlan } from './to-client-filter';
import { positionOf, toRecordedEvent } from './to-recorded-event';

/**
 * The port's Subscription over the client's `$all` catch-up subscription. The server delivers the
 * stored events after the checkpoint and then live ones, in log order, pre-filtered by the plan's
 * server filter; the rest of the filter is applied here. Iterating opens one server subscription;
 * `stop()` cancels it and ends the iteration.
 */
export class EventStoreDbSubscription implements Subscription {
  private stopped = false;
  private readonly sources = new Set<AllStreamSubscription>();
  private signalStopped: () => void = () => undefined;
  private readonly stoppedSignal = new Promise<void>((resolve) => (this.signalStopped = resolve));

  constructor(
    private readonly open: () => AllStreamSubscription,
    private readonly after: number,
    private readonly plan: LogFilterPlan,
    private readonly onStop: () => void,
    private readonly onCheckpoint?: (position: number) => void,
  ) {}

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.signalStopped();
    const sources = [...this.sources];
    this.sources.clear();
    await Promise.all(sources.map(closeSource));
    this.onStop();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    try {
      if (this.stopped) return;
      // Nothing can pass the filter: stay open and silent until stopped, as a live subscription does.
      if (this.plan.matchesNothing) return await this.stoppedSignal;
      yield* this.deliver();
    } finally {
      await this.stop();
    }
  }

  private async *deliver(): AsyncGenerator<RecordedEvent> {
    const source = this.open();
    this.sources.add(source);
    try {
      for await (const resolved of source) {
        if (this.stopped) return;
        const event = resolved.event;
        if (!event) continue;
        if (!this.plan.accepts(event)) {
          // Passed on in order with the events; server events are not part of the port's log.
          if (!this.onCheckpoint || isSystemEvent(event)) continue;
          const position = positionOf(event, resolved.commitPosition);
          if (position > this.after) this.onCheckpoint(position);
          continue;
        }
        const recorded = toRecordedEvent(event, resolved.commitPosition);
        // The server starts after the checkpoint already; this keeps `after` exclusive regardless.
        if (recorded.position <= this.after) continue;
        yield recorded;
      }
    } catch (error) {
      // stop() closed the source under a pending read: that is the end, not a failure.
      if (this.stopped) return;
      throw mapClientError(error);
    } finally {
      this.sources.delete(source);
      await closeSource(source);
    }
    if (!this.stopped) throw new EventStoreUnavailableError('EventStoreDB ended the subscription');
  }
}

/** Cancels the gRPC call (unsubscribe) and ends the readable, so a pending read returns. */
async function closeSource(source: AllStreamSubscription): Promise<void> {
  // Nobody listens any more: an error the call reports late must not become an uncaught one.
  source.on('error', () => undefined);
  await source.unsubscribe().catch(() => undefined);
  source.destroy();
}
