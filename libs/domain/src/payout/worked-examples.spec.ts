// The worked examples of the payout issue, with amounts computed by hand. Rounding: every amount
// is an exact fraction rounded once, half up, to whole öre (see computeVoucherLines).
import { EntitlementEvent } from '../citizen/entitlement.events';
import { ProviderEvent } from '../provider/provider.events';
import { computeVoucherLines } from './compute-voucher-lines';
import { paidItemsOf } from './payment-run.queries';
import { reconcilePaymentRuns } from './preview-payment-run';
import {
  entitlementOf,
  grantedIn,
  periodInput,
  placed,
  providerOf,
  providersById,
  runPayment,
  schemeWith,
} from './payout.test-kit';

describe('worked example 1: a mid-month switch from a municipal to a private school', () => {
  // Grundskola, 10 123,45 kr a month; the pupil moves from the municipal school m-1 to the
  // private school p-1 on Wednesday 12 March 2025. March has 31 days: m-1 has 1–11 (11 days),
  // p-1 has 12–31 (20 days).
  const scheme = schemeWith({
    schemeId: 'grundskola',
    paymentModel: 'monthly',
    legalBasis: 'school_act',
    rates: [{ level: 'grade-1-3', amountOre: 1_012_345, effectiveDate: '2024-01-01' }],
  });
  const providers = providersById(
    providerOf('m-1', 'grundskola', 'municipal'),
    providerOf('p-1', 'grundskola', 'private'),
  );
  const entitlement = entitlementOf([
    grantedIn('grundskola', { level: 'grade-1-3' }),
    placed('grundskola', 'm-1', '2024-08-19'),
    placed('grundskola', 'p-1', '2025-03-12', 'switch'),
  ]);
  const lines = computeVoucherLines({
    period: '2025-03',
    scheme,
    providers,
    entitlements: [entitlement],
  });

  it('pays each school its days, with VAT compensation on the private days only', () => {
    // m-1: 1 012 345 × 11 / 31 = 11 135 795 / 31 = 359 219.19… → 359 219; municipal: no VAT.
    // p-1: 1 012 345 × 20 / 31 = 20 246 900 / 31 = 653 125.81… → 653 126;
    //      VAT 20 246 900 × 600 / (31 × 10 000) = 39 187.55… → 39 188; total 692 314.
    expect(lines.map((line) => [line.providerId, line.amounts])).toEqual([
      ['m-1', { voucherOre: 359_219, vatCompensationOre: 0, supplementOre: 0, totalOre: 359_219 }],
      [
        'p-1',
        { voucherOre: 653_126, vatCompensationOre: 39_188, supplementOre: 0, totalOre: 692_314 },
      ],
    ]);
    expect(lines[0].basis).toMatchObject({
      daysInMonth: 31,
      placedDays: 11,
      paidDays: 11,
      vatBasisPoints: 0,
      segments: [
        {
          from: '2025-03-01',
          to: '2025-03-11',
          days: 11,
          level: 'grade-1-3',
          rateOre: 1_012_345,
          rateEffectiveDate: '2024-01-01',
          vatBasisPoints: 0,
        },
      ],
    });
    expect(lines[1].basis).toMatchObject({
      paidDays: 20,
      vatBasisPoints: 600,
      segments: [{ from: '2025-03-12', to: '2025-03-31', days: 20, vatBasisPoints: 600 }],
    });
  });

  it('approves a run whose total is the sum of its lines: 359 219 + 692 314 = 1 051 533', () => {
    const { events } = runPayment(
      periodInput('2025-03', scheme, providers, [entitlement]),
      '2025-04-03',
    );
    expect(events[0]).toMatchObject({
      type: 'PaymentRunApproved',
      data: { totalOre: 1_051_533, lineCount: 2, correctionCount: 0 },
    });
    expect(
      events
        .slice(1)
        .map((event) => [event.type, 'paymentId' in event.data && event.data.paymentId]),
    ).toEqual([
      ['VoucherPaymentRecorded', 'payment/grundskola/2025-03/e-1/m-1'],
      ['VoucherPaymentRecorded', 'payment/grundskola/2025-03/e-1/p-1'],
    ]);
  });
});

