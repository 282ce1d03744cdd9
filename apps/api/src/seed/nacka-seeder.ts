import { Inject, Injectable } from '@nestjs/common';
import {
  addMonths,
  applicableConditions,
  AuthorisationCondition,
  closeSchemeCommandFromSeed,
  conditionCatalogueDecider,
  establishSchemeCommandFromSeed,
  generalConditionCommandsFromSeed,
  homeCareConditionCommandsFromSeed,
  NACKA_SPECIFIC_CONDITIONS_SCHEME_ID,
  ProviderCommand,
  providerDecider,
  SchemeCommand,
  schemeDecider,
  SchemeSeed,
  SchemeState,
  seedClosingDate,
  seedStartDate,
} from '@kundval/domain';
import { EVENT_STORE, EventStore } from '@kundval/event-store';
import { IdentityRegistry } from '../citizens/identity/identity-registry';
import { CommandExecutor } from '../commands/command-executor';
import { RecordLoader } from '../records/record-loader';
import { streamIds } from '../records/stream-ids';
import { citizenHistoryPlan } from './citizen-history-plan';
import { summariseCitizens } from './citizen-seed-summary';
import { CitizenSeeder } from './citizen-seeder';
import { FollowUpSeed, NACKA_FOLLOW_UP } from './nacka-follow-up.seed';
import { NACKA_RATES } from './nacka-rates.seed';
import { nackaSeedPlan, ProviderPlan, SchemePlan } from './nacka-seed-plan';
import { evidenceFor, followUpCommand } from './provider-seed-commands';
import { SeedCommandRunner, SeedStep } from './seed-command-runner';
import { SeededScheme, SeedReport } from './seed-report';

/**
 * Builds a Nacka-like municipality from the seeds through the real commands: general conditions,
 * every scheme with its start date and rates, providers authorised through the whole lifecycle,
 * non-choice providers, warnings, one de-authorisation and the closed foot-care scheme; then about
 * 3,000 made-up citizens with a year of entitlements, choices and switches (`CitizenSeeder`).
 * Each command has a fixed idempotency key, so running the seed again appends nothing.
 */
