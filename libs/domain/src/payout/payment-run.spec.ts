import { EntitlementEvent } from '../citizen/entitlement.events';
import { isEntitledWithin } from '../citizen/entitlement.queries';
import { contextOn, thrownBy } from '../testing/domain-test-kit';
import { computeCorrections } from './corrections';
import { computeVoucherLines } from './compute-voucher-lines';
import { decidePaymentRun } from './decide-payment-run';
import { ApprovePaymentRun } from './payment-run.commands';
import { paymentRunDecider } from './payment-run.decider';
import { closedPeriodsOf, paidItemsOf, providerTotalsOf } from './payment-run.queries';
import { evolvePaymentRun, evolvePaymentRunAll, initialPaymentRunState } from './payment-run.state';
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
import { PaymentRunBuilder } from './payment-run-builder';
import { approvalOf, previewPaymentRun } from './preview-payment-run';
import { reconcile } from './reconciliation';

const scheme = schemeWith({
  schemeId: 'forskola',
  paymentModel: 'monthly',
  legalBasis: 'school_act',
  rates: [{ level: 'age-1-3', amountOre: 1_000_000, effectiveDate: '2024-01-01' }],
});
const providers = providersById(
  providerOf('p-1', 'forskola', 'private'),
  providerOf('m-1', 'forskola', 'municipal'),
);
const atP1 = entitlementOf([grantedIn('forskola'), placed('forskola', 'p-1', '2024-01-01')]);

function approval(period = '2025-02', entitlements = [atP1]): ApprovePaymentRun {
  return approvalOf(previewPaymentRun(periodInput(period, scheme, providers, entitlements)), {
    runId: `run-${period}`,
    computedAt: '2025-03-03T08:00:00.000Z',
  });
}

