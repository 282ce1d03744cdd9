import { EntitlementEvent } from '../citizen/entitlement.events';
import { EntitlementState } from '../citizen/entitlement.state';
import { thrownBy } from '../testing/domain-test-kit';
import { computeVoucherLines, VoucherComputationInput } from './compute-voucher-lines';
import {
  entitlementOf,
  grantedIn,
  placed,
  providerOf,
  providersById,
  schemeWith,
} from './payout.test-kit';

const R = 1_000_000; // 10 000 kr a month

const preschool = (rule?: Parameters<typeof schemeWith>[0]['rule']) =>
  schemeWith({
    schemeId: 'forskola',
    paymentModel: 'monthly',
    legalBasis: 'school_act',
    rates: [{ level: 'age-1-3', amountOre: R, effectiveDate: '2024-01-01' }],
    rule,
  });
const providers = providersById(
  providerOf('p-1', 'forskola', 'private'),
  providerOf('p-2', 'forskola', 'non_profit'),
  providerOf('m-1', 'forskola', 'municipal'),
);

function lines(events: EntitlementEvent[], period = '2025-03', scheme = preschool()) {
  return computeVoucherLines({ period, scheme, providers, entitlements: [entitlementOf(events)] });
}

describe('monthly vouchers per day', () => {
  it('gives a municipal provider no VAT compensation', () => {
    const [line] = lines([grantedIn('forskola'), placed('forskola', 'm-1', '2024-01-01')]);
    expect(line.amounts).toEqual({
      voucherOre: R,
      vatCompensationOre: 0,
      supplementOre: 0,
      totalOre: R,
    });
    expect(line.basis.vatBasisPoints).toBe(0);
  });

  it('gives a non-profit provider VAT compensation like a private one', () => {
    const [line] = lines([grantedIn('forskola'), placed('forskola', 'p-2', '2024-01-01')]);
    expect(line.amounts.vatCompensationOre).toBe(60_000);
  });

  it('prorates an entitlement starting mid-month', () => {
    // 20–31 March: 12 days. 1 000 000 × 12 / 31 = 387 096.77… → 387 097;
    // VAT 12 000 000 × 600 / 310 000 = 23 225.80… → 23 226.
    const [line] = lines([
      grantedIn('forskola', { validFrom: '2025-03-20' }),
      placed('forskola', 'p-1', '2025-03-20'),
    ]);
    expect(line.basis).toMatchObject({ placedDays: 12, paidDays: 12 });
    expect(line.amounts).toMatchObject({ voucherOre: 387_097, vatCompensationOre: 23_226 });
  });

  it('prorates an entitlement ending mid-month and pays nothing after it', () => {
    // 1–10 March: 1 000 000 × 10 / 31 = 322 580.64… → 322 581.
    const events: EntitlementEvent[] = [
      grantedIn('forskola'),
      placed('forskola', 'm-1', '2024-01-01'),
      {
        type: 'EntitlementEnded',
        data: {
          entitlementId: 'e-1',
          endDate: '2025-03-10',
          reason: 'Moved',
          endedOn: '2025-03-01',
        },
      },
    ];
    expect(lines(events).map((line) => line.amounts.voucherOre)).toEqual([322_581]);
    expect(lines(events, '2025-04')).toEqual([]);
  });

  it('pays nothing before a choice is made', () => {
    expect(lines([grantedIn('forskola')])).toEqual([]);
  });

  it('splits segments when the VAT percentage changes within the month', () => {
    // VAT 6 % until 15 March, 8 % from 16 March: (1 000 000 × 15 × 600 + 1 000 000 × 16 × 800)
    //   / (31 × 10 000) = 21 800 000 000 / 310 000 = 70 322.58… → 70 323.
    const scheme = schemeWith({
      schemeId: 'forskola',
      paymentModel: 'monthly',
      rates: [{ level: 'age-1-3', amountOre: R, effectiveDate: '2024-01-01' }],
      vat: [{ basisPoints: 800, effectiveDate: '2025-03-16' }],
    });
    const [line] = lines(
      [grantedIn('forskola'), placed('forskola', 'p-1', '2024-01-01')],
      '2025-03',
      scheme,
    );
    expect(line.basis.segments.map((s) => [s.days, s.vatBasisPoints])).toEqual([
      [15, 600],
      [16, 800],
    ]);
    expect(line.basis.vatBasisPoints).toBeNull();
    expect(line.amounts).toMatchObject({ voucherOre: R, vatCompensationOre: 70_323 });
  });

  it('flags days at a level without a rate and pays the others', () => {
    // 1–19 March at age-1-3: 19 000 000 / 31 = 612 903.22… → 612 903.
    const [line] = lines([
      grantedIn('forskola'),
      placed('forskola', 'm-1', '2024-01-01'),
      {
        type: 'EntitlementLevelChanged',
        data: {
          entitlementId: 'e-1',
          level: 'age-9',
          effectiveDate: '2025-03-20',
          grantedHoursPerMonth: null,
          decisionRef: null,
          changedOn: '2025-03-01',
        },
      },
    ]);
    expect(line.basis).toMatchObject({ placedDays: 31, paidDays: 19, unpricedDays: 12 });
    expect(line.flags).toEqual(['unpriced_days']);
    expect(line.amounts.voucherOre).toBe(612_903);
  });

  it('prorates a supplement and pays it to whichever provider has the child', () => {
    // Supplement 3 000 kr a month from 10 March; switch from p-1 to p-2 on 20 March.
    // p-1, days 1–19: voucher 19 000 000 / 31 = 612 903.22… → 612 903;
    //   VAT 11 400 000 000 / 310 000 = 36 774.19… → 36 774;
    //   supplement 10 days (10–19): 300 000 × 10 / 31 = 96 774.19… → 96 774; total 746 451.
    // p-2, days 20–31: voucher 12 000 000 / 31 = 387 096.77… → 387 097; VAT 23 226;
    //   supplement 12 days: 300 000 × 12 / 31 = 116 129.03… → 116 129; total 526 452.
    const result = lines([
      grantedIn('forskola'),
      placed('forskola', 'p-1', '2024-01-01'),
      {
        type: 'SupplementGranted',
        data: {
          entitlementId: 'e-1',
          supplementId: 's-1',
          amountOrePerMonth: 300_000,
          from: '2025-03-10',
          to: null,
          decisionRef: 'BUN-2025-9',
          grantedOn: '2025-03-01',
        },
      },
      placed('forskola', 'p-2', '2025-03-20', 'switch'),
    ]);
    expect(result.map((line) => [line.providerId, line.basis.supplements, line.amounts])).toEqual([
      [
        'p-1',
        [
          {
            supplementId: 's-1',
            decisionRef: 'BUN-2025-9',
            amountOrePerMonth: 300_000,
            days: 10,
            amountOre: 96_774,
          },
        ],
        {
          voucherOre: 612_903,
          vatCompensationOre: 36_774,
          supplementOre: 96_774,
          totalOre: 746_451,
        },
      ],
      [
        'p-2',
        [expect.objectContaining({ days: 12, amountOre: 116_129 })],
        {
          voucherOre: 387_097,
          vatCompensationOre: 23_226,
          supplementOre: 116_129,
          totalOre: 526_452,
        },
      ],
    ]);
  });
});