@Injectable()
export class NackaSeeder {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly records: RecordLoader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly identities: IdentityRegistry,
  ) {}

  async seed(): Promise<SeedReport> {
    const started = Date.now();
    const runner = new SeedCommandRunner(this.executor);
    const plan = nackaSeedPlan();
    await this.defineGeneralConditions(runner, plan);
    await Promise.all(plan.map(({ seed }) => this.setUpScheme(runner, seed)));
    await this.authoriseProviders(runner, plan, NACKA_FOLLOW_UP, { designateNonChoice: true });
    // Closing comes last: a closed scheme refuses every later change.
    await Promise.all(plan.map(({ seed }) => this.closeIfEnded(runner, seed)));

    // The citizens, once every provider they may choose is in place.
    const citizensStarted = Date.now();
    const citizenPlan = citizenHistoryPlan(plan);
    const citizens = await new CitizenSeeder(this.store, this.records, this.identities).seed(
      citizenPlan,
    );

    return {
      schemes: plan.map(schemeReport),
      providers: plan.reduce((sum, { providers }) => sum + providers.length, 0),
      warnings: NACKA_FOLLOW_UP.filter((step) => step.kind === 'warning').length,
      deauthorisations: NACKA_FOLLOW_UP.flatMap((step) =>
        step.kind === 'deauthorisation'
          ? [
              {
                providerId: step.providerId,
                schemeId: planned(plan, step.providerId).schemeId,
                effectiveDate: step.effectiveDate,
              },
            ]
          : [],
      ),
      citizens: {
        ...summariseCitizens(citizenPlan, plan),
        registered: citizens.registered,
        durationMs: Date.now() - citizensStarted,
      },
      commands: runner.commands + citizens.commands,
      replayedCommands: runner.replayed + citizens.replayed,
      eventsAppended: runner.eventsAppended + citizens.eventsAppended,
      headPosition: await this.store.headPosition(),
      durationMs: Date.now() - started,
    };
  }

  /**
   * Takes the planned providers through registration, application, grant, contract and capacity,
   * then records their follow-up (warnings, visits, de-authorisation); with `designateNonChoice`,
   * each scheme's first municipal provider becomes its non-choice provider. The schemes must be
   * set up. The national seed uses it for its copies of the providers in other municipalities.
   */
  async authoriseProviders(
    runner: SeedCommandRunner,
    plan: readonly SchemePlan[],
    followUp: readonly FollowUpSeed[],
    { designateNonChoice }: { designateNonChoice: boolean },
  ): Promise<void> {
    // Providers of different schemes, and different providers, are independent: running them
    // concurrently lets the store's group commit write each step of all of them in one batch.
    const catalogue = await this.records.conditionCatalogue();
    const conditionsByScheme = new Map<string, AuthorisationCondition[]>();
    await Promise.all(
      plan.map(async ({ seed, providers }) => {
        const scheme = await this.records.scheme(seed.schemeId);
        const conditions = applicableConditions(catalogue, scheme);
        conditionsByScheme.set(seed.schemeId, conditions);
        await Promise.all(providers.map((p) => this.authorise(runner, p, scheme, conditions)));
        if (designateNonChoice) await this.designateNonChoiceProvider(runner, providers);
      }),
    );
    await this.recordFollowUp(runner, plan, followUp, conditionsByScheme);
  }

  private async defineGeneralConditions(runner: SeedCommandRunner, plan: SchemePlan[]) {
    // The reglemente is in place before the first scheme starts.
    const on = plan.map(({ seed }) => seedStartDate(seed)).sort()[0];
    for (const command of generalConditionCommandsFromSeed()) {
      await runner.run(conditionCatalogueDecider, streamIds.conditionCatalogue(), command, {
        key: `conditions:${command.data.conditionId}`,
        on,
      });
    }
  }

  private async setUpScheme(runner: SeedCommandRunner, seed: SchemeSeed) {
    const { schemeId } = seed;
    const start = seedStartDate(seed);
    const rates = NACKA_RATES[schemeId];
    if (!rates) throw new Error(`The seed has no rates for scheme "${schemeId}"`);
    await runScheme(runner, schemeId, establishSchemeCommandFromSeed(seed), {
      key: `${schemeId}:establish`,
      on: start,
    });
    for (const { level, amountOre } of rates) {
      const command: SchemeCommand = {
        type: 'ScheduleRate',
        data: { schemeId, level, amountOre, effectiveDate: start },
      };
      await runScheme(runner, schemeId, command, { key: `${schemeId}:rate:${level}`, on: start });
    }
    if (schemeId === NACKA_SPECIFIC_CONDITIONS_SCHEME_ID) {
      // Seed 003 gives these as LOV authorisation conditions: defined when LOV came in.
      const on = seed.lovFromYear === null ? start : `${seed.lovFromYear}-01-01`;
      for (const command of homeCareConditionCommandsFromSeed()) {
        await runScheme(runner, schemeId, command, {
          key: `${schemeId}:condition:${command.data.conditionId}`,
          on,
        });
      }
    }
  }

  private async authorise(
    runner: SeedCommandRunner,
    p: ProviderPlan,
    scheme: SchemeState,
    conditions: AuthorisationCondition[],
  ) {
    const { providerId, schemeId } = p;
    const applicationId = `application-${providerId}`;
    const run = (command: ProviderCommand, step: string, on: string) =>
      runProvider(runner, providerId, command, { key: `${providerId}:${step}`, on });
    const { organisationNumber, name, ownership } = p;
    await run(
      { type: 'RegisterProvider', data: { providerId, organisationNumber, name, ownership } },
      'register',
      p.appliedOn,
    );
    await run(
      {
        type: 'ApplyForAuthorisation',
        data: {
          providerId,
          schemeId,
          applicationId,
          evidence: evidenceFor(p, conditions),
          scheme,
          conditions,
        },
      },
      'apply',
      p.appliedOn,
    );
    await run(
      { type: 'GrantAuthorisation', data: { providerId, schemeId, applicationId, scheme } },
      'grant',
      p.grantedOn,
    );
    if (p.contractSignedOn !== null) {
      const contractId = `lov-contract-${providerId}`;
      await run(
        { type: 'SignContract', data: { providerId, schemeId, contractId, scheme } },
        'sign-contract',
        p.contractSignedOn,
      );
    }
    await run(
      { type: 'DeclareCapacity', data: { providerId, schemeId, ceiling: p.capacity } },
      'declare-capacity',
      p.readyOn,
    );
  }

  private async designateNonChoiceProvider(
    runner: SeedCommandRunner,
    providers: readonly ProviderPlan[],
  ) {
    const municipal = providers.find((p) => p.ownership === 'municipal');
    if (!municipal) return;
    const { schemeId, providerId } = municipal;
    const provider = await this.records.provider(providerId);
    await runScheme(
      runner,
      schemeId,
      { type: 'DesignateNonChoiceProvider', data: { schemeId, providerId, provider } },
      { key: `${schemeId}:non-choice-provider`, on: municipal.readyOn },
    );
  }

  private async recordFollowUp(
    runner: SeedCommandRunner,
    plan: readonly SchemePlan[],
    followUp: readonly FollowUpSeed[],
    conditionsByScheme: Map<string, AuthorisationCondition[]>,
  ) {
    const byProvider = new Map<string, FollowUpSeed[]>();
    for (const step of followUp) {
      byProvider.set(step.providerId, [...(byProvider.get(step.providerId) ?? []), step]);
    }
    await Promise.all(
      [...byProvider].map(async ([providerId, steps]) => {
        const p = planned(plan, providerId);
        const conditions = conditionsByScheme.get(p.schemeId) ?? [];
        for (const step of steps) {
          // The domain checks the provider's standing, not the dates the seed makes up.
          if (step.on < p.readyOn) {
            throw new Error(
              `Seed follow-up of "${providerId}" on ${step.on} precedes its authorisation`,
            );
          }
          const { command, key, reason } = followUpCommand(step, p.schemeId, conditions);
          await runProvider(runner, providerId, command, {
            key: `${providerId}:${key}`,
            on: step.on,
            reason,
          });
        }
      }),
    );
  }

  private async closeIfEnded(runner: SeedCommandRunner, seed: SchemeSeed) {
    const command = closeSchemeCommandFromSeed(seed);
    const closingDate = seedClosingDate(seed);
    if (command === null || closingDate === null) return;
    // Decided half a year ahead: a closure may not be backdated, and customers need notice.
    await runScheme(runner, seed.schemeId, command, {
      key: `${seed.schemeId}:close`,
      on: addMonths(closingDate, -6),
      reason: command.data.reason,
    });
  }
}

