import { CalendarDate } from '@kundval/domain';

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
    `Commands: ${report.commands} (${report.replayedCommands} already done by an earlier run)`,
    `Events appended: ${report.eventsAppended}; head position: ${report.headPosition}`,
    `Took ${report.durationMs} ms`,
  ];
  return lines.join('\n');
}
