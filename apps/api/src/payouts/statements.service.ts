import { Injectable } from '@nestjs/common';
import { ApprovedPaymentRun } from '@kundval/domain';
import { IdentityRegistry } from '../citizens/identity/identity-registry';
import { maskPersonalNumber } from '../citizens/identity/personal-number-view';
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
   * Every closed period (or only `period`) recomputed from the history and compared with what
   * was paid, per scheme.
   */
  async reconcile(schemeIds?: string[], period?: string) {
    const schemes = [];
    // Providers and entitlements once for every scheme, not once per scheme.
    const session = await this.inputs.open();
    try {
      for (const schemeId of schemeIds ?? (await this.schemeIds())) {
        schemes.push({ schemeId, ...(await this.inputs.reconcile(session, schemeId, period)) });
      }
    } finally {
      session.close();
    }
    return { balanced: schemes.every((s) => s.balanced), schemes };
  }

  async schemeIds(): Promise<string[]> {
    return (await this.records.allSchemes()).flatMap((s) =>
      s.status === 'not_established' ? [] : [s.schemeId],
    );
  }
}
