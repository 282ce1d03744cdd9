import { EntitlementEvent } from './entitlement.events';
import {
  isEntitledOn,
  lastEntitledDay,
  levelOn,
  needsNonChoice,
  nonChoiceEffectiveDate,
  placementEndingBecauseOf,
  placementOn,
  providerOn,
} from './entitlement.queries';
import { GrantedEntitlement } from './entitlement.state';
import { choiceRegistered, entitlementFrom, entitlementGranted } from './entitlement.test-kit';

const granted = (overrides = {}) =>
  entitlementFrom([entitlementGranted(overrides)]) as GrantedEntitlement;
const ended = (endDate: string): EntitlementEvent => ({
  type: 'EntitlementEnded',
  data: { entitlementId: 'e-1', endDate, reason: 'Flytt.', endedOn: endDate },
});

describe('entitlement queries', () => {
  it('gives the last day as the earlier of validTo and an early end', () => {
    expect(lastEntitledDay(granted())).toBeNull();
    expect(lastEntitledDay(granted({ validTo: '2025-12-31' }))).toBe('2025-12-31');
    const endedEarly = entitlementFrom([
      entitlementGranted({ validTo: '2025-12-31' }),
      ended('2025-06-30'),
    ]) as GrantedEntitlement;
    expect(lastEntitledDay(endedEarly)).toBe('2025-06-30');
  });

  it('answers nothing for an entitlement not granted', () => {
    const none = entitlementFrom([]);
    expect(isEntitledOn(none, '2025-01-01')).toBe(false);
    expect(placementOn(none, '2025-01-01')).toBeUndefined();
    expect(needsNonChoice(none, '2025-01-01')).toBe(false);
    expect(placementEndingBecauseOf(none, 'p-1', '2025-01-01')).toBeUndefined();
  });

  it('reads the level in force, the later recorded winning on the same date', () => {
    const changed = (level: string, effectiveDate: string): EntitlementEvent => ({
      type: 'EntitlementLevelChanged',
      data: {
        entitlementId: 'e-1',
        level,
        effectiveDate,
        grantedHoursPerMonth: null,
        decisionRef: null,
        changedOn: '2025-02-01',
      },
    });
    const state = entitlementFrom([
      entitlementGranted(),
      changed('age-4-5', '2026-01-01'),
      changed('age-3', '2026-01-01'),
      changed('age-1-3-extra', '2025-06-01'),
    ]);
    expect(levelOn(state, '2024-12-31')).toBeUndefined();
    expect(levelOn(state, '2025-05-31')?.level).toBe('age-1-3');
    expect(levelOn(state, '2025-06-01')?.level).toBe('age-1-3-extra');
    expect(levelOn(state, '2026-01-01')?.level).toBe('age-3');
  });

  it('gives no placement outside the entitlement even if one is open-ended', () => {
    const state = entitlementFrom([
      entitlementGranted({ validTo: '2025-12-31' }),
      choiceRegistered('p-1', '2025-01-01'),
    ]);
    expect(providerOn(state, '2025-12-31')).toBe('p-1');
    expect(providerOn(state, '2026-01-01')).toBeNull();
  });

  describe('needsNonChoice', () => {
    it('is true after the deadline without any choice', () => {
      const state = granted();
      expect(needsNonChoice(state, '2024-12-15')).toBe(false); // the last day to choose
      expect(needsNonChoice(state, '2024-12-16')).toBe(true);
    });

    it('is false once anything was chosen, even starting later', () => {
      const state = entitlementFrom([entitlementGranted(), choiceRegistered('p-1', '2025-09-01')]);
      expect(needsNonChoice(state, '2025-03-10')).toBe(false);
    });

    it('is false without a deadline or after the entitlement ran out', () => {
      expect(needsNonChoice(granted({ choiceDeadline: null }), '2025-03-10')).toBe(false);
      expect(needsNonChoice(granted({ validTo: '2025-02-28' }), '2025-03-10')).toBe(false);
    });

    it('takes effect on the first day entitled when assigned before it', () => {
      const state = granted({ validFrom: '2025-08-01', choiceDeadline: '2025-05-31' });
      expect(needsNonChoice(state, '2025-06-01')).toBe(true);
      expect(nonChoiceEffectiveDate(state, '2025-06-01')).toBe('2025-08-01');
      expect(nonChoiceEffectiveDate(state, '2025-09-10')).toBe('2025-09-10');
    });
  });

  describe('placementEndingBecauseOf', () => {
    const history = [
      entitlementGranted(),
      choiceRegistered('p-1', '2025-01-01'),
      choiceRegistered('p-2', '2025-06-01', 'switch'),
    ];

    it('finds the placement running when the provider leaves', () => {
      const state = entitlementFrom(history);
      expect(placementEndingBecauseOf(state, 'p-2', '2025-09-01')).toMatchObject({
        providerId: 'p-2',
        from: '2025-06-01',
      });
      expect(placementEndingBecauseOf(state, 'p-1', '2025-05-01')).toMatchObject({
        providerId: 'p-1',
      });
    });

    it('finds a placement that would start after the provider has left', () => {
      expect(placementEndingBecauseOf(entitlementFrom(history), 'p-2', '2025-04-01')).toMatchObject(
        { providerId: 'p-2' },
      );
    });

    it('ignores a placement the citizen left in time or one past the entitlement', () => {
      expect(
        placementEndingBecauseOf(entitlementFrom(history), 'p-1', '2025-06-01'),
      ).toBeUndefined();
      const endedBefore = entitlementFrom([...history, ended('2025-08-31')]);
      expect(placementEndingBecauseOf(endedBefore, 'p-2', '2025-09-01')).toBeUndefined();
    });
  });
});
