import { parsePersonalIdentityNumber, stockholmDateOf } from '@kundval/domain';
import { IdentityRegistry } from '../citizens/identity/identity-registry';
import { CitizenHistory } from '../queries/citizen-history';
import { CliCommand } from './cli-command';

/** Prints a citizen's whole history: every event with who, when, why and the channel. */
export const historyCommand: CliCommand = {
  name: 'history',
  usage: 'history <personnummer | citizenId>',
  summary: "a citizen's full history, in order",
  async run(app, [who]) {
    if (!who) {
      console.error('history needs a personnummer or a citizen id');
      return 2;
    }
    const citizenId = /^[0-9]{6,8}[-+]?[0-9]{4}$/.test(who)
      ? app
          .get(IdentityRegistry)
          .find(parsePersonalIdentityNumber(who, stockholmDateOf(new Date())).normalized)
      : who;
    if (!citizenId) {
      console.error('No citizen is registered under that number');
      return 1;
    }
    const entries = await app.get(CitizenHistory).history(citizenId);
    console.log(`History of citizen ${citizenId} (${entries.length} events)`);
    for (const e of entries) {
      const who = [e.actor, e.role].filter(Boolean).join('/');
      const why = e.reason ? ` — ${e.reason}` : '';
      console.log(
        `${String(e.position).padStart(8)}  ${e.recordedAt}  ${e.type.padEnd(24)} ${who} via ${e.channel ?? '?'}${why}`,
      );
      console.log(`          ${JSON.stringify(e.data)}`);
    }
    return 0;
  },
};
