import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@kundval/event-store';
import { createApp } from '../../apps/api/src/create-app';
import { tempDirs } from '../support/temp-dirs';

const register = join(__dirname, '../support/register-ts.js');
const main = join(__dirname, '../../apps/api/src/main.ts');
const tempDir = tempDirs('e2e');

describe('API health over HTTP (embedded store)', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    app = await createApp({ kind: 'embedded', dataDir: tempDir() }, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(async () => app.close());

  it('reports the store kind, its head position and readiness', async () => {
    const empty = (await (await fetch(`${url}/health`)).json()) as { projections: unknown[] };
    expect(empty).toMatchObject({
      status: 'ok',
      store: { kind: 'embedded', headPosition: 0, ready: true },
    });
    expect(empty.projections).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'placements', position: 0, lag: 0 }),
      ]),
    );

    await app
      .get<EventStore>(EVENT_STORE)
      .append('scheme-1', [{ id: randomUUID(), type: 'SchemeEstablished', data: {} }]);
    const after = (await (await fetch(`${url}/health`)).json()) as {
      store: { headPosition: number };
    };
    expect(after.store.headPosition).toBe(1);
  });
});

describe('API start-up with bad configuration', () => {
  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['-r', register, main], {
      env: { PATH: process.env.PATH, PORT: '0', AUTH_MODE: 'development', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });

  it('refuses to start without a token key outside development mode', () => {
    const result = start({ AUTH_MODE: 'production' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('No token key: set AUTH_JWT_SECRET');
  });

  it('refuses an unknown store kind with a clear message', () => {
    const result = start({ EVENT_STORE: 'mongodb' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'EVENT_STORE must be one of embedded, eventstoredb; got "mongodb"',
    );
  });

  it('refuses an unwritable data directory', () => {
    const file = join(tempDir(), 'plain-file');
    writeFileSync(file, '');
    const result = start({ DATA_DIR: join(file, 'data') });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Data directory .* is not writable/);
  });

  it('refuses a corrupt database file', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'events.sqlite'), 'garbage'.repeat(1000));
    const result = start({ DATA_DIR: dataDir });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /events\.sqlite cannot be opened \(corrupt, or not an event store\)/,
    );
  });
});