describe('worked example 2: a rate change on 1 July', () => {
  // Preschool at the private p-1; 10 000 kr a month until June, 10 300 kr from 1 July 2025. The
  // child starts on 10 June (an entitlement starting mid-month: 21 of June's 30 days).
  const scheme = schemeWith({
    schemeId: 'forskola',
    paymentModel: 'monthly',
    legalBasis: 'school_act',
    rates: [
      { level: 'age-1-3', amountOre: 1_000_000, effectiveDate: '2025-01-01' },
      { level: 'age-1-3', amountOre: 1_030_000, effectiveDate: '2025-07-01' },
      { level: 'age-1-3', amountOre: 1_100_000, effectiveDate: '2025-08-15' },
    ],
  });
  const providers = providersById(providerOf('p-1', 'forskola'));
  const entitlement = entitlementOf([
    grantedIn('forskola', { validFrom: '2025-06-10' }),
    placed('forskola', 'p-1', '2025-06-10'),
  ]);
  const linesOf = (period: string) =>
    computeVoucherLines({ period, scheme, providers, entitlements: [entitlement] });

  it('pays June at the old rate, prorated from the start date', () => {
    // 1 000 000 × 21 / 30 = 700 000; VAT 700 000 × 6 % = 42 000; total 742 000.
    const [june] = linesOf('2025-06');
    expect(june.amounts).toEqual({
      voucherOre: 700_000,
      vatCompensationOre: 42_000,
      supplementOre: 0,
      totalOre: 742_000,
    });
    expect(june.basis.segments).toEqual([
      expect.objectContaining({ from: '2025-06-10', days: 21, rateEffectiveDate: '2025-01-01' }),
    ]);
  });

  it('pays July wholly at the new rate', () => {
    // 1 030 000 × 31 / 31 = 1 030 000; VAT 61 800; total 1 091 800.
    const [july] = linesOf('2025-07');
    expect(july.amounts.totalOre).toBe(1_091_800);
    expect(july.basis.segments).toEqual([
      expect.objectContaining({ days: 31, rateOre: 1_030_000, rateEffectiveDate: '2025-07-01' }),
    ]);
  });

  it('pays each day of a month that spans a rate change at its own rate', () => {
    // August: 1–14 at 1 030 000 and 15–31 at 1 100 000.
    // (1 030 000 × 14 + 1 100 000 × 17) / 31 = (14 420 000 + 18 700 000) / 31
    //   = 33 120 000 / 31 = 1 068 387.09… → 1 068 387;
    // VAT 33 120 000 × 600 / 310 000 = 64 103.22… → 64 103; total 1 132 490.
    const [august] = linesOf('2025-08');
    expect(august.amounts).toEqual({
      voucherOre: 1_068_387,
      vatCompensationOre: 64_103,
      supplementOre: 0,
      totalOre: 1_132_490,
    });
    expect(august.basis.segments.map((s) => [s.from, s.to, s.days, s.rateOre])).toEqual([
      ['2025-08-01', '2025-08-14', 14, 1_030_000],
      ['2025-08-15', '2025-08-31', 17, 1_100_000],
    ]);
  });
});

describe('worked example 3: a home-care month with over-reporting', () => {
  // Home care at 450 kr an hour; 20 hours a month granted; the private p-1 reports 23.50 hours
  // for April 2025.
  const scheme = schemeWith({
    schemeId: 'hemtjanst',
    paymentModel: 'hourly',
    rates: [{ level: 'standard', amountOre: 45_000, effectiveDate: '2024-01-01' }],
  });
  const providers = providersById(providerOf('p-1', 'hemtjanst'));
  const entitlement = entitlementOf([
    grantedIn('hemtjanst', { level: 'standard', grantedHoursPerMonth: 20 }),
    placed('hemtjanst', 'p-1', '2024-01-01'),
    {
      type: 'PerformedHoursReported',
      data: {
        entitlementId: 'e-1',
        citizenId: 'c-1',
        schemeId: 'hemtjanst',
        reportId: 'r-1',
        period: '2025-04',
        providerId: 'p-1',
        hundredthsOfHours: 2_350,
        replacesReportId: null,
        reportedOn: '2025-05-02',
      },
    },
  ]);

  it('pays the granted 20 hours and flags the 3.50 hours beyond them', () => {
    // Cap: 30 days × 2 000 hundredths / 30 = 2 000. Paid 2 000, excess 350.
    // Voucher 2 000 × 45 000 / 100 = 900 000; VAT 54 000; total 954 000.
    const [line] = computeVoucherLines({
      period: '2025-04',
      scheme,
      providers,
      entitlements: [entitlement],
    });
    expect(line.basis.hours).toEqual({
      reportId: 'r-1',
      reported: 2_350,
      granted: 2_000,
      paid: 2_000,
      excess: 350,
    });
    expect(line.flags).toEqual(['excess_hours']);
    expect(line.amounts).toEqual({
      voucherOre: 900_000,
      vatCompensationOre: 54_000,
      supplementOre: 0,
      totalOre: 954_000,
    });
  });
});

