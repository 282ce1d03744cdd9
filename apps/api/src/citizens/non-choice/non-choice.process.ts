import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  EntitlementState,
  isDomainError,
  NonChoiceAssignment,
  planNonChoiceAssignments,
  ProviderState,
  UnassignedNonChoice,
} from '@kundval/domain';
import { CommandExecutor } from '../../commands/command-executor';
import { CommandMetadata } from '../../commands/command-metadata';
import { RecordLoader } from '../../records/record-loader';
import { ProviderDirectory } from '../../providers/provider-directory';
import { PlacementWorkflow } from '../placement-workflow';
import { NonChoiceCandidates } from './non-choice-candidates';

export interface NonChoiceRunReport {
  schemeId: string;
  date: string;
  assignments: NonChoiceAssignment[];
  unassigned: UnassignedNonChoice[];
}

/**
 * The non-choice process (a process manager): finds entitlements that need the scheme's
 * non-choice alternative today — no choice by the deadline, or a provider leaving the scheme with
 * the re-choice deadline come — and assigns it through the same placement workflow as a choice.
 * Deciding whom is the domain's pure `planNonChoiceAssignments`; this only loads and sends. Each
 * assignment carries an idempotency key of its own, so a rerun (or two nodes) assigns once.
 */
@Injectable()
export class NonChoiceProcess {
  private readonly logger = new Logger('NonChoice');

  constructor(
    private readonly records: RecordLoader,
    private readonly directory: ProviderDirectory,
    private readonly placements: PlacementWorkflow,
    private readonly executor: CommandExecutor,
    private readonly candidates: NonChoiceCandidates,
  ) {}

  /**
   * Runs the process for one scheme. A caller running every scheme passes what it loaded once
   * (`loaded`), so the entitlements are read once per round, not once per scheme.
   */
  async run(
    schemeId: string,
    actor = 'non-choice-process',
    loaded?: { providers: ProviderState[]; entitlements: EntitlementState[] },
  ): Promise<NonChoiceRunReport> {
    const today = this.executor.context().today;
    const [scheme, providers, all] = await Promise.all([
      this.records.scheme(schemeId),
      loaded?.providers ?? this.directory.all(),
      loaded?.entitlements ?? this.candidates.orAll(today),
    ]);
    const entitlements = all.filter((e) => e.status !== 'not_granted' && e.schemeId === schemeId);
    const full: string[] = [];
    const done: NonChoiceAssignment[] = [];
    const unassigned: UnassignedNonChoice[] = [];
    const plan = planNonChoiceAssignments({
      scheme,
      providers,
      entitlements,
      rule: { kind: 'designated' },
      today,
    });
    unassigned.push(...plan.unassigned);
    // With a designated provider there is no one else to try when it is full: a caseworker's case.
    for (const assignment of plan.assignments) {
      try {
        await this.assign(assignment, actor);
        done.push(assignment);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        if (error.code === 'PROVIDER_FULL') full.push(assignment.providerId);
        unassigned.push({
          ...assignment,
          message: error.message,
          details: { code: error.code, ...error.details },
        });
      }
    }
    if (full.length > 0)
      this.logger.warn(`Non-choice provider(s) full in ${schemeId}: ${full.join(', ')}`);
    return { schemeId, date: today, assignments: done, unassigned };
  }

  private assign(assignment: NonChoiceAssignment, actor: string) {
    const meta: CommandMetadata = {
      idempotencyKey: `non-choice:${assignment.entitlementId}:${assignment.effectiveDate}`,
      correlationId: randomUUID(),
      actor,
      role: 'system',
      channel: 'system',
    };
    return this.placements.place(
      {
        citizenId: assignment.citizenId,
        entitlementId: assignment.entitlementId,
        providerId: assignment.providerId,
        effectiveDate: assignment.effectiveDate,
        reason: assignment.reason,
        command: ({ choosability }) => ({
          type: 'AssignNonChoiceProvider',
          data: { ...assignment, actorRole: 'system', choosability },
        }),
      },
      meta,
      assignment,
    );
  }
}
