import {
  addDays,
  entitlementDecider,
  EntitlementCommand,
  schemeDecider,
  SchemeState,
} from '@kundval/domain';
import { EventStore } from '@kundval/event-store';
import { IdentityRegistry } from '../citizens/identity/identity-registry';
import { PlacementWorkflow } from '../citizens/placement-workflow';
import { CommandExecutor, CommandResult, LoadedStream } from '../commands/command-executor';
import { CommandMetadata } from '../commands/command-metadata';
import { DomainEvent } from '../commands/decider';
import { RecordLoader } from '../records/record-loader';
import { streamIds } from '../records/stream-ids';
import { FixedClock } from '../shared/clock';
import { CitizenHistoryPlan, CitizenStep } from './citizen-plan.types';
import { CITIZENS_REASON, entitlementCommandOf, placementCommandOf } from './citizen-step-commands';
import { SeedStepError, seedMetadata } from './seed-command-runner';

/** How many citizens' steps of one day run at once (their appends share group commits). */
const CONCURRENT_CITIZENS = 256;

/** What running the citizens' plan did. */
export type CitizenSeedRun = {
  /** Citizens newly registered in the identity registry (0 on a rerun). */
  registered: number;
  commands: number;
  replayed: number;
  eventsAppended: number;
};

/**
 * Runs the citizens' plan through the real commands: registers each made-up citizen in the
 * identity registry (events carry only the pseudonymous citizen id), then goes through the year
 * day by day on a fixed clock set to that day, so every decision, choice and notice period is
 * checked against the date it was made. Choices, switches and non-choice assignments go through
 * the `PlacementWorkflow` (roster capacity, then the entitlement); one day's citizens run
 * concurrently so the store's group commit writes their appends together.
 */
export class CitizenSeeder {
  private readonly clock = new FixedClock(new Date(0));
  private readonly executor: CountingExecutor;
  private readonly placements: PlacementWorkflow;
  private readonly schemes = new Map<string, SchemeState>();
  private readonly run: CitizenSeedRun = {
    registered: 0,
    commands: 0,
    replayed: 0,
    eventsAppended: 0,
  };

  constructor(
    store: EventStore,
    private readonly records: RecordLoader,
    private readonly identities: IdentityRegistry,
  ) {
    this.executor = new CountingExecutor(store, this.clock);
    this.placements = new PlacementWorkflow(this.executor, records);
  }

  async seed(plan: CitizenHistoryPlan): Promise<CitizenSeedRun> {
    const citizenIds = this.register(plan);
    const schemeIds = new Set(plan.steps.map((step) => step.schemeId));
    for (const schemeId of schemeIds)
      this.schemes.set(schemeId, await this.records.scheme(schemeId));

    for (const day of byDay(plan.steps)) {
      // Midday UTC is the same calendar day in Stockholm in winter and summer.
      this.clock.set(new Date(`${day.on}T10:00:00.000Z`));
      const chains = [...byCitizen(day.steps).values()];
      for (let i = 0; i < chains.length; i += CONCURRENT_CITIZENS) {
        await Promise.all(
          chains.slice(i, i + CONCURRENT_CITIZENS).map(async (chain) => {
            for (const step of chain) await this.step(step, citizenIds.get(step.citizenRef)!);
          }),
        );
      }
    }
    return { ...this.run, eventsAppended: this.executor.appended };
  }

  private register(plan: CitizenHistoryPlan): Map<string, string> {
    const ids = new Map<string, string>();
    for (const citizen of plan.citizens) {
      const known = this.identities.find(citizen.personalNumber);
      if (known) {
        ids.set(citizen.ref, known);
        continue;
      }
      const { citizenId, created } = this.identities.register(citizen.personalNumber, citizen.name);
      if (created) this.run.registered++;
      ids.set(citizen.ref, citizenId);
    }
    return ids;
  }

  private async step(step: CitizenStep, citizenId: string): Promise<void> {
    const meta = seedMetadata(step.key);
    try {
      const result = await this.execute(step, citizenId, meta);
      this.run.commands++;
      if (result.replayed) this.run.replayed++;
    } catch (error) {
      throw new SeedStepError(meta.idempotencyKey as string, error);
    }
  }

  private async execute(
    step: CitizenStep,
    citizenId: string,
    meta: CommandMetadata,
  ): Promise<CommandResult> {
    const { entitlementId, schemeId } = step;
    const stream = streamIds.entitlement(citizenId, entitlementId);
    const entitlement = (command: EntitlementCommand, reason = CITIZENS_REASON) =>
      this.executor.execute(entitlementDecider, stream, command, meta, { request: step, reason });
    const scheme = this.schemes.get(schemeId) ?? schemeDecider.initialState();
    switch (step.kind) {
      case 'grant':
      case 'level-change':
        return entitlement(entitlementCommandOf(step, citizenId, scheme));
      case 'end': {
        const result = await entitlement(
          entitlementCommandOf(step, citizenId, scheme),
          step.reason,
        );
        // The place is given back from the day after the last day, as the API does.
        await this.placements.release(
          schemeId,
          step.heldProviderId,
          entitlementId,
          addDays(step.endDate, 1),
          meta,
          step,
        );
        return result;
      }
      case 'choice':
      case 'non-choice':
        return this.placements.place(
          {
            citizenId,
            entitlementId,
            providerId: step.providerId,
            effectiveDate: step.effectiveDate,
            reason: CITIZENS_REASON,
            command: ({ choosability }) => placementCommandOf(step, choosability),
          },
          meta,
          step,
        );
    }
  }
}

/** A command executor that counts the events it appends (the workflow appends to two streams). */
class CountingExecutor extends CommandExecutor {
  appended = 0;

  override async append(
    loaded: LoadedStream<unknown>,
    events: readonly DomainEvent[],
    meta: CommandMetadata,
    reason?: string,
  ): Promise<CommandResult> {
    const result = await super.append(loaded, events, meta, reason);
    this.appended += events.length;
    return result;
  }
}

function byDay(steps: readonly CitizenStep[]): { on: string; steps: CitizenStep[] }[] {
  const days: { on: string; steps: CitizenStep[] }[] = [];
  for (const step of steps) {
    const last = days[days.length - 1];
    if (last?.on === step.on) last.steps.push(step);
    else days.push({ on: step.on, steps: [step] });
  }
  return days;
}

// One citizen's steps of a day run in order (a grant before the choice made the same day).
function byCitizen(steps: readonly CitizenStep[]): Map<string, CitizenStep[]> {
  const chains = new Map<string, CitizenStep[]>();
  for (const step of steps) {
    chains.set(step.citizenRef, [...(chains.get(step.citizenRef) ?? []), step]);
  }
  return chains;
}
