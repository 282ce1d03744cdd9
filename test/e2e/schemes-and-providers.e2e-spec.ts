import { INestApplication } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@kundval/event-store';
import { createApp } from '../../apps/api/src/create-app';
import { httpClient, Json, Reply } from '../support/http-client';
import { tempDirs } from '../support/temp-dirs';

// The scheme and provider lifecycle over HTTP against the embedded store: every command, every
// rejection path (status, problem+json and stable code), idempotency, concurrency, metadata.

// Response bodies are read loosely: the assertions say what shape is expected.

let app: INestApplication;
let url: string;

// ---- HTTP helpers -------------------------------------------------------------------------

const { post, put, get } = httpClient(() => url);

/** A command that must succeed; returns its response body. */
async function ok(reply: Promise<Reply>): Promise<Json> {
  const { status, body } = await reply;
  if (status !== 201) throw new Error(`Expected 201, got ${status}: ${JSON.stringify(body)}`);
  return body;
}

/** A refusal: the status, problem+json and the stable code. Returns the problem document. */
async function expectProblem(reply: Promise<Reply>, status: number, code: string) {
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
const headPosition = async () =>
  ((await get('/health')).body as { store: { headPosition: number } }).store.headPosition;

// ---- Dates (Europe/Stockholm) and organisation numbers --------------------------------------

function today(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

function addDays(date: string, days: number): string {
  const moment = new Date(`${date}T12:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() + days);
  return moment.toISOString().slice(0, 10);
}

/** Luhn (mod 10) with weights 2,1,2,1… from the left, as for organisationsnummer. */
function luhnCheckDigit(digits: string): number {
  const sum = [...digits].reduce((total, digit, i) => {
    const product = Number(digit) * (i % 2 === 0 ? 2 : 1);
    return total + (product > 9 ? product - 9 : product);
  }, 0);
  return (10 - (sum % 10)) % 10;
}

let sequence = 0;
/** A fresh valid organisationsnummer `55NNNN-NNNC`. */
function orgNumber(): string {
  const nine = `55${String(100_000 + ++sequence).padStart(7, '0')}`;
  const digits = `${nine}${luhnCheckDigit(nine)}`;
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}
const uniqueId = (prefix: string) => `${prefix}-${++sequence}`;

// ---- Fixtures ---------------------------------------------------------------------------------

/** General conditions, defined once for every scheme. */
const GENERAL = {
  staffing: {
    conditionId: 'general-staffing',
    title: 'Staff competence',
    text: 'Personalen ska ha adekvat utbildning.',
    controlPoints: ['at_authorisation', 'follow_up'],
    consequence: 'warning_or_deauthorisation',
  },
  reporting: {
    conditionId: 'general-reporting',
    title: 'Reporting',
    text: 'Anordnaren ska lämna begärda uppgifter i tid.',
    controlPoints: ['self_report'],
    consequence: 'warning',
  },
} as const;

/** Scheme-specific conditions of `schemeId`: one serious, one that allows a warning only. */
const specific = (schemeId: string) => ({
  keys: {
    conditionId: `${schemeId}-keys`,
    title: 'Key handling',
    text: 'Rutiner för nyckelhantering ska finnas.',
    controlPoints: ['at_authorisation', 'follow_up'],
    consequence: 'warning_or_deauthorisation',
  },
  language: {
    conditionId: `${schemeId}-language`,
    title: 'Language',
    text: 'Personalen ska kunna kommunicera på svenska.',
    controlPoints: ['follow_up'],
    consequence: 'warning',
  },
});

/** Evidence for every at_authorisation condition of a fixture scheme. */
const fullEvidence = (schemeId: string) => [
  { conditionId: GENERAL.staffing.conditionId, description: 'Utbildningsbevis bifogade' },
  {
    conditionId: specific(schemeId).keys.conditionId,
    description: 'Nyckelrutin',
    documentRef: 'KFKS 2025/1',
  },
];

async function givenScheme(legalBasis: 'lov' | 'school_act' = 'lov'): Promise<string> {
  const schemeId = uniqueId('hemtjanst');
  await ok(
    post('/schemes', {
      schemeId,
      name: `Hemtjänst ${schemeId}`,
      legalBasis,
      paymentModel: 'hourly',
      startDate: '2020-01-01',
    }),
  );
  const conditions = specific(schemeId);
  await ok(post(`/schemes/${schemeId}/conditions`, conditions.keys));
  await ok(post(`/schemes/${schemeId}/conditions`, conditions.language));
  return schemeId;
}

async function givenProvider(name = 'Omsorg AB'): Promise<string> {
  const { providerId } = await ok(
    post('/providers', { organisationNumber: orgNumber(), name, ownership: 'private' }),
  );
  return providerId as string;
}

async function givenApplication(providerId: string, schemeId: string): Promise<string> {
  const { applicationId } = await ok(
    post(`/providers/${providerId}/applications`, { schemeId, evidence: fullEvidence(schemeId) }),
  );
  return applicationId as string;
}

/** Registered, authorised and (under LOV) under contract: choosable from today. */
async function givenAuthorisedProvider(schemeId: string, name?: string): Promise<string> {
  const providerId = await givenProvider(name);
  const applicationId = await givenApplication(providerId, schemeId);
  await ok(post(`/providers/${providerId}/applications/${applicationId}/grant`, { schemeId }));
  await ok(post(`/providers/${providerId}/contracts`, { schemeId }));
  return providerId;
}

async function choosableIds(schemeId: string, date = today()): Promise<string[]> {
  const { status, body } = await get(`/schemes/${schemeId}/choosable-providers?date=${date}`);
  expect(status).toBe(200);
  return (body.providers as { providerId: string }[]).map((p) => p.providerId);
}

const deauthorisation = (schemeId: string, overrides: Json = {}) => ({
  schemeId,
  conditionIds: [specific(schemeId).keys.conditionId],
  reasons: ['Nyckelrutin saknas trots varning'],
  effectiveDate: addDays(today(), 30),
  ...overrides,
});

const appeal = (schemeId: string) => ({
  schemeId,
  court: 'Förvaltningsrätten i Stockholm',
  filedOn: today(),
});

// ---- The app -------------------------------------------------------------------------------

beforeAll(async () => {
  app = await createApp({ kind: 'embedded', dataDir: tempDir() }, { logger: false });
  await app.listen(0, '127.0.0.1');
  url = await app.getUrl();
  await ok(post('/conditions', GENERAL.staffing));
  await ok(post('/conditions', GENERAL.reporting));
});
afterAll(async () => app.close());
// Registered after the app's afterAll: the data dir is removed once the app is closed.
const tempDir = tempDirs('e2e');

// ---- Tests -----------------------------------------------------------------------------------

describe('test helpers', () => {
  it('agree with a known valid organisationsnummer', () => {
    expect(luhnCheckDigit('556036079')).toBe(3);
    expect(orgNumber()).toMatch(/^55\d{4}-\d{4}$/);
  });
});

describe('general conditions', () => {
  it('lists the general conditions with control points in canonical order', async () => {
    const { status, body } = await get('/conditions');
    expect(status).toBe(200);
    expect(body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          conditionId: 'general-staffing',
          scope: 'general',
          schemeId: null,
          controlPoints: ['at_authorisation', 'follow_up'],
          consequence: 'warning_or_deauthorisation',
        }),
        expect.objectContaining({ conditionId: 'general-reporting', consequence: 'warning' }),
      ]),
    );
  });

  it('refuses to define the same general condition twice', async () => {
    await expectProblem(post('/conditions', GENERAL.reporting), 409, 'CONDITION_ALREADY_DEFINED');
  });
});

describe('scheme and provider lifecycle', () => {
  const schemeId = uniqueId('hemtjanst');
  const conditions = specific(schemeId);
  let anna: string; // authorised, the non-choice provider, de-authorised then reinstated
  let bertil: string; // rejected
  let cecilia: string; // de-authorised, upheld in court
  let dora: string; // gives notice
  let annasApplication: string;

  it('establishes a scheme with legal basis, payment model and start date', async () => {
    const result = await ok(
      post('/schemes', {
        schemeId,
        name: 'Hemtjänst',
        legalBasis: 'lov',
        paymentModel: 'hourly',
        startDate: '2020-01-01',
      }),
    );
    expect(result).toMatchObject({
      streamId: `scheme-${schemeId}`,
      revision: 0,
      position: expect.any(Number),
      events: ['SchemeEstablished'],
      replayed: false,
    });
    const { status, body } = await get(`/schemes/${schemeId}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'established',
      legalBasis: 'lov',
      paymentModel: 'hourly',
      startDate: '2020-01-01',
      withdrawalNoticeMonths: 3,
      vatCompensation: [{ basisPoints: 600, effectiveDate: '2020-01-01' }],
    });
  });

  it('refuses to establish the same scheme twice', async () => {
    await expectProblem(
      post('/schemes', {
        schemeId,
        name: 'Hemtjänst',
        legalBasis: 'lov',
        paymentModel: 'hourly',
        startDate: '2020-01-01',
      }),
      409,
      'SCHEME_ALREADY_ESTABLISHED',
    );
  });

  it('schedules rates per level from today and later', async () => {
    const first = await ok(
      post(`/schemes/${schemeId}/rates`, {
        level: 'level-1',
        amountOre: 45_000,
        effectiveDate: today(),
      }),
    );
    expect(first.events).toEqual(['SchemeRateScheduled']);
    await ok(
      post(`/schemes/${schemeId}/rates`, {
        level: 'level-2',
        amountOre: 52_000,
        effectiveDate: addDays(today(), 10),
      }),
    );
    const { body } = await get(`/schemes/${schemeId}`);
    expect(body.rates).toEqual([
      expect.objectContaining({ level: 'level-1', amountOre: 45_000, effectiveDate: today() }),
      expect.objectContaining({ level: 'level-2', amountOre: 52_000 }),
    ]);
  });

  it('sets the VAT compensation from a future date', async () => {
    const result = await ok(
      put(`/schemes/${schemeId}/vat-compensation`, {
        basisPoints: 500,
        effectiveDate: addDays(today(), 1),
      }),
    );
    expect(result.events).toEqual(['SchemeVatCompensationSet']);
    const { body } = await get(`/schemes/${schemeId}`);
    expect(body.vatCompensation).toHaveLength(2);
    expect(body.vatCompensation[1]).toMatchObject({ basisPoints: 500 });
  });

  it('defines scheme-specific conditions next to the general ones', async () => {
    await ok(post(`/schemes/${schemeId}/conditions`, conditions.keys));
    await ok(post(`/schemes/${schemeId}/conditions`, conditions.language));
    await expectProblem(
      post(`/schemes/${schemeId}/conditions`, conditions.keys),
      409,
      'CONDITION_ALREADY_DEFINED',
    );
    const { body } = await get(`/schemes/${schemeId}`);
    const ids = (body.applicableConditions as { conditionId: string }[]).map((c) => c.conditionId);
    expect(ids).toEqual(
      expect.arrayContaining([
        'general-staffing',
        'general-reporting',
        conditions.keys.conditionId,
        conditions.language.conditionId,
      ]),
    );
    expect(ids.indexOf(conditions.keys.conditionId)).toBeGreaterThan(
      ids.indexOf('general-staffing'),
    );
  });

  it('registers providers with a checked and normalised organisationsnummer', async () => {
    const result = await ok(
      post('/providers', {
        providerId: uniqueId('anna'),
        organisationNumber: '5560360793',
        name: 'Annas Omsorg AB',
        ownership: 'private',
      }),
    );
    anna = result.providerId;
    expect(result).toMatchObject({ streamId: `provider-${anna}`, events: ['ProviderRegistered'] });
    const { status, body } = await get(`/providers/${anna}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'registered',
      organisationNumber: '556036-0793',
      name: 'Annas Omsorg AB',
    });
    bertil = await givenProvider('Bertils Hemtjänst AB');
    cecilia = await givenProvider('Cecilias Vård AB');
    dora = await givenProvider('Doras Omsorg AB');
    const list = (await get('/providers')).body as unknown as { providerId: string }[];
    expect(list.map((p) => p.providerId)).toEqual(expect.arrayContaining([anna, bertil]));
  });

  it('accepts an application with evidence for every at_authorisation condition and grants it', async () => {
    const applied = await ok(
      post(`/providers/${anna}/applications`, { schemeId, evidence: fullEvidence(schemeId) }),
    );
    annasApplication = applied.applicationId;
    expect(applied).toMatchObject({
      events: ['AuthorisationApplied'],
      applicationId: expect.any(String),
    });
    await expectProblem(
      post(`/providers/${anna}/applications`, { schemeId, evidence: fullEvidence(schemeId) }),
      409,
      'APPLICATION_PENDING',
    );
    const granted = await ok(
      post(`/providers/${anna}/applications/${annasApplication}/grant`, { schemeId }),
    );
    expect(granted.events).toEqual(['AuthorisationGranted']);
    expect((await get(`/providers/${anna}`)).body.schemes[schemeId]).toMatchObject({
      status: 'authorised',
      authorisedOn: today(),
    });
  });

  it('rejects an application with reasons', async () => {
    const applicationId = await givenApplication(bertil, schemeId);
    const rejected = await ok(
      post(`/providers/${bertil}/applications/${applicationId}/reject`, {
        schemeId,
        reasons: ['Utbildningsbevis saknas för två anställda'],
      }),
    );
    expect(rejected.events).toEqual(['AuthorisationRejected']);
    await expectProblem(
      post(`/providers/${bertil}/applications/${applicationId}/grant`, { schemeId }),
      404,
      'NO_PENDING_APPLICATION',
    );
    expect((await get(`/providers/${bertil}`)).body.schemes[schemeId]).toMatchObject({
      status: 'rejected',
      rejection: { reasons: ['Utbildningsbevis saknas för två anställda'] },
    });
  });

  it('makes a provider choosable once the contract is signed, and records capacity', async () => {
    expect(await choosableIds(schemeId)).not.toContain(anna);
    const signed = await ok(post(`/providers/${anna}/contracts`, { schemeId }));
    expect(signed).toMatchObject({ events: ['ContractSigned'], contractId: expect.any(String) });
    await expectProblem(
      post(`/providers/${anna}/contracts`, { schemeId }),
      409,
      'CONTRACT_ALREADY_SIGNED',
    );
    const capacity = await ok(put(`/providers/${anna}/capacity`, { schemeId, ceiling: 40 }));
    expect(capacity.events).toEqual(['CapacityDeclared']);
    expect((await get(`/providers/${anna}`)).body.schemes[schemeId].capacity).toBe(40);
    await ok(put(`/providers/${anna}/capacity`, { schemeId, ceiling: null }));
    expect((await get(`/providers/${anna}`)).body.schemes[schemeId].capacity).toBeNull();
    expect(await choosableIds(schemeId)).toEqual([anna]);
  });

  it('designates a choosable provider as the non-choice provider, and no other', async () => {
    const result = await ok(put(`/schemes/${schemeId}/non-choice-provider`, { providerId: anna }));
    expect(result.events).toEqual(['NonChoiceProviderDesignated']);
    expect((await get(`/schemes/${schemeId}`)).body.nonChoiceProviderId).toBe(anna);
    await expectProblem(
      put(`/schemes/${schemeId}/non-choice-provider`, { providerId: bertil }),
      409,
      'NON_CHOICE_PROVIDER_NOT_CHOOSABLE',
    );
  });

  it('approves a reported manager change and rejects another with reasons', async () => {
    const reported = await ok(
      post(`/providers/${anna}/manager-changes`, {
        newManagerName: 'Eva Ek',
        takesOverOn: addDays(today(), 14),
      }),
    );
    expect(reported).toMatchObject({
      events: ['ManagerChangeReported'],
      changeId: expect.any(String),
    });
    await expectProblem(
      post(`/providers/${anna}/manager-changes`, {
        newManagerName: 'Frida Fors',
        takesOverOn: addDays(today(), 20),
      }),
      409,
      'MANAGER_CHANGE_PENDING',
    );
    const approved = await ok(
      post(`/providers/${anna}/manager-changes/${reported.changeId}/approve`),
    );
    expect(approved.events).toEqual(['ManagerChangeApproved']);
    await expectProblem(
      post(`/providers/${anna}/manager-changes/${reported.changeId}/approve`),
      409,
      'MANAGER_CHANGE_ALREADY_DECIDED',
    );
    expect((await get(`/providers/${anna}`)).body.manager).toBe('Eva Ek');

    const second = await ok(
      post(`/providers/${anna}/manager-changes`, {
        newManagerName: 'Frida Fors',
        takesOverOn: addDays(today(), 20),
      }),
    );
    const rejected = await ok(
      post(`/providers/${anna}/manager-changes/${second.changeId}/reject`, {
        reasons: ['Saknar erfarenhet av arbetsledning'],
      }),
    );
    expect(rejected.events).toEqual(['ManagerChangeRejected']);
    await expectProblem(
      post(`/providers/${anna}/manager-changes/unknown-change/approve`),
      404,
      'MANAGER_CHANGE_NOT_FOUND',
    );
    expect((await get(`/providers/${anna}`)).body.manager).toBe('Eva Ek');
  });

  it('records a complaint and how it was handled', async () => {
    const complaint = await ok(
      post(`/providers/${anna}/complaints`, {
        schemeId,
        receivedOn: today(),
        summary: 'Personalen kom för sent vid flera tillfällen',
        serious: false,
      }),
    );
    expect(complaint).toMatchObject({
      events: ['ComplaintRecorded'],
      complaintId: expect.any(String),
    });
    const handled = await ok(
      post(`/providers/${anna}/complaints/${complaint.complaintId}/handling`, {
        handledOn: today(),
        measures: 'Nytt schema och uppföljning med teamet',
      }),
    );
    expect(handled.events).toEqual(['ComplaintHandled']);
    await expectProblem(
      post(`/providers/${anna}/complaints/${complaint.complaintId}/handling`, {
        handledOn: today(),
        measures: 'Igen',
      }),
      409,
      'COMPLAINT_ALREADY_HANDLED',
    );
    await expectProblem(
      post(`/providers/${anna}/complaints/no-such-complaint/handling`, {
        handledOn: today(),
        measures: 'Åtgärd',
      }),
      404,
      'COMPLAINT_NOT_FOUND',
    );
  });

  it('records a serious deviation, a visit, a quality report and survey results', async () => {
    const year = Number(today().slice(0, 4));
    const deviation = await ok(
      post(`/providers/${anna}/deviations`, {
        schemeId,
        occurredOn: today(),
        description: 'Utebliven insats hos brukare',
      }),
    );
    expect(deviation).toMatchObject({
      events: ['SeriousDeviationReported'],
      deviationId: expect.any(String),
    });
    const visit = await ok(
      post(`/providers/${anna}/visits`, {
        schemeId,
        visitedOn: today(),
        announced: false,
        findings: 'Dokumentationen brister',
      }),
    );
    expect(visit).toMatchObject({ events: ['FollowUpVisitRecorded'], visitId: expect.any(String) });
    const report = await ok(
      post(`/providers/${anna}/quality-reports`, {
        schemeId,
        year: year - 1,
        summary: 'Kvalitetsredovisning',
        figures: [{ indicator: 'satisfied-customers', value: 91, unit: 'percent' }],
      }),
    );
    expect(report).toMatchObject({
      events: ['QualityReportSubmitted'],
      reportId: expect.any(String),
    });
    await expectProblem(
      post(`/providers/${anna}/quality-reports`, {
        schemeId,
        year: year - 1,
        summary: 'Igen',
        figures: [{ indicator: 'satisfied-customers', value: 90, unit: 'percent' }],
      }),
      409,
      'QUALITY_REPORT_ALREADY_SUBMITTED',
    );
    const survey = await ok(
      post(`/providers/${anna}/survey-results`, {
        schemeId,
        year,
        title: 'Brukarundersökning hemtjänst',
        respondents: 120,
        figures: [
          { indicator: 'overall-satisfaction', value: 88, unit: 'percent' },
          { indicator: 'responses', value: 120, unit: 'count' },
        ],
      }),
    );
    expect(survey).toMatchObject({
      events: ['SurveyResultRecorded'],
      surveyId: expect.any(String),
    });
    const { body } = await get(`/providers/${anna}`);
    expect(body).toMatchObject({
      deviations: [expect.objectContaining({ schemeId })],
      visits: [expect.objectContaining({ announced: false })],
      qualityReports: [expect.objectContaining({ year: year - 1 })],
      surveys: [expect.objectContaining({ respondents: 120 })],
    });
  });

  it('issues a warning citing a condition', async () => {
    const warning = await ok(
      post(`/providers/${anna}/warnings`, {
        schemeId,
        conditionId: conditions.language.conditionId,
        deficiency: 'Brister i kommunikation på svenska',
      }),
    );
    expect(warning).toMatchObject({ events: ['WarningIssued'], warningId: expect.any(String) });
    expect((await get(`/providers/${anna}`)).body.warnings).toEqual([
      expect.objectContaining({ conditionId: conditions.language.conditionId, issuedOn: today() }),
    ]);
  });

  it('de-authorises citing a serious condition; overturned on appeal it is choosable again', async () => {
    const decided = await ok(
      post(`/providers/${anna}/deauthorisations`, deauthorisation(schemeId)),
    );
    expect(decided).toMatchObject({
      events: ['DeauthorisationDecided'],
      decisionId: expect.any(String),
    });
    expect(await choosableIds(schemeId)).not.toContain(anna);

    const appealed = await ok(post(`/providers/${anna}/appeals`, appeal(schemeId)));
    expect(appealed).toMatchObject({
      events: ['DeauthorisationAppealed'],
      appealId: expect.any(String),
    });
    await expectProblem(
      post(`/providers/${anna}/appeals`, appeal(schemeId)),
      409,
      'APPEAL_PENDING',
    );
    const outcome = await ok(
      post(`/providers/${anna}/appeals/${appealed.appealId}/outcome`, {
        schemeId,
        outcome: 'overturned',
        ruledOn: today(),
      }),
    );
    expect(outcome.events).toEqual(['AppealOutcomeRecorded']);
    expect(await choosableIds(schemeId)).toContain(anna);
    expect((await get(`/providers/${anna}`)).body.schemes[schemeId]).toMatchObject({
      status: 'authorised',
      deauthorisation: null,
    });
  });

  it('de-authorises; upheld on appeal the provider stays out', async () => {
    const applicationId = await givenApplication(cecilia, schemeId);
    await ok(post(`/providers/${cecilia}/applications/${applicationId}/grant`, { schemeId }));
    await ok(post(`/providers/${cecilia}/contracts`, { schemeId }));
    expect(await choosableIds(schemeId)).toContain(cecilia);

    await ok(post(`/providers/${cecilia}/deauthorisations`, deauthorisation(schemeId)));
    const appealed = await ok(post(`/providers/${cecilia}/appeals`, appeal(schemeId)));
    await ok(
      post(`/providers/${cecilia}/appeals/${appealed.appealId}/outcome`, {
        schemeId,
        outcome: 'upheld',
        ruledOn: today(),
      }),
    );
    await expectProblem(
      post(`/providers/${cecilia}/appeals/${appealed.appealId}/outcome`, {
        schemeId,
        outcome: 'overturned',
        ruledOn: today(),
      }),
      404,
      'NO_PENDING_APPEAL',
    );
    expect(await choosableIds(schemeId)).not.toContain(cecilia);
    expect(await choosableIds(schemeId, addDays(today(), 30))).not.toContain(cecilia);
  });

  it('lets a provider withdraw with notice: choosable until the effective date', async () => {
    const applicationId = await givenApplication(dora, schemeId);
    await ok(post(`/providers/${dora}/applications/${applicationId}/grant`, { schemeId }));
    await ok(post(`/providers/${dora}/contracts`, { schemeId }));
    const effectiveDate = addDays(today(), 200);
    await expectProblem(
      post(`/providers/${dora}/withdrawals`, { schemeId, effectiveDate: addDays(today(), 30) }),
      409,
      'NOTICE_PERIOD_TOO_SHORT',
    );
    const notified = await ok(post(`/providers/${dora}/withdrawals`, { schemeId, effectiveDate }));
    expect(notified.events).toEqual(['WithdrawalNotified']);
    await expectProblem(
      post(`/providers/${dora}/withdrawals`, { schemeId, effectiveDate }),
      409,
      'WITHDRAWAL_ALREADY_NOTIFIED',
    );
    expect(await choosableIds(schemeId)).toContain(dora);
    expect(await choosableIds(schemeId, addDays(effectiveDate, -1))).toContain(dora);
    expect(await choosableIds(schemeId, effectiveDate)).not.toContain(dora);
  });

  it('lists choosable providers in a neutral order by name', async () => {
    const { body } = await get(`/schemes/${schemeId}/choosable-providers?date=${today()}`);
    expect(body).toEqual({
      schemeId,
      date: today(),
      providers: [
        { providerId: anna, name: 'Annas Omsorg AB', ownership: 'private' },
        { providerId: dora, name: 'Doras Omsorg AB', ownership: 'private' },
      ],
    });
  });

  it('closes the scheme, which then refuses changes', async () => {
    const closingDate = addDays(today(), 60);
    const closed = await ok(
      post(`/schemes/${schemeId}/close`, { closingDate, reason: 'Verksamheten upphandlas' }),
    );
    expect(closed.events).toEqual(['SchemeClosed']);
    expect((await get(`/schemes/${schemeId}`)).body).toMatchObject({
      status: 'closed',
      closingDate,
    });

    const refusals = [
      post(`/schemes/${schemeId}/rates`, {
        level: 'level-1',
        amountOre: 46_000,
        effectiveDate: addDays(today(), 5),
      }),
      put(`/schemes/${schemeId}/vat-compensation`, {
        basisPoints: 600,
        effectiveDate: addDays(today(), 5),
      }),
      post(`/schemes/${schemeId}/conditions`, { ...conditions.keys, conditionId: 'late-one' }),
      put(`/schemes/${schemeId}/non-choice-provider`, { providerId: dora }),
      post(`/schemes/${schemeId}/close`, { closingDate, reason: 'Igen' }),
      post(`/providers/${bertil}/applications`, { schemeId, evidence: fullEvidence(schemeId) }),
    ];
    for (const refusal of refusals) await expectProblem(refusal, 409, 'SCHEME_CLOSED');
    // Providers are choosable until the closing date, not on it.
    expect(await choosableIds(schemeId, addDays(closingDate, -1))).toContain(anna);
    expect(await choosableIds(schemeId, closingDate)).toEqual([]);
  });
});

describe('rejection paths', () => {
  let schemeId: string;
  beforeAll(async () => {
    schemeId = await givenScheme();
  });

  it('lists every failing field of a malformed body', async () => {
    const problem = await expectProblem(
      post('/schemes', {
        name: '   ',
        legalBasis: 'kommunallagen',
        startDate: '2025-02-30',
        vatCompensationBasisPoints: 1.5,
        unexpected: true,
      }),
      400,
      'VALIDATION_FAILED',
    );
    const fields = (problem.errors as { field: string; messages: string[] }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'name',
        'legalBasis',
        'paymentModel',
        'startDate',
        'vatCompensationBasisPoints',
        'unexpected',
      ]),
    );
    for (const error of problem.errors) expect(error.messages.length).toBeGreaterThan(0);
  });

  it('names nested fields of a malformed body by their path', async () => {
    const providerId = await givenProvider();
    const problem = await expectProblem(
      post(`/providers/${providerId}/applications`, {
        schemeId,
        evidence: [{ conditionId: 'not an id', description: '' }],
      }),
      400,
      'VALIDATION_FAILED',
    );
    const fields = (problem.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['evidence.0.conditionId', 'evidence.0.description']),
    );
  });

  it('lists fields the domain would refuse, so the caller learns which one', async () => {
    const rate = await expectProblem(
      post(`/schemes/${schemeId}/rates`, {
        level: 'Level 1',
        amountOre: 0,
        effectiveDate: today(),
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(rate.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'amountOre',
      'level',
    ]);
    const providerId = await givenAuthorisedProvider(schemeId);
    const survey = await expectProblem(
      post(`/providers/${providerId}/survey-results`, {
        schemeId,
        year: Number(today().slice(0, 4)),
        title: 'Brukarundersökning',
        respondents: 10,
        figures: [{ indicator: 'Nöjda kunder', value: 80, unit: 'percent' }],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(survey.errors).toEqual([expect.objectContaining({ field: 'figures.0.indicator' })]);
  });

  it('answers a body that is not JSON with problem+json', async () => {
    await expectProblem(post('/schemes', '{"name": '), 400, 'MALFORMED_REQUEST');
  });

  it('answers a body over the size limit with 413 problem+json', async () => {
    await expectProblem(
      post('/schemes', { name: 'x'.repeat(300 * 1024) }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('refuses an invalid date in the choosable-providers query', async () => {
    const problem = await expectProblem(
      get(`/schemes/${schemeId}/choosable-providers?date=2025-13-01`),
      400,
      'VALIDATION_FAILED',
    );
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'date' })]);
  });

  it.each([
    ['a wrong check digit', '556036-0794'],
    ['too few digits', '55603607'],
    ['letters', '55603A-0793'],
  ])('refuses an organisationsnummer with %s', async (_, organisationNumber) => {
    await expectProblem(
      post('/providers', { organisationNumber, name: 'Fel AB', ownership: 'private' }),
      400,
      'INVALID_ORGANISATION_NUMBER',
    );
  });

  it('answers 404 for an unknown scheme', async () => {
    const providerId = await givenProvider();
    await expectProblem(get('/schemes/no-such-scheme'), 404, 'SCHEME_NOT_FOUND');
    await expectProblem(
      get('/schemes/no-such-scheme/choosable-providers?date=2025-01-01'),
      404,
      'SCHEME_NOT_FOUND',
    );
    await expectProblem(
      post('/schemes/no-such-scheme/rates', {
        level: 'level-1',
        amountOre: 100,
        effectiveDate: today(),
      }),
      404,
      'SCHEME_NOT_ESTABLISHED',
    );
    await expectProblem(
      post(`/providers/${providerId}/applications`, { schemeId: 'no-such-scheme', evidence: [] }),
      404,
      'SCHEME_NOT_ESTABLISHED',
    );
  });

  it('answers 404 for an unknown provider', async () => {
    await expectProblem(get('/providers/no-such-provider'), 404, 'PROVIDER_NOT_FOUND');
    await expectProblem(
      post('/providers/no-such-provider/warnings', {
        schemeId,
        conditionId: 'general-staffing',
        deficiency: 'Brist',
      }),
      404,
      'PROVIDER_NOT_REGISTERED',
    );
    await expectProblem(
      post('/providers/no-such-provider/applications', {
        schemeId,
        evidence: fullEvidence(schemeId),
      }),
      404,
      'PROVIDER_NOT_REGISTERED',
    );
    await expectProblem(
      put(`/schemes/${schemeId}/non-choice-provider`, { providerId: 'no-such-provider' }),
      404,
      'PROVIDER_NOT_REGISTERED',
    );
  });

  it('refuses an application lacking evidence for an at_authorisation condition', async () => {
    const providerId = await givenProvider();
    const problem = await expectProblem(
      post(`/providers/${providerId}/applications`, {
        schemeId,
        evidence: [fullEvidence(schemeId)[0]],
      }),
      409,
      'MISSING_EVIDENCE',
    );
    expect(problem.details).toEqual({ missingConditionIds: [specific(schemeId).keys.conditionId] });
    await expectProblem(
      post(`/providers/${providerId}/applications`, {
        schemeId,
        evidence: [...fullEvidence(schemeId), { conditionId: 'unheard-of', description: 'X' }],
      }),
      404,
      'UNKNOWN_CONDITION',
    );
  });

  it('refuses to de-authorise or warn a provider that is not authorised', async () => {
    const providerId = await givenProvider();
    await givenApplication(providerId, schemeId);
    await expectProblem(
      post(`/providers/${providerId}/deauthorisations`, deauthorisation(schemeId)),
      409,
      'PROVIDER_NOT_AUTHORISED',
    );
    await expectProblem(
      post(`/providers/${providerId}/warnings`, {
        schemeId,
        conditionId: 'general-staffing',
        deficiency: 'Brist',
      }),
      409,
      'PROVIDER_NOT_AUTHORISED',
    );
  });

  it('refuses an appeal when no de-authorisation has been decided', async () => {
    const providerId = await givenAuthorisedProvider(schemeId);
    await expectProblem(
      post(`/providers/${providerId}/appeals`, appeal(schemeId)),
      404,
      'NO_DEAUTHORISATION_DECIDED',
    );
    await expectProblem(
      post(`/providers/${providerId}/appeals/some-appeal/outcome`, {
        schemeId,
        outcome: 'upheld',
        ruledOn: today(),
      }),
      404,
      'NO_DEAUTHORISATION_DECIDED',
    );
  });

  it('refuses a de-authorisation citing a condition that allows a warning only', async () => {
    const providerId = await givenAuthorisedProvider(schemeId);
    for (const conditionId of ['general-reporting', specific(schemeId).language.conditionId]) {
      const problem = await expectProblem(
        post(`/providers/${providerId}/deauthorisations`, {
          ...deauthorisation(schemeId),
          conditionIds: [specific(schemeId).keys.conditionId, conditionId],
        }),
        409,
        'CONSEQUENCE_NOT_ALLOWED',
      );
      expect(problem.details).toMatchObject({ conditionId, consequence: 'warning' });
    }
    // The same warning-only condition grounds a warning.
    await ok(
      post(`/providers/${providerId}/warnings`, {
        schemeId,
        conditionId: 'general-reporting',
        deficiency: 'Uppgifter lämnades för sent',
      }),
    );
  });

  it('refuses a warning or de-authorisation citing a condition unknown to the scheme', async () => {
    const providerId = await givenAuthorisedProvider(schemeId);
    const otherScheme = await givenScheme();
    await expectProblem(
      post(`/providers/${providerId}/warnings`, {
        schemeId,
        conditionId: specific(otherScheme).keys.conditionId,
        deficiency: 'Brist',
      }),
      404,
      'UNKNOWN_CONDITION',
    );
    await expectProblem(
      post(`/providers/${providerId}/deauthorisations`, {
        ...deauthorisation(schemeId),
        conditionIds: ['no-such-condition'],
      }),
      404,
      'UNKNOWN_CONDITION',
    );
  });

  it('refuses retroactive rates, VAT changes and de-authorisations', async () => {
    const yesterday = addDays(today(), -1);
    await expectProblem(
      post(`/schemes/${schemeId}/rates`, {
        level: 'level-1',
        amountOre: 45_000,
        effectiveDate: yesterday,
      }),
      409,
      'RETROACTIVE_CHANGE',
    );
    await ok(
      post(`/schemes/${schemeId}/rates`, {
        level: 'level-9',
        amountOre: 100,
        effectiveDate: today(),
      }),
    );
    await expectProblem(
      post(`/schemes/${schemeId}/rates`, {
        level: 'level-9',
        amountOre: 200,
        effectiveDate: today(),
      }),
      409,
      'RETROACTIVE_CHANGE',
    );
    await expectProblem(
      put(`/schemes/${schemeId}/vat-compensation`, { basisPoints: 0, effectiveDate: yesterday }),
      409,
      'RETROACTIVE_CHANGE',
    );
    const providerId = await givenAuthorisedProvider(schemeId);
    await expectProblem(
      post(`/providers/${providerId}/deauthorisations`, {
        ...deauthorisation(schemeId),
        effectiveDate: yesterday,
      }),
      409,
      'RETROACTIVE_CHANGE',
    );
  });

  it('refuses a withdrawal with less than the notice period', async () => {
    const providerId = await givenAuthorisedProvider(schemeId);
    const problem = await expectProblem(
      post(`/providers/${providerId}/withdrawals`, {
        schemeId,
        effectiveDate: addDays(today(), 60),
      }),
      409,
      'NOTICE_PERIOD_TOO_SHORT',
    );
    expect(problem.details).toMatchObject({ noticePeriodMonths: 3 });
  });

  it('refuses a contract outside LOV', async () => {
    const schoolScheme = await givenScheme('school_act');
    const providerId = await givenProvider();
    const applicationId = await givenApplication(providerId, schoolScheme);
    await ok(
      post(`/providers/${providerId}/applications/${applicationId}/grant`, {
        schemeId: schoolScheme,
      }),
    );
    await expectProblem(
      post(`/providers/${providerId}/contracts`, { schemeId: schoolScheme }),
      409,
      'CONTRACT_NOT_APPLICABLE',
    );
    // Without LOV no contract is needed to be choosable.
    expect(await choosableIds(schoolScheme)).toContain(providerId);
  });

  it('refuses follow-up dated in the future', async () => {
    const providerId = await givenAuthorisedProvider(schemeId);
    await expectProblem(
      post(`/providers/${providerId}/visits`, {
        schemeId,
        visitedOn: addDays(today(), 1),
        announced: true,
        findings: 'Inga brister',
      }),
      409,
      'DATE_IN_FUTURE',
    );
  });
});

describe('idempotency', () => {
  it('replays a retried command without appending, and refuses the key for another body', async () => {
    const key = `register-${Date.now()}-${++sequence}`;
    const body = { organisationNumber: orgNumber(), name: 'Idempotent AB', ownership: 'private' };
    const first = await ok(post('/providers', body, { 'Idempotency-Key': key }));
    expect(first.replayed).toBe(false);
    const head = await headPosition();

    const second = await ok(post('/providers', body, { 'Idempotency-Key': key }));
    expect(second).toEqual({ ...first, replayed: true });
    expect(await headPosition()).toBe(head);
    expect(await store().readStream(`provider-${first.providerId}`)).toHaveLength(1);

    const problem = await expectProblem(
      post('/providers', { ...body, name: 'Another AB' }, { 'Idempotency-Key': key }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(problem.detail).toEqual(expect.any(String));
    expect(await headPosition()).toBe(head);
  });

  it('replays a retried command on an existing record', async () => {
    const schemeId = await givenScheme();
    const providerId = await givenAuthorisedProvider(schemeId);
    const key = `warning-${Date.now()}-${++sequence}`;
    const body = { schemeId, conditionId: 'general-staffing', deficiency: 'Saknade intyg' };
    const first = await ok(
      post(`/providers/${providerId}/warnings`, body, { 'Idempotency-Key': key }),
    );
    const head = await headPosition();
    const second = await ok(
      post(`/providers/${providerId}/warnings`, body, { 'Idempotency-Key': key }),
    );
    expect(second).toEqual({ ...first, replayed: true });
    expect(await headPosition()).toBe(head);
    expect((await get(`/providers/${providerId}`)).body.warnings).toHaveLength(1);
    await expectProblem(
      post(
        `/providers/${providerId}/warnings`,
        { ...body, deficiency: 'Något annat' },
        { 'Idempotency-Key': key },
      ),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('returns the generated id of a new scheme, and the same one on a retry', async () => {
    const key = `scheme-${Date.now()}-${++sequence}`;
    const body = {
      name: 'Daglig verksamhet',
      legalBasis: 'lov',
      paymentModel: 'daily',
      startDate: '2021-07-01',
    };
    const first = await ok(post('/schemes', body, { 'Idempotency-Key': key }));
    expect(first).toMatchObject({ schemeId: expect.any(String), replayed: false });
    expect(first.streamId).toBe(`scheme-${first.schemeId}`);
    expect((await get(`/schemes/${first.schemeId}`)).status).toBe(200);
    const second = await ok(post('/schemes', body, { 'Idempotency-Key': key }));
    expect(second).toEqual({ ...first, replayed: true });
  });

  it('refuses a malformed Idempotency-Key', async () => {
    await expectProblem(
      post(
        '/providers',
        { organisationNumber: orgNumber(), name: 'Key AB', ownership: 'private' },
        { 'Idempotency-Key': 'short' },
      ),
      400,
      'INVALID_IDEMPOTENCY_KEY',
    );
  });
});

describe('concurrency', () => {
  it('lets parallel commands on one provider either succeed or conflict, never both or 5xx', async () => {
    const schemeId = await givenScheme();
    const providerId = await givenAuthorisedProvider(schemeId);
    // A few rounds of ten: the first requests of a round may still arrive one after another.
    const replies: Reply[] = [];
    for (let round = 0; round < 3; round++) {
      replies.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            post(
              `/providers/${providerId}/warnings`,
              { schemeId, conditionId: 'general-staffing', deficiency: `Brist ${round}.${i}` },
              { 'Idempotency-Key': `parallel-warning-${providerId}-${round}-${i}` },
            ),
          ),
        )),
      );
    }
    for (const reply of replies) {
      expect([201, 409]).toContain(reply.status);
      if (reply.status === 409) {
        expect(reply.contentType).toMatch(/^application\/problem\+json/);
        expect(reply.body.code).toBe('CONCURRENCY_CONFLICT');
      }
    }
    const created = replies.filter((reply) => reply.status === 201).length;
    expect(created).toBeGreaterThanOrEqual(1);
    const stored = (await store().readStream(`provider-${providerId}`)).filter(
      (event) => event.type === 'WarningIssued',
    );
    expect(stored).toHaveLength(created);
    expect((await get(`/providers/${providerId}`)).body.warnings).toHaveLength(created);
  });
});

describe('event metadata', () => {
  it('stores actor, role, channel, correlation id and reason on the events', async () => {
    const schemeId = await givenScheme();
    const providerId = await givenAuthorisedProvider(schemeId);
    const headers = {
      'X-Actor': 'kvalitet-17',
      'X-Role': 'quality_officer',
      'X-Channel': 'web',
      'X-Correlation-Id': `corr-${providerId}`,
    };
    await ok(
      post(
        `/providers/${providerId}/warnings`,
        { schemeId, conditionId: 'general-staffing', deficiency: 'Saknade utbildningsintyg' },
        headers,
      ),
    );
    await ok(
      post(
        `/providers/${providerId}/deauthorisations`,
        deauthorisation(schemeId, { reasons: ['Upprepade brister', 'Varning utan åtgärd'] }),
        headers,
      ),
    );
    const events = await store().readStream(`provider-${providerId}`);
    const byType = (type: string) => events.find((event) => event.type === type)!;
    const expected = {
      actor: 'kvalitet-17',
      role: 'quality_officer',
      channel: 'web',
      correlationId: `corr-${providerId}`,
    };
    expect(byType('WarningIssued').metadata).toMatchObject({
      ...expected,
      reason: 'Saknade utbildningsintyg',
    });
    expect(byType('DeauthorisationDecided').metadata).toMatchObject({
      ...expected,
      reason: 'Upprepade brister; Varning utan åtgärd',
    });
    // Registered by the session's default user: who acts always comes from the token.
    expect(byType('ProviderRegistered').metadata).toMatchObject({
      actor: 'quality_officer-1',
      role: 'quality_officer',
      channel: 'api',
    });
  });
});

describe('OpenAPI document', () => {
  it('lists the command paths', async () => {
    const { status, body } = await get('/api/openapi.json');
    expect(status).toBe(200);
    const paths = body.paths as Record<string, Record<string, unknown>>;
    const commands: [string, string][] = [
      ['/conditions', 'post'],
      ['/schemes', 'post'],
      ['/schemes/{schemeId}/rates', 'post'],
      ['/schemes/{schemeId}/vat-compensation', 'put'],
      ['/schemes/{schemeId}/conditions', 'post'],
      ['/schemes/{schemeId}/non-choice-provider', 'put'],
      ['/schemes/{schemeId}/close', 'post'],
      ['/schemes/{schemeId}/choosable-providers', 'get'],
      ['/providers', 'post'],
      ['/providers/{providerId}/applications', 'post'],
      ['/providers/{providerId}/applications/{applicationId}/grant', 'post'],
      ['/providers/{providerId}/applications/{applicationId}/reject', 'post'],
      ['/providers/{providerId}/contracts', 'post'],
      ['/providers/{providerId}/capacity', 'put'],
      ['/providers/{providerId}/manager-changes', 'post'],
      ['/providers/{providerId}/manager-changes/{changeId}/approve', 'post'],
      ['/providers/{providerId}/manager-changes/{changeId}/reject', 'post'],
      ['/providers/{providerId}/complaints', 'post'],
      ['/providers/{providerId}/complaints/{complaintId}/handling', 'post'],
      ['/providers/{providerId}/deviations', 'post'],
      ['/providers/{providerId}/visits', 'post'],
      ['/providers/{providerId}/quality-reports', 'post'],
      ['/providers/{providerId}/survey-results', 'post'],
      ['/providers/{providerId}/warnings', 'post'],
      ['/providers/{providerId}/deauthorisations', 'post'],
      ['/providers/{providerId}/appeals', 'post'],
      ['/providers/{providerId}/appeals/{appealId}/outcome', 'post'],
      ['/providers/{providerId}/withdrawals', 'post'],
    ];
    for (const [path, method] of commands) {
      expect({ path, method, listed: Boolean(paths[path]?.[method]) }).toEqual({
        path,
        method,
        listed: true,
      });
    }
  });
});
