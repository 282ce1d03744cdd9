import { INestApplicationContext } from '@nestjs/common';
import {
  addMonths,
  ProviderCommand,
  providerDecider,
  rosterDecider,
  RosterState,
  SchemeCommand,
  schemeDecider,
  SchemeState,
} from '@kundval/domain';
import { EVENT_STORE, EventStore } from '@kundval/event-store';
import { IdentityRegistry } from '../../citizens/identity/identity-registry';
import { CommandExecutor } from '../../commands/command-executor';
import { deterministicEventId } from '../../commands/deterministic-id';
import { snapshotAllKinds } from '../../commands/snapshot-streams';
import { StreamSnapshots } from '../../commands/stream-snapshots';
import { PaymentRuns } from '../../payouts/payment-runs.service';
import { eventsByStream, fold, RecordLoader } from '../../records/record-loader';
import { streamIds } from '../../records/stream-ids';
import { FixedClock } from '../../shared/clock';
import { CITIZEN_HISTORY_FROM, CITIZENS_AS_OF } from '../citizen-calendar';
import { citizenHistoryPlan } from '../citizen-history-plan';
import { CitizenSeed } from '../citizen-plan.types';
import { NACKA_FOLLOW_UP } from '../nacka-follow-up.seed';
import { NackaSeeder } from '../nacka-seeder';
import { nackaSeedPlan, SchemePlan } from '../nacka-seed-plan';
import { SeedCommandRunner, seedMetadata } from '../seed-command-runner';
import { batchPlan, BirthNumberAllocator } from './batch-plan';
import { CitizenPlanWriter, PlanWorld } from './citizen-plan-writer';
import {
  MUNICIPALITY_BATCHES,
  municipalityFollowUp,
  municipalityOf,
  municipalityProviders,
  providerIn,
} from './municipality-providers';

/**
 * The clock of the app a national seed runs in: the day after the seeded year, so the year's
 * payment runs can be approved and their approval dates and times are the same on every run.
 */
export function nationalSeedClock(): FixedClock {
  return new FixedClock(new Date(`${CITIZENS_AS_OF}T10:00:00.000Z`));
}

/** What a national seed did. */
export type NationalSeedReport = {
  citizens: number;
  batches: number;
  /** Batches found already written (a rerun) and skipped. */
  skippedBatches: number;
  /** Municipalities, each with its own providers: 0 the base seed's, 1, 2… its copies. */
  municipalities: number;
  /** Providers in all: the base seed's and every other municipality's copies of them. */
  providers: number;
  eventsAppended: number;
  paymentRuns: number;
  headPosition: number;
  durationMs: number;
  citizensMs: number;
  /** Of `citizensMs`, the time spent registering and authorising the copied providers. */
  providersMs: number;
  paymentRunsMs: number;
  /** Roster snapshots written at the end, as a running API would have written them. */
  rosterSnapshots: number;
  /** Runs whose paid-items snapshot was missing at the end (an approval writes it). */
  paidItemSnapshots: number;
  snapshotsMs: number;
};

export type NationalSeedOptions = {
  /** About how many citizens in all (the base seed's ~3,000 included). */
  citizens: number;
  /** Monthly payment runs to approve: the last months of the seeded year (0–12). */
  paymentMonths?: number;
  /**
   * Citizen sets (the base seed's and the batches') per municipality: {@link MUNICIPALITY_BATCHES}
   * unless a test wants small ones. It sets the log: a data dir is only ever extended with the
   * same value.
   */
  municipalityBatches?: number;
  progress?: (line: string) => void;
};

/**
 * A national-scale ledger for benchmarks: the Nacka seed through the real commands, then batches
 * of its citizens' year (about 3,000 citizens each, renamed and renumbered) written by the
 * `CitizenPlanWriter` through the domain's deciders, then the year's monthly payment runs through
 * the payment-run service. Every `municipalityBatches` citizen sets make a municipality with its
 * own providers: the base seed's for the first, and for each other a copy of them registered and
 * authorised through the real commands as the seed authorises its own, chosen by that
 * municipality's batches only. So no roster grows with the size of the seed, and each batch takes
 * as long as the first. Deterministic: the same size gives the same log (citizen and provider ids
 * are derived from the batch and municipality, not random) when the app runs on
 * {@link nationalSeedClock}, and a larger size the same log with more after it (before the payment
 * runs); a rerun skips the batches already written.
 */
