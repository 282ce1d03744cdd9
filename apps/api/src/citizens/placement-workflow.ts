import { Injectable } from '@nestjs/common';
import {
  capacityCeiling,
  EntitlementCommand,
  entitlementDecider,
  EntitlementState,
  isChoosable,
  Choosability,
  lastEntitledDay,
  providerOn,
  providerDecider,
  ProviderState,
  ReservePlace,
  reservationsOf,
  rosterDecider,
  schemeDecider,
  SchemeState,
} from '@kundval/domain';
import { CommandExecutor, CommandResult } from '../commands/command-executor';
import { CommandMetadata } from '../commands/command-metadata';
import { RecordLoader } from '../records/record-loader';
import { streamIds } from '../records/stream-ids';
import { KeyedLock } from '../shared/keyed-lock';

/** What a placement command needs to know, loaded for it. */
export interface PlacementContext {
  entitlement: EntitlementState;
  provider: ProviderState;
  scheme: SchemeState;
  choosability: Choosability;
}

export interface PlacementRequest {
  citizenId: string;
  entitlementId: string;
  providerId: string;
  effectiveDate: string;
  /** Builds the entitlement command from what was loaded. */
  command: (context: PlacementContext) => EntitlementCommand;
  /** Admission already respected capacity when it placed the pupil. */
  ignoreCapacity?: boolean;
  reason?: string;
}

/**
 * Places a citizen with a provider from a date (a choice, a switch, a non-choice assignment, an
 * admission). Two streams change: the provider's roster (capacity) and the entitlement. The
 * entitlement command is decided first, so a refusal reserves nothing; then a place is reserved
 * on the roster at its expected revision (under concurrent choices for the last places exactly
 * the capacity succeed); then the entitlement event is appended. If that append fails, the place
 * is given back. A switch also gives back the place at the provider the citizen leaves.
 */
@Injectable()
export class PlacementWorkflow {
  private readonly rosterLock = new KeyedLock();

  constructor(
    private readonly executor: CommandExecutor,
    private readonly records: RecordLoader,
  ) {}

  async place(
    request: PlacementRequest,
    meta: CommandMetadata,
    body: unknown,
  ): Promise<CommandResult> {
    const { citizenId, entitlementId, providerId, effectiveDate } = request;
    const entitlementStream = streamIds.entitlement(citizenId, entitlementId);
    const loaded = await this.executor.load(entitlementDecider, entitlementStream, meta, body);
    if (loaded.replay) {
      await this.releaseLeftBehind(request, loaded.replay, meta, body);
      return loaded.replay;
    }
    const entitlement = loaded.state;
    const schemeId = entitlement.status === 'not_granted' ? '' : entitlement.schemeId;
    // Through the executor's cache: every choice needs them, and they change rarely.
    const [provider, scheme] = await Promise.all([
      this.executor.state(providerDecider, streamIds.provider(providerId)),
      this.executor.state(schemeDecider, streamIds.scheme(schemeId)),
    ]);
    const choosability = isChoosable(provider, scheme, effectiveDate);
    const command = request.command({ entitlement, provider, scheme, choosability });
    const events = entitlementDecider.decide(command, entitlement, this.executor.context());
    if (events.length === 0) {
      return {
        streamId: entitlementStream,
        revision: revisionOf(loaded.expectedRevision),
        position: 0,
        events: [],
        replayed: false,
      };
    }

    const leaving = providerOn(entitlement, effectiveDate);
    await this.reserve(
      { providerId, schemeId, citizenId, entitlementId, from: effectiveDate },
      // Held to the entitlement's last day at most: one that runs out frees its place by itself.
      entitlement.status === 'not_granted' ? null : lastEntitledDay(entitlement),
      request.ignoreCapacity ? null : capacityCeiling(provider, schemeId),
      meta,
      body,
    );
    let result: CommandResult;
    try {
      result = await this.executor.append(loaded, events, meta, request.reason);
    } catch (error) {
      // An identical request may have won the append: then the reservation (the same one, since
      // reserving again from the same day is a no-op) is its place and must stay.
      const now = await this.records.entitlement(citizenId, entitlementId);
      const latest = now.status === 'not_granted' ? undefined : now.placements.at(-1);
      if (latest?.providerId !== providerId || latest.from !== effectiveDate) {
        await this.release(
          schemeId,
          providerId,
          entitlementId,
          effectiveDate,
          compensating(meta),
          body,
        );
      }
      throw error;
    }
    if (leaving !== null && leaving !== providerId) {
      await this.release(schemeId, leaving, entitlementId, effectiveDate, meta, body);
    }
    return result;
  }

  /** Gives back a citizen's place from a date (an ended entitlement). */
  release(
    schemeId: string,
    providerId: string,
    entitlementId: string,
    from: string,
    meta: CommandMetadata,
    body: unknown,
  ) {
    return this.rosterLock.run(streamIds.roster(schemeId, providerId), () =>
      this.executor.execute(
        rosterDecider,
        streamIds.roster(schemeId, providerId),
        { type: 'ReleasePlace', data: { providerId, schemeId, entitlementId, from } },
        meta,
        { request: body },
      ),
    );
  }

  /**
   * A retried switch whose first attempt stopped after the switch was recorded and before the
   * place left behind was given back (a crash, a failed release): the retry is answered from the
   * entitlement's key, and gives that place back now. Only a place held there since before the
   * switch is the switch's to give back; one given back already appends nothing.
   */
  private async releaseLeftBehind(
    request: PlacementRequest,
    replay: CommandResult,
    meta: CommandMetadata,
    body: unknown,
  ): Promise<void> {
    if (replay.events.length === 0) return;
    const { citizenId, entitlementId, providerId, effectiveDate } = request;
    const before = await this.records.entitlementBefore(
      citizenId,
      entitlementId,
      replay.revision + 1 - replay.events.length,
    );
    const leaving = providerOn(before, effectiveDate);
    if (before.status === 'not_granted' || leaving === null || leaving === providerId) return;
    const roster = await this.executor.state(
      rosterDecider,
      streamIds.roster(before.schemeId, leaving),
    );
    const held = reservationsOf(roster, entitlementId).at(-1);
    if (held === undefined || held.from >= effectiveDate) return;
    await this.release(before.schemeId, leaving, entitlementId, effectiveDate, meta, body);
  }

  private reserve(
    place: Omit<ReservePlace['data'], 'lastDay' | 'ceiling'>,
    lastDay: string | null,
    ceiling: number | null,
    meta: CommandMetadata,
    body: unknown,
  ) {
    const stream = streamIds.roster(place.schemeId, place.providerId);
    return this.rosterLock.run(stream, () =>
      this.executor.execute(
        rosterDecider,
        stream,
        { type: 'ReservePlace', data: { ...place, lastDay, ceiling } },
        meta,
        { request: body },
      ),
    );
  }
}

// The compensation must not reuse the request's event ids on the roster stream: those belong to
// the reservation it undoes.
function compensating(meta: CommandMetadata): CommandMetadata {
  return { ...meta, idempotencyKey: meta.idempotencyKey && `${meta.idempotencyKey}:undo` };
}

function revisionOf(expected: number | 'no_stream'): number {
  return expected === 'no_stream' ? -1 : expected;
}
