import { contextOn, thrownBy } from '../testing/domain-test-kit';
import { decideEntitlement } from './decide-entitlement';
import { EntitlementCommand } from './entitlement.commands';
import { EntitlementEvent } from './entitlement.events';
import { performedHoursFor, supplementLastDay, supplementsOn } from './entitlement.queries';
import { GrantedEntitlement } from './entitlement.state';
import {
  choiceRegistered,
  entitlementFrom,
  entitlementGranted,
  homeCareGranted,
} from './entitlement.test-kit';

const TODAY = '2025-03-10';

function decide(command: EntitlementCommand, given: EntitlementEvent[]) {
  return decideEntitlement(command, entitlementFrom(given), contextOn(TODAY));
}
function refusal(command: EntitlementCommand, given: EntitlementEvent[]) {
  return thrownBy(() => decide(command, given));
}
function after(given: EntitlementEvent[], command: EntitlementCommand) {
  return entitlementFrom([...given, ...decide(command, given)]) as GrantedEntitlement;
}

describe('supplements (tilläggsbelopp)', () => {
  const preschool: EntitlementEvent[] = [entitlementGranted({ validTo: '2025-12-31' })];
  const grant = (data: Record<string, unknown> = {}): EntitlementCommand =>
    ({
      type: 'GrantSupplement',
      data: {
        entitlementId: 'e-1',
        supplementId: 's-1',
        amountOrePerMonth: 500_000,
        from: '2025-02-10',
        to: '2025-06-30',
        decisionRef: ' BUN-2025-77 ',
        ...data,
      },
    }) as EntitlementCommand;

  it('records a supplement, backdated if need be, and reads it by date', () => {
    expect(decide(grant(), preschool)).toEqual([
      {
        type: 'SupplementGranted',
        data: {
          entitlementId: 'e-1',
          supplementId: 's-1',
          amountOrePerMonth: 500_000,
          from: '2025-02-10',
          to: '2025-06-30',
          decisionRef: 'BUN-2025-77',
          grantedOn: TODAY,
        },
      },
    ]);
    const state = after(preschool, grant());
    expect(supplementsOn(state, '2025-02-09')).toEqual([]);
    expect(supplementsOn(state, '2025-02-10').map((s) => s.supplementId)).toEqual(['s-1']);
    expect(supplementsOn(state, '2025-06-30')).toHaveLength(1);
    expect(supplementsOn(state, '2025-07-01')).toEqual([]);
  });

  it('is idempotent for the same terms and refuses other terms under the same id', () => {
    const given = [...preschool, ...decide(grant(), preschool)];
    expect(decide(grant(), given)).toEqual([]);
    expect(refusal(grant({ amountOrePerMonth: 1 }), given).code).toBe('SUPPLEMENT_ALREADY_GRANTED');
  });

  it.each([
    [{ amountOrePerMonth: 0 }, 'INVALID_MONEY'],
    [{ amountOrePerMonth: 12.5 }, 'INVALID_MONEY'],
    [{ from: '2024-12-31' }, 'NOT_ENTITLED_ON_DATE'],
    [{ to: '2025-02-09' }, 'INVALID_DATE'],
    [{ to: '2026-01-01' }, 'INVALID_DATE'],
    [{ decisionRef: ' ' }, 'INVALID_INPUT'],
  ])('refuses %p with %s', (data, code) => {
    expect(refusal(grant(data), preschool).code).toBe(code);
  });

  it('ends a supplement early, once', () => {
    const given = [...preschool, ...decide(grant({ to: null }), preschool)];
    const end = (endDate: string, supplementId = 's-1'): EntitlementCommand => ({
      type: 'EndSupplement',
      data: { entitlementId: 'e-1', supplementId, endDate, reason: 'Needs met' },
    });
    const ended = after(given, end('2025-04-15'));
    expect(supplementLastDay(ended.supplements[0])).toBe('2025-04-15');
    expect(supplementsOn(ended, '2025-04-16')).toEqual([]);
    const endedGiven = [...given, ...decide(end('2025-04-15'), given)];
    expect(refusal(end('2025-04-10'), endedGiven).code).toBe('SUPPLEMENT_ENDED');
    expect(refusal(end('2025-04-10', 's-2'), given).code).toBe('SUPPLEMENT_NOT_FOUND');
    expect(refusal(end('2025-02-08'), given).code).toBe('INVALID_DATE');
    // The day before it starts revokes it.
    expect(supplementLastDay(after(given, end('2025-02-09')).supplements[0])).toBe('2025-02-09');
  });

  it('pays no supplement outside the entitlement', () => {
    const state = after(preschool, grant({ to: null }));
    expect(supplementsOn(state, '2026-01-01')).toEqual([]);
  });
});

