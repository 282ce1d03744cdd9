import { INestApplication } from '@nestjs/common';
import { addPeriods, periodOf } from '@kundval/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@kundval/event-store';
import { createApp } from '../../apps/api/src/create-app';
import { CITIZENS_AS_OF } from '../../apps/api/src/seed/citizen-calendar';
import { seedIfEmpty } from '../../apps/api/src/seed/seed-if-empty';
import { FixedClock } from '../../apps/api/src/shared/clock';
import { tempDirs } from '../support/temp-dirs';

// Payment runs over HTTP against the embedded store. A small world built through the API is paid
// month by month with the app's clock moved forward: preview then approve, concurrent and
// repeated approvals, one payment per citizen, provider and month, VAT compensation on a private
// provider's days only, capped home-care hours, statements in JSON and CSV, a backdated switch
// corrected in the next run, and reconciliation before and after. Every expected amount is
// computed here from first principles, never by the domain's own computation. Last, a run over
// the Nacka seed. The tests of the first part follow one timeline and run in order.

jest.setTimeout(60_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Role = 'quality_officer' | 'caseworker' | 'finance' | 'auditor';

interface Reply {
  status: number;
  contentType: string;
  text: string;
  body: Json;
}

// ---- One app per part, reached over HTTP ------------------------------------------------------

const tempDir = tempDirs('payouts');

class Api {
  private tokens = new Map<Role, string>();

  constructor(
    readonly app: INestApplication,
    private readonly url: string,
  ) {}

  static async start(clock?: FixedClock): Promise<Api> {
    const app = await createApp({ kind: 'embedded', dataDir: tempDir() }, { logger: false, clock });
    await app.listen(0, '127.0.0.1');
    return new Api(app, await app.getUrl());
  }

  get store(): EventStore {
    return this.app.get<EventStore>(EVENT_STORE);
  }

  /** Sends a request signed in as `role`. */
  async send(method: string, path: string, role: Role, body?: unknown): Promise<Reply> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await this.tokenFor(role)}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      contentType,
      text,
      body: text && /json/.test(contentType) ? (JSON.parse(text) as Json) : {},
    };
  }

  /** A token from the development sign-in, one per role. */
  private async tokenFor(role: Role): Promise<string> {
    if (!this.tokens.has(role)) {
      const response = await fetch(`${this.url}/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role, subject: `${role}-1` }),
      });
      if (response.status !== 201) throw new Error(`No ${role} token: ${await response.text()}`);
      this.tokens.set(role, ((await response.json()) as Json).token as string);
    }
    return this.tokens.get(role) as string;
  }
}

/** A request that must answer `status`; returns its body. */
async function ok(reply: Promise<Reply>, status = 201): Promise<Json> {
  const { status: actual, text, body } = await reply;
  if (actual !== status) throw new Error(`Expected ${status}, got ${actual}: ${text}`);
  return body;
}

// ---- Money by hand --------------------------------------------------------------------------

/** The documented rounding: an exact fraction of whole öre rounded once, half up. */
function halfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

interface Amounts {
  voucherOre: number;
  vatCompensationOre: number;
  supplementOre: number;
  totalOre: number;
}

const VAT_PERCENT = 6;

/**
 * A monthly voucher line from first principles: rate × days / days in month; VAT compensation
 * 6 % of the same exact fraction for a non-municipal provider; a supplement per month × its days
 * / days in month; each rounded once, half up; the total is the sum of the rounded parts.
 */
function monthlyLine(
  rateOre: number,
  days: number,
  daysInMonth: number,
  { municipal = false, supplementOrePerMonth = 0, supplementDays = 0 } = {},
): Amounts {
  const voucherOre = halfUp(rateOre * days, daysInMonth);
  const vatCompensationOre = municipal
    ? 0
    : halfUp(rateOre * days * VAT_PERCENT, daysInMonth * 100);
  const supplementOre = halfUp(supplementOrePerMonth * supplementDays, daysInMonth);
  return {
    voucherOre,
    vatCompensationOre,
    supplementOre,
    totalOre: voucherOre + vatCompensationOre + supplementOre,
  };
}

/** An hourly line: paid hundredths of an hour × the hourly rate / 100, VAT as above. */
function hourlyLine(rateOre: number, paidHundredths: number): Amounts {
  const voucherOre = halfUp(rateOre * paidHundredths, 100);
  const vatCompensationOre = halfUp(rateOre * paidHundredths * VAT_PERCENT, 100 * 100);
  return {
    voucherOre,
    vatCompensationOre,
    supplementOre: 0,
    totalOre: voucherOre + vatCompensationOre,
  };
}

/** Orders by code unit, as the ledger sorts ids. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const totalOf = (amounts: readonly Amounts[]) => amounts.reduce((sum, a) => sum + a.totalOre, 0);

/** A CSV amount (`-5365,43` or `-5365.43`) in öre. */
function oreOf(cell: string, decimal: ',' | '.'): number {
  const match = new RegExp(`^(-?)(\\d+)\\${decimal}(\\d{2})$`).exec(cell);
  if (!match) throw new Error(`Not an amount with decimal "${decimal}": ${cell}`);
  return (match[1] ? -1 : 1) * (Number(match[2]) * 100 + Number(match[3]));
}

// ---- Identity and organisation numbers -------------------------------------------------------

function luhnCheckDigit(digits: string): number {
  const sum = [...digits].reduce((total, digit, i) => {
    const product = Number(digit) * (i % 2 === 0 ? 2 : 1);
    return total + (product > 9 ? product - 9 : product);
  }, 0);
  return (10 - (sum % 10)) % 10;
}

let sequence = 0;

function orgNumber(): string {
  const nine = `55${String(300_000 + ++sequence).padStart(7, '0')}`;
  const digits = `${nine}${luhnCheckDigit(nine)}`;
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/** A valid personnummer for a child born in 2015, `YYYYMMDD-NNNC`. */
function personalNumber(): string {
  const serial = String(200 + ++sequence);
  const nine = `150310${serial}`;
  return `20150310-${serial}${luhnCheckDigit(nine)}`;
}

// =================================================================================================

describe('payment runs over a hand-built world', () => {
  // School vouchers (grundskola, monthly) and home care (hemtjänst, hourly), both paid from
  // January 2025. Set up on 20 December 2024; the clock then moves forward month by month.
  const clock = new FixedClock(new Date('2024-12-20T11:00:00Z'));
  const on = (date: string) => clock.set(new Date(`${date}T11:00:00Z`));
  let api: Api;

  const SCHOOL = 'grundskola-pay';
  const HOME_CARE = 'hemtjanst-pay';
  const SCHOOL_RATE = 1_012_345; // 10 123,45 kr a month
  const HOUR_RATE = 45_000; // 450 kr an hour
  const SUPPLEMENT = 300_000; // 3 000 kr a month, from 10 January

  const providers = { municipal: '', private: '', nonProfit: '', careP: '', careN: '' };
  type Entitled = { citizenId: string; entitlementId: string };
  // A: private school all along, with a supplement. B: municipal, switching to the private
  // school on 13 January. C: non-profit school. D: private school, switched to the municipal one
  // from 15 February by a caseworker in March. E: non-profit school from 20 January.
  // H1, H2: home care, 20 and 30 hours a month granted.
  const c = {} as Record<'A' | 'B' | 'C' | 'D' | 'E' | 'H1' | 'H2', Entitled>;

  const send = (method: string, path: string, role: Role, body?: unknown) =>
    api.send(method, path, role, body);
  const head = () => api.store.headPosition();
  const runStream = (schemeId: string, period: string) =>
    api.store.readStream(`payment-run-${schemeId}/${period}`);
  const approve = (period: string, schemeId?: string) =>
    send('POST', '/payment-runs', 'finance', { period, ...(schemeId ? { schemeId } : {}) });
  const reconciliation = async (schemeId: string, period?: string) => {
    const path = `/reconciliation?schemeId=${schemeId}${period ? `&period=${period}` : ''}`;
    return (await ok(send('GET', path, 'finance'), 200)).schemes[0];
  };

  async function givenScheme(schemeId: string, hourly: boolean) {
    const quality = (path: string, body: Json) => ok(send('POST', path, 'quality_officer', body));
    await quality('/schemes', {
      schemeId,
      name: hourly ? 'Hemtjänst' : 'Grundskola',
      legalBasis: hourly ? 'lov' : 'school_act',
      paymentModel: hourly ? 'hourly' : 'monthly',
      startDate: '2020-01-01',
    });
    await quality(`/schemes/${schemeId}/conditions`, {
      conditionId: `${schemeId}-keys`,
      title: 'Key handling',
      text: 'Rutiner för nyckelhantering ska finnas.',
      controlPoints: ['at_authorisation', 'follow_up'],
      consequence: 'warning_or_deauthorisation',
    });
    await quality(`/schemes/${schemeId}/rates`, {
      level: hourly ? 'care-1' : 'grade-1',
      amountOre: hourly ? HOUR_RATE : SCHOOL_RATE,
      effectiveDate: '2025-01-01',
    });
  }

  async function givenProvider(
    schemeId: string,
    name: string,
    ownership: 'municipal' | 'private' | 'non_profit',
  ): Promise<string> {
    const quality = (path: string, body: Json) => ok(send('POST', path, 'quality_officer', body));
    const { providerId } = await quality('/providers', {
      organisationNumber: orgNumber(),
      name,
      ownership,
    });
    const { applicationId } = await quality(`/providers/${providerId}/applications`, {
      schemeId,
      evidence: [
        { conditionId: 'general-staffing', description: 'Utbildningsbevis bifogade' },
        { conditionId: `${schemeId}-keys`, description: 'Nyckelrutin' },
      ],
    });
    await quality(`/providers/${providerId}/applications/${applicationId}/grant`, { schemeId });
    if (schemeId === HOME_CARE) await quality(`/providers/${providerId}/contracts`, { schemeId });
    return providerId as string;
  }

  async function givenPlacedCitizen(
    schemeId: string,
    providerId: string,
    from = '2025-01-01',
    grantedHoursPerMonth?: number,
  ): Promise<Entitled> {
    const caseworker = (path: string, body: Json) => ok(send('POST', path, 'caseworker', body));
    const { citizenId } = await caseworker('/citizens', { personalNumber: personalNumber() });
    const { entitlementId } = await caseworker(`/citizens/${citizenId}/entitlements`, {
      schemeId,
      decisionRef: `BUN 2024/${++sequence}`,
      level: grantedHoursPerMonth ? 'care-1' : 'grade-1',
      ...(grantedHoursPerMonth ? { grantedHoursPerMonth } : {}),
      validFrom: from,
    });
    const entitled = { citizenId, entitlementId } as Entitled;
    await choose(entitled, providerId, from);
    return entitled;
  }

  /** A choice or switch registered by a caseworker; a reason when it is backdated. */
  function choose(who: Entitled, providerId: string, effectiveDate: string, reason?: string) {
    return ok(
      send(
        'POST',
        `/citizens/${who.citizenId}/entitlements/${who.entitlementId}/choices`,
        'caseworker',
        {
          providerId,
          effectiveDate,
          madeBy: 'caseworker',
          channel: 'caseworker',
          ...(reason ? { reason } : {}),
        },
      ),
    );
  }

  /** Lines as `[citizen, provider, amounts]`, sorted, from a preview or a run. */
  const linesOf = (items: Json[]) =>
    items
      .map((l) => [l.citizenId, l.providerId, l.amounts] as [string, string, Amounts])
      .sort((a, b) => byText(`${a[0]}/${a[1]}`, `${b[0]}/${b[1]}`));
  const byHand = (rows: [Entitled, string, Amounts][]) =>
    linesOf(
      rows.map(([who, providerId, amounts]) => ({ citizenId: who.citizenId, providerId, amounts })),
    );

  // What each month owes by hand. January has 31 days, February 28, March 31.
  const january = () => {
    const P = providers.private;
    const N = providers.nonProfit;
    const M = providers.municipal;
    return byHand([
      // The supplement runs from 10 January: 22 of 31 days.
      [
        c.A,
        P,
        monthlyLine(SCHOOL_RATE, 31, 31, { supplementOrePerMonth: SUPPLEMENT, supplementDays: 22 }),
      ],
      [c.B, M, monthlyLine(SCHOOL_RATE, 12, 31, { municipal: true })],
      [c.B, P, monthlyLine(SCHOOL_RATE, 19, 31)],
      [c.C, N, monthlyLine(SCHOOL_RATE, 31, 31)],
      [c.D, P, monthlyLine(SCHOOL_RATE, 31, 31)],
      [c.E, N, monthlyLine(SCHOOL_RATE, 12, 31)],
    ]);
  };
  const february = () => {
    const [P, N] = [providers.private, providers.nonProfit];
    return byHand([
      [
        c.A,
        P,
        monthlyLine(SCHOOL_RATE, 28, 28, { supplementOrePerMonth: SUPPLEMENT, supplementDays: 28 }),
      ],
      [c.B, P, monthlyLine(SCHOOL_RATE, 28, 28)],
      [c.C, N, monthlyLine(SCHOOL_RATE, 28, 28)],
      [c.D, P, monthlyLine(SCHOOL_RATE, 28, 28)],
      [c.E, N, monthlyLine(SCHOOL_RATE, 28, 28)],
    ]);
  };
  const march = () => {
    const [P, N, M] = [providers.private, providers.nonProfit, providers.municipal];
    return byHand([
      [
        c.A,
        P,
        monthlyLine(SCHOOL_RATE, 31, 31, { supplementOrePerMonth: SUPPLEMENT, supplementDays: 31 }),
      ],
      [c.B, P, monthlyLine(SCHOOL_RATE, 31, 31)],
      [c.C, N, monthlyLine(SCHOOL_RATE, 31, 31)],
      [c.D, M, monthlyLine(SCHOOL_RATE, 31, 31, { municipal: true })],
      [c.E, N, monthlyLine(SCHOOL_RATE, 31, 31)],
    ]);
  };
  const sumOf = (lines: [string, string, Amounts][]) => totalOf(lines.map((l) => l[2]));

  beforeAll(async () => {
    api = await Api.start(clock);
    await ok(
      send('POST', '/conditions', 'quality_officer', {
        conditionId: 'general-staffing',
        title: 'Staff competence',
        text: 'Personalen ska ha adekvat utbildning.',
        controlPoints: ['at_authorisation', 'follow_up'],
        consequence: 'warning_or_deauthorisation',
      }),
    );
    await givenScheme(SCHOOL, false);
    await ok(
      send('PUT', `/schemes/${SCHOOL}/payment-rule`, 'finance', {
        proration: 'per_day',
        correctionWindowMonths: 3,
        effectiveFrom: '2025-01',
      }),
    );
    providers.municipal = await givenProvider(SCHOOL, 'Kommunala skolan', 'municipal');
    providers.private = await givenProvider(SCHOOL, 'Friskolan Ekbacken AB', 'private');
    providers.nonProfit = await givenProvider(SCHOOL, 'Montessoriföreningen', 'non_profit');
    await givenScheme(HOME_CARE, true);
    providers.careP = await givenProvider(HOME_CARE, 'Annas Omsorg AB', 'private');
    providers.careN = await givenProvider(HOME_CARE, 'Stiftelsen Hemtjänst', 'non_profit');

    c.A = await givenPlacedCitizen(SCHOOL, providers.private);
    await ok(
      send(
        'POST',
        `/citizens/${c.A.citizenId}/entitlements/${c.A.entitlementId}/supplements`,
        'caseworker',
        {
          amountOrePerMonth: SUPPLEMENT,
          from: '2025-01-10',
          decisionRef: 'TB 2024/17',
        },
      ),
    );
    c.B = await givenPlacedCitizen(SCHOOL, providers.municipal);
    await choose(c.B, providers.private, '2025-01-13');
    c.C = await givenPlacedCitizen(SCHOOL, providers.nonProfit);
    c.D = await givenPlacedCitizen(SCHOOL, providers.private);
    c.E = await givenPlacedCitizen(SCHOOL, providers.nonProfit, '2025-01-20');
    c.H1 = await givenPlacedCitizen(HOME_CARE, providers.careP, '2025-01-01', 20);
    c.H2 = await givenPlacedCitizen(HOME_CARE, providers.careN, '2025-01-01', 30);
  });
  afterAll(async () => api.app.close());

  it('refuses to approve a month before it has ended, appending nothing', async () => {
    on('2025-01-31');
    const before = await head();
    const { status, body } = await approve('2025-01', SCHOOL);
    expect({ status, code: body.code }).toEqual({ status: 409, code: 'PERIOD_NOT_ENDED' });
    expect(await head()).toBe(before);
  });

  it('previews January without appending anything; the total equals a recomputation by hand', async () => {
    on('2025-02-03');
    const before = await head();
    const preview = await ok(
      send('GET', `/payment-runs/preview?schemeId=${SCHOOL}&period=2025-01`, 'finance'),
      200,
    );
    expect(await head()).toBe(before);
    // By hand: A 1 012 345 + VAT 60 741 + supplement 300 000 × 22 / 31 = 212 903 → 1 285 989;
    // B 391 875 (municipal) + 657 698 (private, below); C and D 1 073 086 each; E at the
    // non-profit school 12 of 31 days: 391 875 + VAT 23 513 = 415 388. Together 4 897 122.
    expect(sumOf(january())).toBe(4_897_122);
    expect(linesOf(preview.lines)).toEqual(january());
    expect(preview).toMatchObject({
      schemeId: SCHOOL,
      period: '2025-01',
      corrections: [],
      linesTotalOre: sumOf(january()),
      correctionsTotalOre: 0,
      totalOre: sumOf(january()),
    });
    // Nothing was approved by looking.
    expect(await ok(send('GET', `/payment-runs?schemeId=${SCHOOL}`, 'finance'), 200)).toEqual([]);
  });

  it('approves January once when five approvals race: one created, the same run for all', async () => {
    const replies = await Promise.all(Array.from({ length: 5 }, () => approve('2025-01', SCHOOL)));
    const runs = replies.map((reply) => reply.body.runs[0] as Json);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(runs.filter((run) => run.created)).toHaveLength(1);
    expect(new Set(runs.map((run) => run.runId)).size).toBe(1);
    expect(runs.map((run) => run.totalOre)).toEqual(Array(5).fill(sumOf(january())));
    expect(replies.map((r) => r.body.totalOre)).toEqual(Array(5).fill(sumOf(january())));

    const approvals = (await api.store.readAll({ filter: { eventTypes: ['PaymentRunApproved'] } }))
      .map((event) => event.data as Json)
      .filter((data) => data.schemeId === SCHOOL && data.period === '2025-01');
    expect(approvals).toHaveLength(1);
    expect(approvals[0]).toMatchObject({
      runId: runs[0].runId,
      totalOre: sumOf(january()),
      lineCount: 6,
      correctionCount: 0,
      approvedOn: '2025-02-03',
    });
  });

  it('appends nothing when January is approved again and reports the existing run', async () => {
    const before = await head();
    const stream = await runStream(SCHOOL, '2025-01');
    const again = await ok(approve('2025-01', SCHOOL), 200);
    expect(again.runs).toEqual([
      expect.objectContaining({
        created: false,
        runId: (stream[0].data as Json).runId,
        totalOre: sumOf(january()),
        approvedOn: '2025-02-03',
      }),
    ]);
    expect(await head()).toBe(before);
    expect(await runStream(SCHOOL, '2025-01')).toEqual(stream);
    expect(await ok(send('GET', `/payment-runs?schemeId=${SCHOOL}`, 'finance'), 200)).toEqual([
      expect.objectContaining({ period: '2025-01', totalOre: sumOf(january()), lineCount: 6 }),
    ]);
  });

  it('records one payment per citizen, scheme, month and provider with provider, amount and basis', async () => {
    const events = await runStream(SCHOOL, '2025-01');
    expect(events.map((e) => e.type)).toEqual([
      'PaymentRunApproved',
      ...Array(6).fill('VoucherPaymentRecorded'),
    ]);
    const payments = events.slice(1).map((e) => e.data as Json);
    expect(linesOf(payments)).toEqual(january());
    const keys = payments.map((p) => `${p.citizenId}/${p.schemeId}/${p.period}/${p.providerId}`);
    expect(new Set(keys).size).toBe(payments.length);
    for (const payment of payments) {
      expect(payment).toMatchObject({
        paymentId: `payment/${SCHOOL}/2025-01/${payment.entitlementId}/${payment.providerId}`,
        schemeId: SCHOOL,
        period: '2025-01',
        model: 'monthly',
        basis: { proration: 'per_day', daysInMonth: 31, paidDays: expect.any(Number) },
      });
    }
    // The run as finance reads it is the same.
    const run = await ok(send('GET', `/payment-runs/${SCHOOL}/2025-01`, 'finance'), 200);
    expect(linesOf(run.payments)).toEqual(january());
  });

  it('pays a mid-month switch from a municipal to a private school by days, VAT only on the private days', async () => {
    // B moves from the municipal school to the private one on Monday 13 January 2025:
    // municipal 1–12 January (12 of 31 days), private 13–31 (19 days).
    // Municipal: 1 012 345 × 12 / 31 = 12 148 140 / 31 = 391 875.48… → 391 875; no VAT.
    // Private:   1 012 345 × 19 / 31 = 19 234 555 / 31 = 620 469.52… → 620 470;
    //            VAT 19 234 555 × 6 % / 31 = 37 228.17… → 37 228; total 657 698.
    const run = await ok(send('GET', `/payment-runs/${SCHOOL}/2025-01`, 'finance'), 200);
    const ofB = (run.payments as Json[]).filter((p) => p.citizenId === c.B.citizenId);
    expect(ofB.map((p) => [p.providerId, p.amounts])).toEqual([
      [
        providers.municipal,
        { voucherOre: 391_875, vatCompensationOre: 0, supplementOre: 0, totalOre: 391_875 },
      ],
      [
        providers.private,
        { voucherOre: 620_470, vatCompensationOre: 37_228, supplementOre: 0, totalOre: 657_698 },
      ],
    ]);
    expect(ofB.map((p) => [p.basis.paidDays, p.basis.vatBasisPoints, p.basis.segments])).toEqual([
      [12, 0, [expect.objectContaining({ from: '2025-01-01', to: '2025-01-12', days: 12 })]],
      [19, 600, [expect.objectContaining({ from: '2025-01-13', to: '2025-01-31', days: 19 })]],
    ]);
    // The helper agrees with the hand computation.
    expect(monthlyLine(SCHOOL_RATE, 19, 31).totalOre).toBe(657_698);
  });

  it('pays home care up to the granted hours and flags the hours reported beyond them', async () => {
    const hours = (who: Entitled, providerId: string, hundredthsOfHours: number) =>
      ok(
        send(
          'POST',
          `/citizens/${who.citizenId}/entitlements/${who.entitlementId}/performed-hours`,
          'caseworker',
          {
            period: '2025-01',
            providerId,
            hundredthsOfHours,
          },
        ),
      );
    await hours(c.H1, providers.careP, 2_350); // 23.50 h of 20 granted
    await hours(c.H2, providers.careN, 1_250); // 12.50 h of 30 granted

    const approved = await ok(approve('2025-01', HOME_CARE));
    // H1: 20 h paid: 2 000 × 45 000 / 100 = 900 000; VAT 54 000; 3.50 h flagged, not paid.
    // H2: 12.50 h paid: 1 250 × 45 000 / 100 = 562 500; VAT 33 750.
    expect(hourlyLine(HOUR_RATE, 2_000).totalOre).toBe(954_000);
    expect(hourlyLine(HOUR_RATE, 1_250).totalOre).toBe(596_250);
    expect(approved.runs[0]).toMatchObject({ created: true, totalOre: 954_000 + 596_250 });
    const run = await ok(send('GET', `/payment-runs/${HOME_CARE}/2025-01`, 'finance'), 200);
    const payment = (who: Entitled) =>
      (run.payments as Json[]).find((p) => p.citizenId === who.citizenId) as Json;
    expect(payment(c.H1)).toMatchObject({
      providerId: providers.careP,
      model: 'hourly',
      amounts: hourlyLine(HOUR_RATE, 2_000),
      flags: ['excess_hours'],
      basis: { hours: { reported: 2_350, granted: 2_000, paid: 2_000, excess: 350 } },
    });
    expect(payment(c.H2)).toMatchObject({
      providerId: providers.careN,
      amounts: hourlyLine(HOUR_RATE, 1_250),
      flags: [],
      basis: { hours: { reported: 1_250, granted: 3_000, paid: 1_250, excess: 0 } },
    });
  });

  it("gives a provider's statement whose totals are the sum of its lines, in JSON and in CSV", async () => {
    const path = `/statements/${providers.private}/2025-01`;
    const statement = await ok(send('GET', path, 'finance'), 200);
    const lines = statement.lines as Json[];
    const P = providers.private;
    expect(lines.map((l) => [l.citizenId, l.amounts.totalOre]).sort()).toEqual(
      january()
        .filter(([, providerId]) => providerId === P)
        .map(([citizenId, , amounts]) => [citizenId, amounts.totalOre])
        .sort(),
    );
    for (const key of ['voucherOre', 'vatCompensationOre', 'supplementOre', 'totalOre']) {
      expect(statement.totals[key]).toBe(lines.reduce((sum, l) => sum + l.amounts[key], 0));
    }
    expect(statement.totals).toMatchObject({ payments: 3, corrections: 0 });

    for (const [numbers, separator, decimal] of [
      ['sv', ';', ','],
      ['en', ',', '.'],
    ] as const) {
      const csv = await send('GET', `${path}?format=csv&numbers=${numbers}`, 'finance');
      expect(csv.status).toBe(200);
      expect(csv.contentType).toMatch(/^text\/csv/);
      const rows = csv.text
        .trimEnd()
        .split('\r\n')
        .map((row) => row.split(separator));
      const [header, ...rest] = rows;
      const total = rest.pop() as string[];
      const column = (name: string) => header.indexOf(name);
      expect(rest).toHaveLength(3);
      expect(total[0]).toBe('total');
      for (const [name, key] of [
        ['voucher', 'voucherOre'],
        ['vat_compensation', 'vatCompensationOre'],
        ['supplement', 'supplementOre'],
        ['total', 'totalOre'],
      ]) {
        expect(oreOf(total[column(name)], decimal)).toBe(statement.totals[key]);
        const sum = rest.reduce((s, row) => s + oreOf(row[column(name)], decimal), 0);
        expect(sum).toBe(statement.totals[key]);
      }
    }

    // Each read of the statement, JSON and both CSVs, is access-logged for each of its citizens.
    for (const line of lines) {
      const log = await ok(send('GET', `/access-log?citizenId=${line.citizenId}`, 'auditor'), 200);
      const reads = (log.items as Json[]).filter((i) => i.what === 'statement' && i.path === path);
      expect(reads).toHaveLength(3);
    }
  });

  it('approves February for every scheme at once; reconciliation balances', async () => {
    on('2025-03-03');
    const approved = await ok(approve('2025-02'));
    expect(approved.runs.map((r: Json) => [r.schemeId, r.created, r.totalOre]).sort()).toEqual(
      [
        [HOME_CARE, true, 0], // no hours reported for February
        [SCHOOL, true, sumOf(february())],
      ].sort(),
    );
    const run = await ok(send('GET', `/payment-runs/${SCHOOL}/2025-02`, 'finance'), 200);
    expect(linesOf(run.payments)).toEqual(february());
    // A page at a time, as a national run must be read; or one provider's part.
    const total = run.payments.length;
    expect(run.page).toEqual({ offset: 0, limit: 5_000, total });
    const paged = [];
    for (let offset = 0; offset < total; offset += 2) {
      const path = `/payment-runs/${SCHOOL}/2025-02?offset=${offset}&limit=2`;
      const page = await ok(send('GET', path, 'finance'), 200);
      expect(page.page).toEqual({ offset, limit: 2, total });
      expect(page.lineCount).toBe(total);
      paged.push(...page.payments);
    }
    expect(paged).toEqual(run.payments);
    const path = `/payment-runs/${SCHOOL}/2025-02?providerId=${providers.private}`;
    expect((await ok(send('GET', path, 'finance'), 200)).payments).toEqual(
      run.payments.filter((p: Json) => p.providerId === providers.private),
    );
    for (const bad of ['limit=5001', 'offset=-1', 'limit=x'])
      expect((await send('GET', `/payment-runs/${SCHOOL}/2025-02?${bad}`, 'finance')).status).toBe(
        400,
      );
    // Approving January again for every scheme appends nothing.
    const before = await head();
    const again = await ok(approve('2025-01'), 200);
    expect(again.runs.map((r: Json) => r.created)).toEqual([false, false]);
    expect(await head()).toBe(before);

    const school = await reconciliation(SCHOOL);
    expect(school.balanced).toBe(true);
    expect(school.totals).toEqual({
      paidOre: sumOf(january()) + sumOf(february()),
      recomputedOre: sumOf(january()) + sumOf(february()),
      differenceOre: 0,
    });
  });

  // D's February as paid, and as owed once the backdated switch moves 15–28 February to the
  // municipal school (14 and 14 of 28 days):
  //   paid to the private school: 1 012 345 + VAT 60 740.70 → 60 741 = 1 073 086;
  //   owed to it now: 1 012 345 × 14 / 28 = 506 172.5 → 506 173 (half up);
  //                   VAT 506 172.5 × 6 % = 30 370.35 → 30 370; total 536 543;
  //   owed to the municipal school: 506 173, no VAT, never paid.
  const PAID_FEBRUARY_D = 1_073_086;
  const OWED_PRIVATE_D = 536_543;
  const OWED_MUNICIPAL_D = 506_173;
  let februaryRun: RecordedEvent[];

  it('shows a backdated switch into a paid month as unbalanced, to the öre, per provider and citizen', async () => {
    februaryRun = await runStream(SCHOOL, '2025-02');
    on('2025-03-20');
    await choose(c.D, providers.municipal, '2025-02-15', 'Beslut om skolbyte inkom sent');
    expect(monthlyLine(SCHOOL_RATE, 28, 28).totalOre).toBe(PAID_FEBRUARY_D);
    expect(monthlyLine(SCHOOL_RATE, 14, 28).totalOre).toBe(OWED_PRIVATE_D);
    expect(monthlyLine(SCHOOL_RATE, 14, 28, { municipal: true }).totalOre).toBe(OWED_MUNICIPAL_D);

    const school = await reconciliation(SCHOOL);
    expect(school.balanced).toBe(false);
    expect(school.unsettledCount).toBe(2);
    expect(school.unsettled).toEqual(
      [
        {
          schemeId: SCHOOL,
          period: '2025-02',
          providerId: providers.municipal,
          citizenId: c.D.citizenId,
          entitlementId: c.D.entitlementId,
          paidOre: 0,
          recomputedOre: OWED_MUNICIPAL_D,
          differenceOre: OWED_MUNICIPAL_D,
        },
        {
          schemeId: SCHOOL,
          period: '2025-02',
          providerId: providers.private,
          citizenId: c.D.citizenId,
          entitlementId: c.D.entitlementId,
          paidOre: PAID_FEBRUARY_D,
          recomputedOre: OWED_PRIVATE_D,
          differenceOre: OWED_PRIVATE_D - PAID_FEBRUARY_D,
        },
      ].sort((a, b) => byText(a.providerId, b.providerId)),
    );
    const byProvider = Object.fromEntries(
      (school.byProvider as Json[]).map((p) => [p.providerId, p.differenceOre]),
    );
    expect(byProvider).toEqual({
      [providers.municipal]: OWED_MUNICIPAL_D,
      [providers.private]: OWED_PRIVATE_D - PAID_FEBRUARY_D,
      [providers.nonProfit]: 0,
    });
    expect(school.totals.differenceOre).toBe(OWED_MUNICIPAL_D + OWED_PRIVATE_D - PAID_FEBRUARY_D);
    expect(school.byPeriod.map((p: Json) => [p.period, p.differenceOre, p.unsettledCount])).toEqual(
      [
        ['2025-01', 0, 0],
        ['2025-02', OWED_MUNICIPAL_D + OWED_PRIVATE_D - PAID_FEBRUARY_D, 2],
      ],
    );
    expect((await ok(send('GET', '/reconciliation', 'finance'), 200)).balanced).toBe(false);

    // One month at a time: January still balances, February has the two rows.
    expect(await reconciliation(SCHOOL, '2025-01')).toMatchObject({
      balanced: true,
      unsettledCount: 0,
    });
    const february = await reconciliation(SCHOOL, '2025-02');
    expect(february.byPeriod).toEqual([school.byPeriod[1]]);
    expect(february.unsettled).toEqual(school.unsettled);
    const invalid = await send('GET', '/reconciliation?period=2025-2', 'finance');
    expect(invalid.status).toBe(400);
    // A month no run has closed is not reported balanced (over nothing): there is no run.
    for (const path of [
      `/reconciliation?schemeId=${SCHOOL}&period=2024-12`,
      '/reconciliation?period=2025-06',
    ]) {
      const unpaid = await send('GET', path, 'finance');
      expect({ status: unpaid.status, code: unpaid.body.code }).toEqual({
        status: 404,
        code: 'PAYMENT_RUN_NOT_FOUND',
      });
    }
  });

  it('settles it in the March run as corrections referencing the original payment; February is untouched', async () => {
    on('2025-04-02');
    // February settled for D: the municipal school is owed its 14 days, never paid (nothing to
    // reference); the private school gives back what it was paid beyond its 14 days:
    // 506 173 − 1 012 345 = −506 172; VAT 30 370 − 60 741 = −30 371; total −536 543.
    const toMunicipal = () => ({
      correctsPeriod: '2025-02',
      citizenId: c.D.citizenId,
      providerId: providers.municipal,
      correctsPaymentId: null,
      difference: monthlyLine(SCHOOL_RATE, 14, 28, { municipal: true }),
    });
    const fromPrivate = () => ({
      correctsPeriod: '2025-02',
      citizenId: c.D.citizenId,
      providerId: providers.private,
      correctsPaymentId: `payment/${SCHOOL}/2025-02/${c.D.entitlementId}/${providers.private}`,
      difference: {
        voucherOre: -506_172,
        vatCompensationOre: -30_371,
        supplementOre: 0,
        totalOre: -536_543,
      },
    });
    const corrections = () =>
      [toMunicipal(), fromPrivate()].sort((a, b) => byText(a.providerId, b.providerId));
    const correctionsTotal = OWED_MUNICIPAL_D + OWED_PRIVATE_D - PAID_FEBRUARY_D;

    const preview = await ok(
      send('GET', `/payment-runs/preview?schemeId=${SCHOOL}&period=2025-03`, 'finance'),
      200,
    );
    expect(linesOf(preview.lines)).toEqual(march());
    expect(preview.corrections).toEqual(corrections().map((x) => expect.objectContaining(x)));

    const approved = await ok(approve('2025-03', SCHOOL));
    expect(approved.runs[0]).toMatchObject({
      created: true,
      linesTotalOre: sumOf(march()),
      correctionsTotalOre: correctionsTotal,
      totalOre: sumOf(march()) + correctionsTotal,
      correctionCount: 2,
    });
    const events = await runStream(SCHOOL, '2025-03');
    const corrected = events
      .filter((e) => e.type === 'VoucherPaymentCorrected')
      .map((e) => e.data as Json);
    expect(corrected).toEqual(
      corrections().map((x) =>
        expect.objectContaining({
          ...x,
          paymentId: `correction/${SCHOOL}/2025-03/2025-02/${c.D.entitlementId}/${x.providerId}`,
          differenceOre: x.difference.totalOre,
        }),
      ),
    );
    // The closed month keeps its events exactly as they were appended.
    expect(await runStream(SCHOOL, '2025-02')).toEqual(februaryRun);
    // Corrections follow the payments in a run's pages.
    const afterPayments = `/payment-runs/${SCHOOL}/2025-03?offset=${march().length}`;
    const last = await ok(send('GET', afterPayments, 'finance'), 200);
    expect(last.payments).toEqual([]);
    expect(last.corrections.map((x: Json) => x.paymentId)).toEqual(
      corrected.map((x) => x.paymentId),
    );

    const school = await reconciliation(SCHOOL);
    expect(school.balanced).toBe(true);
    expect(school.unsettled).toEqual([]);
    expect(school.byProvider.map((p: Json) => p.differenceOre)).toEqual([0, 0, 0]);
    expect((await ok(send('GET', '/reconciliation', 'finance'), 200)).balanced).toBe(true);

    // The private school's March statement shows the correction, negative, in both CSV formats.
    const path = `/statements/${providers.private}/2025-03`;
    const statement = await ok(send('GET', path, 'finance'), 200);
    expect(statement.totals).toMatchObject({ payments: 2, corrections: 1 });
    expect(statement.lines).toContainEqual(
      expect.objectContaining({
        kind: 'correction',
        forPeriod: '2025-02',
        amounts: fromPrivate().difference,
      }),
    );
    const sv = await send('GET', `${path}?format=csv&numbers=sv`, 'finance');
    expect(sv.text).toContain(';-5061,72;-303,71;0,00;-5365,43\r\n');
    const en = await send('GET', `${path}?format=csv&numbers=en`, 'finance');
    expect(en.text).toContain(',-5061.72,-303.71,0.00,-5365.43\r\n');
  });
});

// =================================================================================================

describe('a payment run over the Nacka seed', () => {
  // The seed's citizens have a year of history up to the day before CITIZENS_AS_OF (1 October
  // 2014); the real clock is long past it, so the month before can be paid.
  const PERIOD = addPeriods(periodOf(CITIZENS_AS_OF), -1);
  let api: Api;

  beforeAll(async () => {
    api = await Api.start();
    await seedIfEmpty(api.app);
  });
  afterAll(async () => api.app.close());

  it('totals the sum of every provider statement, and a second run appends nothing', async () => {
    const first = await api.send('POST', '/payment-runs', 'finance', { period: PERIOD });
    expect(first.status).toBe(201);
    const runs = first.body.runs as Json[];
    expect(runs.every((run) => run.created)).toBe(true);
    // The seed has citizens placed that month.
    expect(runs.reduce((sum, run) => sum + run.lineCount, 0)).toBeGreaterThan(0);
    expect(first.body.totalOre).toBe(runs.reduce((sum, run) => sum + run.totalOre, 0));

    // No citizen is paid twice for a scheme, month and provider.
    const payments = (
      await api.store.readAll({ filter: { eventTypes: ['VoucherPaymentRecorded'] } })
    )
      .map((event) => event.data as Json)
      .filter((payment) => payment.period === PERIOD);
    expect(payments).toHaveLength(runs.reduce((sum, run) => sum + run.lineCount, 0));
    const keys = payments.map((p) => `${p.schemeId}/${p.entitlementId}/${p.providerId}`);
    expect(new Set(keys).size).toBe(keys.length);

    // Every provider's statement (most have none this month); together they add up to the run.
    const providers = await api.send('GET', '/providers', 'finance');
    const providerIds = (providers.body as Json[]).map((p) => p.providerId as string);
    expect(providerIds).toEqual(
      expect.arrayContaining([...new Set(keys.map((k) => k.split('/')[2]))]),
    );
    let statementsTotal = 0;
    for (const providerId of providerIds) {
      const statement = await api.send('GET', `/statements/${providerId}/${PERIOD}`, 'finance');
      expect(statement.status).toBe(200);
      statementsTotal += statement.body.totals.totalOre;
    }
    expect(statementsTotal).toBe(first.body.totalOre);

    const before = await api.store.headPosition();
    const second = await api.send('POST', '/payment-runs', 'finance', { period: PERIOD });
    expect(second.status).toBe(200);
    expect(second.body.runs.map((run: Json) => [run.runId, run.created, run.totalOre])).toEqual(
      runs.map((run) => [run.runId, false, run.totalOre]),
    );
    expect(await api.store.headPosition()).toBe(before);
  });
});