function runScheme(runner: SeedCommandRunner, id: string, command: SchemeCommand, step: SeedStep) {
  return runner.run(schemeDecider, streamIds.scheme(id), command, step);
}

function runProvider(
  runner: SeedCommandRunner,
  id: string,
  command: ProviderCommand,
  step: SeedStep,
) {
  return runner.run(providerDecider, streamIds.provider(id), command, step);
}

function planned(plan: readonly SchemePlan[], providerId: string): ProviderPlan {
  const found = plan.flatMap(({ providers }) => providers).find((p) => p.providerId === providerId);
  if (!found) throw new Error(`Seed follow-up names "${providerId}", which the seed does not plan`);
  return found;
}

function schemeReport({ seed, providers }: SchemePlan): SeededScheme {
  const count = (ownership: string) => providers.filter((p) => p.ownership === ownership).length;
  return {
    schemeId: seed.schemeId,
    name: seed.name,
    startDate: seedStartDate(seed),
    closingDate: seedClosingDate(seed),
    rateLevels: NACKA_RATES[seed.schemeId]?.length ?? 0,
    providers: {
      municipal: count('municipal'),
      private: count('private'),
      nonProfit: count('non_profit'),
    },
    nonChoiceProviderId: providers.find((p) => p.ownership === 'municipal')?.providerId ?? null,
  };
}