describe('approving a payment run', () => {
  it('appends the approval, one payment per line and the totals', () => {
    const events = decidePaymentRun(approval(), initialPaymentRunState(), contextOn('2025-03-03'));
    expect(events).toEqual([
      {
        type: 'PaymentRunApproved',
        data: {
          runId: 'run-2025-02',
          schemeId: 'forskola',
          period: '2025-02',
          totalOre: 1_060_000,
          linesTotalOre: 1_060_000,
          correctionsTotalOre: 0,
          lineCount: 1,
          correctionCount: 0,
          computedAt: '2025-03-03T08:00:00.000Z',
          approvedOn: '2025-03-03',
        },
      },
      {
        type: 'VoucherPaymentRecorded',
        data: expect.objectContaining({
          paymentId: 'payment/forskola/2025-02/e-1/p-1',
          runId: 'run-2025-02',
          citizenId: 'c-1',
          entitlementId: 'e-1',
          providerId: 'p-1',
          model: 'monthly',
          amounts: {
            voucherOre: 1_000_000,
            vatCompensationOre: 60_000,
            supplementOre: 0,
            totalOre: 1_060_000,
          },
        }),
      },
    ]);
    const run = events.reduce(evolvePaymentRun, initialPaymentRunState());
    expect(run).toMatchObject({ status: 'approved', totalOre: 1_060_000, lineCount: 1 });
    expect(providerTotalsOf(run)).toEqual([
      {
        providerId: 'p-1',
        paymentsOre: 1_060_000,
        correctionsOre: 0,
        totalOre: 1_060_000,
        lineCount: 1,
        correctionCount: 0,
      },
    ]);
  });

  it('records an empty month as a run with nothing to pay', () => {
    const [approved] = decidePaymentRun(
      approval('2025-02', []),
      initialPaymentRunState(),
      contextOn('2025-03-03'),
    );
    expect(approved.data).toMatchObject({ totalOre: 0, lineCount: 0 });
  });

  it('refuses to approve the same run twice, naming the existing run', () => {
    const events = decidePaymentRun(approval(), initialPaymentRunState(), contextOn('2025-03-03'));
    const run = events.reduce(paymentRunDecider.evolve, paymentRunDecider.initialState());
    expect(
      thrownBy(() => decidePaymentRun(approval(), run, contextOn('2025-03-04'))),
    ).toMatchObject({
      code: 'PAYMENT_RUN_ALREADY_APPROVED',
      kind: 'conflict',
      details: { runId: 'run-2025-02', approvedOn: '2025-03-03', totalOre: 1_060_000 },
    });
  });

  it('refuses a period that has not ended', () => {
    const refusal = (today: string) =>
      thrownBy(() =>
        decidePaymentRun(approval('2025-03'), initialPaymentRunState(), contextOn(today)),
      );
    expect(refusal('2025-03-31').code).toBe('PERIOD_NOT_ENDED');
    expect(refusal('2025-02-10').code).toBe('PERIOD_NOT_ENDED');
    expect(() =>
      decidePaymentRun(approval('2025-03'), initialPaymentRunState(), contextOn('2025-04-01')),
    ).not.toThrow();
  });

  describe('refuses lines and corrections that do not fit', () => {
    const line = approval().data.lines[0];
    const refused = (data: Partial<ApprovePaymentRun['data']>) =>
      thrownBy(() =>
        decidePaymentRun(
          { type: 'ApprovePaymentRun', data: { ...approval().data, ...data } },
          initialPaymentRunState(),
          contextOn('2025-03-03'),
        ),
      );
    const refusal = (data: Partial<ApprovePaymentRun['data']>) => refused(data).code;

    it('of another scheme or period', () => {
      expect(refusal({ lines: [{ ...line, schemeId: 'grundskola' }] })).toBe(
        'PAYMENT_RUN_MISMATCH',
      );
      expect(refusal({ lines: [{ ...line, period: '2025-01' }] })).toBe('PAYMENT_RUN_MISMATCH');
    });

    it('listed twice', () => {
      expect(refusal({ lines: [line, line] })).toBe('INVALID_INPUT');
    });

    it('whose amounts do not add up or are not öre', () => {
      expect(refusal({ lines: [{ ...line, amounts: { ...line.amounts, totalOre: 1 } }] })).toBe(
        'INVALID_MONEY',
      );
      expect(refusal({ lines: [{ ...line, amounts: { ...line.amounts, voucherOre: 0.5 } }] })).toBe(
        'INVALID_MONEY',
      );
      const negative = {
        ...line.amounts,
        voucherOre: -1,
        totalOre: line.amounts.totalOre - 1 - line.amounts.voucherOre,
      };
      expect(refusal({ lines: [{ ...line, amounts: negative }] })).toBe('INVALID_MONEY');
    });

    it('naming the field of the line that is wrong', () => {
      const other = { ...line, entitlementId: 'e-2' };
      expect(refused({ lines: [other, { ...line, providerId: 'no spaces' }] }).details).toEqual({
        field: 'lines[1].providerId',
      });
      const unbalanced = { ...line.amounts, supplementOre: 1 };
      expect(refused({ lines: [{ ...line, amounts: unbalanced }, other] }).details).toEqual({
        field: 'lines[0].amounts.totalOre',
      });
    });

    it('corrections of the same or a later period, or without a difference', () => {
      const correction = {
        schemeId: 'forskola',
        correctsPeriod: '2025-01',
        citizenId: 'c-1',
        entitlementId: 'e-1',
        providerId: 'p-1',
        correctsPaymentId: null,
        previouslyPaid: { voucherOre: 0, vatCompensationOre: 0, supplementOre: 0, totalOre: 0 },
        owed: { voucherOre: 10, vatCompensationOre: 0, supplementOre: 0, totalOre: 10 },
        difference: { voucherOre: 10, vatCompensationOre: 0, supplementOre: 0, totalOre: 10 },
        line: null,
      };
      expect(refusal({ corrections: [{ ...correction, correctsPeriod: '2025-02' }] })).toBe(
        'PAYMENT_RUN_MISMATCH',
      );
      expect(refusal({ corrections: [{ ...correction, schemeId: 'x' }] })).toBe(
        'PAYMENT_RUN_MISMATCH',
      );
      expect(
        refusal({
          corrections: [{ ...correction, difference: correction.previouslyPaid }],
        }),
      ).toBe('INVALID_MONEY');
      expect(refusal({ corrections: [correction, correction] })).toBe('INVALID_INPUT');
      const accepted = decidePaymentRun(
        { type: 'ApprovePaymentRun', data: { ...approval().data, corrections: [correction] } },
        initialPaymentRunState(),
        contextOn('2025-03-03'),
      );
      expect(accepted[0].data).toMatchObject({ correctionsTotalOre: 10, totalOre: 1_060_010 });
    });

    it('or a malformed command', () => {
      expect(refusal({ computedAt: 'yesterday' })).toBe('INVALID_INPUT');
      expect(refusal({ period: '2025-2' })).toBe('INVALID_PERIOD');
      expect(refusal({ lines: undefined as never })).toBe('INVALID_INPUT');
    });
  });
});

