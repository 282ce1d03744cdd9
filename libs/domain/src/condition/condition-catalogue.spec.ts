import { decideConditionCatalogue } from './decide-condition-catalogue';
import {
  evolveConditionCatalogue,
  initialConditionCatalogueState,
} from './condition-catalogue.state';
import {
  allowsSanction,
  AuthorisationCondition,
  resolveCitedConditions,
  toAuthorisationCondition,
} from './authorisation-condition';
import { applicableConditions } from './applicable-conditions';
import { DefineGeneralCondition } from './condition-catalogue.commands';
import { contextOn, schemeEstablished, schemeFrom, thrownBy } from '../testing/domain-test-kit';

const define = (
  overrides: Partial<DefineGeneralCondition['data']> = {},
): DefineGeneralCondition => ({
  type: 'DefineGeneralCondition',
  data: {
    conditionId: 'general-goals',
    title: 'Goals',
    text: 'Anordnaren ska redovisa hur målen nås.',
    controlPoints: ['follow_up', 'at_authorisation'],
    consequence: 'warning_or_deauthorisation',
    ...overrides,
  },
});

describe('condition catalogue', () => {
  it('defines a general condition with control points in canonical order', () => {
    const events = decideConditionCatalogue(
      define(),
      initialConditionCatalogueState(),
      contextOn(),
    );
    expect(events).toEqual([
      {
        type: 'GeneralConditionDefined',
        data: {
          condition: {
            conditionId: 'general-goals',
            scope: 'general',
            schemeId: null,
            title: 'Goals',
            text: 'Anordnaren ska redovisa hur målen nås.',
            controlPoints: ['at_authorisation', 'follow_up'],
            consequence: 'warning_or_deauthorisation',
          },
        },
      },
    ]);
    const state = events.reduce(evolveConditionCatalogue, initialConditionCatalogueState());
    expect(state.conditions.map((c) => c.conditionId)).toEqual(['general-goals']);
  });

  it('refuses to define the same condition twice', () => {
    const state = decideConditionCatalogue(
      define(),
      initialConditionCatalogueState(),
      contextOn(),
    ).reduce(evolveConditionCatalogue, initialConditionCatalogueState());
    expect(thrownBy(() => decideConditionCatalogue(define(), state, contextOn())).code).toBe(
      'CONDITION_ALREADY_DEFINED',
    );
  });

  it.each([
    [{ controlPoints: [] }, 'INVALID_CONDITION'],
    [{ controlPoints: ['at_authorisation', 'at_authorisation'] }, 'INVALID_CONDITION'],
    [{ controlPoints: ['inspection'] }, 'INVALID_CONDITION'],
    [{ consequence: 'fine' }, 'INVALID_INPUT'],
    [{ title: '  ' }, 'INVALID_INPUT'],
    [{ conditionId: 'has space' }, 'INVALID_INPUT'],
  ])('refuses a malformed definition %p with %s', (overrides, code) => {
    const command = define(overrides as Partial<DefineGeneralCondition['data']>);
    expect(
      thrownBy(() =>
        decideConditionCatalogue(command, initialConditionCatalogueState(), contextOn()),
      ).code,
    ).toBe(code);
  });
});

describe('citing conditions', () => {
  const warningOnly = toAuthorisationCondition(
    {
      conditionId: 'manager-change',
      title: 'Manager change reported',
      text: 'Byte ska anmälas.',
      controlPoints: ['self_report'],
      consequence: 'warning',
    },
    null,
  );
  const serious = toAuthorisationCondition(
    {
      conditionId: 'keys',
      title: 'Keys',
      text: 'Rutiner för nycklar.',
      controlPoints: ['follow_up'],
      consequence: 'warning_or_deauthorisation',
    },
    null,
  );
  const otherSchemes = toAuthorisationCondition(
    {
      conditionId: 'school-specific',
      title: 'School only',
      text: 'Gäller skola.',
      controlPoints: ['follow_up'],
      consequence: 'warning_or_deauthorisation',
    },
    'grundskola',
  );
  const conditions: AuthorisationCondition[] = [warningOnly, serious];

  it('lets any consequence allow a warning, and only warning_or_deauthorisation a de-authorisation', () => {
    expect(allowsSanction(warningOnly, 'warning')).toBe(true);
    expect(allowsSanction(warningOnly, 'deauthorisation')).toBe(false);
    expect(allowsSanction(serious, 'deauthorisation')).toBe(true);
  });

  it('refuses a de-authorisation citing a warning-only condition', () => {
    expect(
      thrownBy(() =>
        resolveCitedConditions(conditions, 'hemtjanst', ['manager-change'], 'deauthorisation'),
      ).code,
    ).toBe('CONSEQUENCE_NOT_ALLOWED');
  });

  it('refuses an unknown condition and one specific to another scheme', () => {
    expect(
      thrownBy(() => resolveCitedConditions(conditions, 'hemtjanst', ['nope'], 'warning')).code,
    ).toBe('UNKNOWN_CONDITION');
    expect(
      thrownBy(() =>
        resolveCitedConditions([...conditions, otherSchemes], 'hemtjanst', ['keys'], 'warning'),
      ).code,
    ).toBe('CONDITION_NOT_APPLICABLE');
  });

  it('lists the general conditions followed by the scheme-specific ones', () => {
    const scheme = schemeFrom([
      schemeEstablished('hemtjanst'),
      {
        type: 'SchemeConditionDefined',
        data: {
          schemeId: 'hemtjanst',
          condition: { ...otherSchemes, conditionId: 'hemtjanst-x', schemeId: 'hemtjanst' },
        },
      },
    ]);
    const ids = applicableConditions({ conditions }, scheme).map((c) => c.conditionId);
    expect(ids).toEqual(['manager-change', 'keys', 'hemtjanst-x']);
  });
});
