import { fieldProblem } from '../problem/validation-problem';
import { Inject, Injectable } from '@nestjs/common';
import { entitlementDecider, stockholmDateOf } from '@kundval/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@kundval/event-store';
import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';
import { fold } from '../records/record-loader';
import { citizenEntitlementsPrefix } from '../records/stream-ids';
import { upcast } from '../records/upcasters/upcast';

/** One event of a citizen's history, as an auditor reads it. */
export interface HistoryEntry {
  position: number;
  recordedAt: string;
  stream: string;
  type: string;
  data: unknown;
  actor: string | null;
  role: string | null;
  channel: string | null;
  reason: string | null;
  correlationId: string | null;
}

/**
 * One citizen's history straight from the log (every event, in order, with who, when, why and
 * the channel) and the state as of any instant or position, replayed from those events.
 */
@Injectable()
export class CitizenHistory {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async history(citizenId: string): Promise<HistoryEntry[]> {
    return (await this.events(citizenId)).map((e) => ({
      position: e.position,
      recordedAt: e.recordedAt,
      stream: e.streamId,
      type: e.type,
      data: e.data,
      actor: str(e.metadata.actor),
      role: str(e.metadata.role),
      channel: str(e.metadata.channel),
      reason: str(e.metadata.reason),
      correlationId: str(e.metadata.correlationId),
    }));
  }

  /** Entitlements and placements as the ledger knew them at `at` (instant) or `position`. */
  async asOf(citizenId: string, at?: string, position?: string) {
    const limit = asOfLimit(at, position);
    const events = (await this.events(citizenId)).filter(limit);
    const byStream = new Map<string, RecordedEvent[]>();
    for (const event of events)
      byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
    return {
      citizenId,
      at: at ?? null,
      position: events.length > 0 ? events[events.length - 1].position : 0,
      entitlements: [...byStream.values()].map((stream) => fold(entitlementDecider, stream)),
    };
  }

  private async events(citizenId: string): Promise<RecordedEvent[]> {
    const events = (
      await this.store.readAll({
        filter: { streamPrefixes: [citizenEntitlementsPrefix(citizenId)] },
      })
    ).map(upcast);
    if (events.length === 0) {
      throw new ProblemException(
        problem(
          404,
          'CITIZEN_NOT_FOUND',
          'No such citizen',
          'No history is recorded for this citizen',
        ),
      );
    }
    return events;
  }
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Which events an as-of answer includes: up to a log position, an instant, or a Stockholm day. */
export function asOfLimit(
  at: string | undefined,
  position: string | undefined,
): (e: RecordedEvent) => boolean {
  if (position !== undefined && /^\d{1,15}$/.test(position))
    return (e) => e.position <= Number(position);
  if (
    at !== undefined &&
    !Number.isNaN(Date.parse(at)) &&
    /^\d{4}-\d\d-\d\d(T[\d:.]+Z)?$/.test(at)
  ) {
    // A date alone means the end of that day in Stockholm, where the ledger's days are; an
    // instant is taken as given.
    if (at.length === 10) return (e) => stockholmDateOf(e.recordedAt) <= at;
    const until = new Date(at).toISOString();
    return (e) => e.recordedAt <= until;
  }
  throw fieldProblem(
    'at',
    'at must be an ISO UTC instant (…Z) or a date, or give position as an integer',
  );
}
