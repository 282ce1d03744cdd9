import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { EntitlementEvent, entitlementDecider, EntitlementState } from '@kundval/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@kundval/event-store';
import { createApp } from '../../apps/api/src/create-app';
import { PROJECTIONS, Projection } from '../../apps/api/src/projections/projection';
import { ProjectionRunner } from '../../apps/api/src/projections/projection-runner';
import { READ_MODEL_DB } from '../../apps/api/src/projections/read-model.tokens';
import { ProviderDirectory } from '../../apps/api/src/providers/provider-directory';
import { RecordLoader } from '../../apps/api/src/records/record-loader';
import { seedIfEmpty } from '../../apps/api/src/seed/seed-if-empty';
import { tempDirs } from '../support/temp-dirs';

// The read models over HTTP on a seeded ledger (thousands of events): health with each
// projection's position and lag, the as-of query against a replay of the log, stored v1 events,
// read-your-writes with `?minPosition=`, and a rebuild while queries keep being answered.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Role = 'quality_officer' | 'caseworker' | 'auditor';

interface Reply {
  status: number;
  contentType: string;
  body: Json;
}

let app: INestApplication;
let url: string;

// ---- HTTP helpers -------------------------------------------------------------------------

/** A request by someone in `role` (the signed-in test fetch turns X-Role into a token). */
async function send(method: string, path: string, role: Role, body?: unknown): Promise<Reply> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'X-Role': role, 'X-Actor': `${role}-7` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: text ? (JSON.parse(text) as Json) : {},
  };
}

const get = (path: string, role: Role = 'quality_officer') => send('GET', path, role);
const post = (path: string, body: unknown = {}, role: Role = 'quality_officer') =>
  send('POST', path, role, body);

/** A request that must answer `status`; returns the body. */
async function ok(reply: Promise<Reply>, status = 201): Promise<Json> {
  const { status: actual, body } = await reply;
  if (actual !== status)
    throw new Error(`Expected ${status}, got ${actual}: ${JSON.stringify(body)}`);
  return body;
}

const store = () => app.get<EventStore>(EVENT_STORE);
const runner = () => app.get(ProjectionRunner);

/** Waits until every read model has applied the whole log. */
async function idle(): Promise<number> {
  const head = await store().headPosition();
  expect(await runner().waitFor(head, 10_000)).toBe(true);
  return head;
}

/** Every read-model table of the current generations, rows ordered by all columns. */
function readModels(): Record<string, unknown[]> {
  const db = app.get<Database.Database>(READ_MODEL_DB);
  const tables: Record<string, unknown[]> = {};
  for (const projection of app.get<Projection[]>(PROJECTIONS)) {
    for (const table of Object.keys(projection.tables)) {
      const name = runner().table(projection.name, table);
      const columns = db.prepare(`PRAGMA table_info(${name})`).all().length;
      const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
      tables[`${projection.name}.${table}`] = db
        .prepare(`SELECT * FROM ${name} ORDER BY ${order}`)
        .all();
    }
  }
  return tables;
}

/** The seeded roster with the most placements. */
function busiestRoster(): { providerId: string; schemeId: string } {
  const db = app.get<Database.Database>(READ_MODEL_DB);
  return db
    .prepare(
      `SELECT provider_id AS providerId, scheme_id AS schemeId FROM ${runner().table('placements', 'placements')}
       GROUP BY scheme_id, provider_id ORDER BY count(*) DESC, provider_id LIMIT 1`,
    )
    .get() as { providerId: string; schemeId: string };
}

// ---- Dates and identity numbers -------------------------------------------------------------

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm' }).format(new Date());
}

