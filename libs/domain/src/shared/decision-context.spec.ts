import { assertDecisionContext, createDecisionContext } from './decision-context';
import { thrownBy } from '../testing/domain-test-kit';

describe('decision context', () => {
  it('derives today in Stockholm from now', () => {
    expect(createDecisionContext('2025-06-30T22:30:00Z')).toEqual({
      now: '2025-06-30T22:30:00.000Z',
      today: '2025-07-01',
    });
  });

  it('refuses a context without a valid instant and date', () => {
    expect(
      thrownBy(() => assertDecisionContext({ now: '2025-03-10 09:00', today: '2025-03-10' })).code,
    ).toBe('INVALID_CONTEXT');
    expect(
      thrownBy(() => assertDecisionContext({ now: '2025-03-10T09:00:00Z', today: '2025-3-10' }))
        .code,
    ).toBe('INVALID_CONTEXT');
    expect(thrownBy(() => createDecisionContext('yesterday')).code).toBe('INVALID_CONTEXT');
  });
});
