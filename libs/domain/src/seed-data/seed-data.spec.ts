import { toAuthorisationCondition } from '../condition/authorisation-condition';
import { decideConditionCatalogue } from '../condition/decide-condition-catalogue';
import {
  evolveConditionCatalogue,
  initialConditionCatalogueState,
} from '../condition/condition-catalogue.state';
import { decideScheme } from '../scheme/decide-scheme';
import { isSchemeOpenOn } from '../scheme/scheme.queries';
import { evolveScheme, initialSchemeState } from '../scheme/scheme.state';
import { contextOn } from '../testing/domain-test-kit';
import {
  NACKA_GENERAL_CONDITIONS,
  NACKA_HOME_CARE_SPECIFIC_CONDITIONS,
} from './nacka-general-conditions.seed';
import { NACKA_MARKET_SHARES } from './nacka-market-shares.seed';
import { NACKA_PROVIDER_COUNTS } from './nacka-provider-counts.seed';
import { NACKA_SCHEMES } from './nacka-schemes.seed';
import {
  closeSchemeCommandFromSeed,
  establishSchemeCommandFromSeed,
  generalConditionCommandsFromSeed,
  homeCareConditionCommandsFromSeed,
} from './seed-commands';

const schemeIds = NACKA_SCHEMES.map((scheme) => scheme.schemeId);

describe('Nacka seed catalogue', () => {
  it('has unique scheme ids and the schemes of seeds 001 and 003', () => {
    expect(new Set(schemeIds).size).toBe(schemeIds.length);
    expect(schemeIds).toEqual(
      expect.arrayContaining([
        'forskola',
        'grundskola',
        'gymnasieskola',
        'hemtjanst',
        'sarskilt-boende',
        'familjeradgivning',
        'familjebehandling',
        'dagverksamhet-aldre',
        'sysselsattning',
        'boendestod',
        'korttidsvistelse-lss',
        'oppenvard-missbruk',
        'daglig-verksamhet-lss',
        'ledsagar-avlosarservice-lss',
        'fotvardscheckar',
      ]),
    );
  });

  it('uses the school act for schools and LOV for the social services', () => {
    const basis = Object.fromEntries(NACKA_SCHEMES.map((s) => [s.schemeId, s.legalBasis]));
    expect(basis['grundskola']).toBe('school_act');
    expect(basis['hemtjanst']).toBe('lov');
    expect(basis['fotvardscheckar']).toBe('other');
    for (const scheme of NACKA_SCHEMES) {
      expect(scheme.lovFromYear !== null).toBe(scheme.legalBasis === 'lov');
    }
  });

  it('records foot-care vouchers as 1985–2005, the only closed scheme', () => {
    expect(NACKA_SCHEMES.filter((s) => s.closedYear !== null)).toEqual([
      expect.objectContaining({ schemeId: 'fotvardscheckar', startYear: 1985, closedYear: 2005 }),
    ]);
  });

  it('establishes every seeded scheme through the domain, and closes foot care historically', () => {
    for (const seed of NACKA_SCHEMES) {
      const established = decideScheme(
        establishSchemeCommandFromSeed(seed),
        initialSchemeState(),
        contextOn('2025-03-10'),
      ).reduce(evolveScheme, initialSchemeState());
      expect(isSchemeOpenOn(established, `${seed.startYear}-06-30`)).toBe(true);

      const close = closeSchemeCommandFromSeed(seed);
      if (close === null) continue;
      const closed = decideScheme(close, established, contextOn('2005-12-31')).reduce(
        evolveScheme,
        established,
      );
      expect(isSchemeOpenOn(closed, '2005-12-31')).toBe(true);
      expect(isSchemeOpenOn(closed, '2006-01-01')).toBe(false);
    }
  });

  it('has the provider counts of seed 003 for schemes in the catalogue', () => {
    const counts = Object.fromEntries(
      NACKA_PROVIDER_COUNTS.map((c) => [c.schemeId, [c.privateCount, c.municipalCount]]),
    );
    expect(counts).toEqual({
      hemtjanst: [54, 1],
      'sarskilt-boende': [7, 5],
      familjeradgivning: [28, 1],
      familjebehandling: [16, 1],
      'dagverksamhet-aldre': [0, 4],
      sysselsattning: [7, 4],
      boendestod: [8, 1],
      'korttidsvistelse-lss': [10, 1],
      'oppenvard-missbruk': [6, 1],
      'daglig-verksamhet-lss': [13, 6],
      'ledsagar-avlosarservice-lss': [null, null],
    });
    for (const { schemeId } of [...NACKA_PROVIDER_COUNTS, ...NACKA_MARKET_SHARES]) {
      expect(schemeIds).toContain(schemeId);
    }
  });

  it('has market shares that add up to 100 %', () => {
    for (const share of NACKA_MARKET_SHARES) {
      const total =
        share.independentPercent +
        share.ownMunicipalPercent +
        (share.otherMunicipalitiesPercent ?? 0);
      expect(total).toBe(100);
    }
  });

  it('has the five general conditions with their control points and consequences', () => {
    const conditions = NACKA_GENERAL_CONDITIONS.map((d) => toAuthorisationCondition(d, null));
    expect(conditions.map((c) => [c.conditionId, c.controlPoints, c.consequence])).toEqual([
      ['general-goals', ['at_authorisation', 'follow_up'], 'warning_or_deauthorisation'],
      ['general-keys-and-valuables', ['follow_up'], 'warning_or_deauthorisation'],
      [
        'general-competent-manager',
        ['at_authorisation', 'follow_up'],
        'warning_or_deauthorisation',
      ],
      ['general-manager-change-reported', ['self_report'], 'warning'],
      [
        'general-report-serious-complaints',
        ['follow_up', 'self_report'],
        'warning_or_deauthorisation',
      ],
    ]);
  });

  it('loads the general conditions into the catalogue and the specific ones into home care', () => {
    const catalogue = generalConditionCommandsFromSeed().reduce(
      (state, command) =>
        decideConditionCatalogue(command, state, contextOn()).reduce(
          evolveConditionCatalogue,
          state,
        ),
      initialConditionCatalogueState(),
    );
    expect(catalogue.conditions).toHaveLength(NACKA_GENERAL_CONDITIONS.length);

    const homeCare = NACKA_SCHEMES.find((s) => s.schemeId === 'hemtjanst');
    const established = decideScheme(
      establishSchemeCommandFromSeed(homeCare!),
      initialSchemeState(),
      contextOn(),
    ).reduce(evolveScheme, initialSchemeState());
    const withConditions = homeCareConditionCommandsFromSeed().reduce(
      (state, command) => decideScheme(command, state, contextOn()).reduce(evolveScheme, state),
      established,
    );
    expect(withConditions.status === 'established' && withConditions.conditions).toHaveLength(
      NACKA_HOME_CARE_SPECIFIC_CONDITIONS.length,
    );
  });
});