describe("a run's many equal lines", () => {
  const child = (n: number, from = '2024-01-01') => {
    const ids = { entitlementId: `e-${n}`, citizenId: `c-${n}` };
    return entitlementOf([
      grantedIn('forskola', { ...ids, validFrom: from }),
      placed('forskola', 'p-1', from, 'first_choice', ids),
    ]);
  };
  const run = (...entitlements: EntitlementState[]) =>
    computeVoucherLines({ period: '2025-03', scheme: preschool(), providers, entitlements });

  it('share one basis and one set of amounts, each line as it is computed alone', () => {
    const [a, b, late] = run(child(1), child(2), child(3, '2025-03-20'));
    expect(b.basis).toBe(a.basis);
    expect(b.amounts).toBe(a.amounts);
    expect(late.basis).not.toBe(a.basis);
    expect(late.basis).toMatchObject({ placedDays: 12, paidDays: 12 });
    expect([a, b, late]).toEqual([
      ...run(child(1)),
      ...run(child(2)),
      ...run(child(3, '2025-03-20')),
    ]);
  });
});

describe('monthly vouchers on a counting day', () => {
  // March 2025: the 15th is a Saturday, so the counting day is Monday the 17th.
  const scheme = preschool({
    proration: 'counting_day',
    countingDay: 'fifteenth',
    correctionWindowMonths: null,
  });
  const switchOn = (date: string) => [
    grantedIn('forskola'),
    placed('forskola', 'p-1', '2024-01-01'),
    placed('forskola', 'm-1', date, 'switch'),
  ];

  it('gives the whole month to the provider placed on Monday the 17th', () => {
    const [line] = lines(switchOn('2025-03-17'), '2025-03', scheme);
    expect(line.providerId).toBe('m-1');
    expect(line.basis).toMatchObject({
      proration: 'counting_day',
      countingDay: '2025-03-17',
      placedDays: 15,
      paidDays: 31,
      segments: [{ from: '2025-03-01', to: '2025-03-31', days: 31, rateOre: R }],
    });
    expect(line.amounts.totalOre).toBe(R);
  });

  it('keeps the month with the old provider when the switch comes after the counting day', () => {
    const result = lines(switchOn('2025-03-18'), '2025-03', scheme);
    expect(result.map((line) => [line.providerId, line.amounts.totalOre])).toEqual([
      ['p-1', R + 60_000],
    ]);
  });

  it('pays a whole month for an entitlement starting on or before the counting day only', () => {
    const startingOn = (date: string) => [
      grantedIn('forskola', { validFrom: date }),
      placed('forskola', 'p-1', date),
    ];
    expect(lines(startingOn('2025-03-17'), '2025-03', scheme)[0].amounts.voucherOre).toBe(R);
    expect(lines(startingOn('2025-03-18'), '2025-03', scheme)).toEqual([]);
  });

  it('pays a supplement in force on the counting day in full', () => {
    const [line] = lines(
      [
        ...switchOn('2025-03-17'),
        {
          type: 'SupplementGranted',
          data: {
            entitlementId: 'e-1',
            supplementId: 's-1',
            amountOrePerMonth: 300_000,
            from: '2025-03-10',
            to: null,
            decisionRef: 'BUN-2025-9',
            grantedOn: '2025-03-01',
          },
        },
      ],
      '2025-03',
      scheme,
    );
    expect(line.basis.supplements).toEqual([
      expect.objectContaining({ days: 31, amountOre: 300_000 }),
    ]);
  });
});

