import { Statements } from '../payouts/statements.service';
import { CliCommand } from './cli-command';

/** Recomputes every closed period and prints the differences; exit code 1 when not balanced. */
export const reconcileCommand: CliCommand = {
  name: 'reconcile',
  usage: 'reconcile [schemeId]',
  summary: 'recompute paid periods from history; differences per provider and citizen',
  async run(app, [schemeId]) {
    const report = await app.get(Statements).reconcile(schemeId ? [schemeId] : undefined);
    for (const scheme of report.schemes) {
      const { paidOre, recomputedOre, differenceOre } = scheme.totals;
      console.log(
        `${scheme.schemeId.padEnd(28)} paid ${paidOre} öre, recomputed ${recomputedOre} öre, difference ${differenceOre} öre`,
      );
      for (const row of scheme.rows.filter((r) => r.differenceOre !== 0)) {
        console.log(
          `  ${row.period} ${row.providerId} citizen ${row.citizenId}: ${row.differenceOre} öre`,
        );
      }
    }
    console.log(
      report.balanced
        ? 'Balanced: every payment equals what the history says was owed.'
        : 'NOT balanced.',
    );
    return report.balanced ? 0 : 1;
  },
};