describe('corrections', () => {
  it('appends nothing new when nothing changed, and the same input gives the same output', () => {
    const february = runPayment(periodInput('2025-02', scheme, providers, [atP1]), '2025-03-03');
    const input = periodInput('2025-03', scheme, providers, [atP1], [february.run]);
    const march = previewPaymentRun(input);
    expect(march.corrections).toEqual([]);
    expect(previewPaymentRun(input)).toEqual(march);
    expect(march.correctablePeriods).toEqual(['2025-02']);
  });

  it('settle a corrected hours report in the next run', () => {
    // April: 15 h reported and paid: 1 500 × 45 000 / 100 = 675 000 + VAT 40 500 = 715 500.
    // In May p-1 corrects April to 18 h: 810 000 + 48 600 = 858 600; difference +143 100.
    const homeCare = schemeWith({
      schemeId: 'hemtjanst',
      paymentModel: 'hourly',
      rates: [{ level: 'standard', amountOre: 45_000, effectiveDate: '2024-01-01' }],
    });
    const homeCareProviders = providersById(providerOf('p-1', 'hemtjanst'));
    const report = (reportId: string, hundredthsOfHours: number): EntitlementEvent => ({
      type: 'PerformedHoursReported',
      data: {
        entitlementId: 'e-1',
        citizenId: 'c-1',
        schemeId: 'hemtjanst',
        reportId,
        period: '2025-04',
        providerId: 'p-1',
        hundredthsOfHours,
        replacesReportId: null,
        reportedOn: '2025-05-02',
      },
    });
    const base: EntitlementEvent[] = [
      grantedIn('hemtjanst', { level: 'standard', grantedHoursPerMonth: 20 }),
      placed('hemtjanst', 'p-1', '2024-01-01'),
      report('r-1', 1_500),
    ];
    const april = runPayment(
      periodInput('2025-04', homeCare, homeCareProviders, [entitlementOf(base)]),
      '2025-05-05',
    );
    expect(april.preview.totalOre).toBe(715_500);
    const corrected = [...base, report('r-2', 1_800)];
    const may = previewPaymentRun(
      periodInput('2025-05', homeCare, homeCareProviders, [entitlementOf(corrected)], [april.run]),
    );
    expect(may.lines).toEqual([]); // nothing reported for May yet
    expect(may.corrections).toEqual([
      expect.objectContaining({
        correctsPeriod: '2025-04',
        correctsPaymentId: 'payment/hemtjanst/2025-04/e-1/p-1',
        difference: {
          voucherOre: 135_000,
          vatCompensationOre: 8_100,
          supplementOre: 0,
          totalOre: 143_100,
        },
        line: expect.objectContaining({
          basis: expect.objectContaining({
            hours: expect.objectContaining({ reportId: 'r-2', paid: 1_800 }),
          }),
        }),
      }),
    ]);
    expect(may.totalOre).toBe(143_100);
  });

  describe('across several runs', () => {
    // p-1 paid January and February; a switch to m-1 from 1 January is registered in March.
    const before = [grantedIn('forskola'), placed('forskola', 'p-1', '2024-01-01')];
    const switched = entitlementOf([...before, placed('forskola', 'm-1', '2025-01-01', 'switch')]);
    const january = runPayment(periodInput('2025-01', scheme, providers, [atP1]), '2025-02-03');
    const february = runPayment(
      periodInput('2025-02', scheme, providers, [atP1], [january.run]),
      '2025-03-03',
    );

    it('corrects every closed month when the window is unlimited', () => {
      const march = previewPaymentRun(
        periodInput('2025-03', scheme, providers, [switched], [january.run, february.run]),
      );
      expect(
        march.corrections.map((c) => [c.correctsPeriod, c.providerId, c.difference.totalOre]),
      ).toEqual([
        ['2025-01', 'm-1', 1_000_000],
        ['2025-01', 'p-1', -1_060_000],
        ['2025-02', 'm-1', 1_000_000],
        ['2025-02', 'p-1', -1_060_000],
      ]);
    });

    it('corrects only the months within the window', () => {
      const windowed = schemeWith({
        schemeId: 'forskola',
        paymentModel: 'monthly',
        rates: [{ level: 'age-1-3', amountOre: 1_000_000, effectiveDate: '2024-01-01' }],
        rule: { proration: 'per_day', correctionWindowMonths: 1 },
      });
      const march = previewPaymentRun(
        periodInput('2025-03', windowed, providers, [switched], [january.run, february.run]),
      );
      expect(march.correctablePeriods).toEqual(['2025-02']);
      expect(march.corrections.map((c) => c.correctsPeriod)).toEqual(['2025-02', '2025-02']);
    });

    it('counts earlier corrections as paid, so a correction is made once', () => {
      const march = runPayment(
        periodInput('2025-03', scheme, providers, [switched], [january.run, february.run]),
        '2025-04-02',
      );
      expect(march.run).toMatchObject({ correctionCount: 4 });
      const april = previewPaymentRun(
        periodInput(
          '2025-04',
          scheme,
          providers,
          [switched],
          [january.run, february.run, march.run],
        ),
      );
      expect(april.corrections).toEqual([]);
      expect(closedPeriodsOf([march.run, january.run, february.run])).toEqual([
        '2025-01',
        '2025-02',
        '2025-03',
      ]);
    });

    it('loads a run folded all at once as folded event by event, from any point', () => {
      const { events } = runPayment(
        periodInput('2025-03', scheme, providers, [switched], [january.run, february.run]),
        '2025-04-02',
      );
      const oneByOne = events.reduce(evolvePaymentRun, initialPaymentRunState());
      expect(oneByOne).toMatchObject({ lineCount: 1, correctionCount: 4 });
      expect(evolvePaymentRunAll(initialPaymentRunState(), events)).toEqual(oneByOne);
      for (const split of [0, 1, 2, events.length]) {
        const before = events.slice(0, split).reduce(evolvePaymentRun, initialPaymentRunState());
        expect(evolvePaymentRunAll(before, events.slice(split))).toEqual(oneByOne);
      }
      expect(evolvePaymentRunAll(initialPaymentRunState(), events.slice(1))).toEqual(
        initialPaymentRunState(),
      );
    });

    it('references a first correction when the provider had no original payment', () => {
      const march = runPayment(
        periodInput('2025-03', scheme, providers, [switched], [january.run, february.run]),
        '2025-04-02',
      );
      // The switch is moved to 16 January: m-1 is now owed less for January than it got.
      const moved = entitlementOf([...before, placed('forskola', 'm-1', '2025-01-16', 'switch')]);
      const april = previewPaymentRun(
        periodInput('2025-04', scheme, providers, [moved], [january.run, february.run, march.run]),
      );
      expect(april.corrections.find((c) => c.providerId === 'm-1')).toMatchObject({
        correctsPeriod: '2025-01',
        correctsPaymentId: 'correction/forskola/2025-03/2025-01/e-1/m-1',
      });
    });

    it('leaves periods that were never run alone', () => {
      expect(
        computeCorrections({
          schemeId: 'forskola',
          currentPeriod: '2025-03',
          correctionWindowMonths: null,
          closedPeriods: ['2025-01'],
          previouslyPaid: paidItemsOf(january.run),
          recomputed: ['2025-01', '2025-02'].flatMap((period) =>
            computeVoucherLines({ period, scheme, providers, entitlements: [switched] }),
          ),
        }).map((c) => c.correctsPeriod),
      ).toEqual(['2025-01', '2025-01']);
    });

    it('needs no entitlement without an entitled day among the days it pays or corrects', () => {
      // e-2 was paid January and February at p-1; in March its end is backdated to 31 December.
      const e2 = { entitlementId: 'e-2', citizenId: 'c-2' };
      const history = [
        grantedIn('forskola', e2),
        placed('forskola', 'p-1', '2024-01-01', 'first_choice', e2),
      ];
      const paid = entitlementOf(history);
      const jan = runPayment(periodInput('2025-01', scheme, providers, [atP1, paid]), '2025-02-03');
      const feb = runPayment(
        periodInput('2025-02', scheme, providers, [atP1, paid], [jan.run]),
        '2025-03-03',
      );
      const ended = entitlementOf([
        ...history,
        {
          type: 'EntitlementEnded',
          data: {
            entitlementId: 'e-2',
            endDate: '2024-12-31',
            reason: 'moved',
            endedOn: '2025-03-10',
          },
        },
      ]);
      const whole = previewPaymentRun(
        periodInput('2025-03', scheme, providers, [atP1, ended], [jan.run, feb.run]),
      );

      const builder = new PaymentRunBuilder({
        period: '2025-03',
        scheme,
        providers,
        closedPeriods: ['2025-01', '2025-02'],
      });
      expect(builder.days).toEqual({ from: '2025-01-01', to: '2025-03-31' });
      expect(isEntitledWithin(ended, builder.days.from, builder.days.to)).toBe(false);
      expect(isEntitledWithin(atP1, builder.days.from, builder.days.to)).toBe(true);
      // Left out, its payments are corrected to nothing all the same: the same run.
      for (const run of [jan.run, feb.run]) builder.addPaid(paidItemsOf(run));
      builder.addEntitlement(atP1);
      expect(builder.finish()).toEqual(whole);
      expect(
        whole.corrections.map((c) => [c.correctsPeriod, c.entitlementId, c.difference.totalOre]),
      ).toEqual([
        ['2025-01', 'e-2', -1_060_000],
        ['2025-02', 'e-2', -1_060_000],
      ]);
    });
  });
});