describe('daily vouchers (housing)', () => {
  const housing = schemeWith({
    schemeId: 'sarskilt-boende',
    paymentModel: 'daily',
    rates: [{ level: 'standard', amountOre: 250_000, effectiveDate: '2024-01-01' }],
  });
  const housingProviders = providersById(
    providerOf('p-1', 'sarskilt-boende', 'private'),
    providerOf('m-1', 'sarskilt-boende', 'municipal'),
  );

  it('pays days placed × the daily rate', () => {
    // 5–31 March: 27 days × 250 000 = 6 750 000; VAT 405 000; total 7 155 000.
    // Municipal from 25 March instead: p-1 5–24 = 20 days = 5 000 000 + 300 000;
    // m-1 25–31 = 7 days = 1 750 000, no VAT.
    const base: EntitlementEvent[] = [
      grantedIn('sarskilt-boende', { level: 'standard', validFrom: '2025-03-05' }),
      placed('sarskilt-boende', 'p-1', '2025-03-05'),
    ];
    const compute = (events: EntitlementEvent[]) =>
      computeVoucherLines({
        period: '2025-03',
        scheme: housing,
        providers: housingProviders,
        entitlements: [entitlementOf(events)],
      }).map((line) => [line.providerId, line.model, line.basis.paidDays, line.amounts.totalOre]);
    expect(compute(base)).toEqual([['p-1', 'daily', 27, 7_155_000]]);
    expect(compute([...base, placed('sarskilt-boende', 'm-1', '2025-03-25', 'switch')])).toEqual([
      ['p-1', 'daily', 20, 5_300_000],
      ['m-1', 'daily', 7, 1_750_000],
    ]);
  });
});

