import {
  isSchemeOpenOn,
  rateOn,
  ratesOn,
  schemeOpennessOn,
  vatCompensationOn,
} from './scheme.queries';
import { SchemeEvent } from './scheme.events';
import { initialSchemeState } from './scheme.state';
import { schemeEstablished, schemeFrom } from '../testing/domain-test-kit';

const rate = (
  level: string,
  amountOre: number,
  effectiveDate: string,
  scheduledOn = '2024-01-01',
) =>
  ({
    type: 'SchemeRateScheduled',
    data: { schemeId: 'hemtjanst', level, amountOre, effectiveDate, scheduledOn },
  }) as SchemeEvent;

describe('scheme queries', () => {
  const scheme = schemeFrom([
    schemeEstablished('hemtjanst', 'lov', '2010-01-01'),
    rate('standard', 40_000, '2024-01-01'),
    rate('standard', 42_000, '2025-01-01'),
    rate('standard', 43_000, '2025-07-01'),
    // A correction of the not-yet-effective July rate: the later scheduling wins.
    rate('standard', 43_500, '2025-07-01', '2025-03-01'),
    rate('rural', 48_000, '2024-01-01'),
    {
      type: 'SchemeVatCompensationSet',
      data: {
        schemeId: 'hemtjanst',
        basisPoints: 800,
        effectiveDate: '2026-01-01',
        setOn: '2025-02-01',
      },
    },
    {
      type: 'SchemeClosed',
      data: {
        schemeId: 'hemtjanst',
        closingDate: '2030-01-01',
        reason: 'Ends.',
        closedOn: '2025-02-01',
      },
    },
  ]);

  it('finds the rate in force on a date', () => {
    expect(rateOn(scheme, 'standard', '2023-12-31')).toBeUndefined();
    expect(rateOn(scheme, 'standard', '2024-06-30')?.amountOre).toBe(40_000);
    expect(rateOn(scheme, 'standard', '2025-01-01')?.amountOre).toBe(42_000);
    expect(rateOn(scheme, 'standard', '2025-06-30')?.amountOre).toBe(42_000);
    expect(rateOn(scheme, 'standard', '2025-07-01')?.amountOre).toBe(43_500);
    expect(rateOn(scheme, 'unknown', '2025-07-01')).toBeUndefined();
  });

  it('lists the rates in force per level', () => {
    expect(ratesOn(scheme, '2025-03-01').map((r) => [r.level, r.amountOre])).toEqual([
      ['rural', 48_000],
      ['standard', 42_000],
    ]);
  });

  it('finds the VAT compensation in force on a date', () => {
    expect(vatCompensationOn(scheme, '2009-12-31')).toBe(0);
    expect(vatCompensationOn(scheme, '2025-12-31')).toBe(600);
    expect(vatCompensationOn(scheme, '2026-01-01')).toBe(800);
  });

  it('tells whether the scheme runs on a date (closed from the closing date)', () => {
    expect(schemeOpennessOn(initialSchemeState(), '2025-01-01')).toBe('not_established');
    expect(schemeOpennessOn(scheme, '2009-12-31')).toBe('not_started');
    expect(isSchemeOpenOn(scheme, '2010-01-01')).toBe(true);
    expect(isSchemeOpenOn(scheme, '2029-12-31')).toBe(true);
    expect(schemeOpennessOn(scheme, '2030-01-01')).toBe('closed');
  });
});
