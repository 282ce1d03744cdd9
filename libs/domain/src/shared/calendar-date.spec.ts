import {
  addDays,
  addMonths,
  assertCalendarDate,
  daysBetween,
  isCalendarDate,
  isInstant,
  stockholmDateOf,
} from './calendar-date';
import { DomainError } from './domain.error';

describe('calendar dates', () => {
  it.each(['2024-02-29', '2000-02-29', '1992-08-17', '0001-01-01', '9999-12-31'])(
    'accepts the real date %s',
    (date) => expect(isCalendarDate(date)).toBe(true),
  );

  it.each([
    '2023-02-29',
    '1900-02-29',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-1-5',
    '20250105',
    '2025-01-05T00:00:00Z',
    ' 2025-01-05',
    '',
  ])('rejects %p', (value) => expect(isCalendarDate(value)).toBe(false));

  it('rejects non-strings', () => {
    expect(isCalendarDate(20250105)).toBe(false);
    expect(isCalendarDate(null)).toBe(false);
  });

  it('refuses an invalid date with INVALID_DATE naming the field', () => {
    expect(() => assertCalendarDate('2023-02-30', 'startDate')).toThrow(DomainError);
    try {
      assertCalendarDate('2023-02-30', 'startDate');
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_DATE', details: { field: 'startDate' } });
    }
  });

  it('adds days across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('0050-03-01', -1)).toBe('0050-02-28');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('adds months clamping to the end of the month', () => {
    expect(addMonths('2025-03-10', 3)).toBe('2025-06-10');
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonths('2025-10-31', 3)).toBe('2026-01-31');
    expect(addMonths('2025-01-31', -2)).toBe('2024-11-30');
  });

  it('recognises ISO UTC instants only', () => {
    expect(isInstant('2025-03-10T09:00:00Z')).toBe(true);
    expect(isInstant('2025-03-10T09:00:00.123Z')).toBe(true);
    expect(isInstant('2025-03-10T09:00:00+01:00')).toBe(false);
    expect(isInstant('2025-02-30T09:00:00Z')).toBe(false);
    expect(isInstant('2025-03-10T24:00:00Z')).toBe(false);
  });

  it('gives the Stockholm date of an instant in winter and summer time', () => {
    expect(stockholmDateOf('2025-01-15T22:59:59Z')).toBe('2025-01-15');
    expect(stockholmDateOf('2025-01-15T23:00:00Z')).toBe('2025-01-16');
    expect(stockholmDateOf('2024-03-31T21:59:59Z')).toBe('2024-03-31');
    expect(stockholmDateOf('2024-03-31T22:00:00Z')).toBe('2024-04-01');
  });

  it('gives the same dates minute by minute through a year as formatting each instant', () => {
    const direct = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' });
    const step = 37 * 60_000; // prime to an hour: every minute of the hour comes by
    const differing: string[] = [];
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += step) {
      if (stockholmDateOf(new Date(t)) !== direct.format(t))
        differing.push(new Date(t).toISOString());
    }
    expect(differing).toEqual([]);
  });

  it('keeps local mean time before 1900, when Stockholm was not whole hours off UTC', () => {
    // Midnight fell at 23:06:32 UTC then: two instants of one UTC hour on two dates.
    expect(stockholmDateOf('1890-06-01T23:00:00Z')).toBe('1890-06-01');
    expect(stockholmDateOf('1890-06-01T23:10:00Z')).toBe('1890-06-02');
  });
});
