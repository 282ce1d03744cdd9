import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { addDays, EntitlementState, planNonChoiceAssignments } from '@kundval/domain';
import { EVENT_STORE, EventStore } from '@kundval/event-store';
import { EntitlementsController } from '../../apps/api/src/citizens/entitlements.controller';
import { IdentityRegistry } from '../../apps/api/src/citizens/identity/identity-registry';
import { NonChoiceCandidates } from '../../apps/api/src/citizens/non-choice/non-choice-candidates';
import { NonChoiceScheduler } from '../../apps/api/src/citizens/non-choice/non-choice.scheduler';
import { CommandExecutor } from '../../apps/api/src/commands/command-executor';
import { createApp } from '../../apps/api/src/create-app';
import { ProjectionRunner } from '../../apps/api/src/projections/projection-runner';
import { ProviderDirectory } from '../../apps/api/src/providers/provider-directory';
import { RecordLoader } from '../../apps/api/src/records/record-loader';
import { seedIfEmpty } from '../../apps/api/src/seed/seed-if-empty';
import { tempDirs } from '../support/temp-dirs';

// The scheduled non-choice round plans from candidates found in the read models instead of every
// entitlement in the log. On the seeded municipality (deadlines, a de-authorised provider), the
// plan from the candidates must equal the plan from every entitlement, on any day.

jest.setTimeout(120_000);

let app: INestApplication;

beforeAll(async () => {
  app = await createApp({ kind: 'embedded', dataDir: tempDir() }, { logger: false });
  await seedIfEmpty(app);
  // Two citizens without a choice: one whose deadline has passed, one whose has not.
  const today = app.get(CommandExecutor).context().today;
  for (const [number, deadline] of [
    ['201601169814', addDays(today, -1)],
    ['201601169822', addDays(today, 30)],
  ] as const) {
    const { citizenId } = app.get(IdentityRegistry).register(number);
    await app.get(EntitlementsController).grant(
      citizenId,
      {
        schemeId: 'forskola',
        decisionRef: `test-${number}`,
        level: 'age-1-3',
        validFrom: addDays(today, -30),
        choiceDeadline: deadline,
      },
      { correlationId: randomUUID(), actor: 'caseworker-1', role: 'caseworker', channel: 'api' },
    );
  }
  // Projections start with the app; a round waits 10 s at most, a slow machine may need more.
  await app.init();
  const head = await app.get<EventStore>(EVENT_STORE).headPosition();
  expect(await app.get(ProjectionRunner).waitFor(head, 60_000)).toBe(true);
});
afterAll(async () => app.close());
// Registered after the app's afterAll: the data dir is removed once the app is closed.
const tempDir = tempDirs('non-choice');

it('plans the same assignments from the candidates as from every entitlement', async () => {
  const records = new RecordLoader(app.get<EventStore>(EVENT_STORE));
  const candidates = app.get(NonChoiceCandidates);
  const today = app.get(CommandExecutor).context().today;
  const [schemes, providers, all] = await Promise.all([
    records.allSchemes(),
    records.allProviders(),
    records.allEntitlements(),
  ]);
  // Days that matter: after choice deadlines, around providers' departures, and today.
  const deadlines = all.flatMap((e) =>
    e.status !== 'not_granted' && e.choiceDeadline ? [addDays(e.choiceDeadline, 1)] : [],
  );
  const departures = providers.flatMap((p) =>
    p.status === 'registered'
      ? Object.values(p.schemes).flatMap((a) => {
          const leaves = a.deauthorisation?.effectiveDate ?? a.withdrawal?.effectiveDate;
          return leaves ? [addDays(leaves, -1), leaves] : [];
        })
      : [],
  );
  const days = [...new Set([today, ...deadlines.sort().slice(-3), ...departures])];
  let planned = 0;
  for (const day of days) {
    const found = await candidates.load(day);
    expect(found).not.toBeNull();
    expect(found!.length).toBeLessThan(all.length);
    for (const scheme of schemes) {
      if (scheme.status !== 'established') continue;
      const plan = (entitlements: EntitlementState[]) =>
        planNonChoiceAssignments({
          scheme,
          providers,
          entitlements,
          rule: { kind: 'designated' },
          today: day,
        });
      const expected = plan(all);
      expect(plan(found!)).toEqual(expected);
      planned += expected.assignments.length + expected.unassigned.length;
    }
  }
  // The comparison means something only if some days need the non-choice provider.
  expect(planned).toBeGreaterThan(0);
});

it('assigns the non-choice provider in a scheduled round, only where the deadline has passed', async () => {
  const records = new RecordLoader(app.get<EventStore>(EVENT_STORE));
  await app.get(NonChoiceScheduler).runAll();
  const placedByDecision = new Map(
    (await records.allEntitlements()).flatMap((e) =>
      e.status !== 'not_granted' && e.decisionRef.startsWith('test-')
        ? [[e.decisionRef, e.placements.map((p) => p.providerId)]]
        : [],
    ),
  );
  expect(Object.fromEntries(placedByDecision)).toEqual({
    'test-201601169814': ['forskola-m01'],
    'test-201601169822': [],
  });
});

// Last: it stops the read models. At national scale, folding every entitlement instead of waiting
// for lagging read models ran the API out of memory.
it('while the read models lag, refuses with 503 rather than fold the log, and a round waits', async () => {
  await app.get(ProjectionRunner).stop();
  await app
    .get<EventStore>(EVENT_STORE)
    .append(`unrelated-${randomUUID()}`, [{ id: randomUUID(), type: 'Noted', data: {} }]);
  const today = app.get(CommandExecutor).context().today;
  await expect(app.get(NonChoiceCandidates).orAll(today)).rejects.toMatchObject({
    problem: { status: 503, code: 'READ_MODELS_BEHIND' },
  });
  // The providers likewise: a request is refused (after a 10 s wait, awaited below), background
  // work does without.
  const directory = app.get(ProviderDirectory);
  const providers = directory.all().then(
    () => 'folded',
    (error: { problem?: { status: number; code: string } }) => error.problem,
  );
  await expect(directory.fromReadModel(100)).resolves.toBeUndefined();

  const scheduler = app.get(NonChoiceScheduler);
  let ended = false;
  const round = scheduler.runAll().then(() => (ended = true));
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  expect(ended).toBe(false);
  // A shutdown ends the wait (within one 5 s step) without running the round.
  scheduler.onApplicationShutdown();
  await round;
  expect(ended).toBe(true);
  expect(await providers).toMatchObject({ status: 503, code: 'READ_MODELS_BEHIND' });
});
