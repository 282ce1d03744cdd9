import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import {
  authorisationIn,
  authorisationStatusOn,
  capacityCeiling,
  occupancyOn,
  rosterDecider,
} from '@kundval/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@kundval/event-store';
import { IdentityRegistry } from '../../apps/api/src/citizens/identity/identity-registry';
import { CommandExecutor } from '../../apps/api/src/commands/command-executor';
import { deterministicEventId } from '../../apps/api/src/commands/deterministic-id';
import { SNAPSHOT_KINDS } from '../../apps/api/src/commands/snapshot-kinds';
import { StreamSnapshots } from '../../apps/api/src/commands/stream-snapshots';
import { createApp } from '../../apps/api/src/create-app';
import { fold, RecordLoader } from '../../apps/api/src/records/record-loader';
import { citizenHistoryPlan } from '../../apps/api/src/seed/citizen-history-plan';
import { CitizenSeeder } from '../../apps/api/src/seed/citizen-seeder';
import { CitizenHistoryPlan } from '../../apps/api/src/seed/citizen-plan.types';
import { NACKA_FOLLOW_UP } from '../../apps/api/src/seed/nacka-follow-up.seed';
import { NackaSeeder } from '../../apps/api/src/seed/nacka-seeder';
import { nackaSeedPlan } from '../../apps/api/src/seed/nacka-seed-plan';
import { batchPlan, BirthNumberAllocator } from '../../apps/api/src/seed/national/batch-plan';
import {
  municipalityFollowUp,
  municipalityProviders,
  providerIn,
} from '../../apps/api/src/seed/national/municipality-providers';
import {
  nationalSeedClock,
  openPlanWriter,
  raiseCapacity,
  seedNational,
} from '../../apps/api/src/seed/national/national-seeder';
import { SeedCommandRunner } from '../../apps/api/src/seed/seed-command-runner';

// The 10k smoke size of the national generator, and the proof that its fast path writes what the
// real commands write. Several seeds of ~12,000 citizens: minutes, not seconds.
jest.setTimeout(600_000);

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kundval-national-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function open(): Promise<{ app: INestApplication; store: EventStore }> {
  const app = await createApp(
    { kind: 'embedded', dataDir: tempDir() },
    { logger: false, clock: nationalSeedClock() },
  );
  return { app, store: app.get<EventStore>(EVENT_STORE) };
}

async function wholeLog(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after = 0; ;) {
    const page = await store.readAll({ after, limit: 10_000 });
    events.push(...page);
    if (page.length < 10_000) return events;
    after = page[page.length - 1].position;
  }
}

/**
 * What an event says, without where and when it was recorded. Its revision is left out too: the
 * command path runs one day's citizens concurrently, so the order of their places on a shared
 * roster may differ (ids do not: they derive from the idempotency key, stream and index).
 */
function content(e: RecordedEvent) {
  const { correlationId, causationId, actor, role, channel, reason, idempotencyKey, commandHash } =
    e.metadata;
  return JSON.stringify([
    e.streamId,
    e.id,
    e.type,
    e.data,
    [correlationId, causationId, actor, role, channel, reason, idempotencyKey, commandHash],
  ]);
}

