import { thrownBy } from '../testing/domain-test-kit';
import { countingDayOf, dayOfWeek, isWeekday } from './counting-day';
import {
  addPeriods,
  assertPeriod,
  datesOf,
  daysInPeriod,
  firstDayOf,
  isPeriod,
  lastDayOf,
  periodOf,
} from './period';
import { divideRounded } from './rounding';

describe('periods', () => {
  it.each(['2025-01', '2024-12', '0001-01'])('accepts %s', (value) =>
    expect(isPeriod(value)).toBe(true),
  );

  it.each(['2025-13', '2025-00', '2025-1', '202501', '2025-01-01', '0000-05', 202501])(
    'rejects %p',
    (value) => expect(isPeriod(value)).toBe(false),
  );

  it('refuses an invalid period with INVALID_PERIOD naming the field', () => {
    expect(thrownBy(() => assertPeriod('2025-13', 'period'))).toMatchObject({
      code: 'INVALID_PERIOD',
      details: { field: 'period' },
    });
  });

  it('knows its days, first and last day, and neighbours', () => {
    expect(periodOf('2024-02-29')).toBe('2024-02');
    expect(firstDayOf('2024-02')).toBe('2024-02-01');
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2025-02')).toBe('2025-02-28');
    expect(daysInPeriod('2025-03')).toBe(31);
    expect(datesOf('2025-04')).toHaveLength(30);
    expect(datesOf('2025-04')[29]).toBe('2025-04-30');
    expect(addPeriods('2025-01', -1)).toBe('2024-12');
    expect(addPeriods('2024-12', 1)).toBe('2025-01');
    expect(addPeriods('2025-03', -14)).toBe('2024-01');
  });
});

describe('counting days (mätdatum)', () => {
  it('knows the day of the week', () => {
    expect(dayOfWeek('2025-03-10')).toBe(1); // a Monday
    expect(dayOfWeek('2025-03-15')).toBe(6);
    expect(dayOfWeek('2025-03-16')).toBe(7);
    expect(dayOfWeek('1969-12-31')).toBe(3);
    expect(isWeekday('2025-03-14')).toBe(true);
    expect(isWeekday('2025-03-15')).toBe(false);
  });

  it('moves the 15th to Monday when it falls on a weekend', () => {
    expect(countingDayOf('2025-03', 'fifteenth')).toBe('2025-03-17'); // Saturday → Monday
    expect(countingDayOf('2025-06', 'fifteenth')).toBe('2025-06-16'); // Sunday → Monday
    expect(countingDayOf('2025-04', 'fifteenth')).toBe('2025-04-15'); // a Tuesday
  });

  it('finds the first and last weekday of a month', () => {
    expect(countingDayOf('2025-03', 'first_weekday')).toBe('2025-03-03'); // 1st is a Saturday
    expect(countingDayOf('2025-05', 'first_weekday')).toBe('2025-05-01'); // holidays not modelled
    expect(countingDayOf('2025-08', 'last_weekday')).toBe('2025-08-29'); // 31st is a Sunday
    expect(countingDayOf('2025-03', 'last_weekday')).toBe('2025-03-31');
  });
});

describe('the rounding rule', () => {
  it('rounds an exact fraction once, half away from zero', () => {
    expect(divideRounded(10n, 4n)).toBe(3); // 2.5
    expect(divideRounded(9n, 4n)).toBe(2); // 2.25
    expect(divideRounded(-10n, 4n)).toBe(-3);
    expect(divideRounded(-9n, 4n)).toBe(-2);
    expect(divideRounded(11_135_795n, 31n)).toBe(359_219);
  });

  it('refuses a zero denominator and amounts beyond safe integers', () => {
    expect(thrownBy(() => divideRounded(1n, 0n)).code).toBe('INVALID_INPUT');
    expect(thrownBy(() => divideRounded(2n ** 60n, 1n)).code).toBe('INVALID_MONEY');
  });
});
