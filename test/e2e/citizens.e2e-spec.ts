import Database from 'better-sqlite3';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { EVENT_STORE, EventStore, RecordedEvent } from '@kundval/event-store';
import { PlacementWorkflow } from '../../apps/api/src/citizens/placement-workflow';
import { createApp } from '../../apps/api/src/create-app';
import { FixedClock } from '../../apps/api/src/shared/clock';
import { HeaderMap, httpClient, Json, Reply } from '../support/http-client';
import { bearer } from '../support/tokens';
import { tempDirs } from '../support/temp-dirs';

// Citizens, entitlements, choices and placements over HTTP against the embedded store: first
// choices and switches, capacity under concurrent choices, every refusal (status, problem+json
// and stable code), non-choice assignment, re-choice when a provider is de-authorised, school
// admission rounds, idempotency, and that the personal identity number never reaches the log.

// Response bodies are read loosely: the assertions say what shape is expected.

let app: INestApplication;
let url: string;
/** The app decides by this clock; admission runs move it past the window's closing day. */
const clock = new FixedClock(new Date());

// ---- HTTP helpers -------------------------------------------------------------------------

const { send, post, put, get } = httpClient(() => url);

/** A request that must succeed with `status`; returns its response body. */
async function ok(reply: Promise<Reply>, status = 201): Promise<Json> {
  const { status: actual, body } = await reply;
  if (actual !== status) {
    throw new Error(`Expected ${status}, got ${actual}: ${JSON.stringify(body)}`);
  }
  return body;
}

/** A refusal: the status, problem+json and the stable code. Returns the problem document. */
async function expectProblem(reply: Promise<Reply> | Reply, status: number, code: string) {
  const { status: actual, contentType, body } = await reply;
  expect({ status: actual, code: body.code }).toEqual({ status, code });
  expect(contentType).toMatch(/^application\/problem\+json/);
  expect(body).toMatchObject({
    status,
    code,
    type: expect.any(String),
    detail: expect.any(String),
  });
  return body;
}

const store = () => app.get<EventStore>(EVENT_STORE);
const types = (events: RecordedEvent[]) => events.map((event) => event.type);
const entitlementEvents = (citizenId: string, entitlementId: string) =>
  store().readStream(`entitlement-${citizenId}/${entitlementId}`);
const rosterEvents = (schemeId: string, providerId: string) =>
  store().readStream(`roster-${schemeId}/${providerId}`);

/** Entitlement ids holding a place on the roster now (reserved and not given back). */
async function heldPlaces(schemeId: string, providerId: string): Promise<string[]> {
  const held = new Set<string>();
  for (const event of await rosterEvents(schemeId, providerId)) {
    const { entitlementId } = event.data as { entitlementId: string };
    if (event.type === 'PlaceReserved') held.add(entitlementId);
    if (event.type === 'PlaceReleased') held.delete(entitlementId);
  }
  return [...held].sort();
}

// ---- Dates (Europe/Stockholm, by the app's clock) ---------------------------------------------

function stockholmDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

const today = () => stockholmDate(clock.now());