describe('national seed generator', () => {
  it('writes batches exactly as the real commands write them, on either municipality', async () => {
    const plan = nackaSeedPlan();
    const numbers = new BirthNumberAllocator();
    // Batch 1 chooses the seed's providers; batch 2, of a second municipality, its copies.
    const batches = [
      batchPlan(citizenHistoryPlan(plan), 1, numbers),
      batchPlan(citizenHistoryPlan(plan), 2, numbers, (id) => providerIn(id, 1)),
    ];
    const register = (app: INestApplication, batch: CitizenHistoryPlan) => {
      const registered = app
        .get(IdentityRegistry)
        .registerAll(batch.citizens, (i) => deterministicEventId(batch.citizens[i].ref, 'id', 0));
      return new Map(batch.citizens.map((c, i) => [c.ref, registered[i].citizenId]));
    };

    const viaCommands = await open();
    const viaWriter = await open();
    try {
      for (const side of [viaCommands, viaWriter]) {
        await side.app.get(NackaSeeder).seed();
        await raiseCapacity(side.app, plan, 2);
        await side.app
          .get(NackaSeeder)
          .authoriseProviders(
            new SeedCommandRunner(side.app.get(CommandExecutor)),
            municipalityProviders(plan, 1, 2),
            municipalityFollowUp(NACKA_FOLLOW_UP, 1),
            { designateNonChoice: false },
          );
      }
      const head = await viaCommands.store.headPosition();
      expect(await viaWriter.store.headPosition()).toBe(head);

      const commands = viaCommands.app;
      for (const batch of batches) {
        register(commands, batch);
        await new CitizenSeeder(
          viaCommands.store,
          commands.get(RecordLoader),
          commands.get(IdentityRegistry),
        ).seed(batch);
      }

      const { writer } = await openPlanWriter(viaWriter.app);
      for (const batch of batches)
        await writer.writeBatch(batch.steps, register(viaWriter.app, batch));

      const added = (log: RecordedEvent[]) => log.filter((e) => e.position > head).map(content);
      const fromCommands = added(await wholeLog(viaCommands.store));
      const fromWriter = added(await wholeLog(viaWriter.store));
      expect(fromWriter.length).toBeGreaterThan(16_000);
      // Same events, ids, revisions and metadata; only the interleaving of streams may differ.
      expect([...fromWriter].sort()).toEqual([...fromCommands].sort());

      // The second batch's places are all with the second municipality's providers.
      const places = (await wholeLog(viaWriter.store)).filter((e) => e.type === 'PlaceReserved');
      const data = places.map((e) => e.data as { providerId: string; entitlementId: string });
      const second = data.filter((d) => d.entitlementId.endsWith('-b2'));
      expect(second.length).toBeGreaterThan(2_000);
      expect(second.every((d) => d.providerId.endsWith('-k1'))).toBe(true);
      expect(data.some((d) => d.entitlementId.endsWith('-b1') && /-k\d+$/.test(d.providerId))).toBe(
        false,
      );
    } finally {
      await viaCommands.app.close();
      await viaWriter.app.close();
    }
  });

  it('generates 10,000 citizens deterministically, within every provider capacity', async () => {
    // Municipalities of two citizen sets, so that 10,000 citizens make two of them.
    const options = { citizens: 10_000, paymentMonths: 2, municipalityBatches: 2 };
    const digests: string[] = [];
    for (let run = 0; run < 2; run++) {
      const { app, store } = await open();
      try {
        const report = await seedNational(app, options);
        expect(report.citizens).toBeGreaterThanOrEqual(10_000);
        // The base seed and batch 1 in the first municipality, batches 2 and 3 in the second.
        expect(report).toMatchObject({ batches: 3, municipalities: 2, providers: 2 * 224 });
        expect(report.eventsAppended).toBe(await store.headPosition());
        expect(report.paymentRuns).toBeGreaterThan(0);

        const log = await wholeLog(store);
        digests.push(createHash('sha256').update(log.map(content).join('\n')).digest('hex'));
        if (run === 1) continue;

        // No roster ever holds more places than its provider declared.
        const records = app.get(RecordLoader);
        const byRoster = new Map<string, RecordedEvent[]>();
        for (const e of log.filter((e) => e.streamId.startsWith('roster-')))
          byRoster.set(e.streamId, [...(byRoster.get(e.streamId) ?? []), e]);
        // The seed leaves the snapshots a running API would have written: every roster of 50
        // events or more, each equal to the fold of its events (rosters keep no keys).
        const snapshots = app.get(StreamSnapshots);
        const rosterKind = SNAPSHOT_KINDS.get(rosterDecider)!;
        const long = [...byRoster].filter(([, events]) => events.length >= rosterKind.every);
        expect(long.length).toBeGreaterThan(10);
        expect(report.rosterSnapshots).toBe(long.length);
        for (const [streamId, events] of long) {
          const snapshot = snapshots.load(rosterKind, streamId)!;
          expect({ ...snapshot, keys: snapshot.keys() }).toEqual({
            state: fold(rosterDecider, events),
            revision: events.length - 1,
            eventId: events.at(-1)!.id,
            keys: [],
          });
        }
        for (const events of byRoster.values()) {
          const roster = fold(rosterDecider, events);
          const provider = await records.provider(roster.providerId!);
          const ceiling = capacityCeiling(provider, roster.schemeId!);
          if (ceiling !== null)
            expect(occupancyOn(roster, '2014-09-30')).toBeLessThanOrEqual(ceiling);
        }

        // Each municipality's citizens hold places with its own providers only: the seed's for
        // the base seed and batch 1, the second municipality's copies for batches 2 and 3.
        const municipalityOfPlace = (entitlementId: string) =>
          Math.floor(Number(/-b(\d+)$/.exec(entitlementId)?.[1] ?? 0) / 2);
        const places = log.filter((e) => e.type === 'PlaceReserved');
        const copied = new Set<string>();
        for (const e of places) {
          const { providerId, entitlementId } = e.data as Record<string, string>;
          const m = municipalityOfPlace(entitlementId);
          expect(providerId).toBe(providerIn(providerId.replace(/-k\d+$/, ''), m));
          if (m === 1) copied.add(providerId);
        }
        expect(copied.size).toBeGreaterThan(150);
        // The copies went through the seed's lifecycle: a LOV contract, the seed's capacity
        // times the sets per municipality, and the seed's de-authorisation.
        const copy = await records.provider('hemtjanst-p01-k1');
        const seeded = nackaSeedPlan()
          .flatMap(({ providers }) => providers)
          .find((p) => p.providerId === 'hemtjanst-p01')!;
        expect(copy.status).toBe('registered');
        expect(authorisationIn(copy, 'hemtjanst')?.contract).not.toBeNull();
        expect(capacityCeiling(copy, 'hemtjanst')).toBe(2 * seeded.capacity);
        expect(
          authorisationStatusOn(
            await records.provider('hemtjanst-p07-k1'),
            'hemtjanst',
            '2015-03-01',
          ),
        ).toBe('deauthorised');

        // A rerun finds every batch written and appends nothing.
        const again = await seedNational(app, options);
        expect(again.skippedBatches).toBe(again.batches);
        expect(await store.headPosition()).toBe(report.eventsAppended);
      } finally {
        await app.close();
      }
    }
    expect(digests[1]).toBe(digests[0]);
  });
});
