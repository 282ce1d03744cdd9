import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import {
  isChoosable,
  NACKA_MARKET_SHARES,
  NACKA_PROVIDER_COUNTS,
  NACKA_SCHEMES,
  ProviderState,
  rateOn,
  RegisteredProvider,
  SchemeState,
  seedStartDate,
} from '@kundval/domain';
import { EVENT_STORE, EventStore } from '@kundval/event-store';
import { CommandExecutor } from '../../apps/api/src/commands/command-executor';
import { createApp } from '../../apps/api/src/create-app';
import { RecordLoader } from '../../apps/api/src/records/record-loader';
import { NackaSeeder } from '../../apps/api/src/seed/nacka-seeder';
import { SEED_COUNTS_AS_OF } from '../../apps/api/src/seed/nacka-seed-plan';
import { seedIfEmpty } from '../../apps/api/src/seed/seed-if-empty';
import { SeedReport } from '../../apps/api/src/seed/seed-report';

describe('Nacka seed (embedded store)', () => {
  let app: INestApplication;
  let store: EventStore;
  let records: RecordLoader;
  let report: SeedReport | null;
  let providers: RegisteredProvider[];
  let schemes: Map<string, SchemeState>;

  beforeAll(async () => {
    app = await createApp(
      { kind: 'embedded', dataDir: mkdtempSync(join(tmpdir(), 'kundval-seed-')) },
      { logger: false },
    );
    store = app.get<EventStore>(EVENT_STORE);
    records = new RecordLoader(store);
    report = await seedIfEmpty(app);
    providers = (await records.allProviders()).filter(
      (p: ProviderState): p is RegisteredProvider => p.status === 'registered',
    );
    const all = await records.allSchemes();
    schemes = new Map(
      all.flatMap((s) => (s.status === 'not_established' ? [] : [[s.schemeId, s]])),
    );
  });
  afterAll(async () => app.close());

  // Every seeded provider applies in exactly one scheme.
  const schemeOf = (provider: RegisteredProvider) => Object.keys(provider.schemes)[0];
  const inScheme = (schemeId: string) => providers.filter((p) => schemeOf(p) === schemeId);

  it('seeds an empty store quickly, every event as the system importer', async () => {
    expect(report).not.toBeNull();
    expect(report!.durationMs).toBeLessThan(10_000);
    expect(report!.eventsAppended).toBe(await store.headPosition());
    const events = await store.readAll({ limit: 100_000 });
    expect(events.length).toBe(report!.eventsAppended);
    for (const { metadata } of events) {
      expect(metadata).toMatchObject({ actor: 'seed', role: 'system', channel: 'import' });
      expect(metadata.idempotencyKey).toMatch(/^seed:/);
    }
  });

  it('establishes every scheme on its start date, with rates, and the foot-care scheme closed', () => {
    for (const seed of NACKA_SCHEMES) {
      const scheme = schemes.get(seed.schemeId);
      expect(scheme).toMatchObject({ startDate: seedStartDate(seed) });
      expect(scheme!.status === 'not_established' ? [] : scheme!.rates).not.toHaveLength(0);
    }
    expect(rateOn(schemes.get('hemtjanst')!, 'home-care-hour', SEED_COUNTS_AS_OF)).toMatchObject({
      amountOre: 45_000,
    });
    expect(schemes.get('fotvardscheckar')).toMatchObject({
      status: 'closed',
      closingDate: '2006-01-01',
    });
    const open = [...schemes.values()].filter((s) => s.status !== 'closed');
    expect(open).toHaveLength(NACKA_SCHEMES.length - 1);
  });

  it('has providers per social-services scheme and ownership as in seed 003', () => {
    for (const count of NACKA_PROVIDER_COUNTS) {
      const seeded = inScheme(count.schemeId);
      const municipal = seeded.filter((p) => p.ownership === 'municipal');
      expect({ schemeId: count.schemeId, municipal: municipal.length }).toEqual({
        schemeId: count.schemeId,
        municipal: count.municipalCount ?? 0,
      });
      expect(seeded.length - municipal.length).toBe(count.privateCount ?? 0);
    }
    const homeCare = inScheme('hemtjanst');
    expect(homeCare.some((p) => p.ownership === 'non_profit')).toBe(true);
    expect(homeCare.some((p) => p.ownership === 'private')).toBe(true);
  });

  it('has a few dozen school providers split roughly by seed 001 market shares', () => {
    const school = NACKA_MARKET_SHARES.filter((share) => inScheme(share.schemeId).length > 0);
    expect(school.map((share) => share.schemeId)).toEqual(
      expect.arrayContaining(['forskola', 'grundskola', 'gymnasieskola']),
    );
    const total = school.reduce((sum, share) => sum + inScheme(share.schemeId).length, 0);
    expect(total).toBeGreaterThanOrEqual(24);
    expect(total).toBeLessThanOrEqual(72);
    for (const share of school) {
      const seeded = inScheme(share.schemeId);
      const independent = seeded.filter((p) => p.ownership !== 'municipal').length;
      const expected =
        share.independentPercent / (share.independentPercent + share.ownMunicipalPercent);
      expect(Math.abs(independent / seeded.length - expected)).toBeLessThan(0.15);
    }
  });

  it('authorises every seeded provider (contracted under LOV) and designates municipal non-choice providers', () => {
    expect(providers).toHaveLength(report!.providers);
    for (const provider of providers) {
      const schemeId = schemeOf(provider);
      expect(provider.organisationNumber).toMatch(/^\d{2}[2-9]\d{3}-\d{4}$/);
      if (provider.ownership === 'municipal')
        expect(provider.organisationNumber).toMatch(/^212000-/);
      expect(provider.schemes[schemeId]).toMatchObject({ everAuthorised: true });
      const choosable = isChoosable(provider, schemes.get(schemeId)!, SEED_COUNTS_AS_OF);
      expect({ providerId: provider.providerId, ...choosable }).toEqual({
        providerId: provider.providerId,
        choosable: true,
      });
    }
    const orgNumbers = new Set(providers.map((p) => p.organisationNumber));
    expect(orgNumbers.size).toBe(providers.length);
    for (const scheme of schemes.values()) {
      if (scheme.status === 'not_established') continue;
      const municipal = inScheme(scheme.schemeId).filter((p) => p.ownership === 'municipal');
      if (municipal.length === 0) continue;
      expect(municipal.map((p) => p.providerId)).toContain(scheme.nonChoiceProviderId);
    }
  });

  it('records a few warnings and exactly one de-authorisation, of a home-care provider', () => {
    const warnings = providers.flatMap((p) => p.warnings);
    expect(warnings.length).toBeGreaterThanOrEqual(3);
    const deauthorised = providers.flatMap((p) =>
      Object.values(p.schemes)
        .filter((auth) => auth.status === 'deauthorised')
        .map((auth) => ({ provider: p, auth })),
    );
    expect(deauthorised).toHaveLength(1);
    const [{ provider, auth }] = deauthorised;
    expect(auth.schemeId).toBe('hemtjanst');
    expect(auth.deauthorisation?.effectiveDate).toBeDefined();
    const effective = auth.deauthorisation!.effectiveDate;
    expect(isChoosable(provider, schemes.get('hemtjanst')!, effective)).toEqual({
      choosable: false,
      reason: 'DEAUTHORISED',
    });
  });

  it('appends nothing when run again', async () => {
    const head = await store.headPosition();
    expect(await seedIfEmpty(app)).toBeNull();
    const rerun = await new NackaSeeder(new CommandExecutor(store), records, store).seed();
    expect(rerun.eventsAppended).toBe(0);
    expect(rerun.replayedCommands).toBe(rerun.commands);
    expect(rerun.headPosition).toBe(head);
    expect(await store.headPosition()).toBe(head);
  });
});
