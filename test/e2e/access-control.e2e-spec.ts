import { createHmac } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@kundval/event-store';
import { AuthConfig, developmentAuthConfig } from '../../apps/api/src/auth/auth.config';
import { issueToken } from '../../apps/api/src/auth/jwt';
import { Role, ROLES } from '../../apps/api/src/auth/roles';
import { createApp } from '../../apps/api/src/create-app';
import { ProjectionRunner } from '../../apps/api/src/projections/projection-runner';
import { seedIfEmpty } from '../../apps/api/src/seed/seed-if-empty';
import { RawReply, rawRequest } from '../support/raw-http';
import { Route, routesOf } from '../support/routes';
import { bearer } from '../support/tokens';
import { tempDirs } from '../support/temp-dirs';

// Access control over HTTP on the seeded Nacka ledger. The routes are found at runtime from the
// controllers' metadata (never listed by hand), so a new endpoint is checked as soon as it exists:
// every role a route does not allow is refused with 403 and nothing is appended; every caller
// without a valid token gets 401; provider staff and citizens see and change only their own
// records, whatever id they guess. Requests go through node:http rather than the test fetch, so
// no token is ever added behind the test's back, and failed sign-ins can come from distinct
// loopback addresses (the guard slows down an address after 20 failures a minute).

jest.setTimeout(120_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

type Reply = RawReply;

let app: INestApplication;
let port: number;
let routes: Route[];

/** The path with its parameters filled in (each value URL-encoded). */
function pathOf(route: Route, values: Record<string, string>): string {
  return route.template
    .replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? `x-${name}`))
    .replace(/\*(\w+)/g, 'x');
}

const label = (route: Route) => `${route.method} ${route.template} (${route.name})`;

// ---- HTTP ---------------------------------------------------------------------------------------

let addresses = 0;

