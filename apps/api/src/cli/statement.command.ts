import { writeFileSync } from 'node:fs';
import { Statements } from '../payouts/statements.service';
import { statementCsv } from '../payouts/statement-csv';
import { CliCommand } from './cli-command';

/** Writes a provider's statement for a period as CSV (Swedish number format by default). */
export const statementCommand: CliCommand = {
  name: 'statement',
  usage: 'statement <providerId> <YYYY-MM> [file.csv] [--en]',
  summary: "a provider's statement as CSV (to a file or the terminal)",
  async run(app, args) {
    const [providerId, period, file] = args.filter((a) => !a.startsWith('--'));
    if (!providerId || !/^\d{4}-(0[1-9]|1[0-2])$/.test(period ?? '')) {
      console.error('statement needs a provider id and a month YYYY-MM');
      return 2;
    }
    const statement = await app.get(Statements).statement(providerId, period);
    const csv = statementCsv(statement, args.includes('--en') ? 'en' : 'sv');
    if (file) {
      writeFileSync(file, csv);
      console.log(
        `${statement.lines.length} lines, total ${statement.totals.totalOre} öre → ${file}`,
      );
    } else {
      process.stdout.write(csv);
    }
    return 0;
  },
};