export async function seedNational(
  app: INestApplicationContext,
  options: NationalSeedOptions,
): Promise<NationalSeedReport> {
  const progress = options.progress ?? (() => undefined);
  const perMunicipality = options.municipalityBatches ?? MUNICIPALITY_BATCHES;
  if (!Number.isInteger(perMunicipality) || perMunicipality < 1) {
    throw new RangeError(`A municipality has one citizen set or more; got ${perMunicipality}`);
  }
  const started = Date.now();
  const store = app.get<EventStore>(EVENT_STORE, { strict: false });
  const identities = app.get(IdentityRegistry);
  const basePlan = citizenHistoryPlan(nackaSeedPlan());
  // The base seed's citizens too get ids derived from the plan, not random ones.
  registerCitizens(identities, basePlan.citizens);
  const base = await app.get(NackaSeeder).seed();
  const perBatch = base.citizens.citizens;
  const batches = Math.max(0, Math.ceil(options.citizens / perBatch) - 1);
  const municipalities = municipalityOf(batches, perMunicipality) + 1;
  progress(`base seed: ${perBatch} citizens, ${base.eventsAppended} events, ${base.durationMs} ms`);

  const plan = nackaSeedPlan();
  // The first municipality's batches choose the base seed's providers: room for all its sets.
  const factor = batches > 0 ? perMunicipality : 1;
  let eventsAppended = base.eventsAppended + (await raiseCapacity(app, plan, factor));
  const { writer, world } = await openPlanWriter(app);

  const citizensStarted = Date.now();
  const numbers = new BirthNumberAllocator();
  const providers = new MunicipalityProviders(app, plan, perMunicipality, writer);
  let skippedBatches = 0;
  let providersMs = 0;
  const times: BatchTime[] = [];
  for (let batch = 1; batch <= batches; batch++) {
    const t = Date.now();
    const municipality = municipalityOf(batch, perMunicipality);
    const provider = (providerId: string) => providerIn(providerId, municipality);
    const { citizens, steps } = batchPlan(basePlan, batch, numbers, provider);
    const ids = registerCitizens(identities, citizens);
    const first = steps[0];
    const written = await store.readStream(
      streamIds.entitlement(ids.get(first.citizenRef)!, first.entitlementId),
      { limit: 1 },
    );
    if (written.length > 0) {
      skippedBatches++;
      continue;
    }
    const opened = await providers.open(municipality);
    if (opened !== null) {
      eventsAppended += opened.events;
      providersMs += opened.ms;
      progress(
        `municipality ${municipality}: ${opened.providers} providers, ${opened.events} events, ${opened.ms} ms`,
      );
    }
    const [tb, cpu] = [Date.now(), process.cpuUsage()];
    const appended = await writer.writeBatch(steps, ids);
    eventsAppended += appended;
    times.push({ ms: Date.now() - tb, cpuMs: cpuMs(process.cpuUsage(cpu)) });
    if (batch % perMunicipality === perMunicipality - 1 || batch === batches) {
      progress(
        `batch ${batch}/${batches}: ${appended} events, ${Date.now() - t} ms` +
          ` (municipality ${municipality}: ${spread(times)})`,
      );
      times.length = 0;
    }
  }
  const citizensMs = Date.now() - citizensStarted;

  const runsStarted = Date.now();
  const paymentRuns = await approveMonthlyRuns(
    app,
    world.schemes,
    options.paymentMonths ?? 12,
    progress,
  );
  eventsAppended += paymentRuns.events;
  const paymentRunsMs = Date.now() - runsStarted;

  const snapshotsStarted = Date.now();
  const snapshots = await snapshotAllKinds(store, app.get(StreamSnapshots));
  progress(`snapshots: ${JSON.stringify(snapshots)}, ${Date.now() - snapshotsStarted} ms`);
  return {
    citizens: perBatch * (batches + 1),
    batches,
    skippedBatches,
    municipalities,
    providers: municipalities * plan.reduce((n, { providers: p }) => n + p.length, 0),
    eventsAppended,
    paymentRuns: paymentRuns.runs,
    headPosition: await store.headPosition(),
    durationMs: Date.now() - started,
    citizensMs,
    providersMs,
    paymentRunsMs,
    rosterSnapshots: snapshots.roster ?? 0,
    paidItemSnapshots: snapshots['paid-items'] ?? 0,
    snapshotsMs: Date.now() - snapshotsStarted,
  };
}

