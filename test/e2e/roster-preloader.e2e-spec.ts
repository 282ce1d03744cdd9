import { INestApplication } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@kundval/event-store';
import { RosterPreloader } from '../../apps/api/src/citizens/roster-preloader';
import { CommandExecutor } from '../../apps/api/src/commands/command-executor';
import { createApp } from '../../apps/api/src/create-app';
import { ProjectionRunner } from '../../apps/api/src/projections/projection-runner';
import { ProviderDirectory } from '../../apps/api/src/providers/provider-directory';
import { RecordLoader } from '../../apps/api/src/records/record-loader';
import { ROSTER_STREAM_PREFIX, streamIds } from '../../apps/api/src/records/stream-ids';
import { seedIfEmpty } from '../../apps/api/src/seed/seed-if-empty';
import { tempDirs } from '../support/temp-dirs';

// After a start, every provider and every roster of a scheme it is authorised in is read into
// the command executor's cache, so the first choice at each provider does not pay for its roster.
// The app under test is a restart on a seeded data dir: its cache starts empty.

jest.setTimeout(120_000);

let app: INestApplication;

beforeAll(async () => {
  const dataDir = tempDir();
  const seeded = await createApp({ kind: 'embedded', dataDir }, { logger: false });
  await seedIfEmpty(seeded);
  await seeded.close();
  app = await createApp({ kind: 'embedded', dataDir }, { logger: false });
  await app.init();
  const head = await app.get<EventStore>(EVENT_STORE).headPosition();
  expect(await app.get(ProjectionRunner).waitFor(head, 60_000)).toBe(true);
});
afterAll(async () => app?.close());
const tempDir = tempDirs('roster-preloader');

it('reads every registered provider and each roster of the schemes it is authorised in', async () => {
  const store = app.get<EventStore>(EVENT_STORE);
  const providers = await new RecordLoader(store).allProviders();
  const streams = providers.flatMap((p) =>
    p.status === 'registered'
      ? [
          streamIds.provider(p.providerId),
          ...Object.keys(p.schemes).map((schemeId) => streamIds.roster(schemeId, p.providerId)),
        ]
      : [],
  );
  // What they weigh in the cache: a provider keeps its Idempotency-Keys, and its events count
  // twice; a roster keeps none.
  let weight = 0;
  for (const stream of streams) {
    const events = (await store.readStream(stream)).length;
    weight += stream.startsWith(ROSTER_STREAM_PREFIX) ? events : 2 * events;
  }
  const rosters = streams.filter((s) => s.startsWith(ROSTER_STREAM_PREFIX)).length;
  expect(rosters).toBeGreaterThan(0);

  const roomBefore = app.get(CommandExecutor).cacheRoom;
  const report = await app.get(RosterPreloader).run();

  expect(report).toEqual({ providers: streams.length - rosters, rosters, ms: expect.any(Number) });
  // Every event of those streams is now folded into a cached state.
  expect(roomBefore - app.get(CommandExecutor).cacheRoom).toBe(weight);
});

it('takes the providers from the read model only, never by folding the log', async () => {
  // An application whose read models do not run (never initialised): only `all()` may fold.
  const resting = await createApp({ kind: 'embedded', dataDir: tempDir() }, { logger: false });
  try {
    await seedIfEmpty(resting);
    const directory = resting.get(ProviderDirectory);
    await expect(directory.fromReadModel(0)).resolves.toBeUndefined();
    expect((await directory.all()).length).toBeGreaterThan(0);
    await expect(resting.get(RosterPreloader).run()).resolves.toBeUndefined();
  } finally {
    await resting.close();
  }
});

it('reads nothing once the application is shutting down', async () => {
  const preloader = app.get(RosterPreloader);
  preloader.onApplicationShutdown();
  await expect(preloader.run()).resolves.toBeUndefined();
});
