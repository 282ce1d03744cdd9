import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { capacityCeiling, occupancyOn, rosterDecider } from '@kundval/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@kundval/event-store';
import { IdentityRegistry } from '../../apps/api/src/citizens/identity/identity-registry';
import { deterministicEventId } from '../../apps/api/src/commands/deterministic-id';
import { createApp } from '../../apps/api/src/create-app';
import { fold, RecordLoader } from '../../apps/api/src/records/record-loader';
import { citizenHistoryPlan } from '../../apps/api/src/seed/citizen-history-plan';
import { CitizenSeeder } from '../../apps/api/src/seed/citizen-seeder';
import { NackaSeeder } from '../../apps/api/src/seed/nacka-seeder';
import { nackaSeedPlan } from '../../apps/api/src/seed/nacka-seed-plan';
import { batchPlan, BirthNumberAllocator } from '../../apps/api/src/seed/national/batch-plan';
import {
  nationalSeedClock,
  openPlanWriter,
  raiseCapacity,
  seedNational,
} from '../../apps/api/src/seed/national/national-seeder';

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
  it('writes a batch exactly as the real commands write it', async () => {
    const plan = nackaSeedPlan();
    const batch = batchPlan(citizenHistoryPlan(plan), 1, new BirthNumberAllocator());
    const register = (app: INestApplication) => {
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
      }
      const head = await viaCommands.store.headPosition();
      expect(await viaWriter.store.headPosition()).toBe(head);

      register(viaCommands.app);
      const commands = viaCommands.app;
      await new CitizenSeeder(
        viaCommands.store,
        commands.get(RecordLoader),
        commands.get(IdentityRegistry),
      ).seed(batch);

      const { writer } = await openPlanWriter(viaWriter.app);
      await writer.writeBatch(batch.steps, register(viaWriter.app));

      const added = (log: RecordedEvent[]) => log.filter((e) => e.position > head).map(content);
      const fromCommands = added(await wholeLog(viaCommands.store));
      const fromWriter = added(await wholeLog(viaWriter.store));
      expect(fromWriter.length).toBeGreaterThan(8_000);
      // Same events, ids, revisions and metadata; only the interleaving of streams may differ.
      expect([...fromWriter].sort()).toEqual([...fromCommands].sort());
    } finally {
      await viaCommands.app.close();
      await viaWriter.app.close();
    }
  });

  it('generates 10,000 citizens deterministically, within every provider capacity', async () => {
    const digests: string[] = [];
    for (let run = 0; run < 2; run++) {
      const { app, store } = await open();
      try {
        const report = await seedNational(app, { citizens: 10_000, paymentMonths: 2 });
        expect(report.citizens).toBeGreaterThanOrEqual(10_000);
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
        for (const events of byRoster.values()) {
          const roster = fold(rosterDecider, events);
          const provider = await records.provider(roster.providerId!);
          const ceiling = capacityCeiling(provider, roster.schemeId!);
          if (ceiling !== null)
            expect(occupancyOn(roster, '2014-09-30')).toBeLessThanOrEqual(ceiling);
        }

        // A rerun finds every batch written and appends nothing.
        const again = await seedNational(app, { citizens: 10_000, paymentMonths: 2 });
        expect(again.skippedBatches).toBe(again.batches);
        expect(await store.headPosition()).toBe(report.eventsAppended);
      } finally {
        await app.close();
      }
    }
    expect(digests[1]).toBe(digests[0]);
  });
});
