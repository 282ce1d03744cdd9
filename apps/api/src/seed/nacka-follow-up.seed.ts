import { CalendarDate } from '@kundval/domain';

/** A follow-up step the seed records on one seeded provider, on a given day. */
export type FollowUpSeed = Readonly<
  | {
      kind: 'warning';
      providerId: string;
      on: CalendarDate;
      warningId: string;
      conditionId: string;
      deficiency: string;
    }
  | {
      kind: 'visit';
      providerId: string;
      on: CalendarDate;
      visitId: string;
      announced: boolean;
      findings: string;
    }
  | {
      kind: 'deauthorisation';
      providerId: string;
      on: CalendarDate;
      decisionId: string;
      conditionIds: readonly string[];
      reasons: readonly string[];
      effectiveDate: CalendarDate;
    }
>;

// ASSUMPTION. The seeds name warnings and de-authorisation as consequences but record no cases;
// these are made up to exercise them. Each cites a condition whose consequence allows the
// sanction (two of the warnings cite warning-only conditions). The one de-authorisation follows a
// warning and an unannounced visit, and is decided after seed 003's counts (October 2014), so
// those counts still hold on the day they describe; it takes effect in February 2015, giving the
// customers time to choose again.

/** Warnings, a follow-up visit and the one de-authorisation, in the order they happened. */
export const NACKA_FOLLOW_UP: readonly FollowUpSeed[] = [
  {
    kind: 'warning',
    providerId: 'forskola-p03',
    on: '2008-03-03',
    warningId: 'warning-forskola-p03-2008-1',
    conditionId: 'general-manager-change-reported',
    deficiency:
      'A new head of the preschool took over without the change being reported for approval.',
  },
  {
    kind: 'warning',
    providerId: 'hemtjanst-p04',
    on: '2011-03-14',
    warningId: 'warning-hemtjanst-p04-2011-1',
    conditionId: 'general-keys-and-valuables',
    deficiency: "Follow-up found no written routine for handling customers' keys and valuables.",
  },
  {
    kind: 'warning',
    providerId: 'hemtjanst-p11',
    on: '2012-08-20',
    warningId: 'warning-hemtjanst-p11-2012-1',
    conditionId: 'hemtjanst-manager-deputy-reported',
    deficiency: "No deputy was reported for the manager's four weeks of summer leave.",
  },
  {
    kind: 'warning',
    providerId: 'familjeradgivning-p05',
    on: '2013-02-11',
    warningId: 'warning-familjeradgivning-p05-2013-1',
    conditionId: 'general-report-serious-complaints',
    deficiency:
      'A serious complaint received in December 2012 was not reported to the municipality.',
  },
  {
    kind: 'warning',
    providerId: 'sarskilt-boende-p02',
    on: '2013-10-07',
    warningId: 'warning-sarskilt-boende-p02-2013-1',
    conditionId: 'general-goals',
    deficiency:
      'The annual quality report does not show how the municipal goals for the home are met.',
  },
  {
    kind: 'warning',
    providerId: 'hemtjanst-p07',
    on: '2014-04-22',
    warningId: 'warning-hemtjanst-p07-2014-1',
    conditionId: 'general-competent-manager',
    deficiency: 'The manager appointed in 2014 lacks the required post-secondary care education.',
  },
  {
    kind: 'visit',
    providerId: 'hemtjanst-p07',
    on: '2014-09-16',
    visitId: 'visit-hemtjanst-p07-2014-1',
    announced: false,
    findings: 'The manager still lacks the required education; no plan to remedy it was shown.',
  },
  {
    kind: 'deauthorisation',
    providerId: 'hemtjanst-p07',
    on: '2014-11-17',
    decisionId: 'deauthorisation-hemtjanst-p07-2014',
    conditionIds: ['general-competent-manager', 'hemtjanst-manager-education'],
    reasons: [
      'The deficiency cited in the warning of 22 April 2014 persisted at the visit of 16 September 2014.',
      'The manager does not have two years of post-secondary care education.',
    ],
    effectiveDate: '2015-02-01',
  },
];