/** A loopback source address not used before: the guard counts failed sign-ins per address. */
function freshAddress(): string {
  addresses++;
  return `127.1.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
}

function send(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown; from?: string; port?: number } = {},
): Promise<Reply> {
  const { headers = {}, body, from } = options;
  const text =
    body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return rawRequest({ port: options.port ?? port, method, path, headers, body: text, from });
}

type Principal = { providerId?: string; citizenIds?: string[]; subject?: string };
const as = (role: Role, principal: Principal = {}) => bearer(role, principal);

/** Why the reply is not the expected problem document, or null when it is. */
function problemMismatch(
  reply: Reply,
  status: number,
  code: string,
  detail?: RegExp,
): string | null {
  if (reply.status !== status || reply.body.code !== code)
    return `${reply.status} ${reply.body.code ?? ''} ${reply.text.slice(0, 200)}`;
  if (!/^application\/problem\+json/.test(reply.contentType))
    return `content-type ${reply.contentType}`;
  if (
    reply.body.status !== status ||
    typeof reply.body.type !== 'string' ||
    typeof reply.body.detail !== 'string'
  )
    return `not a problem document: ${reply.text.slice(0, 200)}`;
  if (detail && !detail.test(reply.body.detail)) return `detail "${reply.body.detail}"`;
  return null;
}

function expectProblem(reply: Reply, status: number, code: string, detail?: RegExp): void {
  expect(problemMismatch(reply, status, code, detail)).toBeNull();
}

const store = () => app.get<EventStore>(EVENT_STORE);
const head = () => store().headPosition();

// ---- Seeded records and ids ---------------------------------------------------------------------

const SCHEME = 'hemtjanst';
const OWN_PROVIDER = 'hemtjanst-p01';
const OTHER_PROVIDER = 'hemtjanst-p02';
const PERIOD = '2025-01';

/** A citizen on each of the two providers' rosters: A is ours, B someone else. */
const citizenA = { citizenId: '', entitlementId: '' };
const citizenB = { citizenId: '', entitlementId: '' };

/** Values for every path parameter; provider and citizen ids are the caller's own. */
function ownIds(): Record<string, string> {
  return {
    citizenId: citizenA.citizenId,
    entitlementId: citizenA.entitlementId,
    providerId: OWN_PROVIDER,
    schemeId: SCHEME,
    applicationId: `application-${OWN_PROVIDER}`,
    changeId: 'manager-change-1',
    complaintId: 'complaint-1',
    appealId: 'appeal-1',
    supplementId: 'supplement-1',
    roundId: 'grundskola.2027',
    name: 'placements',
    period: PERIOD,
  };
}

/** A token for `role` whose own records are the ones the path names. */
function tokenFor(role: Role, values: Record<string, string>): Record<string, string> {
  return as(role, {
    subject: `${role}-access-test`,
    ...(role === 'provider' ? { providerId: values.providerId ?? OWN_PROVIDER } : {}),
    ...(role === 'citizen' ? { citizenIds: [values.citizenId ?? citizenA.citizenId] } : {}),
  });
}

async function firstOnRoster(providerId: string) {
  const reply = await send('GET', `/providers/${providerId}/roster?schemeId=${SCHEME}&limit=1`, {
    headers: as('caseworker'),
  });
  expect(reply.status).toBe(200);
  const [customer] = reply.body.customers as { citizenId: string; entitlementId: string }[];
  expect(customer).toBeDefined();
  return { citizenId: customer.citizenId, entitlementId: customer.entitlementId };
}

beforeAll(async () => {
  app = await createApp({ kind: 'embedded', dataDir: tempDir() }, { logger: false });
  await seedIfEmpty(app);
  await app.listen(0, '127.0.0.1');
  port = Number(new URL(await app.getUrl()).port);
  expect(await app.get(ProjectionRunner).waitFor(await head(), 60_000)).toBe(true);
  routes = routesOf(app);
  Object.assign(citizenA, await firstOnRoster(OWN_PROVIDER));
  Object.assign(citizenB, await firstOnRoster(OTHER_PROVIDER));
  expect(citizenA.citizenId).not.toBe(citizenB.citizenId);
});
afterAll(async () => app?.close());
// Registered after the app's afterAll: the data dirs are removed once the apps are closed.
const tempDir = tempDirs('access');

// ---- Roles ----------------------------------------------------------------------------------------

describe('the role policy of every route', () => {
  const guarded = () => routes.filter((route) => !route.isPublic);

  it('finds the routes from the controllers: more than 60, and only known ones are public', () => {
    expect(routes.length).toBeGreaterThan(60);
    expect(guarded().length).toBeGreaterThan(60);
    // A public route needs no token: each must be one meant for everyone.
    const meantForEveryone = ['GET /health', 'POST /auth/dev-token', 'GET /', 'GET /web/*'];
    const publicRoutes = routes
      .filter((route) => route.isPublic)
      .map((r) => `${r.method} ${r.template}`);
    expect(publicRoutes.filter((r) => !meantForEveryone.includes(r))).toEqual([]);
    expect(publicRoutes).toEqual(expect.arrayContaining(['GET /health', 'POST /auth/dev-token']));
    // Every role named is a real role (a typo would silently deny it).
    for (const route of guarded())
      expect(route.allowed.filter((role) => !ROLES.includes(role))).toEqual([]);
  });

  it('refuses every role a route does not allow with 403 FORBIDDEN, appending nothing', async () => {
    const failures: string[] = [];
    let checked = 0;
    const checkedRoutes = new Set<string>();
    for (const route of guarded()) {
      const values = ownIds();
      const path = pathOf(route, values);
      for (const role of ROLES) {
        const refused = role === 'auditor' ? route.method !== 'GET' : !route.allowed.includes(role);
        if (!refused) continue;
        const before = await head();
        const reply = await send(route.method, path, {
          headers: tokenFor(role, values),
          body: route.method === 'GET' ? undefined : {},
        });
        // The role check refuses, not the own-records check: the ids are the caller's own.
        const why =
          role === 'auditor' ? /^Auditors read everything/ : new RegExp(`^The role ${role} `);
        const mismatch = problemMismatch(reply, 403, 'FORBIDDEN', why);
        if (mismatch) failures.push(`${label(route)} as ${role}: ${mismatch}`);
        if ((await head()) !== before) failures.push(`${label(route)} as ${role}: log grew`);
        checked++;
        checkedRoutes.add(label(route));
      }
    }
    expect(failures).toEqual([]);
    // Only reads open to every role refuse no one; every other guarded route was checked.
    const openToAll = guarded().filter(
      (r) =>
        r.method === 'GET' && ROLES.every((role) => role === 'auditor' || r.allowed.includes(role)),
    );
    expect(checkedRoutes.size).toBe(guarded().length - openToAll.length);
    expect(checkedRoutes.size).toBeGreaterThan(60);
    expect(checked).toBeGreaterThan(200);
  });

  it('lets every role a route allows past the guard (never 401 or 403 on its own records)', async () => {
    // GET routes are called as they are; commands get a body with an unknown field, which the
    // validation after the guard refuses with 400, so nothing is changed. Commands without a
    // body cannot be called without effect and are left out here.
    const failures: string[] = [];
    let checked = 0;
    for (const route of guarded().filter((r) => r.method === 'GET' || r.takesBody)) {
      const values = ownIds();
      const query = route.template === '/providers/:providerId/roster' ? `?schemeId=${SCHEME}` : '';
      const path = pathOf(route, values) + query;
      const roles = route.method === 'GET' ? [...route.allowed, 'auditor' as const] : route.allowed;
      for (const role of new Set(roles)) {
        const probe =
          route.method === 'GET'
            ? await send('GET', path, { headers: tokenFor(role, values) })
            : await send(route.method, path, {
                headers: tokenFor(role, values),
                body: { fuzzUnknownField: 1 },
              });
        if (probe.status === 401 || probe.status === 403) {
          failures.push(`${label(route)} as ${role}: ${probe.status} ${probe.body.detail}`);
        } else if (route.method !== 'GET' && probe.body.code !== 'VALIDATION_FAILED') {
          // Past the guard, the unknown field is refused before anything is decided.
          failures.push(`${label(route)} as ${role}: ${probe.status} ${probe.text.slice(0, 200)}`);
        }
        checked++;
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(60);
  });
});

// ---- Authentication ------------------------------------------------------------------------------

describe('authentication', () => {
  it('answers 401 UNAUTHENTICATED on every non-public route without a token', async () => {
    const failures: string[] = [];
    const guarded = routes.filter((route) => !route.isPublic);
    for (const route of guarded) {
      const before = await head();
      const reply = await send(route.method, pathOf(route, ownIds()), {
        body: route.method === 'GET' ? undefined : {},
        from: freshAddress(),
      });
      const mismatch = problemMismatch(reply, 401, 'UNAUTHENTICATED');
      if (mismatch) failures.push(`${label(route)}: ${mismatch}`);
      if ((await head()) !== before) failures.push(`${label(route)}: log grew`);
    }
    expect(failures).toEqual([]);
    expect(guarded.length).toBeGreaterThan(60);
  });

  it('lets anyone call the public routes: health and the demo sign-in', async () => {
    expect((await send('GET', '/health', { from: freshAddress() })).status).toBe(200);
    const signIn = await send('POST', '/auth/dev-token', {
      body: { role: 'caseworker', subject: 'demo-handlaggare' },
      from: freshAddress(),
    });
    expect(signIn.status).toBe(201);
  });

  describe('refuses a token that is not valid', () => {
    const config = developmentAuthConfig();
    const caseworker = { subject: 'handlaggare-1', role: 'caseworker' as const };
    const otherConfig = (changes: Partial<AuthConfig>): AuthConfig => ({ ...config, ...changes });
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const valid = issueToken(caseworker, config);
    const [, validPayload] = valid.split('.');
    const now = Math.floor(Date.now() / 1000);
    const claims = () => JSON.parse(Buffer.from(validPayload, 'base64url').toString()) as Json;
    /** A token with these claims, signed with the right key. */
    const signed = (payload: Json) => {
      if (config.key.kind !== 'secret') throw new Error('the development key is a secret');
      const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
      const signature = createHmac('sha256', config.key.secret)
        .update(unsigned)
        .digest('base64url');
      return `${unsigned}.${signature}`;
    };

    const cases: [string, string, RegExp][] = [
      [
        'signed with another secret',
        `Bearer ${issueToken(caseworker, otherConfig({ key: { kind: 'secret', secret: Buffer.from('another-secret-of-at-least-32-characters!') } }))}`,
        /bad signature/,
      ],
      [
        'expired',
        `Bearer ${issueToken(caseworker, config, 3600, Date.now() - 3 * 3600_000)}`,
        /expired/,
      ],
      [
        'from another issuer',
        `Bearer ${issueToken(caseworker, otherConfig({ issuer: 'someone-else' }))}`,
        /issuer/,
      ],
      [
        'for another audience',
        `Bearer ${issueToken(caseworker, otherConfig({ audience: 'another-api' }))}`,
        /audience/,
      ],
      [
        'unsigned (alg none)',
        `Bearer ${encode({ alg: 'none', typ: 'JWT' })}.${validPayload}.`,
        /algorithm/,
      ],
      [
        'with a payload changed after signing (role raised)',
        `Bearer ${valid.split('.')[0]}.${encode({ ...claims(), role: 'finance' })}.${valid.split('.')[2]}`,
        /bad signature/,
      ],
      [
        'with an unknown role',
        `Bearer ${issueToken({ subject: 'x', role: 'system' as Role }, config)}`,
        /unknown role/,
      ],
      ['not yet valid', `Bearer ${signed({ ...claims(), nbf: now + 3600 })}`, /not yet valid/],
      ['without an expiry', `Bearer ${signed({ ...claims(), exp: undefined })}`, /expired/],
      ['without a subject', `Bearer ${signed({ ...claims(), sub: '' })}`, /no subject/],
      [
        'a provider token naming no provider',
        `Bearer ${issueToken({ subject: 'x', role: 'provider' }, config)}`,
        /names its provider/,
      ],
      [
        'a citizen token listing no citizen',
        `Bearer ${issueToken({ subject: 'x', role: 'citizen' }, config)}`,
        /lists the citizens/,
      ],
      ['malformed', 'Bearer not.a.token', /malformed|bearer/],
      ['another scheme', `Basic ${Buffer.from('admin:admin').toString('base64')}`, /bearer/],
      ['empty', 'Bearer ', /bearer/],
    ];

    it.each(cases)('%s: 401 on a read and on a command', async (_, authorization, why) => {
      const path = `/citizens/${citizenA.citizenId}`;
      for (const [method, target, body] of [
        ['GET', path, undefined],
        ['POST', '/schemes', { name: 'x' }],
      ] as const) {
        const reply = await send(method, target, {
          headers: { Authorization: authorization },
          body,
          from: freshAddress(),
        });
        expectProblem(reply, 401, 'UNAUTHENTICATED', why);
      }
    });
  });

  it('answers 429 after 20 failed sign-ins a minute from one address, even to a valid token', async () => {
    const address = freshAddress();
    const attempt = (headers: Record<string, string>) =>
      send('GET', '/schemes', { headers, from: address });
    for (let i = 0; i < 20; i++)
      expectProblem(
        await attempt({ Authorization: `Bearer forged.${i}.token` }),
        401,
        'UNAUTHENTICATED',
      );
    expectProblem(await attempt({}), 429, 'TOO_MANY_AUTH_FAILURES');
    expectProblem(await attempt(as('caseworker')), 429, 'TOO_MANY_AUTH_FAILURES');
    // Another address is not slowed down.
    const other = await send('GET', '/schemes', {
      headers: as('caseworker'),
      from: freshAddress(),
    });
    expect(other.status).toBe(200);
  });

  it('mints working tokens at the demo sign-in in development mode', async () => {
    const signIn = await send('POST', '/auth/dev-token', {
      body: { role: 'citizen', subject: 'demo-citizen', citizenIds: [citizenA.citizenId] },
      from: freshAddress(),
    });
    expect(signIn.status).toBe(201);
    expect(signIn.body).toMatchObject({ role: 'citizen', citizenIds: [citizenA.citizenId] });
    const headers = { Authorization: `Bearer ${signIn.body.token}` };
    expect((await send('GET', `/citizens/${citizenA.citizenId}`, { headers })).status).toBe(200);
    expectProblem(
      await send('GET', `/citizens/${citizenB.citizenId}`, { headers }),
      403,
      'FORBIDDEN',
    );
  });

  it('has no demo sign-in in production mode (404), and no token is minted', async () => {
    // Production mode needs real identity keys; these are set for this app only.
    const keys = ['IDENTITY_LOOKUP_KEY', 'IDENTITY_MASTER_KEY'].filter((k) => !process.env[k]);
    for (const key of keys) process.env[key] = `access-test-${key.toLowerCase()}-0123456789abcdef`;
    const production = await createApp(
      { kind: 'embedded', dataDir: tempDir() },
      { logger: false, auth: { ...developmentAuthConfig(), mode: 'production' } },
    );
    try {
      await production.listen(0, '127.0.0.1');
      const reply = await send('POST', '/auth/dev-token', {
        body: { role: 'finance', subject: 'intruder' },
        port: Number(new URL(await production.getUrl()).port),
      });
      expectProblem(reply, 404, 'NOT_FOUND');
      expect(reply.text).not.toMatch(/eyJ/);
    } finally {
      await production.close();
      for (const key of keys) delete process.env[key];
    }
  });
});

// ---- Own records ---------------------------------------------------------------------------------

describe('provider staff see and change only their own provider', () => {
  const own = () => as('provider', { providerId: OWN_PROVIDER, subject: 'p01-staff' });

  it.each([
    ['the roster', (p: string) => `/providers/${p}/roster?schemeId=${SCHEME}`],
    ['a statement', (p: string) => `/statements/${p}/${PERIOD}`],
    ['a statement as CSV', (p: string) => `/statements/${p}/${PERIOD}?format=csv`],
    ['the provider record', (p: string) => `/providers/${p}`],
  ])('reads its own %s but gets 403 for another provider’s', async (_, path) => {
    const mine = await send('GET', path(OWN_PROVIDER), { headers: own() });
    expect([200, 404]).toContain(mine.status);
    const theirs = await send('GET', path(OTHER_PROVIDER), { headers: own() });
    expectProblem(theirs, 403, 'FORBIDDEN', /own provider/);
    expect(theirs.text).not.toContain(citizenB.citizenId);
  });

  it('answers 200 with its own roster (the customers are its own)', async () => {
    const mine = await send('GET', `/providers/${OWN_PROVIDER}/roster?schemeId=${SCHEME}`, {
      headers: own(),
    });
    expect(mine.status).toBe(200);
    expect(mine.body.providerId).toBe(OWN_PROVIDER);
    expect(mine.text).toContain(citizenA.citizenId);
  });

  it('cannot reach another provider’s roster by spelling the id differently', async () => {
    const guesses = [
      `/providers/hemtjanst-p0%32/roster?schemeId=${SCHEME}`,
      `/providers/HEMTJANST-P02/roster?schemeId=${SCHEME}`,
      `/providers/${OTHER_PROVIDER}%20/roster?schemeId=${SCHEME}`,
      `/providers/${OWN_PROVIDER}%2F..%2F${OTHER_PROVIDER}/roster?schemeId=${SCHEME}`,
      `/providers/${OWN_PROVIDER}/../${OTHER_PROVIDER}/roster?schemeId=${SCHEME}`,
      `//providers/${OTHER_PROVIDER}/roster?schemeId=${SCHEME}`,
      `/providers/${OTHER_PROVIDER}/roster/?schemeId=${SCHEME}`,
      `/providers/${OWN_PROVIDER}/roster?schemeId=${SCHEME}&schemeId=${OTHER_PROVIDER}`,
      `/providers/${OWN_PROVIDER}/roster?schemeId=${SCHEME}&providerId=${OTHER_PROVIDER}`,
      `/statements/${OTHER_PROVIDER.toUpperCase()}/${PERIOD}`,
      `/statements/${OWN_PROVIDER}/${PERIOD}?providerId=${OTHER_PROVIDER}`,
    ];
    for (const path of guesses) {
      const reply = await send('GET', path, { headers: own() });
      expect({ path, status: reply.status < 500 }).toEqual({ path, status: true });
      // Whatever the answer, it never holds the other provider's customers.
      expect({ path, leaks: reply.text.includes(citizenB.citizenId) }).toEqual({
        path,
        leaks: false,
      });
      if (reply.status === 200)
        expect({ path, id: reply.body.providerId }).toEqual({ path, id: OWN_PROVIDER });
    }
  });

  it('gets 403 acting for another provider, by path or by body, and nothing is appended', async () => {
    const before = await head();
    expectProblem(
      await send('PUT', `/providers/${OTHER_PROVIDER}/capacity`, {
        headers: own(),
        body: { schemeId: SCHEME, ceiling: 0 },
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await send('POST', `/providers/${OTHER_PROVIDER}/withdrawals`, {
        headers: own(),
        body: { schemeId: SCHEME, effectiveDate: '2031-01-01' },
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await send(
        'POST',
        `/citizens/${citizenB.citizenId}/entitlements/${citizenB.entitlementId}/performed-hours`,
        {
          headers: own(),
          body: { period: PERIOD, providerId: OTHER_PROVIDER, hundredthsOfHours: 100 },
        },
      ),
      403,
      'FORBIDDEN',
    );
    // An id given twice (path and body) must be the caller's both times.
    expectProblem(
      await send('POST', `/providers/${OWN_PROVIDER}/deviations`, {
        headers: own(),
        body: {
          providerId: OTHER_PROVIDER,
          schemeId: SCHEME,
          occurredOn: '2025-01-01',
          description: 'x',
        },
      }),
      403,
      'FORBIDDEN',
    );
    expect(await head()).toBe(before);
  });
});

describe('citizens see and act only for themselves and those they represent', () => {
  const citizenToken = (...citizenIds: string[]) =>
    as('citizen', { citizenIds, subject: 'citizen-a' });

  it('reads its own record and history, and gets 403 for another citizen’s', async () => {
    const token = citizenToken(citizenA.citizenId);
    const paths = (id: string) => [
      `/citizens/${id}`,
      `/citizens/${id}/history`,
      `/citizens/${id}/as-of?at=2025-01-01`,
    ];
    for (const path of paths(citizenA.citizenId))
      expect({ path, status: (await send('GET', path, { headers: token })).status }).toEqual({
        path,
        status: 200,
      });
    for (const path of paths(citizenB.citizenId)) {
      const reply = await send('GET', path, { headers: token });
      expectProblem(reply, 403, 'FORBIDDEN', /themselves/);
      expect(reply.text).not.toContain(citizenB.entitlementId);
    }
  });

  it('gets 403 choosing or submitting preferences for another citizen; nothing is appended', async () => {
    const token = citizenToken(citizenA.citizenId);
    const before = await head();
    expectProblem(
      await send(
        'POST',
        `/citizens/${citizenB.citizenId}/entitlements/${citizenB.entitlementId}/choices`,
        {
          headers: token,
          body: {
            providerId: OWN_PROVIDER,
            effectiveDate: '2031-01-01',
            madeBy: 'citizen',
            channel: 'web',
          },
        },
      ),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await send('POST', '/admission-rounds/grundskola.2027/preferences', {
        headers: token,
        body: {
          citizenId: citizenB.citizenId,
          entitlementId: citizenB.entitlementId,
          preferences: [OWN_PROVIDER],
        },
      }),
      403,
      'FORBIDDEN',
    );
    // Guessing with a different spelling of the id does not help either.
    expectProblem(
      await send('GET', `/citizens/${citizenB.citizenId.toUpperCase()}`, { headers: token }),
      403,
      'FORBIDDEN',
    );
    expect(await head()).toBe(before);
  });

  it('reads the scheme list and the choosable providers, which hold no personal data', async () => {
    const token = citizenToken(citizenA.citizenId);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm' }).format(
      new Date(),
    );
    for (const path of [
      '/schemes',
      `/schemes/${SCHEME}`,
      `/schemes/${SCHEME}/choosable-providers?date=${today}`,
      '/providers',
    ]) {
      const reply = await send('GET', path, { headers: token });
      expect({ path, status: reply.status, detail: reply.body.detail }).toEqual({
        path,
        status: 200,
        detail: undefined,
      });
    }
  });

  it('lets a guardian act for the child their token names', async () => {
    const caseworker = as('caseworker', { subject: 'handlaggare-access' });
    const { citizenId: child } = (
      await send('POST', '/citizens', {
        headers: caseworker,
        body: { personalNumber: childNumber() },
      })
    ).body as { citizenId: string };
    expect(child).toEqual(expect.any(String));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm' }).format(
      new Date(),
    );
    // A monthly scheme with a rate in force, and a provider the child can choose today.
    const schemes = (await send('GET', '/schemes', { headers: caseworker }))
      .body as unknown as Json[];
    let granted: { schemeId: string; entitlementId: string; providerId: string } | undefined;
    for (const scheme of schemes.filter(
      (s) => s.paymentModel === 'monthly' && s.status === 'established' && s.rates?.length,
    )) {
      const choosable = await send(
        'GET',
        `/schemes/${scheme.schemeId}/choosable-providers?date=${today}`,
        { headers: caseworker },
      );
      const providerId = choosable.body.providers?.[0]?.providerId as string | undefined;
      const rate = (scheme.rates as Json[]).filter((r) => r.effectiveDate <= today).at(-1);
      if (!providerId || !rate) continue;
      const grant = await send('POST', `/citizens/${child}/entitlements`, {
        headers: caseworker,
        body: {
          schemeId: scheme.schemeId,
          decisionRef: 'UN-ACCESS-1',
          level: rate.level,
          validFrom: today,
        },
      });
      if (grant.status !== 201) continue;
      granted = { schemeId: scheme.schemeId, entitlementId: grant.body.entitlementId, providerId };
      break;
    }
    expect(granted).toBeDefined();
    const choice = {
      providerId: granted!.providerId,
      effectiveDate: today,
      madeBy: 'guardian',
      channel: 'web',
    };
    const choicePath = `/citizens/${child}/entitlements/${granted!.entitlementId}/choices`;

    // The parent alone may not act for the child ...
    const parentOnly = citizenToken(citizenA.citizenId);
    expectProblem(
      await send('GET', `/citizens/${child}`, { headers: parentOnly }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await send('POST', choicePath, { headers: parentOnly, body: choice }),
      403,
      'FORBIDDEN',
    );
    // ... but a guardian's token lists the child, and the choice is made.
    const guardian = citizenToken(citizenA.citizenId, child);
    expect((await send('GET', `/citizens/${child}`, { headers: guardian })).status).toBe(200);
    const made = await send('POST', choicePath, { headers: guardian, body: choice });
    expect({ status: made.status, body: made.body }).toMatchObject({ status: 201 });
    // The guardian still may not act for someone else.
    expectProblem(
      await send('GET', `/citizens/${citizenB.citizenId}`, { headers: guardian }),
      403,
      'FORBIDDEN',
    );
  });
});

/** A fresh personnummer of a child born in 2021 (Luhn check digit). */
function childNumber(): string {
  const nine = `210315${String(900 + Math.floor(Math.random() * 99))}`;
  const sum = [...nine].reduce((total, digit, i) => {
    const product = Number(digit) * (i % 2 === 0 ? 2 : 1);
    return total + (product > 9 ? product - 9 : product);
  }, 0);
  return `20${nine.slice(0, 6)}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`;
}
