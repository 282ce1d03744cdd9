import { gzipSync } from 'node:zlib';
import { INestApplication, Type, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { EVENT_STORE, EventStore } from '@kundval/event-store';
import { Role } from '../../apps/api/src/auth/roles';
import { createApp } from '../../apps/api/src/create-app';
import { validationProblem } from '../../apps/api/src/problem/validation-problem';
import { ProjectionRunner } from '../../apps/api/src/projections/projection-runner';
import { seedIfEmpty } from '../../apps/api/src/seed/seed-if-empty';
import { RawReply, rawRequest } from '../support/raw-http';
import { Route, routesOf } from '../support/routes';
import { bearer } from '../support/tokens';
import { tempDirs } from '../support/temp-dirs';

// Malformed and hostile input to every endpoint of the seeded ledger, the routes found at runtime
// from the controllers: wrong types, huge and negative numbers, invalid personnummer, unicode,
// SQL and script payloads, prototype pollution, missing and unknown fields, broken JSON, bodies
// over the limit, bad encodings, hostile path and query parameters. Every answer is below 500
// and every refusal is problem+json without internals. Each command is called by a role it
// allows, so the guard lets the input through to the validation and the domain.
//
// Some hostile values are valid somewhere (an emoji in a name, SQL text in a reason): a body is
// "must refuse" when the API's own DTO contract refuses it (or the body parser does), and those
// requests run together with the reads and must leave the log, the read models and the
// projections' positions exactly as they were. The bodies the contract accepts run first and
// one at a time: they may succeed, but a refusal among them must append nothing either.

jest.setTimeout(120_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

type Reply = RawReply;

interface Probe {
  route: Route;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** What is sent, for messages. */
  what: string;
  /** The exact status expected, when known (body parser refusals). */
  status?: number;
  /** Strings of ours the answer may echo back; not counted as leaked internals. */
  echoes: string[];
}

let app: INestApplication;
let port: number;
let routes: Route[];

const label = (route: Route) => `${route.method} ${route.template}`;

// ---- HTTP ---------------------------------------------------------------------------------------

function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<Reply> {
  return rawRequest({ port, method, path, headers, body });
}

/** The probe's answer, or what went wrong on the connection. */
function trySend(probe: Probe): Promise<Reply | { error: string }> {
  return send(probe.method, probe.path, probe.headers, probe.body).then(
    (reply) => reply,
    (error: { message?: string }) => ({ error: `no answer: ${error?.message}` }),
  );
}

/** Runs `work` over the items, `width` at a time. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

// ---- What a refusal must look like --------------------------------------------------------------

/** Internals that must never reach a caller: stack frames, file paths, SQL and its errors. */
const INTERNALS =
  /\bat [\w$.<>]+ \(|\(?\/[\w./-]+\.[jt]s:\d+|node_modules|SQLITE|SqliteError|better-sqlite|\bSELECT\b.*\bFROM\b|\bINSERT INTO\b|\bWHERE\b.*=|TypeError|RangeError|ReferenceError|Cannot read propert/i;

/** The answer with every echo of our own input taken out. */
function scrubbed(text: string, echoes: string[]): string {
  let rest = text;
  for (const echo of echoes) {
    if (!echo) continue;
    for (const form of new Set([
      echo,
      JSON.stringify(echo).slice(1, -1),
      safeEncode(echo),
      JSON.stringify(safeEncode(echo)).slice(1, -1),
    ]))
      rest = rest.split(form).join('');
  }
  return rest;
}

function safeEncode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Why the reply breaks the rules for answers, or null. */
function fault(probe: Probe, reply: Reply, mustRefuse: boolean): string | null {
  if (reply.status >= 500) return `${reply.status} ${reply.text.slice(0, 300)}`;
  if (probe.status !== undefined && reply.status !== probe.status)
    return `expected ${probe.status}, got ${reply.status} ${reply.text.slice(0, 200)}`;
  if (mustRefuse && (reply.status < 400 || reply.status >= 500))
    return `not refused: ${reply.status} ${reply.text.slice(0, 200)}`;
  if (reply.status < 400) return null;
  if (!/^application\/problem\+json/.test(reply.contentType))
    return `content-type ${reply.contentType}: ${reply.text.slice(0, 200)}`;
  const { body } = reply;
  if (
    body.status !== reply.status ||
    typeof body.code !== 'string' ||
    typeof body.detail !== 'string' ||
    typeof body.type !== 'string'
  )
    return `not a problem document: ${reply.text.slice(0, 200)}`;
  const leak = INTERNALS.exec(scrubbed(reply.text, probe.echoes));
  if (leak) return `leaks "${leak[0]}": ${reply.text.slice(0, 300)}`;
  return null;
}

const describeProbe = (p: Probe) => `${p.method} ${p.path.slice(0, 120)} ${p.what}`;

// ---- Hostile values -----------------------------------------------------------------------------

/** JSON text put in a body as is (numbers JSON.stringify cannot write, keys it would drop). */
const raws: string[] = [];
const RAW = (text: string) => `@@raw${raws.push(text) - 1}@@`;
const serialize = (value: unknown) =>
  JSON.stringify(value).replace(/"@@raw(\d+)@@"/g, (_, i: string) => raws[Number(i)]);

const TEN_KB = 'x'.repeat(10_240);
const oversize = JSON.stringify({ text: 'x'.repeat(300 * 1024) });
const bomb = gzipSync(JSON.stringify({ text: 'a'.repeat(4 * 1024 * 1024) }));

/** Hostile strings: for text fields, ids in paths and query values. */
const HOSTILE_TEXT: [string, string][] = [
  ['empty', ''],
  ['blank', ' \t\n'],
  ['10 kB', TEN_KB],
  ['right-to-left override', '\u202Eexe.txt\u202C'],
  ['emoji', '👩‍👩‍👧‍👦🏳️‍🌈'],
  ['NUL', 'a\u0000b'],
  ['zero-width space', '\u200B'],
  ['SQL', "'; DROP TABLE events; --"],
  ['SQL union', "x' UNION SELECT name FROM sqlite_master --"],
  ['script', '<script>alert(1)</script>'],
  ['path traversal', '../../etc/passwd'],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['invalid personnummer', '19121212-1213'],
  ['zero personnummer', '000000-0000'],
  ['plus', '+'],
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['number as text', '12'],
  ['impossible date', '2025-02-30'],
  ['far date', '+275760-09-13'],
];

/** Wrong types and numbers out of range: every body field gets each of these. */
const WRONG_TYPES: [string, unknown][] = [
  ['null', null],
  ['true', true],
  ['negative', -1],
  ['1e308', 1e308],
  ['2^53+1', RAW('9007199254740993')],
  ['array', ['x']],
  ['object', { x: 1 }],
  ['number as text', '12'],
];

/** More hostile values, handed out in turn so that each is sent to many fields and routes. */
const MORE_HOSTILE: [string, unknown][] = [
  ['zero', 0],
  ['fraction', 1.5],
  ['1e400 (parses to Infinity)', RAW('1e400')],
  ['-0', RAW('-0')],
  ['__proto__ object', RAW('{"__proto__":{"polluted":1}}')],
  ['lone surrogate', '\uD800'],
  ...HOSTILE_TEXT,
];

/** The next `n` items of `list`, continuing where the last call for that list stopped. */
const cursors = new Map<unknown[], number>();
function inTurn<T>(list: T[], n: number): T[] {
  const start = cursors.get(list) ?? 0;
  cursors.set(list, start + n);
  return Array.from(
    { length: Math.min(n, list.length) },
    (_, i) => list[(start + i) % list.length],
  );
}

// ---- Bodies from the DTOs' validation rules ------------------------------------------------------

const ID_LIKE = ['fuzz-1', '2031-03', '2031/32', 'Fuzz text'];

/** Each field of a DTO with whether it is required and a value its rules accept. */
function fieldsOf(dto: Type): { name: string; required: boolean; value: unknown }[] {
  const rules = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const names = [...new Set(rules.map((r) => r.propertyName))];
  return names.map((name) => {
    const own = rules.filter((r) => r.propertyName === name);
    const rule = (n: string) => own.find((r) => r.name === n);
    const required = !rule('isOptional');
    const one = (): unknown => {
      if (rule('isCalendarDate')) return '2031-03-14';
      if (rule('isIn')) return (rule('isIn')!.constraints[0] as unknown[])[0];
      if (rule('isInt') || rule('isNumber')) {
        const min = rule('min')?.constraints[0] as number | undefined;
        return Math.max(min ?? 1, 1);
      }
      if (rule('isBoolean')) return true;
      if (rule('isObject')) return {};
      const pattern = rule('matches')?.constraints[0] as RegExp | undefined;
      if (pattern) return ID_LIKE.find((candidate) => pattern.test(candidate)) ?? 'fuzz-1';
      return 'Fuzz text';
    };
    if (rule('isArray')) {
      const nested = own.some((r) => r.type === 'nestedValidation');
      return { name, required, value: nested ? [] : [one()] };
    }
    return { name, required, value: one() };
  });
}

/** A body with every required field, each with a value its rules accept. */
function validBody(dto: Type): string {
  return serialize(
    Object.fromEntries(
      fieldsOf(dto)
        .filter((f) => f.required)
        .map((f) => [f.name, f.value]),
    ),
  );
}

const pipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: validationProblem,
});

/** Whether the API's own contract (the global validation pipe) accepts the body. */
async function contractAccepts(dto: Type, text: string): Promise<boolean> {
  try {
    await pipe.transform(JSON.parse(text), { type: 'body', metatype: dto, data: undefined });
    return true;
  } catch {
    return false;
  }
}

// ---- Seeded ids and who calls -------------------------------------------------------------------

const ids: Record<string, string> = {
  providerId: 'hemtjanst-p01',
  schemeId: 'hemtjanst',
  applicationId: 'application-hemtjanst-p01',
  changeId: 'manager-change-1',
  complaintId: 'complaint-1',
  appealId: 'appeal-1',
  supplementId: 'supplement-1',
  roundId: 'grundskola.2027',
  name: 'placements',
  period: '2025-01',
};

function pathOf(route: Route, override: Record<string, string> = {}, raw = false): string {
  return route.template
    .replace(/:(\w+)/g, (_, name: string) => {
      if (name in override) return raw ? override[name] : safeEncode(override[name]);
      return safeEncode(ids[name] ?? `x-${name}`);
    })
    .replace(/\*(\w+)/g, () =>
      '*' in override ? (raw ? override['*'] : safeEncode(override['*'])) : 'x',
    );
}

/** The first role the route allows, preferring the municipality's staff (no own-records rule). */
function callerOf(route: Route): Record<string, string> {
  const order: Role[] = ['quality_officer', 'caseworker', 'finance', 'provider', 'citizen'];
  const role = route.method === 'GET' ? 'auditor' : order.find((r) => route.allowed.includes(r));
  if (!role) return route.isPublic ? {} : bearer('caseworker');
  return bearer(role, {
    subject: `fuzz-${role}`,
    ...(role === 'provider' ? { providerId: ids.providerId } : {}),
    ...(role === 'citizen' ? { citizenIds: [ids.citizenId] } : {}),
  });
}

// ---- The probes ------------------------------------------------------------------------------------

type Unparsable = {
  what: string;
  body: string | Buffer;
  status: number;
  headers?: Record<string, string>;
};

/** Bodies the body parser refuses before any route sees them. */
const ALWAYS_UNPARSABLE: Unparsable[] = [
  { what: 'malformed JSON', body: '{"a":', status: 400 },
  { what: 'null', body: 'null', status: 400 },
  { what: 'a body over the limit', body: oversize, status: 413 },
];
const MORE_UNPARSABLE: Unparsable[] = [
  { what: 'trailing comma', body: '{"a":1,}', status: 400 },
  { what: 'single quotes', body: "{'a':1}", status: 400 },
  { what: 'a string', body: '"text"', status: 400 },
  { what: 'a number', body: '42', status: 400 },
  { what: 'NaN', body: 'NaN', status: 400 },
  {
    what: 'an unsupported charset',
    body: '{}',
    status: 415,
    headers: { 'content-type': 'application/json; charset=latin1' },
  },
  {
    what: 'an unknown content encoding',
    body: '{}',
    status: 415,
    headers: { 'content-encoding': 'br2' },
  },
  {
    what: 'gzip that is not gzip',
    body: '{"a":1}',
    status: 400,
    headers: { 'content-encoding': 'gzip' },
  },
  {
    what: 'a gzip bomb (4 MB inflated)',
    body: bomb,
    status: 413,
    headers: { 'content-encoding': 'gzip', 'content-type': 'application/json' },
  },
];

/** Body texts every command refuses before it is routed: the body parser's refusals. */
function parserProbes(route: Route): Probe[] {
  const base = { route, method: route.method, path: pathOf(route), echoes: [] };
  const headers = callerOf(route);
  // Every command gets broken JSON, JSON null and a body over the limit; the rest in turn.
  return [...ALWAYS_UNPARSABLE, ...inTurn(MORE_UNPARSABLE, 3)].map((p) => ({
    ...base,
    ...p,
    headers: { ...headers, ...(p.headers ?? {}) },
  }));
}

/** Hostile bodies for a command with a DTO; `accepted` tells which the contract accepts. */
async function bodyProbes(route: Route): Promise<{ probe: Probe; accepted: boolean }[]> {
  const dto = route.bodyType!;
  const fields = fieldsOf(dto);
  const valid = Object.fromEntries(fields.filter((f) => f.required).map((f) => [f.name, f.value]));
  const bodies: [string, string, string[]][] = [
    ['{}', '{}', []],
    ['[]', '[]', []],
    ['[valid]', serialize([valid]), []],
    ['valid', serialize(valid), []],
    ['valid + unknown field', serialize({ ...valid, fuzzUnknownField: 'x' }), []],
    // JSON.parse keeps "__proto__" as an own key: the classic prototype pollution payload.
    [
      'valid + __proto__',
      serialize(valid).replace(/^\{/, '{"__proto__":{"polluted":1},').replace(/,\}$/, '}'),
      [],
    ],
    [
      'valid + constructor.prototype',
      serialize({ ...valid, constructor: { prototype: { polluted: 1 } } }),
      [],
    ],
  ];
  for (const field of fields) {
    if (field.required) {
      const { [field.name]: _missing, ...rest } = valid;
      bodies.push([`without ${field.name}`, serialize(rest), []]);
    }
    for (const [what, value] of [...WRONG_TYPES, ...inTurn(MORE_HOSTILE, 4)]) {
      bodies.push([
        `${field.name} = ${what}`,
        serialize({ ...valid, [field.name]: value }),
        typeof value === 'string' ? [value] : [],
      ]);
      // The same value inside a list, for list fields.
      if (Array.isArray(field.value) && typeof value === 'string')
        bodies.push([
          `${field.name} = [${what}]`,
          serialize({ ...valid, [field.name]: [value] }),
          typeof value === 'string' ? [value] : [],
        ]);
    }
  }
  const headers = callerOf(route);
  return Promise.all(
    bodies.map(async ([what, body, echoes]) => ({
      probe: {
        route,
        method: route.method,
        path: pathOf(route),
        headers,
        body,
        what,
        echoes: [...echoes, ...Object.values(ids)],
      },
      accepted: await contractAccepts(dto, body),
    })),
  );
}

const HOSTILE_HEADERS: [string, string, string][] = [
  ['a short idempotency key', 'Idempotency-Key', 'short'],
  ['an SQL idempotency key', 'Idempotency-Key', "x'; DROP TABLE events; --"],
  ['a 10 kB channel', 'X-Channel', TEN_KB],
  ['a 10 kB correlation id', 'X-Correlation-Id', TEN_KB],
  ['a script channel', 'X-Channel', '<script>alert(1)</script>'],
];

/** Commands with a valid body at hostile ids in the path, and with hostile headers. */
function pathAndHeaderProbes(route: Route): Probe[] {
  const params = [...route.template.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const body = route.bodyType
    ? serialize(
        Object.fromEntries(
          fieldsOf(route.bodyType)
            .filter((f) => f.required)
            .map((f) => [f.name, f.value]),
        ),
      )
    : undefined;
  const headers = callerOf(route);
  const probes: Probe[] = [];
  for (const param of params) {
    for (const [what, value] of inTurn(HOSTILE_TEXT, 6)) {
      probes.push({
        route,
        method: route.method,
        path: pathOf(route, { [param]: value }),
        headers: headers,
        body,
        what: `:${param} = ${what}`,
        echoes: [value, ...Object.values(ids)],
      });
    }
  }
  for (const [what, name, value] of inTurn(HOSTILE_HEADERS, 1)) {
    probes.push({
      route,
      method: route.method,
      path: pathOf(route),
      headers: { ...headers, [name]: value },
      body,
      what,
      echoes: [value, ...Object.values(ids)],
    });
  }
  return probes;
}

/** Path segments sent as they are: broken percent-encoding, NUL, traversal, overlong UTF-8. */
const RAW_SEGMENTS = ['%E0%A4%A', '%00', '..', '%2e%2e%2f%2e%2e%2fpackage.json', '%C0%AE', '%ZZ'];

const HOSTILE_QUERY = HOSTILE_TEXT.filter(([w]) => !['blank', 'zero-width space'].includes(w));

/** Numbers out of range, for every query parameter (most are read as numbers somewhere). */
const BAD_NUMBERS: [string, string][] = [
  ['negative', '-1'],
  ['1e308', '1e308'],
  ['2^53+1', '9007199254740993'],
  ['fraction', '1.5'],
];

const BAD_POSITIONS = ['-1', 'abc', '1e308', '9007199254740993', '1.5', 'NaN', '0x10', '1 OR 1=1'];

/** Reads with hostile ids in the path and hostile query parameters. */
function readProbes(route: Route): Probe[] {
  const params = [...route.template.matchAll(/[:*](\w+)/g)].map((m) => m[1]);
  const headers = route.isPublic ? {} : callerOf(route);
  const probes: Probe[] = [];
  const add = (path: string, what: string, echoes: string[]) =>
    probes.push({
      route,
      method: 'GET',
      path,
      headers,
      what,
      echoes: [...echoes, ...Object.values(ids)],
    });
  for (const param of params) {
    for (const [what, value] of inTurn(HOSTILE_TEXT, 8))
      add(pathOf(route, { [param === 'path' ? '*' : param]: value }), `${param} = ${what}`, [
        value,
      ]);
    for (const raw of inTurn(RAW_SEGMENTS, 2))
      add(pathOf(route, { [param === 'path' ? '*' : param]: raw }, true), `${param} = ${raw}`, [
        raw,
        decodeLoosely(raw),
      ]);
  }
  const names = new Set([
    ...route.queryNames,
    ...(route.wholeQuery ? ['limit', 'offset', 'date', 'schemeId', 'citizenId', 'actor'] : []),
  ]);
  const path = pathOf(route);
  const fixed =
    route.template === '/providers/:providerId/roster' ? `schemeId=${ids.schemeId}&` : '';
  for (const name of names) {
    for (const [what, value] of [...BAD_NUMBERS, ...inTurn(HOSTILE_QUERY, 6)]) {
      add(`${path}?${fixed}${name}=${safeEncode(value)}`, `?${name} = ${what}`, [value]);
    }
    add(`${path}?${fixed}${name}=a&${name}=b`, `?${name} given twice`, []);
    add(`${path}?${fixed}${name}[]=a`, `?${name}[]`, []);
    add(`${path}?${fixed}${name}[x]=a`, `?${name}[x]`, []);
    add(`${path}?${fixed}${name}[__proto__][polluted]=1`, `?${name}[__proto__]`, []);
  }
  // Every read waits for `minPosition` (read-your-writes): it must be a non-negative integer.
  for (const value of inTurn(BAD_POSITIONS, 2))
    add(`${path}?${fixed}minPosition=${safeEncode(value)}`, `?minPosition = ${value}`, [value]);
  return probes;
}

function decodeLoosely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// ---- Setup ------------------------------------------------------------------------------------------

const store = () => app.get<EventStore>(EVENT_STORE);
const head = () => store().headPosition();
const runner = () => app.get(ProjectionRunner);

/** Answers of read models (rosters, dashboards, lists) to compare before and after. */
async function readModelAnswers(): Promise<string[]> {
  const asQuality = bearer('quality_officer');
  const paths = [
    `/providers/${ids.providerId}/roster?schemeId=${ids.schemeId}&limit=500`,
    '/providers/hemtjanst-p02/roster?schemeId=hemtjanst&limit=500',
    '/dashboards/market-shares',
    '/dashboards/providers-per-scheme',
    '/dashboards/awaiting-choice?limit=500',
    '/dashboards/sanctions',
    '/schemes',
    '/providers',
    '/conditions',
  ];
  return Promise.all(
    paths.map(async (path) => {
      const reply = await send('GET', path, asQuality);
      return `${path} ${reply.status} ${reply.text}`;
    }),
  );
}

beforeAll(async () => {
  app = await createApp({ kind: 'embedded', dataDir: tempDir() }, { logger: false });
  await seedIfEmpty(app);
  await app.listen(0, '127.0.0.1');
  port = Number(new URL(await app.getUrl()).port);
  expect(await runner().waitFor(await head(), 60_000)).toBe(true);
  routes = routesOf(app);
  const roster = await send(
    'GET',
    `/providers/${ids.providerId}/roster?schemeId=${ids.schemeId}&limit=1`,
    bearer('caseworker'),
  );
  const [customer] = roster.body.customers as { citizenId: string; entitlementId: string }[];
  ids.citizenId = customer.citizenId;
  ids.entitlementId = customer.entitlementId;
});
afterAll(async () => app?.close());
// Registered after the app's afterAll: the data dir is removed once the app is closed.
const tempDir = tempDirs('fuzz');

// ---- The fuzz run -----------------------------------------------------------------------------------

describe('hostile input to every endpoint', () => {
  const commands = () => routes.filter((r) => r.method !== 'GET');
  const reads = () => routes.filter((r) => r.method === 'GET');
  const mayBeAccepted: Probe[] = [];
  const mustRefuse: Probe[] = [];

  beforeAll(async () => {
    for (const route of commands()) {
      mustRefuse.push(...parserProbes(route));
      if (route.bodyType) {
        for (const { probe, accepted } of await bodyProbes(route))
          (accepted ? mayBeAccepted : mustRefuse).push(probe);
      }
      mayBeAccepted.push(...pathAndHeaderProbes(route));
    }
  });

  it('finds the commands and the reads from the controllers (more than 60 routes)', async () => {
    expect(routes.length).toBeGreaterThan(60);
    expect(commands().length).toBeGreaterThan(40);
    // Every command that reads a body declares its class, so the contract can be fuzzed.
    expect(
      commands()
        .filter((r) => r.takesBody && !r.bodyType)
        .map(label),
    ).toEqual([]);
    expect(mustRefuse.length).toBeGreaterThan(1500);
    // Each field is made hostile in an otherwise valid body, so each rule is tried on its own.
    const invalidBases: string[] = [];
    for (const route of commands().filter((r) => r.bodyType)) {
      if (!(await contractAccepts(route.bodyType!, validBody(route.bodyType!))))
        invalidBases.push(`${label(route)} (${route.bodyType!.name})`);
    }
    expect(invalidBases).toEqual([]);
  });

  it('treats what the contract accepts as a possible success, but never answers 5xx', async () => {
    const failures: string[] = [];
    for (const probe of mayBeAccepted) {
      const before = await head();
      const reply = await send(probe.method, probe.path, probe.headers, probe.body);
      const why = fault(probe, reply, false);
      if (why) failures.push(`${describeProbe(probe)}: ${why}`);
      // A refusal appends nothing, whatever the input.
      if (reply.status >= 400 && (await head()) !== before)
        failures.push(`${describeProbe(probe)}: refused with ${reply.status} but the log grew`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses every malformed body with 4xx problem+json; reads never fail; nothing changes', async () => {
    expect(await runner().waitFor(await head(), 30_000)).toBe(true);
    const before = await head();
    const answersBefore = await readModelAnswers();
    const failures: string[] = [];

    await inParallel(mustRefuse, 6, async (probe) => {
      const reply = await trySend(probe);
      const why = 'error' in reply ? reply.error : fault(probe, reply, true);
      if (why) failures.push(`${describeProbe(probe)}: ${why}`);
    });
    const readsProbes = reads().flatMap(readProbes);
    await inParallel(readsProbes, 6, async (probe) => {
      const reply = await trySend(probe);
      const why = 'error' in reply ? reply.error : fault(probe, reply, false);
      if (why) failures.push(`${describeProbe(probe)}: ${why}`);
    });
    expect(failures).toEqual([]);
    expect(readsProbes.length).toBeGreaterThan(400);

    // The log, the projections' positions and what the read models answer are as before.
    expect(await head()).toBe(before);
    const health = await send('GET', '/health', {});
    expect(health.body.store.headPosition).toBe(before);
    expect(health.body.projections.length).toBeGreaterThan(0);
    for (const projection of health.body.projections as Json[])
      expect({ name: projection.name, position: projection.position }).toEqual({
        name: projection.name,
        position: before,
      });
    expect(await readModelAnswers()).toEqual(answersBefore);
  });

  it('refuses invalid personnummer, negative and huge amounts with 400 whatever the route', async () => {
    const caseworker = bearer('caseworker');
    const before = await head();
    for (const personalNumber of [
      '19121212-1213',
      '000000-0000',
      '+',
      '191212-121',
      '20991231-0000',
      '19121212 1212',
      '١٩١٢١٢١٢-١٢١٢',
    ]) {
      for (const path of ['/citizens', '/citizens/lookup']) {
        const reply = await send('POST', path, caseworker, JSON.stringify({ personalNumber }));
        expect({ path, personalNumber, status: reply.status }).toEqual({
          path,
          personalNumber,
          status: 400,
        });
      }
    }
    // Every integer field (money in öre, hours, capacity, basis points) refuses the lot.
    let amounts = 0;
    for (const route of commands().filter((r) => r.bodyType)) {
      const fields = fieldsOf(route.bodyType!);
      const valid = Object.fromEntries(
        fields.filter((f) => f.required).map((f) => [f.name, f.value]),
      );
      const integers = getMetadataStorage()
        .getTargetValidationMetadatas(route.bodyType!, '', true, false)
        .filter((rule) => rule.name === 'isInt')
        .map((rule) => rule.propertyName);
      for (const field of integers) {
        for (const value of [-1, 1.5, 1e308, RAW('9007199254740993'), RAW('1e400'), 'NaN', '12']) {
          const reply = await send(
            route.method,
            pathOf(route),
            callerOf(route),
            serialize({ ...valid, [field]: value }),
          );
          expect({ route: label(route), field, value, status: reply.status }).toEqual({
            route: label(route),
            field,
            value,
            status: 400,
          });
          amounts++;
        }
      }
    }
    expect(amounts).toBeGreaterThan(50);
    expect(await head()).toBe(before);
  });

  it('leaves Object.prototype unpolluted and every projection at the head', async () => {
    expect(({} as Json).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const now = await head();
    expect(await runner().waitFor(now, 30_000)).toBe(true);
    const health = await send('GET', '/health', {});
    expect(health.status).toBe(200);
    for (const projection of health.body.projections as Json[])
      expect(projection.position).toBe(now);
  });
});