describe('worked example 4: a backdated switch corrected a month later', () => {
  // Preschool, 12 345,67 kr a month. The child was at the private p-1 when February 2025 was
  // paid. On 20 March a caseworker registers a switch to the municipal m-1 from 15 February.
  const scheme = schemeWith({
    schemeId: 'forskola',
    paymentModel: 'monthly',
    legalBasis: 'school_act',
    rates: [{ level: 'age-1-3', amountOre: 1_234_567, effectiveDate: '2024-01-01' }],
  });
  const providers = providersById(
    providerOf('p-1', 'forskola', 'private'),
    providerOf('m-1', 'forskola', 'municipal'),
  );
  const before: EntitlementEvent[] = [
    grantedIn('forskola'),
    placed('forskola', 'p-1', '2024-01-01'),
  ];
  const after: EntitlementEvent[] = [...before, placed('forskola', 'm-1', '2025-02-15', 'switch')];

  const february = runPayment(
    periodInput('2025-02', scheme, providers, [entitlementOf(before)]),
    '2025-03-05',
  );
  const march = runPayment(
    periodInput('2025-03', scheme, providers, [entitlementOf(after)], [february.run]),
    '2025-04-03',
  );

  it('first pays p-1 the whole of February', () => {
    // 1 234 567; VAT 1 234 567 × 6 % = 74 074.02 → 74 074; total 1 308 641.
    expect(february.preview.lines.map((l) => [l.providerId, l.amounts.totalOre])).toEqual([
      ['p-1', 1_308_641],
    ]);
  });

  it('corrects February in the March run, referencing the original payment', () => {
    // February now: p-1 1–14 (14 of 28 days), m-1 15–28.
    // p-1 owed 1 234 567 × 14 / 28 = 617 283.5 → 617 284; VAT 1 234 567 × 14 × 600 /
    //   (28 × 10 000) = 37 037.01 → 37 037; owed 654 321; paid 1 308 641; difference −654 320.
    // m-1 owed 617 284 (municipal: no VAT), never paid: difference +617 284, no reference.
    expect(
      march.preview.corrections.map((c) => [c.providerId, c.correctsPaymentId, c.difference]),
    ).toEqual([
      [
        'm-1',
        null,
        { voucherOre: 617_284, vatCompensationOre: 0, supplementOre: 0, totalOre: 617_284 },
      ],
      [
        'p-1',
        'payment/forskola/2025-02/e-1/p-1',
        {
          voucherOre: -617_283,
          vatCompensationOre: -37_037,
          supplementOre: 0,
          totalOre: -654_320,
        },
      ],
    ]);
    // March itself: m-1 the whole month, 1 234 567. Run total 1 234 567 − 654 320 + 617 284.
    expect(march.events[0].data).toMatchObject({
      linesTotalOre: 1_234_567,
      correctionsTotalOre: -37_036,
      totalOre: 1_197_531,
      lineCount: 1,
      correctionCount: 2,
    });
    expect(march.events.filter((e) => e.type === 'VoucherPaymentCorrected')).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          paymentId: 'correction/forskola/2025-03/2025-02/e-1/m-1',
          correctsPeriod: '2025-02',
          correctsPaymentId: null,
          differenceOre: 617_284,
        }),
      }),
      expect.objectContaining({
        data: expect.objectContaining({
          paymentId: 'correction/forskola/2025-03/2025-02/e-1/p-1',
          correctsPaymentId: 'payment/forskola/2025-02/e-1/p-1',
          differenceOre: -654_320,
        }),
      }),
    ]);
  });

  it('never rewrites February: its run is unchanged and reconciliation balances after March', () => {
    expect(paidItemsOf(february.run)).toHaveLength(1);
    const input = { scheme, providers, entitlements: [entitlementOf(after)] };
    const unsettled = reconcilePaymentRuns({ ...input, previousRuns: [february.run] });
    expect(unsettled.balanced).toBe(false);
    expect(unsettled.byProvider).toEqual([
      { providerId: 'm-1', paidOre: 0, recomputedOre: 617_284, differenceOre: 617_284 },
      { providerId: 'p-1', paidOre: 1_308_641, recomputedOre: 654_321, differenceOre: -654_320 },
    ]);
    const settled = reconcilePaymentRuns({ ...input, previousRuns: [february.run, march.run] });
    expect(settled.balanced).toBe(true);
    expect(settled.totals).toEqual({
      paidOre: 654_321 + 617_284 + 1_234_567,
      recomputedOre: 654_321 + 617_284 + 1_234_567,
      differenceOre: 0,
    });
  });
});