describe('hourly vouchers (home care)', () => {
  const homeCare = (
    rates = [{ level: 'standard', amountOre: 45_000, effectiveDate: '2024-01-01' }],
  ) => schemeWith({ schemeId: 'hemtjanst', paymentModel: 'hourly', rates });
  const homeCareProviders = providersById(
    providerOf('p-1', 'hemtjanst'),
    providerOf('p-2', 'hemtjanst'),
  );
  const report = (
    providerId: string,
    hundredthsOfHours: number,
    reportId = `r-${providerId}`,
  ): EntitlementEvent => ({
    type: 'PerformedHoursReported',
    data: {
      entitlementId: 'e-1',
      citizenId: 'c-1',
      schemeId: 'hemtjanst',
      reportId,
      period: '2025-04',
      providerId,
      hundredthsOfHours,
      replacesReportId: null,
      reportedOn: '2025-05-02',
    },
  });
  const base: EntitlementEvent[] = [
    grantedIn('hemtjanst', { level: 'standard', grantedHoursPerMonth: 20 }),
    placed('hemtjanst', 'p-1', '2024-01-01'),
  ];
  const compute = (events: EntitlementEvent[], scheme = homeCare()) =>
    computeVoucherLines({
      period: '2025-04',
      scheme,
      providers: homeCareProviders,
      entitlements: [entitlementOf(events)],
    });

  it('pays no hours that were not reported', () => {
    expect(compute(base)).toEqual([]);
    expect(compute([...base, report('p-1', 0)])).toEqual([]);
  });

  it('pays reported hours under the cap in full, without a flag', () => {
    // 12.50 h × 450 kr = 5 625 kr = 562 500 öre; VAT 33 750.
    const [line] = compute([...base, report('p-1', 1_250)]);
    expect(line.basis.hours).toMatchObject({ paid: 1_250, excess: 0 });
    expect(line.flags).toEqual([]);
    expect(line.amounts).toMatchObject({ voucherOre: 562_500, vatCompensationOre: 33_750 });
  });

  it('caps each provider at the granted hours prorated over its days after a switch', () => {
    // Switch to p-2 on 11 April: p-1 has 10 days, p-2 20 days of 30.
    // p-1 cap 10 × 2 000 / 30 = 666.67 → 667; reported 700 → paid 667, excess 33;
    //   voucher 667 × 45 000 / 100 = 300 150; VAT 18 009.
    // p-2 cap 20 × 2 000 / 30 = 1 333.33 → 1 333; reported 1 000 → paid 1 000: 450 000 + 27 000.
    const result = compute([
      ...base,
      placed('hemtjanst', 'p-2', '2025-04-11', 'switch'),
      report('p-1', 700),
      report('p-2', 1_000),
    ]);
    expect(
      result.map((line) => [line.providerId, line.basis.hours, line.amounts, line.flags]),
    ).toEqual([
      [
        'p-1',
        { reportId: 'r-p-1', reported: 700, granted: 667, paid: 667, excess: 33 },
        { voucherOre: 300_150, vatCompensationOre: 18_009, supplementOre: 0, totalOre: 318_159 },
        ['excess_hours'],
      ],
      [
        'p-2',
        { reportId: 'r-p-2', reported: 1_000, granted: 1_333, paid: 1_000, excess: 0 },
        { voucherOre: 450_000, vatCompensationOre: 27_000, supplementOre: 0, totalOre: 477_000 },
        [],
      ],
    ]);
  });

  it('weights the hourly rate by days when it changes within the month', () => {
    // 450 kr until 15 April, 480 kr from 16 April; 15 h reported.
    // 1 500 × (45 000 × 15 + 48 000 × 15) / (100 × 30) = 1 500 × 1 395 000 / 3 000 = 697 500;
    // VAT 41 850.
    const scheme = homeCare([
      { level: 'standard', amountOre: 45_000, effectiveDate: '2024-01-01' },
      { level: 'standard', amountOre: 48_000, effectiveDate: '2025-04-16' },
    ]);
    const [line] = compute([...base, report('p-1', 1_500)], scheme);
    expect(line.amounts).toMatchObject({ voucherOre: 697_500, vatCompensationOre: 41_850 });
  });

  it('caps at the granted hours in force each day when the decision changes', () => {
    // 20 h until 15 April, 30 h from 16 April: (15 × 2 000 + 15 × 3 000) / 30 = 2 500.
    const [line] = compute([
      ...base,
      {
        type: 'EntitlementLevelChanged',
        data: {
          entitlementId: 'e-1',
          level: 'standard',
          effectiveDate: '2025-04-16',
          grantedHoursPerMonth: 30,
          decisionRef: 'SOC-2025-4',
          changedOn: '2025-04-10',
        },
      },
      report('p-1', 2_800),
    ]);
    expect(line.basis.hours).toMatchObject({ granted: 2_500, paid: 2_500, excess: 300 });
  });

  it('uses the report in force: a later one replaces the earlier', () => {
    const [line] = compute([...base, report('p-1', 1_250, 'r-1'), report('p-1', 1_000, 'r-2')]);
    expect(line.basis.hours).toMatchObject({ reportId: 'r-2', paid: 1_000 });
  });
});