/** How long writing one batch took: wall-clock, and this process's CPU (less moved by load). */
type BatchTime = { ms: number; cpuMs: number };

function cpuMs({ user, system }: NodeJS.CpuUsage): number {
  return Math.round((user + system) / 1000);
}

/**
 * Batch writing times of a municipality: its first batch (on its smallest rosters), its last (on
 * its largest), the mean and the slowest; wall-clock, then CPU.
 */
function spread(times: readonly BatchTime[]): string {
  if (times.length === 0) return 'no batches written';
  const line = (of: (t: BatchTime) => number) => {
    const all = times.map(of);
    const mean = Math.round(all.reduce((a, b) => a + b, 0) / all.length);
    return `${all[0]}/${all[all.length - 1]}/${mean}/${Math.max(...all)}`;
  };
  return `${times.length} batches written, first/last/mean/max ${line((t) => t.ms)} ms, CPU ${line((t) => t.cpuMs)} ms`;
}

/**
 * The providers of the municipalities, opened one at a time as the batches come to them: a
 * municipality after the first gets its copies of the seed's providers, registered and authorised
 * (with the seed's follow-up) through `NackaSeeder`'s own commands and admitted to the writer;
 * the rosters of the municipality before it are let go, as no later batch chooses its providers.
 */
class MunicipalityProviders {
  private current = 0;

  constructor(
    private readonly app: INestApplicationContext,
    private readonly plan: readonly SchemePlan[],
    private readonly perMunicipality: number,
    private readonly writer: CitizenPlanWriter,
  ) {}

  /** Opens `municipality` if it is not the one open; what that appended, else null. */
  async open(
    municipality: number,
  ): Promise<{ providers: number; events: number; ms: number } | null> {
    if (municipality === this.current) return null;
    const started = Date.now();
    this.writer.forgetRosters(this.rostersOf(this.current));
    this.current = municipality;
    const copies = municipalityProviders(this.plan, municipality, this.perMunicipality);
    const runner = new SeedCommandRunner(this.app.get(CommandExecutor));
    await this.app
      .get(NackaSeeder)
      .authoriseProviders(runner, copies, municipalityFollowUp(NACKA_FOLLOW_UP, municipality), {
        designateNonChoice: false,
      });
    const records = this.app.get(RecordLoader);
    const ids = copies.flatMap(({ providers }) => providers.map((p) => p.providerId));
    for (const id of ids) this.writer.admitProvider(id, await records.provider(id));
    return { providers: ids.length, events: runner.eventsAppended, ms: Date.now() - started };
  }

  private rostersOf(municipality: number): string[] {
    return this.plan.flatMap(({ providers }) =>
      providers.map((p) => streamIds.roster(p.schemeId, providerIn(p.providerId, municipality))),
    );
  }
}

function registerCitizens(
  identities: IdentityRegistry,
  citizens: readonly CitizenSeed[],
): Map<string, string> {
  const registered = identities.registerAll(citizens, (i) =>
    deterministicEventId(`national:${citizens[i].ref}`, 'identities', 0),
  );
  return new Map(citizens.map((c, i) => [c.ref, registered[i].citizenId]));
}

/**
 * A plan writer on the ledger as the log has it now: every scheme and registered provider, and
 * every roster's state and revision (a rerun, or places taken by the base seed).
 */