function addDays(date: string, days: number): string {
  const moment = new Date(`${date}T12:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() + days);
  return moment.toISOString().slice(0, 10);
}

/** The 15th of next month: a switch in the middle of a month. */
function midNextMonth(): string {
  const [year, month] = today().split('-').map(Number);
  return new Date(Date.UTC(year, month, 15)).toISOString().slice(0, 10);
}

/** Runs `work` with the app's clock moved to noon on `date`, then puts the clock back. */
async function onDate<T>(date: string, work: () => Promise<T>): Promise<T> {
  const before = clock.now();
  clock.set(new Date(`${date}T11:00:00Z`));
  try {
    return await work();
  } finally {
    clock.set(before);
  }
}

// ---- Identity numbers -------------------------------------------------------------------------

/** Luhn (mod 10) with weights 2,1,2,1… from the left: organisationsnummer and personnummer. */
function luhnCheckDigit(digits: string): number {
  const sum = [...digits].reduce((total, digit, i) => {
    const product = Number(digit) * (i % 2 === 0 ? 2 : 1);
    return total + (product > 9 ? product - 9 : product);
  }, 0);
  return (10 - (sum % 10)) % 10;
}

let sequence = 0;
const uniqueId = (prefix: string) => `${prefix}-${++sequence}`;

/** A fresh valid organisationsnummer `55NNNN-NNNC`. */
function orgNumber(): string {
  const nine = `55${String(100_000 + ++sequence).padStart(7, '0')}`;
  const digits = `${nine}${luhnCheckDigit(nine)}`;
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/**
 * A valid personnummer `YYYYMMDD-NNNC` born on `birthDate`; a samordningsnummer adds 60 to the
 * day; the short form `YYMMDD-NNNC` (or `+` from the year the person turns 100).
 */
function personalNumber(
  birthDate: string,
  serial = '238',
  { coordination = false, short = false, hundred = false } = {},
): string {
  const [yyyy, mm, dd] = birthDate.split('-');
  const day = coordination ? String(Number(dd) + 60) : dd;
  const nine = `${yyyy.slice(2)}${mm}${day}${serial}`;
  const last = `${serial}${luhnCheckDigit(nine)}`;
  return short
    ? `${yyyy.slice(2)}${mm}${day}${hundred ? '+' : '-'}${last}`
    : `${yyyy}${mm}${day}-${last}`;
}

/** Every number and name sent to the API: none may ever show up in the event log. */
const personalData: { numbers: string[]; names: string[] } = { numbers: [], names: [] };

let people = 0;
/** A fresh valid personnummer, remembered for the personal-data check. */
function newPersonalNumber(): string {
  people += 1;
  const number = personalNumber(addDays('1950-01-01', people * 53), String(100 + people));
  personalData.numbers.push(number);
  return number;
}

// ---- Fixtures -----------------------------------------------------------------------------------

const GENERAL_STAFFING = {
  conditionId: 'general-staffing',
  title: 'Staff competence',
  text: 'Personalen ska ha adekvat utbildning.',
  controlPoints: ['at_authorisation', 'follow_up'],
  consequence: 'warning_or_deauthorisation',
};

/** The scheme's own condition allowing de-authorisation, checked at authorisation. */
const keysCondition = (schemeId: string) => ({
  conditionId: `${schemeId}-keys`,
  title: 'Key handling',
  text: 'Rutiner för nyckelhantering ska finnas.',
  controlPoints: ['at_authorisation', 'follow_up'],
  consequence: 'warning_or_deauthorisation',
});

const evidence = (schemeId: string) => [
  { conditionId: GENERAL_STAFFING.conditionId, description: 'Utbildningsbevis bifogade' },
  { conditionId: keysCondition(schemeId).conditionId, description: 'Nyckelrutin' },
];

/** Hourly LOV schemes (home care): entitlements need granted hours, providers a contract. */
const homeCareSchemes = new Set<string>();

/** A monthly school scheme (grundskola, skollagen) or an hourly LOV scheme (hemtjänst). */
async function givenScheme(kind: 'school' | 'home_care'): Promise<string> {
  const school = kind === 'school';
  const schemeId = uniqueId(school ? 'grundskola' : 'hemtjanst');
  await ok(
    post('/schemes', {
      schemeId,
      name: school ? `Grundskola ${schemeId}` : `Hemtjänst ${schemeId}`,
      legalBasis: school ? 'school_act' : 'lov',
      paymentModel: school ? 'monthly' : 'hourly',
      startDate: '2020-01-01',
    }),
  );
  await ok(post(`/schemes/${schemeId}/conditions`, keysCondition(schemeId)));
  await ok(
    post(`/schemes/${schemeId}/rates`, {
      level: school ? 'grade-1' : 'care-1',
      amountOre: school ? 9_500_000 : 45_000,
      effectiveDate: today(),
    }),
  );
  if (!school) homeCareSchemes.add(schemeId);
  return schemeId;
}

interface ProviderOptions {
  name?: string;
  ownership?: 'municipal' | 'private' | 'non_profit';
  /** Declared capacity (kapacitetstak); none when left out. */
  capacity?: number;
  providerId?: string;
}

/** Registered, authorised, under LOV under contract, with its capacity: choosable from today. */
async function givenAuthorisedProvider(
  schemeId: string,
  { name = 'Omsorg AB', ownership = 'private', capacity, providerId }: ProviderOptions = {},
): Promise<string> {
  const known = providerId ? (await get(`/providers/${providerId}`)).status === 200 : false;
  if (!known) {
    const registered = await ok(
      post('/providers', { providerId, organisationNumber: orgNumber(), name, ownership }),
    );
    providerId = registered.providerId as string;
  }
  const id = providerId as string;
  const { applicationId } = await ok(
    post(`/providers/${id}/applications`, { schemeId, evidence: evidence(schemeId) }),
  );
  await ok(post(`/providers/${id}/applications/${applicationId}/grant`, { schemeId }));
  if (homeCareSchemes.has(schemeId)) await ok(post(`/providers/${id}/contracts`, { schemeId }));
  if (capacity !== undefined) {
    await ok(put(`/providers/${id}/capacity`, { schemeId, ceiling: capacity }));
  }
  return id;
}

/** The scheme's municipal non-choice provider (ickevalsalternativ). */
async function givenNonChoiceProvider(schemeId: string, capacity?: number): Promise<string> {
  const providerId = await givenAuthorisedProvider(schemeId, {
    name: 'Kommunens verksamhet',
    ownership: 'municipal',
    capacity,
  });
  await ok(put(`/schemes/${schemeId}/non-choice-provider`, { providerId }));
  return providerId;
}

/** A registered citizen (a fresh personnummer); returns the citizen id. */
async function givenCitizen(): Promise<string> {
  const { citizenId } = await ok(post('/citizens', { personalNumber: newPersonalNumber() }));
  return citizenId as string;
}

/** An entitlement in the scheme from today (open-ended unless overridden). */
async function givenEntitlement(
  citizenId: string,
  schemeId: string,
  overrides: Json = {},
): Promise<string> {
  const hourly = homeCareSchemes.has(schemeId);
  const { entitlementId } = await ok(
    post(`/citizens/${citizenId}/entitlements`, {
      schemeId,
      decisionRef: `KFKS ${2026}/${++sequence}`,
      level: hourly ? 'care-1' : 'grade-1',
      ...(hourly ? { grantedHoursPerMonth: 24 } : {}),
      validFrom: today(),
      ...overrides,
    }),
  );
  return entitlementId as string;
}

/** A citizen with one entitlement in the scheme. */
async function givenEntitledCitizen(schemeId: string, overrides: Json = {}) {
  const citizenId = await givenCitizen();
  const entitlementId = await givenEntitlement(citizenId, schemeId, overrides);
  return { citizenId, entitlementId };
}

type Entitled = { citizenId: string; entitlementId: string };

const CASEWORKER: HeaderMap = { 'X-Role': 'caseworker', 'X-Actor': 'handlaggare-7' };
const QUALITY_OFFICER: HeaderMap = { 'X-Role': 'quality_officer', 'X-Actor': 'kvalitet-2' };

/** Registers a choice (or switch) made by the citizen on the web unless told otherwise. */
function choose(
  { citizenId, entitlementId }: Entitled,
  providerId: string,
  effectiveDate = today(),
  extra: Json = {},
  headers: HeaderMap = {},
) {
  return post(
    `/citizens/${citizenId}/entitlements/${entitlementId}/choices`,
    { providerId, effectiveDate, madeBy: 'citizen', channel: 'web', ...extra },
    headers,
  );
}

function assignNonChoice({ citizenId, entitlementId }: Entitled, body: Json, headers = CASEWORKER) {
  return post(`/citizens/${citizenId}/entitlements/${entitlementId}/non-choice`, body, headers);
}

/** The entitlement's placements as the citizen view shows them. */
async function placementsOf({ citizenId, entitlementId }: Entitled): Promise<Json[]> {
  const { status, body } = await get(`/citizens/${citizenId}`);
  expect(status).toBe(200);
  const entitlement = (body.entitlements as Json[]).find((e) => e.entitlementId === entitlementId);
  expect(entitlement).toBeDefined();
  return entitlement!.placements as Json[];
}

async function choosableIds(schemeId: string, date = today()): Promise<string[]> {
  const { status, body } = await get(`/schemes/${schemeId}/choosable-providers?date=${date}`);
  expect(status).toBe(200);
  return (body.providers as { providerId: string }[]).map((p) => p.providerId);
}

// ---- The app and a small world --------------------------------------------------------------

/** Starts the app on the test's data dir: once, and again after a restart. */
async function startApp(): Promise<void> {
  app = await createApp({ kind: 'embedded', dataDir }, { logger: false, clock });
  await app.listen(0, '127.0.0.1');
  url = await app.getUrl();
}

/** Two schemes with their providers, set up through the API as a municipality would. */
const world = {
  school: '',
  schoolNonChoice: '',
  schoolA: '',
  schoolB: '',
  homeCare: '',
  homeCareNonChoice: '',
  careA: '',
  careB: '',
};

beforeAll(async () => {
  await startApp();
  await ok(post('/conditions', GENERAL_STAFFING));

  world.school = await givenScheme('school');
  world.schoolNonChoice = await givenNonChoiceProvider(world.school);
  world.schoolA = await givenAuthorisedProvider(world.school, { name: 'Friskolan Ekbacken' });
  world.schoolB = await givenAuthorisedProvider(world.school, {
    name: 'Montessoriskolan',
    ownership: 'non_profit',
  });

  world.homeCare = await givenScheme('home_care');
  world.homeCareNonChoice = await givenNonChoiceProvider(world.homeCare);
  world.careA = await givenAuthorisedProvider(world.homeCare, { name: 'Annas Omsorg AB' });
  world.careB = await givenAuthorisedProvider(world.homeCare, {
    name: 'Bertils Hemtjänst AB',
    capacity: 50,
  });
});
afterAll(async () => app.close());
// Registered after the app's afterAll: the data dir is removed once the app is closed.
const dataDir = tempDirs('e2e')();

// ---- Tests ------------------------------------------------------------------------------------

describe('test helpers', () => {
  it('compute the check digit of a known personnummer', () => {
    // Skatteverket's example number 811218-9876.
    expect(luhnCheckDigit('811218987')).toBe(6);
    expect(personalNumber('1981-12-18', '987', { short: true })).toBe('811218-9876');
    expect(personalNumber('1981-12-18', '987', { coordination: true })).toMatch(/^19811278-987\d$/);
  });
});

describe('citizens', () => {
  it('registers a citizen once and answers with a pseudonymous id and a masked number', async () => {
    const number = personalNumber('1985-03-09', '321');
    personalData.numbers.push(number);
    personalData.names.push('Greta Gustafsson');
    const first = await ok(post('/citizens', { personalNumber: number, name: 'Greta Gustafsson' }));
    expect(first).toEqual({
      citizenId: expect.any(String),
      masked: '19850309-****',
      kind: 'personnummer',
      created: true,
    });
    expect(first.citizenId).not.toContain('850309');

    // The same person in another form (short, without separator) is the same citizen.
    const again = await ok(post('/citizens', { personalNumber: number.replace('-', '') }));
    expect(again).toMatchObject({ citizenId: first.citizenId, created: false });
    const short = await ok(
      post('/citizens', { personalNumber: personalNumber('1985-03-09', '321', { short: true }) }),
    );
    expect(short).toMatchObject({ citizenId: first.citizenId, created: false });

    const found = await ok(post('/citizens/lookup', { personalNumber: number }), 200);
    expect(found).toEqual({ citizenId: first.citizenId, masked: '19850309-****' });
    // An auditor sees the number masked; the caseworker handling the case sees it in full.
    const view = await ok(get(`/citizens/${first.citizenId}`), 200);
    expect(view).toEqual({
      citizenId: first.citizenId,
      personalNumber: '19850309-****',
      masked: '19850309-****',
      erased: false,
      entitlements: [],
    });
    const full = await ok(send('GET', `/citizens/${first.citizenId}`, undefined, CASEWORKER), 200);
    expect(full.personalNumber).toMatch(/^19850309\d{4}$/);
  });

  it('accepts a samordningsnummer (day + 60) and a short number with + for 100 years or older', async () => {
    const coordination = personalNumber('1990-07-14', '452', { coordination: true });
    const centenarian = personalNumber('1921-05-02', '118', { short: true, hundred: true });
    personalData.numbers.push(coordination, centenarian);

    expect(await ok(post('/citizens', { personalNumber: coordination }))).toMatchObject({
      masked: '19900774-****',
      kind: 'samordningsnummer',
      created: true,
    });
    expect(await ok(post('/citizens', { personalNumber: centenarian }))).toMatchObject({
      masked: '19210502-****',
      kind: 'personnummer',
    });
    // With `-` the same digits name someone born a century later.
    const young = centenarian.replace('+', '-');
    personalData.numbers.push(young);
    expect(await ok(post('/citizens', { personalNumber: young }))).toMatchObject({
      masked: '20210502-****',
    });
  });

  it.each([
    [
      'a wrong check digit',
      () => personalNumber('1985-03-09', '321').replace(/\d$/, (d) => String((Number(d) + 1) % 10)),
      'bad_check_digit',
    ],
    ['a date that does not exist', () => '19850230-1234', 'bad_date'],
    ['a samordningsnummer day beyond 91', () => '19850392-1234', 'bad_date'],
    [
      'a birth date in the future',
      () => personalNumber(addDays(today(), 40), '123'),
      'in_the_future',
    ],
    ['letters', () => '198503O9-3214', 'bad_format'],
    ['too few digits', () => '850309-321', 'bad_format'],
  ])('refuses a number with %s', async (_, number, reason) => {
    const personalNumber = number();
    const problem = await expectProblem(
      post('/citizens', { personalNumber }),
      400,
      'INVALID_PERSONAL_IDENTITY_NUMBER',
    );
    expect(problem.details).toEqual({ reason });
    // The refusal never repeats the number.
    expect(JSON.stringify(problem)).not.toContain(personalNumber.replace('-', '').slice(2));
    await expectProblem(
      post('/citizens/lookup', { personalNumber }),
      400,
      'INVALID_PERSONAL_IDENTITY_NUMBER',
    );
  });

  it('answers 404 for a number or id never registered', async () => {
    const number = personalNumber('1977-11-30', '999');
    personalData.numbers.push(number);
    await expectProblem(
      post('/citizens/lookup', { personalNumber: number }),
      404,
      'CITIZEN_NOT_FOUND',
    );
    await expectProblem(
      get('/citizens/00000000-0000-4000-8000-000000000000'),
      404,
      'CITIZEN_NOT_FOUND',
    );
  });
});

describe('entitlements', () => {
  it('grants an entitlement, changes its level and shows it on the citizen', async () => {
    const citizenId = await givenCitizen();
    const granted = await ok(
      post(`/citizens/${citizenId}/entitlements`, {
        entitlementId: uniqueId('hemtjanst-beslut'),
        schemeId: world.homeCare,
        decisionRef: 'SN 2026/114',
        level: 'care-1',
        grantedHoursPerMonth: 32,
        validFrom: today(),
        validTo: addDays(today(), 365),
      }),
    );
    expect(granted).toMatchObject({
      events: ['EntitlementGranted'],
      entitlementId: expect.any(String),
      streamId: `entitlement-${citizenId}/${granted.entitlementId}`,
    });
    const changed = await ok(
      post(`/citizens/${citizenId}/entitlements/${granted.entitlementId}/level-changes`, {
        level: 'care-2',
        effectiveDate: addDays(today(), 30),
        grantedHoursPerMonth: 48,
      }),
    );
    expect(changed.events).toEqual(['EntitlementLevelChanged']);
    const { body } = await get(`/citizens/${citizenId}`);
    expect(body.entitlements).toEqual([
      expect.objectContaining({
        entitlementId: granted.entitlementId,
        schemeId: world.homeCare,
        status: 'granted',
        validFrom: today(),
        levels: [
          expect.objectContaining({ level: 'care-1', grantedHoursPerMonth: 32 }),
          expect.objectContaining({ level: 'care-2', grantedHoursPerMonth: 48 }),
        ],
        placements: [],
      }),
    ]);
  });

  it('refuses malformed or impossible grants', async () => {
    const citizenId = await givenCitizen();
    const base = {
      schemeId: world.school,
      decisionRef: 'BUN 2026/1',
      level: 'grade-1',
      validFrom: today(),
    };
    await expectProblem(
      post('/citizens/00000000-0000-4000-8000-000000000000/entitlements', base),
      404,
      'CITIZEN_NOT_FOUND',
    );
    await expectProblem(
      post(`/citizens/${citizenId}/entitlements`, { ...base, schemeId: 'no-such-scheme' }),
      404,
      'SCHEME_NOT_ESTABLISHED',
    );
    await expectProblem(
      post(`/citizens/${citizenId}/entitlements`, { ...base, grantedHoursPerMonth: 10 }),
      400,
      'INVALID_INPUT',
    );
    await expectProblem(
      post(`/citizens/${citizenId}/entitlements`, { ...base, schemeId: world.homeCare }),
      400,
      'INVALID_INPUT',
    );
    await expectProblem(
      post(`/citizens/${citizenId}/entitlements`, { ...base, validTo: addDays(today(), -1) }),
      400,
      'INVALID_DATE',
    );
    const entitlementId = uniqueId('skolbeslut');
    await ok(post(`/citizens/${citizenId}/entitlements`, { ...base, entitlementId }));
    await expectProblem(
      post(`/citizens/${citizenId}/entitlements`, { ...base, entitlementId }),
      409,
      'ENTITLEMENT_ALREADY_GRANTED',
    );
  });

  it('ends an entitlement and gives its place back from the day after', async () => {
    const providerId = await givenAuthorisedProvider(world.school, { capacity: 1 });
    const leaver = await givenEntitledCitizen(world.school);
    await ok(choose(leaver, providerId));
    const endDate = addDays(today(), 9);

    const ended = await ok(
      post(`/citizens/${leaver.citizenId}/entitlements/${leaver.entitlementId}/end`, {
        endDate,
        reason: 'Flyttar från kommunen',
      }),
    );
    expect(ended.events).toEqual(['EntitlementEnded']);
    expect(await placementsOf(leaver)).toEqual([
      { providerId, from: today(), to: endDate, kind: 'first_choice' },
    ]);
    expect(types(await rosterEvents(world.school, providerId))).toEqual([
      'PlaceReserved',
      'PlaceReleased',
    ]);

    const next = await givenEntitledCitizen(world.school);
    await expectProblem(choose(next, providerId, endDate), 409, 'PROVIDER_FULL');
    await ok(choose(next, providerId, addDays(endDate, 1)));
    await expectProblem(
      post(`/citizens/${leaver.citizenId}/entitlements/${leaver.entitlementId}/end`, {
        endDate,
        reason: 'Igen',
      }),
      409,
      'ENTITLEMENT_ENDED',
    );
    await expectProblem(
      choose(leaver, world.schoolA, addDays(endDate, 1)),
      409,
      'ENTITLEMENT_ENDED',
    );
  });

  it('frees the place of an entitlement that runs out, without an end or a release', async () => {
    const providerId = await givenAuthorisedProvider(world.school, { capacity: 1 });
    const validTo = addDays(today(), 30);
    const leaver = await givenEntitledCitizen(world.school, { validTo });
    await ok(choose(leaver, providerId));
    expect(types(await rosterEvents(world.school, providerId))).toEqual(['PlaceReserved']);

    const next = await givenEntitledCitizen(world.school);
    await expectProblem(choose(next, providerId, validTo), 409, 'PROVIDER_FULL');
    await ok(choose(next, providerId, addDays(validTo, 1)));
    expect(types(await rosterEvents(world.school, providerId))).toEqual([
      'PlaceReserved',
      'PlaceReserved',
    ]);
  });

  describe('with a switch registered for after the end date', () => {
    let current: string;
    let future: string;
    let endDate: string;

    beforeAll(async () => {
      current = await givenAuthorisedProvider(world.school, { capacity: 1 });
      future = await givenAuthorisedProvider(world.school, { capacity: 1 });
      const citizen = await givenEntitledCitizen(world.school);
      await ok(choose(citizen, current));
      await ok(choose(citizen, future, addDays(today(), 40)));
      endDate = addDays(today(), 10);
      const ended = await ok(
        post(`/citizens/${citizen.citizenId}/entitlements/${citizen.entitlementId}/end`, {
          endDate,
          reason: 'Flyttar från kommunen',
        }),
      );
      expect(ended.events).toEqual(['EntitlementEnded']);
      expect(await placementsOf(citizen)).toEqual([
        { providerId: current, from: today(), to: endDate, kind: 'first_choice' },
      ]);
    });

    it('cancels the later placement and frees its place', async () => {
      const other = await givenEntitledCitizen(world.school);
      await ok(choose(other, future, addDays(today(), 40)));
    });

    it('frees the current place from the day after the end date', async () => {
      const other = await givenEntitledCitizen(world.school);
      await ok(choose(other, current, addDays(endDate, 1)));
    });
  });
});

describe('choosing a provider', () => {
  it('places the citizen from the date and records who chose, in what role and how', async () => {
    const citizen = await givenEntitledCitizen(world.school);
    const headers = {
      'X-Actor': 'vardnadshavare-3',
      'X-Role': 'guardian',
      'X-Channel': 'web',
      'X-Correlation-Id': `corr-${citizen.entitlementId}`,
    };
    const result = await ok(
      choose(citizen, world.schoolA, today(), { madeBy: 'guardian', channel: 'web' }, headers),
    );
    expect(result).toMatchObject({
      streamId: `entitlement-${citizen.citizenId}/${citizen.entitlementId}`,
      events: ['ChoiceRegistered'],
      replayed: false,
    });
    expect(await placementsOf(citizen)).toEqual([
      { providerId: world.schoolA, from: today(), to: null, kind: 'first_choice' },
    ]);

    const events = await entitlementEvents(citizen.citizenId, citizen.entitlementId);
    expect(types(events)).toEqual(['EntitlementGranted', 'ChoiceRegistered']);
    const choice = events[1];
    expect(choice.data).toMatchObject({
      citizenId: citizen.citizenId,
      providerId: world.schoolA,
      effectiveDate: today(),
      kind: 'first_choice',
      madeBy: 'guardian',
      channel: 'web',
      previousProviderId: null,
    });
    // The guardian signs in as a citizen acting for the child; `madeBy` says in what capacity.
    const metadata = {
      actor: 'vardnadshavare-3',
      role: 'citizen',
      channel: 'web',
      correlationId: `corr-${citizen.entitlementId}`,
    };
    expect(choice.metadata).toMatchObject(metadata);
    // The place on the provider's roster carries the same metadata.
    const [reserved] = await rosterEvents(world.school, world.schoolA).then((all) =>
      all.filter((e) => (e.data as Json).entitlementId === citizen.entitlementId),
    );
    expect(reserved).toMatchObject({
      type: 'PlaceReserved',
      metadata: expect.objectContaining(metadata),
    });
  });

  it('lets a citizen choose for a later start and by paper through a representative', async () => {
    const citizen = await givenEntitledCitizen(world.homeCare, { validFrom: addDays(today(), 7) });
    await ok(
      choose(citizen, world.careA, addDays(today(), 7), {
        madeBy: 'representative',
        channel: 'paper',
      }),
    );
    expect(await placementsOf(citizen)).toEqual([
      { providerId: world.careA, from: addDays(today(), 7), to: null, kind: 'first_choice' },
    ]);
  });

  it('switches mid-month: the old placement ends the day before and its place is given back', async () => {
    const small = await givenAuthorisedProvider(world.school, {
      name: 'Lilla skolan',
      capacity: 1,
    });
    const first = await givenEntitledCitizen(world.school);
    const second = await givenEntitledCitizen(world.school);
    const mid = midNextMonth();
    await ok(choose(first, small));
    const full = await expectProblem(choose(second, small, mid), 409, 'PROVIDER_FULL');
    expect(full.details).toMatchObject({ providerId: small, ceiling: 1, taken: 1 });

    const switched = await ok(choose(first, world.schoolB, mid, { switchReason: 'unhappy' }));
    expect(switched.events).toEqual(['ChoiceRegistered']);
    expect(await placementsOf(first)).toEqual([
      { providerId: small, from: today(), to: addDays(mid, -1), kind: 'first_choice' },
      { providerId: world.schoolB, from: mid, to: null, kind: 'switch' },
    ]);
    const events = await entitlementEvents(first.citizenId, first.entitlementId);
    expect(events[events.length - 1].data).toMatchObject({
      kind: 'switch',
      previousProviderId: small,
      switchReason: 'unhappy',
    });
    expect(
      (await rosterEvents(world.school, small)).map((e) => [e.type, (e.data as Json).from]),
    ).toEqual([
      ['PlaceReserved', today()],
      ['PlaceReleased', mid],
    ]);

    // The place is free from the switch date, not before.
    await expectProblem(choose(second, small, addDays(mid, -1)), 409, 'PROVIDER_FULL');
    await ok(choose(second, small, mid));
    const third = await givenEntitledCitizen(world.school);
    await expectProblem(choose(third, small, mid), 409, 'PROVIDER_FULL');
  });

  it('needs 14 days notice for a home-care switch unless a caseworker registers it', async () => {
    const citizen = await givenEntitledCitizen(world.homeCare);
    await ok(choose(citizen, world.careA)); // a first choice needs no notice
    const problem = await expectProblem(
      choose(citizen, world.careB, addDays(today(), 13)),
      409,
      'NOTICE_PERIOD_NOT_MET',
    );
    expect(problem.details).toMatchObject({ earliest: addDays(today(), 14), noticeDays: 14 });

    await ok(
      choose(
        citizen,
        world.careB,
        addDays(today(), 3),
        { madeBy: 'caseworker', channel: 'caseworker', switchReason: 'moved' },
        CASEWORKER,
      ),
    );
    await ok(choose(citizen, world.careA, addDays(today(), 14), { switchReason: 'other' }));
    expect((await placementsOf(citizen)).map((p) => [p.providerId, p.from, p.to, p.kind])).toEqual([
      [world.careA, today(), addDays(today(), 2), 'first_choice'],
      [world.careB, addDays(today(), 3), addDays(today(), 13), 'switch'],
      [world.careA, addDays(today(), 14), null, 'switch'],
    ]);
  });

  it('lets a caseworker backdate a choice with a reason', async () => {
    // Backdating needs a provider that was choosable then: authorised a month ago.
    const providerId = await onDate(addDays(today(), -30), () =>
      givenAuthorisedProvider(world.school, { name: 'Gamla skolan' }),
    );
    const citizen = await givenEntitledCitizen(world.school, { validFrom: addDays(today(), -20) });
    const backdated = addDays(today(), -10);
    await expectProblem(
      choose(citizen, world.schoolA, backdated, { reason: 'Sen registrering' }, CASEWORKER),
      409,
      'PROVIDER_NOT_CHOOSABLE',
    );
    await ok(
      choose(
        citizen,
        providerId,
        backdated,
        { madeBy: 'caseworker', channel: 'caseworker', reason: 'Blankett inkom före skolstart' },
        CASEWORKER,
      ),
    );
    expect(await placementsOf(citizen)).toEqual([
      { providerId, from: backdated, to: null, kind: 'first_choice' },
    ]);
    const events = await entitlementEvents(citizen.citizenId, citizen.entitlementId);
    expect(events[1].metadata).toMatchObject({
      role: 'caseworker',
      reason: 'Blankett inkom före skolstart',
    });
  });
});

describe('capacity under concurrent choices', () => {
  it('gives exactly the free places to parallel choices and refuses the rest with PROVIDER_FULL', async () => {
    const capacity = 5;
    const providerId = await givenAuthorisedProvider(world.school, {
      name: 'Populära skolan',
      capacity,
    });
    const earlier: Entitled[] = [];
    for (let i = 0; i < 2; i++) {
      const citizen = await givenEntitledCitizen(world.school);
      await ok(choose(citizen, providerId));
      earlier.push(citizen);
    }
    const racers: Entitled[] = [];
    for (let i = 0; i < 30; i++) racers.push(await givenEntitledCitizen(world.school));

    const replies = await Promise.all(racers.map((citizen) => choose(citizen, providerId)));

    expect(replies.filter((reply) => reply.status >= 500)).toEqual([]);
    const winners = racers.filter((_, i) => replies[i].status === 201);
    const losers = replies.filter((reply) => reply.status !== 201);
    expect(winners).toHaveLength(capacity - earlier.length);
    expect(losers).toHaveLength(30 - winners.length);
    for (const reply of losers) await expectProblem(reply, 409, 'PROVIDER_FULL');

    // Roster and citizens agree: exactly those placed hold a place, and no more than capacity.
    const placed = [...earlier, ...winners].map((c) => c.entitlementId).sort();
    expect(await heldPlaces(world.school, providerId)).toEqual(placed);
    expect(
      types(await rosterEvents(world.school, providerId)).filter((t) => t === 'PlaceReserved'),
    ).toHaveLength(capacity);
    for (const [i, citizen] of racers.entries()) {
      const placements = await placementsOf(citizen);
      expect(placements).toEqual(
        replies[i].status === 201
          ? [{ providerId, from: today(), to: null, kind: 'first_choice' }]
          : [],
      );
    }
  });

  it('counts the places after a restart as before it, folding the roster from its snapshot', async () => {
    const capacity = 60;
    const providerId = await givenAuthorisedProvider(world.school, { capacity });
    const placed: Entitled[] = [];
    for (let i = 0; i < capacity; i++) {
      const citizen = await givenEntitledCitizen(world.school);
      await ok(choose(citizen, providerId));
      placed.push(citizen);
    }
    // Rewritten every 50 events: the snapshot holds the first 50 reservations.
    const snapshots = new Database(join(dataDir, 'stream-snapshots.sqlite'), { readonly: true });
    const snapshot = snapshots
      .prepare('SELECT revision FROM stream_snapshot WHERE stream_id = ?')
      .get(`roster-${world.school}/${providerId}`);
    snapshots.close();
    expect(snapshot).toEqual({ revision: 49 });

    await app.close();
    await startApp();
    const next = await givenEntitledCitizen(world.school);
    await expectProblem(choose(next, providerId), 409, 'PROVIDER_FULL');
    // One leaves for another school: their place is free for the next.
    await ok(choose(placed[0], world.schoolA));
    await ok(choose(next, providerId));
    expect((await heldPlaces(world.school, providerId)).sort()).toEqual(
      [...placed.slice(1), next].map((c) => c.entitlementId).sort(),
    );
  });

  it('keeps roster and placement in agreement when the same choice is sent twice at once', async () => {
    const providerId = await givenAuthorisedProvider(world.school, { capacity: 3 });
    const citizen = await givenEntitledCitizen(world.school);
    // A double click without an Idempotency-Key: one wins, the others lose to it.
    const replies = await Promise.all(Array.from({ length: 6 }, () => choose(citizen, providerId)));
    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(1);
    for (const reply of replies.filter((r) => r.status !== 201)) {
      expect(reply.status).toBe(409);
      expect(reply.contentType).toMatch(/^application\/problem\+json/);
      expect(['CONCURRENCY_CONFLICT', 'SAME_PROVIDER']).toContain(reply.body.code);
    }
    // The loser's compensation must not give back the winner's place.
    expect(await placementsOf(citizen)).toEqual([
      { providerId, from: today(), to: null, kind: 'first_choice' },
    ]);
    expect(await heldPlaces(world.school, providerId)).toEqual([citizen.entitlementId]);
  });
});

describe('refused choices', () => {
  let citizen: Entitled;
  beforeAll(async () => {
    citizen = await givenEntitledCitizen(world.school, {
      validFrom: addDays(today(), -30),
      validTo: addDays(today(), 60),
    });
  });

  it('refuses a provider that cannot be chosen, saying why', async () => {
    const applied = await ok(
      post('/providers', {
        organisationNumber: orgNumber(),
        name: 'Sökande AB',
        ownership: 'private',
      }),
    );
    await ok(
      post(`/providers/${applied.providerId}/applications`, {
        schemeId: world.school,
        evidence: evidence(world.school),
      }),
    );
    const notAuthorised = await expectProblem(
      choose(citizen, applied.providerId),
      409,
      'PROVIDER_NOT_CHOOSABLE',
    );
    expect(notAuthorised.details).toMatchObject({
      providerId: applied.providerId,
      reason: 'NOT_AUTHORISED',
    });

    const unknown = await expectProblem(
      choose(citizen, 'no-such-provider'),
      409,
      'PROVIDER_NOT_CHOOSABLE',
    );
    expect(unknown.details).toMatchObject({ reason: 'PROVIDER_NOT_REGISTERED' });

    // Under LOV a granted provider is choosable only once the contract is signed.
    const homeCare = await givenEntitledCitizen(world.homeCare);
    const uncontracted = await ok(
      post('/providers', {
        organisationNumber: orgNumber(),
        name: 'Utan Avtal AB',
        ownership: 'private',
      }),
    );
    const { applicationId } = await ok(
      post(`/providers/${uncontracted.providerId}/applications`, {
        schemeId: world.homeCare,
        evidence: evidence(world.homeCare),
      }),
    );
    await ok(
      post(`/providers/${uncontracted.providerId}/applications/${applicationId}/grant`, {
        schemeId: world.homeCare,
      }),
    );
    const noContract = await expectProblem(
      choose(homeCare, uncontracted.providerId),
      409,
      'PROVIDER_NOT_CHOOSABLE',
    );
    expect(noContract.details).toMatchObject({ reason: 'CONTRACT_NOT_SIGNED' });
    // A provider of another scheme is not authorised in this one.
    const otherScheme = await expectProblem(
      choose(homeCare, world.schoolA),
      409,
      'PROVIDER_NOT_CHOOSABLE',
    );
    expect(otherScheme.details).toMatchObject({ reason: 'NOT_AUTHORISED' });
    expect(await placementsOf(homeCare)).toEqual([]);
  });

  it('refuses a provider whose declared capacity is reached', async () => {
    const closed = await givenAuthorisedProvider(world.school, { capacity: 0 });
    const problem = await expectProblem(choose(citizen, closed), 409, 'PROVIDER_FULL');
    expect(problem.details).toMatchObject({ providerId: closed, ceiling: 0, taken: 0 });
    // A refused choice reserves nothing.
    expect(await rosterEvents(world.school, closed)).toEqual([]);
  });

  it('refuses a date outside the entitlement', async () => {
    const after = await expectProblem(
      choose(citizen, world.schoolA, addDays(today(), 61)),
      409,
      'NOT_ENTITLED_ON_DATE',
    );
    expect(after.details).toMatchObject({ lastDay: addDays(today(), 60) });
    const later = await givenEntitledCitizen(world.school, { validFrom: addDays(today(), 10) });
    await expectProblem(
      choose(later, world.schoolA, addDays(today(), 5)),
      409,
      'NOT_ENTITLED_ON_DATE',
    );
  });

  it('refuses a backdated choice from anyone but a caseworker, and from a caseworker without a reason', async () => {
    const yesterday = addDays(today(), -1);
    await expectProblem(choose(citizen, world.schoolA, yesterday), 409, 'BACKDATING_NOT_ALLOWED');
    await expectProblem(
      choose(citizen, world.schoolA, yesterday, { madeBy: 'guardian' }, { 'X-Role': 'guardian' }),
      409,
      'BACKDATING_NOT_ALLOWED',
    );
    await expectProblem(
      choose(
        citizen,
        world.schoolA,
        yesterday,
        { madeBy: 'caseworker', channel: 'caseworker' },
        CASEWORKER,
      ),
      409,
      'REASON_REQUIRED',
    );
    // A blank reason is no reason: refused before it reaches the rule.
    const blank = await expectProblem(
      choose(citizen, world.schoolA, yesterday, { reason: '   ' }, CASEWORKER),
      400,
      'VALIDATION_FAILED',
    );
    expect(blank.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    expect(await placementsOf(citizen)).toEqual([]);
  });

  it('refuses choosing the provider the citizen already has then, and going back before a later choice', async () => {
    const placed = await givenEntitledCitizen(world.school);
    await ok(choose(placed, world.schoolA));
    await expectProblem(choose(placed, world.schoolA, addDays(today(), 3)), 409, 'SAME_PROVIDER');
    await ok(choose(placed, world.schoolB, addDays(today(), 20)));
    const problem = await expectProblem(
      choose(placed, world.schoolNonChoice, addDays(today(), 10)),
      409,
      'LATER_CHOICE_REGISTERED',
    );
    expect(problem.details).toMatchObject({ latestFrom: addDays(today(), 20) });
  });

  it('refuses a home-care switch at short notice', async () => {
    const homeCare = await givenEntitledCitizen(world.homeCare);
    await ok(choose(homeCare, world.careA));
    await expectProblem(
      choose(homeCare, world.careB, addDays(today(), 1), { switchReason: 'unhappy' }),
      409,
      'NOTICE_PERIOD_NOT_MET',
    );
  });

  it('answers 404 for an entitlement never granted', async () => {
    await expectProblem(
      choose({ citizenId: citizen.citizenId, entitlementId: 'no-such-entitlement' }, world.schoolA),
      404,
      'ENTITLEMENT_NOT_FOUND',
    );
    await expectProblem(
      choose(
        { citizenId: '00000000-0000-4000-8000-000000000000', entitlementId: citizen.entitlementId },
        world.schoolA,
      ),
      404,
      'ENTITLEMENT_NOT_FOUND',
    );
    await expectProblem(
      post(`/citizens/${citizen.citizenId}/entitlements/no-such-entitlement/level-changes`, {
        level: 'grade-2',
        effectiveDate: today(),
      }),
      404,
      'ENTITLEMENT_NOT_FOUND',
    );
  });

  it('refuses a malformed choice and an unknown role', async () => {
    const malformed = await expectProblem(
      post(`/citizens/${citizen.citizenId}/entitlements/${citizen.entitlementId}/choices`, {
        providerId: world.schoolA,
        effectiveDate: '2026-02-30',
        madeBy: 'municipality',
        channel: 'system',
        switchReason: 'bored',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect((malformed.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'channel',
      'effectiveDate',
      'madeBy',
      'switchReason',
    ]);
    // The role comes from the signed token; a header naming a role changes nothing, and a token
    // with a role the ledger does not know is not accepted.
    const mayor = bearer('mayor' as never, { citizenIds: [citizen.citizenId] });
    await expectProblem(choose(citizen, world.schoolA, today(), {}, mayor), 401, 'UNAUTHENTICATED');
    expect(await placementsOf(citizen)).toEqual([]);
  });
});

describe('non-choice', () => {
  it('lets a caseworker assign the designated non-choice provider', async () => {
    const citizen = await givenEntitledCitizen(world.school);
    const result = await ok(
      assignNonChoice(citizen, {
        effectiveDate: today(),
        reason: 'Vårdnadshavare avstår från val',
      }),
    );
    expect(result.events).toEqual(['ChoiceRegistered']);
    expect(await placementsOf(citizen)).toEqual([
      { providerId: world.schoolNonChoice, from: today(), to: null, kind: 'non_choice' },
    ]);
    const events = await entitlementEvents(citizen.citizenId, citizen.entitlementId);
    expect(events[1]).toMatchObject({
      data: expect.objectContaining({
        kind: 'non_choice',
        madeBy: 'municipality',
        channel: 'caseworker',
        nonChoiceCause: 'no_choice',
      }),
      metadata: expect.objectContaining({ role: 'caseworker', actor: 'handlaggare-7' }),
    });
    expect(await heldPlaces(world.school, world.schoolNonChoice)).toContain(citizen.entitlementId);

    // The citizen may still choose later.
    await ok(choose(citizen, world.schoolA, addDays(today(), 5)));
    expect((await placementsOf(citizen)).map((p) => p.kind)).toEqual(['non_choice', 'switch']);
  });

  it('refuses a citizen who tries to assign the non-choice provider', async () => {
    const citizen = await givenEntitledCitizen(world.school);
    const reply = await assignNonChoice(
      citizen,
      { effectiveDate: today(), reason: 'Jag vill inte välja' },
      { 'X-Role': 'citizen', 'X-Actor': 'medborgare' },
    );
    await expectProblem(reply, 403, 'FORBIDDEN');
    expect(await placementsOf(citizen)).toEqual([]);
  });

  it('does nothing for a citizen who has already chosen', async () => {
    const citizen = await givenEntitledCitizen(world.school);
    await ok(choose(citizen, world.schoolB));
    const result = await ok(assignNonChoice(citizen, { effectiveDate: today() }));
    expect(result.events).toEqual([]);
    expect(await placementsOf(citizen)).toEqual([
      { providerId: world.schoolB, from: today(), to: null, kind: 'first_choice' },
    ]);
  });

  it('refuses when the scheme has no non-choice provider designated', async () => {
    const schemeId = await givenScheme('school');
    await givenAuthorisedProvider(schemeId);
    const citizen = await givenEntitledCitizen(schemeId);
    const problem = await expectProblem(
      assignNonChoice(citizen, { effectiveDate: today() }),
      409,
      'NO_NON_CHOICE_PROVIDER',
    );
    expect(problem.details).toMatchObject({ reason: 'none_designated' });
    await expectProblem(
      assignNonChoice(
        { ...citizen, entitlementId: 'no-such-entitlement' },
        { effectiveDate: today() },
      ),
      404,
      'ENTITLEMENT_NOT_FOUND',
    );
  });

  it('assigns the non-choice provider in a run to those whose choice deadline has passed', async () => {
    const schemeId = await givenScheme('home_care');
    const nonChoice = await givenNonChoiceProvider(schemeId);
    const chosen = await givenAuthorisedProvider(schemeId);
    // The deadline passed without a choice: granted late, recorded as decided.
    const overdue = await givenEntitledCitizen(schemeId, {
      validFrom: addDays(today(), -20),
      choiceDeadline: addDays(today(), -1),
    });
    const choseInTime = await givenEntitledCitizen(schemeId, {
      validFrom: addDays(today(), -20),
      choiceDeadline: addDays(today(), -1),
    });
    await ok(choose(choseInTime, chosen));
    const stillChoosing = await givenEntitledCitizen(schemeId, { choiceDeadline: today() });
    const noDeadline = await givenEntitledCitizen(schemeId);

    const run = await ok(post(`/schemes/${schemeId}/non-choice-runs`, {}));
    expect(run.unassigned).toEqual([]);
    expect(run.assignments).toEqual([
      expect.objectContaining({
        entitlementId: overdue.entitlementId,
        citizenId: overdue.citizenId,
        providerId: nonChoice,
        effectiveDate: today(),
        cause: 'no_choice',
      }),
    ]);
    expect(await placementsOf(overdue)).toEqual([
      { providerId: nonChoice, from: today(), to: null, kind: 'non_choice' },
    ]);
    const events = await entitlementEvents(overdue.citizenId, overdue.entitlementId);
    expect(events[events.length - 1]).toMatchObject({
      data: expect.objectContaining({ channel: 'system', nonChoiceCause: 'no_choice' }),
      metadata: expect.objectContaining({ role: 'system' }),
    });
    for (const citizen of [stillChoosing, noDeadline])
      expect(await placementsOf(citizen)).toEqual([]);
    expect((await placementsOf(choseInTime))[0]).toMatchObject({ providerId: chosen });

    // Run again: nothing left to do.
    const again = await ok(post(`/schemes/${schemeId}/non-choice-runs`, {}));
    expect(again).toMatchObject({ assignments: [], unassigned: [] });
    expect(await heldPlaces(schemeId, nonChoice)).toEqual([overdue.entitlementId]);
  });

  it('reports as unassigned those the run finds no non-choice provider for', async () => {
    const schemeId = await givenScheme('school');
    const overdue = await givenEntitledCitizen(schemeId, {
      validFrom: addDays(today(), -5),
      choiceDeadline: addDays(today(), -1),
    });
    const run = await ok(post(`/schemes/${schemeId}/non-choice-runs`, {}));
    expect(run.assignments).toEqual([]);
    expect(run.unassigned).toEqual([
      expect.objectContaining({
        entitlementId: overdue.entitlementId,
        cause: 'no_choice',
        details: expect.objectContaining({ reason: 'none_designated' }),
      }),
    ]);
    expect(await placementsOf(overdue)).toEqual([]);
  });
});

describe('de-authorisation forcing re-choice', () => {
  let schemeId: string;
  let nonChoice: string;
  let leaving: string;
  let staying: string;
  const placed: Entitled[] = [];
  let elsewhere: Entitled;
  const effectiveDate = () => addDays(today(), 30);

  beforeAll(async () => {
    schemeId = await givenScheme('home_care');
    nonChoice = await givenNonChoiceProvider(schemeId);
    leaving = await givenAuthorisedProvider(schemeId, { name: 'Bristande Omsorg AB' });
    staying = await givenAuthorisedProvider(schemeId, { name: 'Stabil Omsorg AB' });
    for (let i = 0; i < 3; i++) {
      const citizen = await givenEntitledCitizen(schemeId);
      await ok(choose(citizen, leaving));
      placed.push(citizen);
    }
    elsewhere = await givenEntitledCitizen(schemeId);
    await ok(choose(elsewhere, staying));
  });

  it('lists nobody for re-choice before a de-authorisation is decided', async () => {
    const { status, body } = await get(`/schemes/${schemeId}/re-choice`);
    expect(status).toBe(200);
    expect(body).toEqual({ schemeId, entitlements: [] });
  });

  it('lists the provider’s citizens for re-choice once it is de-authorised', async () => {
    await ok(
      post(
        `/providers/${leaving}/deauthorisations`,
        {
          schemeId,
          conditionIds: [keysCondition(schemeId).conditionId],
          reasons: ['Nyckelrutin saknas trots varning'],
          effectiveDate: effectiveDate(),
        },
        QUALITY_OFFICER,
      ),
    );
    const { status, body } = await get(`/schemes/${schemeId}/re-choice`);
    expect(status).toBe(200);
    expect(body.schemeId).toBe(schemeId);
    expect(body.entitlements).toEqual(
      placed
        .map(({ citizenId, entitlementId }) => ({
          schemeId,
          entitlementId,
          citizenId,
          providerId: leaving,
          cause: 'deauthorisation',
          effectiveDate: effectiveDate(),
          rechooseBy: addDays(effectiveDate(), -1),
        }))
        .sort((a, b) => (a.entitlementId < b.entitlementId ? -1 : 1)),
    );
    expect(await choosableIds(schemeId)).not.toContain(leaving);
    expect(await choosableIds(schemeId)).toEqual(expect.arrayContaining([nonChoice, staying]));
    const refused = await expectProblem(
      choose(elsewhere, leaving, addDays(today(), 14)),
      409,
      'PROVIDER_NOT_CHOOSABLE',
    );
    expect(refused.details).toMatchObject({ reason: 'DEAUTHORISED' });
  });

  it('drops a citizen from the list once they choose again', async () => {
    const [rechooser] = placed;
    await ok(choose(rechooser, staying, addDays(today(), 14), { switchReason: 'other' }));
    const { body } = await get(`/schemes/${schemeId}/re-choice`);
    const listed = (body.entitlements as Json[]).map((e) => e.entitlementId);
    expect(listed).not.toContain(rechooser.entitlementId);
    expect(listed.sort()).toEqual(
      placed
        .slice(1)
        .map((c) => c.entitlementId)
        .sort(),
    );
  });

  it('leaves the others alone until the re-choice deadline, then assigns the non-choice provider', async () => {
    const early = await ok(post(`/schemes/${schemeId}/non-choice-runs`, {}));
    expect(early.assignments).toEqual([]);

    const run = await onDate(addDays(effectiveDate(), -1), async () =>
      ok(post(`/schemes/${schemeId}/non-choice-runs`, {})),
    );
    expect(run.unassigned).toEqual([]);
    expect(
      (run.assignments as Json[])
        .map((a) => [a.entitlementId, a.providerId, a.cause, a.effectiveDate])
        .sort(),
    ).toEqual(
      placed
        .slice(1)
        .map((c) => [c.entitlementId, nonChoice, 'provider_leaving', effectiveDate()])
        .sort(),
    );
    for (const citizen of placed.slice(1)) {
      expect(await placementsOf(citizen)).toEqual([
        {
          providerId: leaving,
          from: today(),
          to: addDays(effectiveDate(), -1),
          kind: 'first_choice',
        },
        { providerId: nonChoice, from: effectiveDate(), to: null, kind: 'non_choice' },
      ]);
    }
    expect((await get(`/schemes/${schemeId}/re-choice`)).body.entitlements).toEqual([]);
    expect(await heldPlaces(schemeId, leaving)).toEqual([]);
  });
});

describe('school admission', () => {
  // Twin schemes with the same schools, pupils, preferences and seed: a round places its pupils,
  // so a second round in the same scheme would start from fewer free places. Every entitled
  // pupil of a scheme takes part in its round, so the schemes are used for nothing else.
  const schemes: string[] = [];
  const schools = { nonChoice: '', popular: '', second: '', tiny: '' };
  const capacities = { nonChoice: 20, popular: 2, second: 2, tiny: 1 };
  /** pupils[s][i]: pupil i's entitlement in scheme s (the same citizen in both). */
  const pupils: Entitled[][] = [[], []];
  const schoolYear = '2027/28';
  const placementsFrom = '2027-08-16';
  const seed = 'dragning-2027-03-15';

  beforeAll(async () => {
    for (const _ of [0, 1]) schemes.push(await givenScheme('school'));
    const names = {
      nonChoice: 'Kommunala skolan',
      popular: 'Populärskolan',
      second: 'Andraskolan',
      tiny: 'Byskolan',
    };
    for (const schemeId of schemes) {
      for (const key of Object.keys(schools) as (keyof typeof schools)[]) {
        schools[key] = await givenAuthorisedProvider(schemeId, {
          providerId: schools[key] || undefined,
          name: names[key],
          ownership: key === 'nonChoice' ? 'municipal' : 'private',
          capacity: capacities[key],
        });
      }
      await ok(put(`/schemes/${schemeId}/non-choice-provider`, { providerId: schools.nonChoice }));
    }
    for (let i = 0; i < 9; i++) {
      const citizenId = await givenCitizen();
      for (const [s, schemeId] of schemes.entries()) {
        pupils[s].push({ citizenId, entitlementId: await givenEntitlement(citizenId, schemeId) });
      }
    }
  });

  /** Pupil i's ranked schools, siblings and distance to the first. Pupil 8 submits nothing. */
  const submissions = () => [
    // A sibling at the popular school: admitted first although the farthest away.
    {
      pupil: 0,
      preferences: [schools.popular, schools.second],
      siblingAt: [schools.popular],
      distance: 9_000,
    },
    { pupil: 1, preferences: [schools.popular, schools.second], distance: 300 },
    { pupil: 2, preferences: [schools.popular, schools.second], distance: 400 },
    { pupil: 3, preferences: [schools.popular, schools.second], distance: 500 },
    { pupil: 4, preferences: [schools.popular, schools.second], distance: 600 },
    { pupil: 5, preferences: [schools.tiny] },
    { pupil: 6, preferences: [schools.tiny] },
    { pupil: 7, preferences: [schools.second, schools.popular, schools.tiny], distance: 100 },
  ];

  /** Opens a window closing today, submits every family's preferences, runs it tomorrow. */
  async function givenCompletedRound(s: number) {
    const roundId = uniqueId('grundskola-2027');
    await ok(
      post(`/schemes/${schemes[s]}/admission-rounds`, {
        roundId,
        schoolYear,
        opensOn: today(),
        closesOn: today(),
        placementsFrom,
        tieBreaker: 'distance',
      }),
    );
    for (const { pupil, preferences, siblingAt, distance } of submissions()) {
      await ok(
        post(`/admission-rounds/${roundId}/preferences`, {
          citizenId: pupils[s][pupil].citizenId,
          entitlementId: pupils[s][pupil].entitlementId,
          preferences,
          ...(siblingAt ? { siblingAt } : {}),
          ...(distance ? { distanceMetres: { [preferences[0]]: distance } } : {}),
          madeBy: 'guardian',
          channel: 'web',
        }),
      );
    }
    await expectProblem(
      post(`/admission-rounds/${roundId}/run`, { seed }),
      409,
      'CHOICE_WINDOW_STILL_OPEN',
    );
    const run = await onDate(addDays(today(), 1), () =>
      ok(post(`/admission-rounds/${roundId}/run`, { seed })),
    );
    expect(run).toMatchObject({ events: ['AdmissionCompleted'], placed: 9 });
    const round = await ok(get(`/admission-rounds/${roundId}`), 200);
    expect(round).toMatchObject({ status: 'completed', result: expect.objectContaining({ seed }) });
    return round.result as Json;
  }

  /** A result per citizen, without the scheme-specific entitlement ids. */
  const outcome = (result: Json) =>
    (result.placements as Json[])
      .map(({ entitlementId: _, ...placement }) => placement)
      .sort((a, b) => (a.citizenId < b.citizenId ? -1 : 1));

  let first: Json;

  it('places by preference, siblings first, within capacity, the rest at the non-choice school', async () => {
    first = await givenCompletedRound(0);
    const placements = first.placements as Json[];
    const of = (i: number) =>
      placements.find((p) => p.entitlementId === pupils[0][i].entitlementId)!;

    expect(placements).toHaveLength(9);
    expect(first.unplaced).toEqual([]);
    for (const placement of placements) expect(placement.lotteryNumber).toEqual(expect.any(Number));
    for (const key of Object.keys(schools) as (keyof typeof schools)[]) {
      const taken = placements.filter((p) => p.providerId === schools[key]).length;
      expect({ school: key, withinCapacity: taken <= capacities[key] }).toEqual({
        school: key,
        withinCapacity: true,
      });
    }
    // The sibling first, then the nearest; one of the next three gets their second choice.
    expect(of(0)).toMatchObject({ providerId: schools.popular, preferenceMet: 1 });
    expect(of(1)).toMatchObject({ providerId: schools.popular, preferenceMet: 1 });
    expect(of(7)).toMatchObject({ providerId: schools.second, preferenceMet: 1 });
    const seconds = [2, 3, 4].map(of).filter((p) => p.providerId === schools.second);
    expect(seconds).toEqual([expect.objectContaining({ preferenceMet: 2 })]);
    // The lower lottery number wins the one place at the small school.
    const [five, six] = [of(5), of(6)];
    const [winner, loser] = five.lotteryNumber < six.lotteryNumber ? [five, six] : [six, five];
    expect(winner).toMatchObject({ providerId: schools.tiny, preferenceMet: 1 });
    expect(loser).toMatchObject({
      providerId: schools.nonChoice,
      nonChoiceCause: 'no_preference_met',
    });
    // Pupils with none of their choices met, or no choice at all, get the non-choice school.
    const noneMet = placements.filter((p) => p.nonChoiceCause === 'no_preference_met');
    expect(noneMet).toHaveLength(3);
    for (const placement of noneMet) {
      expect(placement).toMatchObject({
        providerId: schools.nonChoice,
        preferenceMet: null,
        placedBy: 'non_choice',
      });
    }
    expect(of(8)).toMatchObject({
      providerId: schools.nonChoice,
      preferenceMet: null,
      placedBy: 'non_choice',
      nonChoiceCause: 'no_choice',
    });
    // The published figure: of the 8 who chose, 4 got their first choice.
    expect(first.firstChoice).toEqual({ met: 4, applicants: 8, basisPoints: 5_000 });
  });

  it('places each pupil on their entitlement from the first day of the school year', async () => {
    for (const placement of first.placements as Json[]) {
      const pupil = pupils[0].find((p) => p.entitlementId === placement.entitlementId)!;
      expect(await placementsOf(pupil)).toEqual([
        {
          providerId: placement.providerId,
          from: placementsFrom,
          to: null,
          kind: placement.placedBy === 'preference' ? 'admission' : 'non_choice',
        },
      ]);
    }
    expect((await heldPlaces(schemes[0], schools.popular)).length).toBe(2);
  });

  it('gives an identical round with the same seed the identical outcome', async () => {
    const again = await givenCompletedRound(1);
    expect(outcome(again)).toEqual(outcome(first));
    expect(again.firstChoice).toEqual(first.firstChoice);
  });
});

describe('idempotency', () => {
  it('replays a retried choice: one ChoiceRegistered and one PlaceReserved', async () => {
    const citizen = await givenEntitledCitizen(world.homeCare);
    const key = `choice-${citizen.entitlementId}`;
    const first = await ok(choose(citizen, world.careB, today(), {}, { 'Idempotency-Key': key }));
    expect(first.replayed).toBe(false);
    const second = await ok(choose(citizen, world.careB, today(), {}, { 'Idempotency-Key': key }));
    expect(second).toEqual({ ...first, replayed: true });

    const events = types(await entitlementEvents(citizen.citizenId, citizen.entitlementId));
    expect(events.filter((t) => t === 'ChoiceRegistered')).toHaveLength(1);
    const reserved = (await rosterEvents(world.homeCare, world.careB)).filter(
      (e) => e.type === 'PlaceReserved' && (e.data as Json).entitlementId === citizen.entitlementId,
    );
    expect(reserved).toHaveLength(1);

    await expectProblem(
      choose(citizen, world.careA, addDays(today(), 20), {}, { 'Idempotency-Key': key }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
  });
});

describe('a switch that stopped half-way', () => {
  it('gives back the place left behind when the switch is retried', async () => {
    const citizen = await givenEntitledCitizen(world.homeCare);
    await ok(choose(citizen, world.careA));
    const key = `switch-${citizen.entitlementId}`;
    const from = addDays(today(), 20); // after the 14 days' notice
    // The switch is recorded, then the process fails before the old place is given back.
    const release = jest
      .spyOn(app.get(PlacementWorkflow), 'release')
      .mockRejectedValueOnce(new Error('the process stopped here'));
    try {
      const failed = await choose(citizen, world.careB, from, {}, { 'Idempotency-Key': key });
      expect(failed.status).toBe(500);
    } finally {
      release.mockRestore();
    }
    expect(await heldPlaces(world.homeCare, world.careA)).toContain(citizen.entitlementId);

    const retried = await ok(choose(citizen, world.careB, from, {}, { 'Idempotency-Key': key }));
    expect(retried).toMatchObject({ events: ['ChoiceRegistered'], replayed: true });
    expect(await heldPlaces(world.homeCare, world.careA)).not.toContain(citizen.entitlementId);
    expect(await heldPlaces(world.homeCare, world.careB)).toContain(citizen.entitlementId);
    // Retried again, nothing more is appended to the roster it left.
    const left = (await rosterEvents(world.homeCare, world.careA)).length;
    await ok(choose(citizen, world.careB, from, {}, { 'Idempotency-Key': key }));
    expect(await rosterEvents(world.homeCare, world.careA)).toHaveLength(left);
    // The place left is free: a later switch back is not refused as a place already held.
    await ok(choose(citizen, world.careA, addDays(from, 20)));
  });
});

describe('personal data', () => {
  it('keeps every personal identity number and name out of the event log', async () => {
    const log = JSON.stringify(await store().readAll());
    expect(personalData.numbers.length).toBeGreaterThan(40);
    for (const number of personalData.numbers) {
      const digits = number.replace(/[-+]/g, '');
      const ten = digits.slice(-10);
      // In no form: as sent, twelve digits, ten digits, or ten with a separator.
      for (const form of [number, digits, ten, `${ten.slice(0, 6)}-${ten.slice(6)}`]) {
        expect({ form, found: log.includes(form) }).toEqual({ form, found: false });
      }
    }
    for (const name of personalData.names) expect(log).not.toContain(name);
  });
});
