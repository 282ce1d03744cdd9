import { EVENT_TYPE, STREAM_NAME } from '@eventstore/db-client';
import { escapeRegex, isSystemEvent, planLogFilter } from './to-client-filter';

const event = (type: string, streamId: string) => ({ type, streamId });

describe('planLogFilter', () => {
  it('without a filter, asks the server to leave out system events and accepts the rest', () => {
    const plan = planLogFilter(undefined);
    expect(plan.server).toMatchObject({ filterOn: EVENT_TYPE, regex: '^[^$].*' });
    expect(plan.accepts(event('ChoiceRegistered', 'citizen-1'))).toBe(true);
    expect(plan.accepts(event('$metadata', '$$citizen-1'))).toBe(false);
    expect(plan.accepts(event('$>', '$ce-citizen'))).toBe(false);
    expect(plan.matchesNothing).toBe(false);
  });

  it('sends event types to the server as an anchored regex of exact names', () => {
    const plan = planLogFilter({ eventTypes: ['RateScheduled', 'Scheme.Established'] });
    expect(plan.server).toMatchObject({
      filterOn: EVENT_TYPE,
      regex: '^(?:RateScheduled|Scheme\\.Established)$',
    });
    const regex = new RegExp((plan.server as { regex: string }).regex);
    expect(regex.test('RateScheduled')).toBe(true);
    expect(regex.test('RateScheduledV2')).toBe(false);
    expect(regex.test('SchemeXEstablished')).toBe(false);
    expect(plan.accepts(event('RateScheduled', 'scheme-1'))).toBe(true);
    expect(plan.accepts(event('RateScheduledV2', 'scheme-1'))).toBe(false);
  });

  it('sends stream prefixes to the server when no event types are given', () => {
    const plan = planLogFilter({ streamPrefixes: ['school-', 'preschool-'] });
    expect(plan.server).toMatchObject({
      filterOn: STREAM_NAME,
      prefixes: ['school-', 'preschool-'],
    });
    expect(plan.accepts(event('A', 'preschool-7'))).toBe(true);
    expect(plan.accepts(event('A', 'homecare-7'))).toBe(false);
    // Exact, case-sensitive prefixes, as the embedded store matches them.
    expect(plan.accepts(event('A', 'School-7'))).toBe(false);
  });

  it('with both criteria, filters types on the server and checks both here', () => {
    const plan = planLogFilter({ eventTypes: ['RateScheduled'], streamPrefixes: ['school-'] });
    expect(plan.server).toMatchObject({ filterOn: EVENT_TYPE });
    expect(plan.accepts(event('RateScheduled', 'school-1'))).toBe(true);
    expect(plan.accepts(event('RateScheduled', 'provider-1'))).toBe(false);
    expect(plan.accepts(event('SchemeEstablished', 'school-1'))).toBe(false);
  });

  it('never accepts system events, even when a filter names them', () => {
    const plan = planLogFilter({ eventTypes: ['$metadata'] });
    expect(plan.accepts(event('$metadata', '$$citizen-1'))).toBe(false);
  });

  it('an empty list matches nothing', () => {
    expect(planLogFilter({ eventTypes: [] }).matchesNothing).toBe(true);
    expect(planLogFilter({ streamPrefixes: [] }).matchesNothing).toBe(true);
    expect(planLogFilter({ eventTypes: ['A'], streamPrefixes: [] }).matchesNothing).toBe(true);
  });

  it('does not keep a reference to the caller’s arrays', () => {
    const prefixes = ['a-'];
    const plan = planLogFilter({ streamPrefixes: prefixes });
    prefixes.push('b-');
    expect(plan.accepts(event('X', 'b-1'))).toBe(false);
  });
});

describe('escapeRegex', () => {
  it('escapes every regex metacharacter', () => {
    const text = 'a.b*c+d?e^f$g|h(i)j[k]l{m}n\\o';
    expect(new RegExp(`^${escapeRegex(text)}$`).test(text)).toBe(true);
  });
});

describe('isSystemEvent', () => {
  it('recognises $-types and $-streams', () => {
    expect(isSystemEvent(event('$streamCreated', 'x'))).toBe(true);
    expect(isSystemEvent(event('Any', '$settings'))).toBe(true);
    expect(isSystemEvent(event('ChoiceRegistered', 'citizen-1'))).toBe(false);
  });
});
