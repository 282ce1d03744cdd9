import { assertPeriod } from '@kundval/domain';
import { Statements } from '../payouts/statements.service';
import { CliCommand } from './cli-command';

/** Recomputes every closed period and prints the differences; exit code 1 when not balanced. */
export const reconcileCommand: CliCommand = {
  name: 'reconcile',
  usage: 'reconcile [schemeId] [period]',
  summary: 'recompute paid periods from history; differences per provider and citizen',
  async run(app, [schemeId, period]) {
    if (period) assertPeriod(period, 'period');
    const report = await app
      .get(Statements)
      .reconcile(schemeId ? [schemeId] : undefined, period || undefined);
    for (const scheme of report.schemes) {
      const { paidOre, recomputedOre, differenceOre } = scheme.totals;
      console.log(
        `${scheme.schemeId.padEnd(28)} paid ${paidOre} öre, recomputed ${recomputedOre} öre, difference ${differenceOre} öre`,
      );
      for (const row of scheme.unsettled) {
        console.log(
          `  ${row.period} ${row.providerId} citizen ${row.citizenId}: ${row.differenceOre} öre`,
        );
      }
      const unlisted = scheme.unsettledCount - scheme.unsettled.length;
      if (unlisted > 0) console.log(`  … and ${unlisted} more rows that differ`);
    }
    console.log(
      report.balanced
        ? 'Balanced: every payment equals what the history says was owed.'
        : 'NOT balanced.',
    );
    return report.balanced ? 0 : 1;
  },
};
