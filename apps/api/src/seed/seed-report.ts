import { CalendarDate } from '@kundval/domain';
import { SeededCitizens } from './citizen-seed-summary';

/** Providers seeded in one scheme, by ownership. */
export type SeededProviderCounts = { municipal: number; private: number; nonProfit: number };

/** One seeded scheme. */
export type SeededScheme = {
  schemeId: string;
  name: string;
  startDate: CalendarDate;
  closingDate: CalendarDate | null;
  rateLevels: number;
  providers: SeededProviderCounts;
  nonChoiceProviderId: string | null;
};

/** What a seed run built, and what it appended to the log. */
export interface SeedReport {
  schemes: SeededScheme[];
  providers: number;
  warnings: number;
  deauthorisations: { providerId: string; schemeId: string; effectiveDate: CalendarDate }[];
  /** The made-up citizens and their year of entitlements and choices. */
  citizens: SeededCitizens & {
    /** Newly registered in the identity registry by this run. */
    registered: number;
    /** Time spent on the citizens' part. */
    durationMs: number;
  };
  /** Commands run through decide, and those an earlier run had already done (appending nothing). */
  commands: number;
  replayedCommands: number;
  eventsAppended: number;
  headPosition: number;
  durationMs: number;
}

/** A short human-readable summary of a seed run, for the CLI and the start-up log. */
export function formatSeedReport(report: SeedReport): string {
  const withProviders = report.schemes.filter(
    ({ providers: p }) => p.municipal + p.private + p.nonProfit > 0,
  );
  const width = Math.max(...report.schemes.map((scheme) => scheme.schemeId.length));
  const lines = [
    `Schemes: ${report.schemes.length} (closed: ${
      report.schemes
        .filter((scheme) => scheme.closingDate !== null)
        .map((scheme) => `${scheme.schemeId} from ${scheme.closingDate}`)
        .join(', ') || 'none'
    })`,
    `Providers: ${report.providers} in ${withProviders.length} schemes (municipal / private / non-profit)`,
    ...withProviders.map(
      ({ schemeId, providers: p }) =>
        `  ${schemeId.padEnd(width)}  ${p.municipal} / ${p.private} / ${p.nonProfit}`,
    ),
    `Warnings: ${report.warnings}`,
    `De-authorisations: ${report.deauthorisations.length}${report.deauthorisations
      .map((d) => ` (${d.providerId} in ${d.schemeId}, effective ${d.effectiveDate})`)
      .join('')}`,
    ...citizenLines(report),
    `Commands: ${report.commands} (${report.replayedCommands} already done by an earlier run)`,
    `Events appended: ${report.eventsAppended}; head position: ${report.headPosition}`,
    `Took ${report.durationMs} ms`,
  ];
  return lines.join('\n');
}

function citizenLines({ citizens: c }: SeedReport): string[] {
  const width = Math.max(...c.marketShares.map((share) => share.schemeId.length));
  return [
    `Citizens: ${c.citizens} (${c.registered} newly registered) with ${c.entitlements} entitlements, as of ${c.asOf}`,
    `  first choices ${c.firstChoices}, switches ${c.switches} (${c.midMonthSwitches} mid-month), ` +
      `non-choice ${c.nonChoice}, level changes ${c.levelChanges}, ended ${c.ended} (${c.durationMs} ms)`,
    `Placed on ${c.asOf} (independent / municipal):`,
    ...c.marketShares.map(
      (s) =>
        `  ${s.schemeId.padEnd(width)}  ${s.independent} / ${s.municipal}  (${s.independentPercent} % / ${100 - s.independentPercent} %)`,
    ),
  ];
}