describe('reconciliation', () => {
  it('totals every period and provider, and lists no row when all is correct', () => {
    const february = runPayment(periodInput('2025-02', scheme, providers, [atP1]), '2025-03-03');
    const recomputed = computeVoucherLines({
      period: '2025-02',
      scheme,
      providers,
      entitlements: [atP1],
    });
    const sums = { paidOre: 1_060_000, recomputedOre: 1_060_000, differenceOre: 0 };
    expect(reconcile(paidItemsOf(february.run), recomputed)).toEqual({
      unsettled: [],
      unsettledCount: 0,
      byPeriod: [{ period: '2025-02', ...sums, unsettledCount: 0 }],
      byProvider: [{ providerId: 'p-1', ...sums }],
      totals: sums,
      balanced: true,
    });
  });

  it('is unbalanced when a row differs even if the totals match', () => {
    const february = runPayment(periodInput('2025-02', scheme, providers, [atP1]), '2025-03-03');
    const recomputed = computeVoucherLines({
      period: '2025-02',
      scheme,
      providers: providersById(providerOf('p-1', 'forskola', 'private')),
      entitlements: [
        entitlementOf([
          grantedIn('forskola', { entitlementId: 'e-2', citizenId: 'c-2' }),
          placed('forskola', 'p-1', '2024-01-01', 'first_choice', {
            entitlementId: 'e-2',
            citizenId: 'c-2',
          }),
        ]),
      ],
    });
    const result = reconcile(paidItemsOf(february.run), recomputed);
    expect(result.totals.differenceOre).toBe(0);
    expect(result.balanced).toBe(false);
    expect(result.unsettled.map((row) => [row.citizenId, row.differenceOre])).toEqual([
      ['c-1', -1_060_000],
      ['c-2', 1_060_000],
    ]);
    expect(result.byPeriod).toEqual([
      {
        period: '2025-02',
        paidOre: 1_060_000,
        recomputedOre: 1_060_000,
        differenceOre: 0,
        unsettledCount: 2,
      },
    ]);
  });
});