describe('worked example 5: a de-authorisation mid-month and a later overturned appeal', () => {
  // Daily activities (LSS), 9 000 kr a month, at the private p-1. De-authorised on 20 March
  // 2025 with effect from 16 April; the provider appeals; the customer stays. The court
  // overturns the decision on 20 May.
  const scheme = schemeWith({
    schemeId: 'daglig-verksamhet-lss',
    paymentModel: 'monthly',
    rates: [{ level: 'level-1', amountOre: 900_000, effectiveDate: '2024-01-01' }],
  });
  const schemeId = 'daglig-verksamhet-lss';
  const decided: ProviderEvent[] = [
    {
      type: 'DeauthorisationDecided',
      data: {
        providerId: 'p-1',
        schemeId,
        decisionId: 'd-1',
        conditionIds: ['general-staff'],
        reasons: ['Staff without the required education.'],
        decidedOn: '2025-03-20',
        effectiveDate: '2025-04-16',
        statusBefore: 'authorised',
      },
    },
    {
      type: 'DeauthorisationAppealed',
      data: {
        providerId: 'p-1',
        schemeId,
        decisionId: 'd-1',
        appealId: 'a-1',
        court: 'Förvaltningsrätten i Stockholm',
        filedOn: '2025-03-25',
      },
    },
  ];
  const overturned: ProviderEvent = {
    type: 'AppealOutcomeRecorded',
    data: {
      providerId: 'p-1',
      schemeId,
      decisionId: 'd-1',
      appealId: 'a-1',
      outcome: 'overturned',
      ruledOn: '2025-05-20',
      restoredStatus: 'authorised',
    },
  };
  const entitlement = entitlementOf([
    grantedIn(schemeId, { level: 'level-1' }),
    placed(schemeId, 'p-1', '2024-01-01'),
  ]);
  const april = runPayment(
    periodInput('2025-04', scheme, providersById(providerOf('p-1', schemeId, 'private', decided)), [
      entitlement,
    ]),
    '2025-05-05',
  );
  const reinstated = providersById(
    providerOf('p-1', schemeId, 'private', [...decided, overturned]),
  );
  const may = runPayment(
    periodInput('2025-05', scheme, reinstated, [entitlement], [april.run]),
    '2025-06-04',
  );

  it('pays April up to the day before the effective date', () => {
    // 1–15 April: 900 000 × 15 / 30 = 450 000; VAT 27 000; total 477 000.
    const [line] = april.preview.lines;
    expect(line.basis).toMatchObject({ placedDays: 30, paidDays: 15, unauthorisedDays: 15 });
    expect(line.basis.segments).toEqual([
      expect.objectContaining({ from: '2025-04-01', to: '2025-04-15', days: 15 }),
    ]);
    expect(line.flags).toEqual(['unauthorised_days']);
    expect(line.amounts).toEqual({
      voucherOre: 450_000,
      vatCompensationOre: 27_000,
      supplementOre: 0,
      totalOre: 477_000,
    });
  });

  it('pays the reinstated provider the rest of April as a correction in the May run', () => {
    // April as if never de-authorised: 900 000 + 54 000 = 954 000; paid 477 000; +477 000.
    // May: 954 000. Run total 954 000 + 477 000 = 1 431 000.
    expect(may.preview.corrections).toEqual([
      expect.objectContaining({
        correctsPeriod: '2025-04',
        correctsPaymentId: 'payment/daglig-verksamhet-lss/2025-04/e-1/p-1',
        previouslyPaid: {
          voucherOre: 450_000,
          vatCompensationOre: 27_000,
          supplementOre: 0,
          totalOre: 477_000,
        },
        difference: {
          voucherOre: 450_000,
          vatCompensationOre: 27_000,
          supplementOre: 0,
          totalOre: 477_000,
        },
      }),
    ]);
    expect(may.events[0].data).toMatchObject({ totalOre: 1_431_000, linesTotalOre: 954_000 });
  });
});
