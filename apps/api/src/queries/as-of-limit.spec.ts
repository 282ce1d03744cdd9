import { RecordedEvent } from '@kundval/event-store';
import { asOfLimit } from './citizen-history';

const recordedAt = (instant: string) => ({ recordedAt: instant, position: 1 }) as RecordedEvent;

describe('as of a date', () => {
  it('means the end of that day in Stockholm, not in UTC', () => {
    const asOfDec5 = asOfLimit('2026-12-05', undefined);
    expect(asOfDec5(recordedAt('2026-12-05T22:59:59.999Z'))).toBe(true); // 23:59:59 CET
    expect(asOfDec5(recordedAt('2026-12-05T23:00:00.000Z'))).toBe(false); // 00:00 on the 6th
    expect(asOfLimit('2026-12-06', undefined)(recordedAt('2026-12-05T23:00:00.000Z'))).toBe(true);
  });

  it('follows summer time', () => {
    const asOfJune30 = asOfLimit('2026-06-30', undefined);
    expect(asOfJune30(recordedAt('2026-06-30T21:59:59.999Z'))).toBe(true); // 23:59:59 CEST
    expect(asOfJune30(recordedAt('2026-06-30T22:00:00.000Z'))).toBe(false);
  });

  it('takes an instant as given', () => {
    const asOf = asOfLimit('2026-12-05T23:00:00Z', undefined);
    expect(asOf(recordedAt('2026-12-05T23:00:00.000Z'))).toBe(true);
    expect(asOf(recordedAt('2026-12-05T23:00:00.001Z'))).toBe(false);
  });
});
