import { Injectable } from '@nestjs/common';
import { ApprovedPaymentRun } from '@kundval/domain';
import { IdentityRegistry } from '../citizens/identity/identity-registry';
import { maskPersonalNumber } from '../citizens/identity/personal-number-view';
import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';
import { RecordLoader } from '../records/record-loader';
import { PayoutInputs } from './payout-inputs';
import { Statement, statementOf } from './statement';

/** Statements per provider and period, and reconciliation: for the API and the CLI alike. */
@Injectable()
export class Statements {
  constructor(
    private readonly records: RecordLoader,
    private readonly inputs: PayoutInputs,
    private readonly identities: IdentityRegistry,
  ) {}

  /** The provider's statement from every scheme's approved run of the period (numbers masked). */
  async statement(providerId: string, period: string): Promise<Statement> {
    const schemes = await this.schemeIds();
    const runs = await Promise.all(
      schemes.map((id) => this.records.paymentRunOfProvider(id, period, providerId)),
    );
    const approved = runs.filter((r): r is ApprovedPaymentRun => r.status === 'approved');
    return statementOf(providerId, period, approved, (citizenId) => {
      const identity = this.identities.identityOf(citizenId);
      return identity ? maskPersonalNumber(identity.personalNumber) : null;
    });
  }

  /**
   * Every closed period (or only `period`, of the schemes a run has closed it for) recomputed
   * from the history and compared with what was paid, per scheme.
   */
  async reconcile(schemeIds?: string[], period?: string) {
    let asked = schemeIds ?? (await this.schemeIds());
    if (period !== undefined) asked = await this.closedFor(asked, period, schemeIds);
    const schemes = [];
    // Providers and entitlements once for every scheme, not once per scheme.
    const session = await this.inputs.open();
    try {
      for (const schemeId of asked) {
        schemes.push({ schemeId, ...(await this.inputs.reconcile(session, schemeId, period)) });
      }
    } finally {
      session.close();
    }
    return { balanced: schemes.every((s) => s.balanced), schemes };
  }

  /**
   * The schemes a run has closed `period` for. None is an answer of its own: a month no run has
   * paid would otherwise come back balanced, over nothing.
   */
  private async closedFor(schemeIds: string[], period: string, named?: string[]) {
    const runs = await this.records.paymentRunHeaders();
    const closed = new Set(runs.filter((r) => r.period === period).map((r) => r.schemeId));
    const asked = schemeIds.filter((id) => closed.has(id));
    if (asked.length > 0) return asked;
    const which = named?.length === 1 ? `${named[0]} ` : '';
    throw new ProblemException(
      problem(
        404,
        'PAYMENT_RUN_NOT_FOUND',
        'No such payment run',
        `No run is approved for ${which}${period}: there is nothing to reconcile`,
      ),
    );
  }

  async schemeIds(): Promise<string[]> {
    return (await this.records.allSchemes()).flatMap((s) =>
      s.status === 'not_established' ? [] : [s.schemeId],
    );
  }
}
