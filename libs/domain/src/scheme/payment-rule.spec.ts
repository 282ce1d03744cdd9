import { decideScheme } from './decide-scheme';
import { SchemeCommand } from './scheme.commands';
import { SchemeEvent } from './scheme.events';
import { paymentRuleFor } from './scheme.queries';
import { DEFAULT_PAYMENT_RULE } from './scheme.types';
import { contextOn, schemeEstablished, schemeFrom, thrownBy } from '../testing/domain-test-kit';

const SCHEME_ID = 'hemtjanst';

function decide(command: SchemeCommand, given: SchemeEvent[] = [schemeEstablished()]) {
  return decideScheme(command, schemeFrom(given), contextOn('2025-03-10'));
}

const setRule = (data: Record<string, unknown>) =>
  ({ type: 'SetPaymentRule', data: { schemeId: SCHEME_ID, ...data } }) as unknown as SchemeCommand;

describe('the payment rule of a scheme', () => {
  it('is per day with corrections without limit until one is set', () => {
    const scheme = schemeFrom([schemeEstablished()]);
    expect(paymentRuleFor(scheme, '2025-03')).toEqual(DEFAULT_PAYMENT_RULE);
    expect(DEFAULT_PAYMENT_RULE).toEqual({ proration: 'per_day', correctionWindowMonths: null });
    expect(paymentRuleFor(schemeFrom([]), '2025-03')).toEqual(DEFAULT_PAYMENT_RULE);
  });

  it('records a counting-day rule from the current month by default', () => {
    expect(
      decide(
        setRule({ proration: 'counting_day', countingDay: 'fifteenth', correctionWindowMonths: 1 }),
      ),
    ).toEqual([
      {
        type: 'SchemePaymentRuleSet',
        data: {
          schemeId: SCHEME_ID,
          proration: 'counting_day',
          countingDay: 'fifteenth',
          correctionWindowMonths: 1,
          effectiveFrom: '2025-03',
          setOn: '2025-03-10',
        },
      },
    ]);
  });

  it('applies each rule from its period on; earlier periods keep theirs', () => {
    const given = [schemeEstablished()];
    const first = decide(
      setRule({
        proration: 'counting_day',
        countingDay: 'last_weekday',
        correctionWindowMonths: 2,
      }),
      given,
    );
    const second = decide(
      setRule({ proration: 'per_day', correctionWindowMonths: null, effectiveFrom: '2025-07' }),
      [...given, ...first],
    );
    const scheme = schemeFrom([...given, ...first, ...second]);
    expect(paymentRuleFor(scheme, '2025-02')).toEqual(DEFAULT_PAYMENT_RULE);
    expect(paymentRuleFor(scheme, '2025-03')).toEqual({
      proration: 'counting_day',
      countingDay: 'last_weekday',
      correctionWindowMonths: 2,
    });
    expect(paymentRuleFor(scheme, '2025-06')).toMatchObject({ proration: 'counting_day' });
    expect(paymentRuleFor(scheme, '2025-07')).toEqual({
      proration: 'per_day',
      correctionWindowMonths: null,
    });
  });

  it('lets a later setting for the same period win', () => {
    const given = [schemeEstablished()];
    const first = decide(setRule({ proration: 'per_day', correctionWindowMonths: 1 }), given);
    const second = decide(setRule({ proration: 'per_day', correctionWindowMonths: 3 }), [
      ...given,
      ...first,
    ]);
    const scheme = schemeFrom([...given, ...first, ...second]);
    expect(paymentRuleFor(scheme, '2025-04').correctionWindowMonths).toBe(3);
  });

  it('treats a missing correction window as no limit', () => {
    const [event] = decide(setRule({ proration: 'per_day' }));
    expect(event.data).toMatchObject({ correctionWindowMonths: null });
  });

  it.each([
    [
      { proration: 'per_day', correctionWindowMonths: 1, effectiveFrom: '2025-02' },
      'RETROACTIVE_CHANGE',
    ],
    [
      { proration: 'per_day', correctionWindowMonths: 1, effectiveFrom: '2025-13' },
      'INVALID_PERIOD',
    ],
    [{ proration: 'weekly', correctionWindowMonths: 1 }, 'INVALID_INPUT'],
    [{ proration: 'counting_day', correctionWindowMonths: 1 }, 'INVALID_INPUT'],
    [
      { proration: 'counting_day', countingDay: 'tenth', correctionWindowMonths: 1 },
      'INVALID_INPUT',
    ],
    [
      { proration: 'per_day', countingDay: 'fifteenth', correctionWindowMonths: 1 },
      'INVALID_INPUT',
    ],
    [{ proration: 'per_day', correctionWindowMonths: -1 }, 'INVALID_INPUT'],
    [{ proration: 'per_day', correctionWindowMonths: 1.5 }, 'INVALID_INPUT'],
  ])('refuses %p with %s', (data, code) => {
    expect(thrownBy(() => decide(setRule(data))).code).toBe(code);
  });

  it('refuses a change to a closed scheme', () => {
    const closed: SchemeEvent = {
      type: 'SchemeClosed',
      data: { schemeId: SCHEME_ID, closingDate: '2025-12-31', reason: 'x', closedOn: '2025-03-01' },
    };
    expect(
      thrownBy(() =>
        decide(setRule({ proration: 'per_day', correctionWindowMonths: 1 }), [
          schemeEstablished(),
          closed,
        ]),
      ).code,
    ).toBe('SCHEME_CLOSED');
  });
});
