import { CalendarDate, createDecisionContext, isDomainError } from '@kundval/domain';
import { CommandExecutor } from '../commands/command-executor';
import { CommandMetadata } from '../commands/command-metadata';
import { Decider, DomainEvent } from '../commands/decider';
import { ProblemException } from '../problem/problem-exception';

/** Correlation id of every event the seed appends, so auditors can see the import as one. */
export const SEED_CORRELATION_ID = 'seed:nacka';

/** Why the seed's events were appended, unless a step gives its own reason. */
export const SEED_REASON = 'Historical import of Nacka kundval from seeds 001 and 003';

/** The metadata of a seed command: the system importer, under `seed:<key>`. */
export function seedMetadata(key: string): CommandMetadata {
  return {
    idempotencyKey: `seed:${key}`,
    correlationId: SEED_CORRELATION_ID,
    actor: 'seed',
    role: 'system',
    channel: 'import',
  };
}

/** One seed step: its idempotency key (without the `seed:` prefix) and its business date. */
export type SeedStep = Readonly<{ key: string; on: CalendarDate; reason?: string }>;

/** A seed step that the domain or the store refused. */
export class SeedStepError extends Error {
  constructor(
    readonly key: string,
    cause: unknown,
  ) {
    super(`Seed step "${key}" failed: ${describe(cause)}`, { cause });
    this.name = 'SeedStepError';
  }
}

/**
 * Runs seed commands through the `CommandExecutor` as the system importer, on a backdated clock,
 * and counts what they appended.
 */
export class SeedCommandRunner {
  commands = 0;
  replayed = 0;
  eventsAppended = 0;

  constructor(private readonly executor: CommandExecutor) {}

  async run<C extends { type: string; data: object }, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    step: SeedStep,
  ): Promise<void> {
    const meta = seedMetadata(step.key);
    try {
      const result = await this.executor.execute(decider, streamId, command, meta, {
        request: requestOf(command),
        reason: step.reason ?? SEED_REASON,
        // Midday UTC is the same calendar day in Stockholm in winter and summer.
        context: createDecisionContext(`${step.on}T10:00:00.000Z`),
      });
      this.commands++;
      if (result.replayed) this.replayed++;
      else this.eventsAppended += result.events.length;
    } catch (error) {
      throw new SeedStepError(meta.idempotencyKey as string, error);
    }
  }
}

// The idempotency hash covers what the seed chose, not the loaded state a command carries (scheme,
// conditions, provider): that state grows as the seed goes on, and a rerun must still match.
function requestOf(command: { type: string; data: object }): unknown {
  const {
    scheme: _scheme,
    conditions: _conditions,
    provider: _provider,
    ...data
  } = command.data as Record<string, unknown>;
  return { type: command.type, data };
}

function describe(error: unknown): string {
  if (isDomainError(error)) return `${error.code}: ${error.message}`;
  if (error instanceof ProblemException) return `${error.problem.code}: ${error.problem.detail}`;
  return error instanceof Error ? error.message : String(error);
}