function addDays(date: string, days: number): string {
  const moment = new Date(`${date}T12:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() + days);
  return moment.toISOString().slice(0, 10);
}

function luhnCheckDigit(digits: string): number {
  const sum = [...digits].reduce((total, digit, i) => {
    const product = Number(digit) * (i % 2 === 0 ? 2 : 1);
    return total + (product > 9 ? product - 9 : product);
  }, 0);
  return (10 - (sum % 10)) % 10;
}

let sequence = 0;

/** A fresh organisationsnummer `559NNN-NNNC`. */
function orgNumber(): string {
  const nine = `559${200_000 + ++sequence}`;
  const digits = `${nine}${luhnCheckDigit(nine)}`;
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/** A fresh personnummer of someone born in 2015. */
function personalNumber(): string {
  const nine = `1506${String(10 + (++sequence % 18)).padStart(2, '0')}${String(100 + sequence)}`;
  return `20${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
}

// ---- A small world of our own, set up through the API ----------------------------------------

const SCHEME = 'grundskola-readmodels';

async function givenScheme(): Promise<void> {
  await ok(
    post('/schemes', {
      schemeId: SCHEME,
      name: 'Grundskola (read-model test)',
      legalBasis: 'school_act',
      paymentModel: 'monthly',
      startDate: '2020-01-01',
    }),
  );
}

/** Registered and authorised in the scheme (a real authorisation, with evidence). */
async function givenAuthorisedProvider(name: string): Promise<string> {
  const { providerId } = await ok(
    post('/providers', { organisationNumber: orgNumber(), name, ownership: 'non_profit' }),
  );
  const conditions = (await ok(get('/conditions'), 200)) as unknown as Json[];
  const evidence = conditions
    .filter((c) => (c.controlPoints as string[]).includes('at_authorisation'))
    .map((c) => ({ conditionId: c.conditionId, description: 'Rutin bifogad' }));
  const { applicationId } = await ok(
    post(`/providers/${providerId}/applications`, { schemeId: SCHEME, evidence }),
  );
  await ok(
    post(`/providers/${providerId}/applications/${applicationId}/grant`, { schemeId: SCHEME }),
  );
  return providerId as string;
}

async function givenEntitledCitizen(): Promise<{ citizenId: string; entitlementId: string }> {
  const { citizenId } = await ok(
    post('/citizens', { personalNumber: personalNumber() }, 'caseworker'),
  );
  const { entitlementId } = await ok(
    post(
      `/citizens/${citizenId}/entitlements`,
      {
        schemeId: SCHEME,
        decisionRef: `UBN-${++sequence}`,
        level: 'grade-1',
        validFrom: today(),
        choiceDeadline: addDays(today(), 30),
      },
      'caseworker',
    ),
  );
  return { citizenId, entitlementId };
}

function choose(
  { citizenId, entitlementId }: { citizenId: string; entitlementId: string },
  providerId: string,
  effectiveDate: string,
) {
  return post(
    `/citizens/${citizenId}/entitlements/${entitlementId}/choices`,
    { providerId, effectiveDate, madeBy: 'citizen', channel: 'web' },
    'caseworker',
  );
}

// ---- The app --------------------------------------------------------------------------------

let schoolA: string;
let schoolB: string;

beforeAll(async () => {
  app = await createApp({ kind: 'embedded', dataDir: tempDir() }, { logger: false });
  // As `main.ts` does: seed, then start (the read models catch up with the whole seed).
  await seedIfEmpty(app);
  await app.listen(0, '127.0.0.1');
  url = await app.getUrl();
  await givenScheme();
  schoolA = await givenAuthorisedProvider('Ekbackens friskola');
  schoolB = await givenAuthorisedProvider('Montessoriskolan Kvarnen');
}, 60_000);
afterAll(async () => app?.close());
// Registered after the app's afterAll: the data dir is removed once the app is closed.
const tempDir = tempDirs('read-models');

// ---- Tests ------------------------------------------------------------------------------------

describe('health', () => {
  it('reports each projection at the head of the log with no lag when idle', async () => {
    const head = await idle();
    expect(head).toBeGreaterThan(3000);
    const { status, body } = await get('/health');
    expect(status).toBe(200);
    expect(body.store).toMatchObject({ headPosition: head, ready: true });
    expect(body.projections).toEqual([
      { name: 'providers', version: 1, position: head, lag: 0, rebuilding: false },
      { name: 'placements', version: 3, position: head, lag: 0, rebuilding: false },
    ]);
  });
});

describe('the provider directory', () => {
  it('reads every provider as the log folds it, a change included as soon as it is appended', async () => {
    const directory = app.get(ProviderDirectory, { strict: false });
    const records = app.get(RecordLoader, { strict: false });
    const fromLog = await records.allProviders();
    expect(fromLog.length).toBeGreaterThan(200);
    expect(await directory.all()).toEqual(fromLog);

    // Asked right after a command, without waiting: the read model catches up first.
    const providerId = await givenAuthorisedProvider('Katalogskolan');
    const listed = await directory.all();
    expect(listed.map((p) => (p.status === 'registered' ? p.providerId : null))).toContain(
      providerId,
    );
    expect(listed).toEqual(await records.allProviders());
  });
});

describe('as-of a log position', () => {
  it('equals replaying the citizen’s entitlement events up to that position', async () => {
    const citizen = await givenEntitledCitizen();
    const switchDate = addDays(today(), 20);
    const positions = [(await ok(choose(citizen, schoolA, today()))).position as number];
    positions.push((await ok(choose(citizen, schoolB, switchDate))).position as number);
    const ended = await ok(
      post(
        `/citizens/${citizen.citizenId}/entitlements/${citizen.entitlementId}/end`,
        { endDate: addDays(today(), 40), reason: 'Flyttar från kommunen' },
        'caseworker',
      ),
    );
    positions.push(ended.position as number);

    const stream = await store().readStream(
      `entitlement-${citizen.citizenId}/${citizen.entitlementId}`,
    );
    expect(stream.map((e) => e.type)).toEqual([
      'EntitlementGranted',
      'ChoiceRegistered',
      'ChoiceRegistered',
      'EntitlementEnded',
    ]);
    const replay = (position: number): EntitlementState[] => {
      const events = stream.filter((e) => e.position <= position);
      if (events.length === 0) return [];
      const state = events.reduce(
        (s, e: RecordedEvent) => entitlementDecider.evolve(s, e as unknown as EntitlementEvent),
        entitlementDecider.initialState(),
      );
      return [state];
    };
    // Before the grant, at each event, between events (roster events interleave), and after.
    const head = await store().headPosition();
    const probes = [
      stream[0].position - 1,
      ...stream.flatMap((e) => [e.position, e.position + 1]),
      positions[1] - 1,
      head,
    ];
    for (const position of probes) {
      const { status, body } = await get(
        `/citizens/${citizen.citizenId}/as-of?position=${position}`,
        'caseworker',
      );
      expect({ position, status }).toEqual({ position, status: 200 });
      expect({ position, entitlements: body.entitlements }).toEqual({
        position,
        entitlements: JSON.parse(JSON.stringify(replay(position))),
      });
    }
    // The switch shows only from its position on.
    const before = await get(
      `/citizens/${citizen.citizenId}/as-of?position=${positions[1] - 1}`,
      'caseworker',
    );
    expect(before.body.entitlements[0].placements).toHaveLength(1);
    const after = await get(
      `/citizens/${citizen.citizenId}/as-of?position=${positions[1]}`,
      'caseworker',
    );
    expect(after.body.entitlements[0].placements.map((p: Json) => [p.providerId, p.kind])).toEqual([
      [schoolA, 'first_choice'],
      [schoolB, 'switch'],
    ]);
  }, 30_000);
});

describe('the roster', () => {
  const roster = (providerId: string, query = '') =>
    ok(get(`/providers/${providerId}/roster?schemeId=${SCHEME}${query}`), 200);

  it('gives the free places a choice from the date can take, as the capacity check counts them', async () => {
    const providerId = await givenAuthorisedProvider('Lilla Bäckskolan');
    await ok(
      send('PUT', `/providers/${providerId}/capacity`, 'quality_officer', {
        schemeId: SCHEME,
        ceiling: 2,
      }),
    );
    const [first, later, third] = [
      await givenEntitledCitizen(),
      await givenEntitledCitizen(),
      await givenEntitledCitizen(),
    ];
    await ok(choose(first, providerId, today()));
    const { position } = await ok(choose(later, providerId, addDays(today(), 30)));

    // One place taken today, but the second is taken from day 30 on: none is free from today.
    const full = await roster(providerId, `&minPosition=${position}`);
    expect(full).toMatchObject({ capacity: 2, placed: 1, freePlaces: 0 });
    expect(full.arrivalsPage).toMatchObject({ total: 1 });
    expect(full.pendingArrivals).toEqual([
      expect.objectContaining({ citizenId: later.citizenId, from: addDays(today(), 30) }),
    ]);
    const refused = await choose(third, providerId, today());
    expect({ status: refused.status, code: refused.body.code }).toEqual({
      status: 409,
      code: 'PROVIDER_FULL',
    });

    // The first leaves on day 9, before the second comes: one place is free from today.
    const { position: after } = await ok(choose(first, schoolA, addDays(today(), 10)));
    const freed = await roster(providerId, `&minPosition=${after}`);
    expect(freed).toMatchObject({ placed: 1, freePlaces: 1 });
    expect(freed.departuresPage).toMatchObject({ total: 1 });
    expect(freed.pendingDepartures).toEqual([
      {
        citizenId: first.citizenId,
        entitlementId: first.entitlementId,
        lastDay: addDays(today(), 9),
      },
    ]);
    const { position: placed } = await ok(choose(third, providerId, today()));
    expect(await roster(providerId, `&minPosition=${placed}`)).toMatchObject({
      placed: 2,
      freePlaces: 0,
    });
  });

  it('pages customers, arrivals and departures, each with its total', async () => {
    const providerId = await givenAuthorisedProvider('Stora Skolan');
    const citizens = [];
    for (let i = 0; i < 3; i++) citizens.push(await givenEntitledCitizen());
    for (const citizen of citizens) await ok(choose(citizen, providerId, today()));
    const coming = [await givenEntitledCitizen(), await givenEntitledCitizen()];
    for (const citizen of coming) await ok(choose(citizen, providerId, addDays(today(), 5)));
    const { position } = await ok(
      post(
        `/citizens/${citizens[0].citizenId}/entitlements/${citizens[0].entitlementId}/end`,
        { endDate: addDays(today(), 60), reason: 'Flyttar' },
        'caseworker',
      ),
    );

    const whole = await roster(providerId, `&minPosition=${position}`);
    expect(whole).toMatchObject({ placed: 3, capacity: null, freePlaces: null });
    expect(whole.page).toEqual({ limit: 25, offset: 0, total: 3 });
    expect(whole.arrivalsPage).toEqual({ limit: 25, offset: 0, total: 2 });
    expect(whole.departuresPage).toEqual({ limit: 25, offset: 0, total: 1 });

    const pages = await Promise.all(
      [0, 2].map((offset) =>
        roster(providerId, `&limit=2&offset=${offset}&arrivalsOffset=${offset / 2}`),
      ),
    );
    expect(pages.map((p) => p.customers.length)).toEqual([2, 1]);
    expect(pages.flatMap((p) => p.customers)).toEqual(whole.customers);
    expect(pages.map((p) => p.page.total)).toEqual([3, 3]);
    expect(pages.map((p) => p.pendingArrivals)).toEqual([
      whole.pendingArrivals,
      whole.pendingArrivals.slice(1),
    ]);
    const noDepartures = await roster(providerId, '&departuresOffset=1');
    expect(noDepartures.pendingDepartures).toEqual([]);
    expect(noDepartures.departuresPage).toEqual({ limit: 25, offset: 1, total: 1 });

    const { status, body } = await get(
      `/providers/${providerId}/roster?schemeId=${SCHEME}&arrivalsOffset=-1&limit=501`,
    );
    expect({ status, code: body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });
});

describe('stored v1 events', () => {
  it('project a v1 CapacityDeclared ({capacity}) after a real authorisation as the ceiling', async () => {
    const providerId = await givenAuthorisedProvider('Gamla skolan');
    const stream = `provider-${providerId}`;
    const [last] = await store().readStream(stream, { direction: 'backwards', limit: 1 });
    expect(last.type).toBe('AuthorisationGranted');
    const { position } = await store().append(
      stream,
      [
        {
          id: randomUUID(),
          type: 'CapacityDeclared',
          data: { providerId, schemeId: SCHEME, capacity: 7 },
          metadata: { actor: 'legacy-import', role: 'system', channel: 'import', schemaVersion: 1 },
        },
      ],
      { expectedRevision: last.revision },
    );

    const roster = await ok(
      get(`/providers/${providerId}/roster?schemeId=${SCHEME}&minPosition=${position}`),
      200,
    );
    expect(roster).toMatchObject({ status: 'authorised', capacity: 7, placed: 0 });
    const provider = await ok(get(`/providers/${providerId}`), 200);
    expect(provider.schemes[SCHEME]).toMatchObject({ status: 'authorised', capacity: 7 });
  });
});

describe('read-your-writes', () => {
  it('answers with the write included when given the command’s position', async () => {
    const citizen = await givenEntitledCitizen();
    const { position } = await ok(choose(citizen, schoolB, today()));
    const roster = await ok(
      get(`/providers/${schoolB}/roster?schemeId=${SCHEME}&minPosition=${position}`),
      200,
    );
    expect(roster.customers).toContainEqual(
      expect.objectContaining({ citizenId: citizen.citizenId, kind: 'first_choice' }),
    );

    const waiting = await givenEntitledCitizen();
    const granted = await ok(get(`/citizens/${waiting.citizenId}/history`, 'caseworker'), 200);
    const grantedAt = granted.events[0].position as number;
    const awaiting = await ok(
      get(
        `/dashboards/awaiting-choice?schemeId=${SCHEME}&limit=500&minPosition=${grantedAt}`,
        'caseworker',
      ),
      200,
    );
    expect(awaiting.items).toContainEqual(
      expect.objectContaining({ citizenId: waiting.citizenId, schemeId: SCHEME }),
    );
  });

  it('refuses a malformed minPosition', async () => {
    const { status, body } = await get('/dashboards/providers-per-scheme?minPosition=-1');
    expect({ status, code: body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('never keeps a caller without a token waiting: 401 at once, whatever the position', async () => {
    const beyond = (await store().headPosition()) + 1_000_000;
    const started = Date.now();
    const response = await fetch(`${url}/dashboards/providers-per-scheme?minPosition=${beyond}`, {
      headers: { authorization: '' },
    });
    expect(response.status).toBe(401);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('answers 503 READ_MODELS_BEHIND once five seconds pass without reaching the position', async () => {
    const beyond = (await store().headPosition()) + 1_000_000;
    const started = Date.now();
    const { status, contentType, body } = await get(
      `/dashboards/providers-per-scheme?minPosition=${beyond}`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_900);
    expect(contentType).toMatch(/^application\/problem\+json/);
    expect({ status, code: body.code }).toEqual({ status: 503, code: 'READ_MODELS_BEHIND' });
  }, 15_000);
});

describe('rebuild while serving', () => {
  it('keeps answering queries with the same data, then swaps in a new generation', async () => {
    const head = await idle();
    const date = today();
    const busiest = busiestRoster();
    const queries: [string, Role][] = [
      [`/dashboards/market-shares?date=${date}`, 'auditor'],
      ['/dashboards/providers-per-scheme', 'auditor'],
      ['/dashboards/awaiting-choice?limit=500', 'caseworker'],
      ['/dashboards/sanctions', 'caseworker'],
      [`/providers/${schoolB}/roster?schemeId=${SCHEME}&date=${date}`, 'quality_officer'],
      [`/providers/${busiest.providerId}/roster?schemeId=${busiest.schemeId}`, 'quality_officer'],
    ];
    const expected = await Promise.all(queries.map(([path, role]) => ok(get(path, role), 200)));
    const tablesBefore = readModels();
    const tableBefore = runner().table('placements', 'placements');

    let done = false;
    const rebuild = post('/projections/rebuild').finally(() => (done = true));
    const answers: { path: string; status: number; body: Json; rebuilding: boolean }[] = [];
    while (!done) {
      for (const [path, role] of queries) {
        const reply = await get(path, role);
        const status = await get('/projections', 'auditor');
        const rebuilding = (status.body as unknown as Json[]).some((p) => p.rebuilding);
        answers.push({ path, status: reply.status, body: reply.body, rebuilding });
      }
    }
    const rebuilt = await rebuild;

    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body).toEqual([
      { name: 'providers', version: 1, position: head, lag: 0, rebuilding: false },
      { name: 'placements', version: 3, position: head, lag: 0, rebuilding: false },
    ]);
    // Queries were answered while the rebuild ran, all of them, all with the data of before.
    expect(answers.filter((a) => a.rebuilding).length).toBeGreaterThan(0);
    for (const answer of answers) {
      const i = queries.findIndex(([path]) => path === answer.path);
      expect({ path: answer.path, status: answer.status, body: answer.body }).toEqual({
        path: answer.path,
        status: 200,
        body: expected[i],
      });
    }
    expect(runner().table('placements', 'placements')).not.toBe(tableBefore);
    expect(readModels()).toEqual(tablesBefore);
    const afterwards = await Promise.all(queries.map(([path, role]) => ok(get(path, role), 200)));
    expect(afterwards).toEqual(expected);
  }, 45_000);
});
