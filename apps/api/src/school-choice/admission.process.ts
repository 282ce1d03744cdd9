import { Injectable } from '@nestjs/common';
import {
  admissionRoundDecider,
  capacityCeiling,
  choosableProviders,
  DomainError,
  freePlacesFrom,
  Pupil,
  providerOn,
} from '@kundval/domain';
import { CommandExecutor, CommandResult } from '../commands/command-executor';
import { CommandMetadata } from '../commands/command-metadata';
import { PlacementWorkflow } from '../citizens/placement-workflow';
import { EntitlementSnapshots } from '../records/entitlement-snapshot';
import { RecordLoader } from '../records/record-loader';
import { ProviderDirectory } from '../providers/provider-directory';
import { streamIds } from '../records/stream-ids';

/**
 * Runs a school admission: gathers what the pure `RunAdmission` decision needs (free places per
 * school on the first day, the non-choice school, every pupil entitled then without a school),
 * records the result in the round, then places every pupil through the placement workflow. Each
 * placement has its own idempotency key, so an interrupted run is completed by running it again.
 */
@Injectable()
export class AdmissionProcess {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly records: RecordLoader,
    private readonly directory: ProviderDirectory,
    private readonly placements: PlacementWorkflow,
    private readonly snapshots: EntitlementSnapshots,
  ) {}

  async run(
    roundId: string,
    seed: string | undefined,
    meta: CommandMetadata,
    body: unknown,
  ): Promise<CommandResult & { placed: number }> {
    const round = await this.records.admissionRound(roundId);
    if (round.status === 'not_opened') {
      throw new DomainError(
        'ADMISSION_ROUND_NOT_FOUND',
        `There is no admission round "${roundId}".`,
      );
    }
    let result: CommandResult = {
      streamId: streamIds.admissionRound(roundId),
      revision: 0,
      position: 0,
      events: [],
      replayed: true,
    };
    if (round.status === 'opened') {
      const data = await this.admissionInput(round.schemeId, round.placementsFrom);
      result = await this.executor.execute(
        admissionRoundDecider,
        streamIds.admissionRound(roundId),
        { type: 'RunAdmission', data: { roundId, seed: seed ?? null, ...data } },
        meta,
        { request: body },
      );
    }
    const completed = await this.records.admissionRound(roundId);
    if (completed.status !== 'completed' || !completed.result) return { ...result, placed: 0 };
    const { placements, placementsFrom } = completed.result;
    for (const placement of placements) {
      await this.placements.place(
        {
          citizenId: placement.citizenId,
          entitlementId: placement.entitlementId,
          providerId: placement.providerId,
          effectiveDate: placementsFrom,
          ignoreCapacity: true,
          command: ({ choosability }) => ({
            type: 'PlaceByAdmission',
            data: {
              entitlementId: placement.entitlementId,
              providerId: placement.providerId,
              effectiveDate: placementsFrom,
              roundId,
              preferenceMet: placement.preferenceMet,
              nonChoiceCause: placement.nonChoiceCause,
              actorRole: 'system',
              reason: `School admission ${roundId}`,
              choosability,
            },
          }),
        },
        {
          ...meta,
          idempotencyKey: `admission:${roundId}:${placement.entitlementId}`,
          role: 'system',
          channel: 'system',
        },
        placement,
      );
    }
    return { ...result, placed: placements.length };
  }

  private async admissionInput(schemeId: string, firstDay: string) {
    const [scheme, providers, pupils] = await Promise.all([
      this.records.scheme(schemeId),
      this.directory.all(),
      this.pupilsWithoutSchool(schemeId, firstDay),
    ]);
    const capacities: Record<string, number | null> = {};
    for (const provider of choosableProviders(providers, scheme, firstDay)) {
      const roster = await this.records.roster(schemeId, provider.providerId);
      capacities[provider.providerId] = freePlacesFrom(
        roster,
        firstDay,
        capacityCeiling(provider, schemeId),
      );
    }
    const nonChoiceProviderId =
      scheme.status === 'not_established' ? '' : (scheme.nonChoiceProviderId ?? '');
    return { capacities, nonChoiceProviderId, pupils };
  }

  /**
   * Pupils entitled on the first day who have no school then: those who chose nothing included.
   * Read from the read models (the scheme's entitlements entitled that day), not the whole log.
   */
  private async pupilsWithoutSchool(schemeId: string, firstDay: string): Promise<Pupil[]> {
    const snapshot = await this.snapshots.open();
    try {
      const pupils: Pupil[] = [];
      const which = { entitledWithin: { from: firstDay, to: firstDay }, neverPlacedToo: true };
      for await (const page of snapshot.ofScheme(schemeId, which)) {
        for (const e of page) {
          if (e.status !== 'not_granted' && providerOn(e, firstDay) === null)
            pupils.push({ citizenId: e.citizenId, entitlementId: e.entitlementId });
        }
      }
      return pupils;
    } finally {
      snapshot.close();
    }
  }
}