describe('rounding and determinism over many citizens', () => {
  // A pseudo-random but fixed population: awkward rates, switches on any day, mixed owners.
  let seed = 20_250_301;
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  const levels = ['a', 'b', 'c'];
  const awkward = schemeWith({
    schemeId: 'forskola',
    paymentModel: 'monthly',
    rates: levels.map((level) => ({
      level,
      amountOre: 700_001 + next(900_000),
      effectiveDate: '2024-01-01',
    })),
  });
  const owners = providersById(
    providerOf('p-1', 'forskola', 'private'),
    providerOf('p-2', 'forskola', 'non_profit'),
    providerOf('m-1', 'forskola', 'municipal'),
  );
  const ids = ['p-1', 'p-2', 'm-1'];
  const population = Array.from({ length: 60 }, (_, i) => {
    const ids2 = { entitlementId: `e-${i}`, citizenId: `c-${i}` };
    const first = ids[next(3)];
    const second = ids.filter((id) => id !== first)[next(2)];
    const day = String(2 + next(27)).padStart(2, '0');
    return entitlementOf([
      grantedIn('forskola', { ...ids2, level: levels[next(3)] }),
      placed('forskola', first, '2024-01-01', 'first_choice', ids2),
      placed('forskola', second, `2025-02-${day}`, 'switch', ids2),
    ]);
  });

  it('makes the run total the exact sum of the line totals, each the sum of its parts', () => {
    const input = periodInput('2025-02', awkward, owners, population);
    const { events, preview } = runPayment(input, '2025-03-03');
    const payments = events.filter((event) => event.type === 'VoucherPaymentRecorded');
    expect(payments).toHaveLength(120);
    const sum = payments.reduce(
      (total, event) =>
        total + (event.type === 'VoucherPaymentRecorded' ? event.data.amounts.totalOre : 0),
      0,
    );
    expect(events[0].data).toMatchObject({ totalOre: sum, lineCount: 120 });
    for (const line of preview.lines) {
      const { voucherOre, vatCompensationOre, supplementOre, totalOre } = line.amounts;
      expect(voucherOre + vatCompensationOre + supplementOre).toBe(totalOre);
      expect(line.basis.paidDays).toBe(line.basis.segments.reduce((n, s) => n + s.days, 0));
    }
  });

  it('gives the same lines whatever the order of the input', () => {
    const forwards = computeVoucherLines({
      period: '2025-02',
      scheme: awkward,
      providers: owners,
      entitlements: population,
    });
    const backwards = computeVoucherLines({
      period: '2025-02',
      scheme: awkward,
      providers: owners,
      entitlements: [...population].reverse(),
    });
    expect(backwards).toEqual(forwards);
  });
});