describe('the input', () => {
  const input = (overrides: Partial<VoucherComputationInput> = {}): VoucherComputationInput => ({
    period: '2025-03',
    scheme: preschool(),
    providers,
    entitlements: [entitlementOf([grantedIn('forskola'), placed('forskola', 'p-1', '2024-01-01')])],
    ...overrides,
  });

  it('skips entitlements of other schemes and ungranted ones', () => {
    expect(
      computeVoucherLines(
        input({
          entitlements: [
            entitlementOf([grantedIn('grundskola'), placed('grundskola', 'p-1', '2024-01-01')]),
            entitlementOf([]),
          ],
        }),
      ),
    ).toEqual([]);
  });

  it('needs the state of every provider placed in the period', () => {
    expect(thrownBy(() => computeVoucherLines(input({ providers: {} })))).toMatchObject({
      code: 'INVALID_INPUT',
      details: { providerId: 'p-1' },
    });
  });

  it('needs an established scheme and a valid period', () => {
    expect(
      thrownBy(() => computeVoucherLines(input({ scheme: { status: 'not_established' } }))).code,
    ).toBe('SCHEME_NOT_ESTABLISHED');
    expect(thrownBy(() => computeVoucherLines(input({ period: '2025-3' }))).code).toBe(
      'INVALID_PERIOD',
    );
  });

  it('pays nothing for a provider that was never authorised in the scheme', () => {
    const stranger = providersById(...Object.values(providers), providerOf('x-1', 'grundskola'));
    expect(
      computeVoucherLines(
        input({
          providers: stranger,
          entitlements: [
            entitlementOf([grantedIn('forskola'), placed('forskola', 'x-1', '2024-01-01')]),
          ],
        }),
      ),
    ).toEqual([]);
  });
});