export async function openPlanWriter(
  app: INestApplicationContext,
): Promise<{ writer: CitizenPlanWriter; world: PlanWorld }> {
  const records = app.get(RecordLoader);
  const world: PlanWorld = {
    schemes: new Map((await records.allSchemes()).map((s) => [schemeIdOf(s), s])),
    providers: new Map(
      (await records.allProviders()).flatMap((p) =>
        p.status === 'registered' ? [[p.providerId, p] as const] : [],
      ),
    ),
  };
  const writer = new CitizenPlanWriter(app.get(CommandExecutor), world);
  const store = app.get<EventStore>(EVENT_STORE, { strict: false });
  for (const [streamId, roster] of await rostersInLog(store)) {
    writer.holdRoster(streamId, roster.state, roster.revision);
  }
  return { writer, world };
}

/** Every provider's declared capacity times `factor`, so each batch finds the room the seed had. */
export async function raiseCapacity(
  app: INestApplicationContext,
  plan: readonly SchemePlan[],
  factor: number,
): Promise<number> {
  if (factor <= 1) return 0;
  const runner = new SeedCommandRunner(app.get(CommandExecutor));
  await Promise.all(
    plan.flatMap(({ providers }) =>
      providers.map(async (p) => {
        if (p.capacity === null) return;
        const command: ProviderCommand = {
          type: 'DeclareCapacity',
          data: { providerId: p.providerId, schemeId: p.schemeId, ceiling: p.capacity * factor },
        };
        await runner
          .run(providerDecider, streamIds.provider(p.providerId), command, {
            key: `national:${p.providerId}:capacity-x${factor}`,
            on: p.readyOn,
          })
          .catch((error: Error) => {
            // Providers the seed de-authorises take no new customers in the plan: leave them.
            if (!/PROVIDER_NOT_AUTHORISED/.test(error.message)) throw error;
          });
      }),
    ),
  );
  return runner.eventsAppended;
}

async function rostersInLog(
  store: EventStore,
): Promise<Map<string, { state: RosterState; revision: number }>> {
  const byStream = await eventsByStream(store, 'roster-');
  return new Map(
    [...byStream].map(([id, events]) => [
      id,
      { state: fold(rosterDecider, events), revision: events[events.length - 1].revision },
    ]),
  );
}

/**
 * The last `months` monthly runs of the seeded year, oldest first, each for every established
 * scheme; before them each open scheme gets a payment rule (per day, corrections two months back:
 * DESIGN's "some municipalities allow corrections only one month back", with a month's slack).
 */
async function approveMonthlyRuns(
  app: INestApplicationContext,
  schemes: ReadonlyMap<string, SchemeState>,
  months: number,
  progress: (line: string) => void,
): Promise<{ runs: number; events: number }> {
  if (months <= 0) return { runs: 0, events: 0 };
  const first = addMonths(CITIZEN_HISTORY_FROM, 12 - months).slice(0, 7);
  const runner = new SeedCommandRunner(app.get(CommandExecutor));
  for (const [schemeId, scheme] of schemes) {
    if (scheme.status !== 'established') continue;
    const command: SchemeCommand = {
      type: 'SetPaymentRule',
      data: { schemeId, proration: 'per_day', correctionWindowMonths: 2, effectiveFrom: first },
    };
    await runner.run(schemeDecider, streamIds.scheme(schemeId), command, {
      key: `national:${schemeId}:payment-rule`,
      on: `${first}-01`,
    });
  }
  const runs = app.get(PaymentRuns);
  let count = 0;
  let events = runner.eventsAppended;
  for (let m = 12 - months; m < 12; m++) {
    const period = addMonths(CITIZEN_HISTORY_FROM, m).slice(0, 7);
    const t = Date.now();
    let lines = 0;
    // One request for every scheme, as finance approves a month: shared inputs load once.
    const outcomes = await runs.approveAll(
      [...schemes.keys()],
      period,
      seedMetadata(`national:run:${period}`),
    );
    for (const { created, run } of outcomes) {
      if (!created) continue;
      count++;
      lines += run.lineCount + run.correctionCount;
      events += 1 + run.lineCount + run.correctionCount;
    }
    progress(`payment runs ${period}: ${lines} payments, ${Date.now() - t} ms`);
  }
  return { runs: count, events };
}

function schemeIdOf(scheme: SchemeState): string {
  if (scheme.status === 'not_established') throw new Error('A scheme stream without a scheme');
  return scheme.schemeId;
}