describe('performed hours (home care)', () => {
  const homeCare: EntitlementEvent[] = [
    homeCareGranted(),
    choiceRegistered('p-1', '2024-01-01', 'first_choice', { schemeId: 'hemtjanst' }),
    choiceRegistered('p-2', '2025-02-15', 'switch', { schemeId: 'hemtjanst' }),
  ];
  const report = (data: Record<string, unknown> = {}): EntitlementCommand =>
    ({
      type: 'ReportPerformedHours',
      data: {
        entitlementId: 'e-1',
        period: '2025-02',
        providerId: 'p-1',
        hundredthsOfHours: 1_150,
        reportId: 'r-1',
        ...data,
      },
    }) as EntitlementCommand;

  it('records a report naming nothing it replaces', () => {
    expect(decide(report(), homeCare)).toEqual([
      {
        type: 'PerformedHoursReported',
        data: {
          entitlementId: 'e-1',
          citizenId: 'c-1',
          schemeId: 'hemtjanst',
          reportId: 'r-1',
          period: '2025-02',
          providerId: 'p-1',
          hundredthsOfHours: 1_150,
          replacesReportId: null,
          reportedOn: TODAY,
        },
      },
    ]);
  });

  it('lets a later report for the same month and provider replace the earlier one', () => {
    const given = [...homeCare, ...decide(report(), homeCare)];
    const [correction] = decide(report({ reportId: 'r-2', hundredthsOfHours: 1_000 }), given);
    expect(correction.data).toMatchObject({ replacesReportId: 'r-1', hundredthsOfHours: 1_000 });
    const state = entitlementFrom([...given, correction]);
    expect(performedHoursFor(state, '2025-02', 'p-1')).toMatchObject({
      reportId: 'r-2',
      hundredthsOfHours: 1_000,
    });
    expect(performedHoursFor(state, '2025-02', 'p-2')).toBeUndefined();
    expect(performedHoursFor(state, '2025-01', 'p-1')).toBeUndefined();
  });

  it('keeps reports per provider when both had the citizen that month', () => {
    const given = [...homeCare, ...decide(report(), homeCare)];
    const state = after(
      given,
      report({ providerId: 'p-2', reportId: 'r-3', hundredthsOfHours: 900 }),
    );
    expect(performedHoursFor(state, '2025-02', 'p-1')?.hundredthsOfHours).toBe(1_150);
    expect(performedHoursFor(state, '2025-02', 'p-2')?.hundredthsOfHours).toBe(900);
  });

  it('records the same report sent twice once, and refuses a reused id', () => {
    const given = [...homeCare, ...decide(report(), homeCare)];
    expect(decide(report(), given)).toEqual([]);
    expect(refusal(report({ hundredthsOfHours: 1 }), given).code).toBe('ALREADY_RECORDED');
  });

  it.each([
    [{ period: '2025-04' }, 'DATE_IN_FUTURE'],
    [{ period: '2025-2' }, 'INVALID_PERIOD'],
    [{ providerId: 'p-2', period: '2025-01' }, 'PROVIDER_NOT_PLACED'],
    [{ providerId: 'p-1', period: '2025-03' }, 'PROVIDER_NOT_PLACED'],
    [{ hundredthsOfHours: 12.5 }, 'INVALID_INPUT'],
    [{ hundredthsOfHours: 74_401 }, 'INVALID_INPUT'],
    [{ hundredthsOfHours: -1 }, 'INVALID_INPUT'],
  ])('refuses %p with %s', (data, code) => {
    expect(refusal(report(data), homeCare).code).toBe(code);
  });

  it('refuses hours on a scheme that is not paid per hour', () => {
    const preschool = [entitlementGranted(), choiceRegistered('p-1', '2025-01-01')];
    expect(refusal(report({ period: '2025-01' }), preschool).code).toBe('HOURS_NOT_APPLICABLE');
  });
});
