import { INestApplicationContext } from '@nestjs/common';
import { luhnCheckDigit, ProviderCommand, providerDecider } from '@kundval/domain';
import { EVENT_STORE, EventStore } from '@kundval/event-store';
import { IdentityRegistry } from '../citizens/identity/identity-registry';
import { CommandExecutor } from '../commands/command-executor';
import { RecordLoader } from '../records/record-loader';
import { streamIds } from '../records/stream-ids';
import { citizenHistoryPlan } from './citizen-history-plan';
import { CitizenHistoryPlan } from './citizen-plan.types';
import { CitizenSeeder } from './citizen-seeder';
import { NackaSeeder } from './nacka-seeder';
import { nackaSeedPlan, SchemePlan } from './nacka-seed-plan';
import { SeedCommandRunner } from './seed-command-runner';

/**
 * Each scaled batch renumbers the seed's test personnummer (birth numbers 980–999) into its own
 * range of twenty (batch b: 980 - 20b … 999 - 20b, parity and so sex kept): 49 batches fit in
 * the three-digit birth number, about 150,000 citizens. More needs a wider range of birth dates
 * in the mix, which the seed does not have.
 */
export const MAX_SCALED_BATCHES = 49;

/**
 * Batch `batch` (1, 2…) of a scaled seed: the Nacka citizens' plan again, deterministic (same
 * PRNG seeds), with every citizen, entitlement and idempotency key renamed into the batch so it
 * lands beside the base seed and the other batches instead of replaying them.
 */
export function scaledBatchPlan(plan: readonly SchemePlan[], batch: number): CitizenHistoryPlan {
  if (!Number.isInteger(batch) || batch < 1 || batch > MAX_SCALED_BATCHES) {
    throw new RangeError(`A scaled batch is numbered 1–${MAX_SCALED_BATCHES}; got ${batch}`);
  }
  const base = citizenHistoryPlan(plan);
  const ref = (r: string) => `b${batch}-${r}`;
  const entitlement = (id: string) => `${id}-b${batch}`;
  return {
    citizens: base.citizens.map((c) => ({
      ...c,
      ref: ref(c.ref),
      personalNumber: renumbered(c.personalNumber, batch),
    })),
    steps: base.steps.map((step) => ({
      ...step,
      citizenRef: ref(step.citizenRef),
      entitlementId: entitlement(step.entitlementId),
      key: step.key.replace(`:${step.entitlementId}:`, `:${entitlement(step.entitlementId)}:`),
    })),
  };
}

function renumbered(personalNumber: string, batch: number): string {
  const date = personalNumber.slice(0, 8);
  const serial = Number(personalNumber.slice(8, 11)) - 20 * batch;
  const nnn = String(serial).padStart(3, '0');
  return `${date}${nnn}${luhnCheckDigit(`${date.slice(2)}${nnn}`)}`;
}

/** What a scaled seed did. */
export type ScaledSeedReport = {
  batches: number;
  citizens: number;
  commands: number;
  eventsAppended: number;
  headPosition: number;
  durationMs: number;
  batchMs: number[];
};

/**
 * Seeds about `citizens` made-up citizens: the Nacka seed (about 3,000) and then as many scaled
 * batches of its citizens' plan as needed, all through the domain's deciders (`CitizenSeeder`,
 * `PlacementWorkflow`). Providers' declared capacity is raised first to hold every batch (the
 * capacity book of each batch's plan sees the seed's own ceilings). Idempotent like the seed.
 */
export async function seedScaled(
  app: INestApplicationContext,
  citizens: number,
  progress: (line: string) => void = () => undefined,
): Promise<ScaledSeedReport> {
  const started = Date.now();
  const store = app.get<EventStore>(EVENT_STORE, { strict: false });
  const base = await app.get(NackaSeeder).seed();
  const perBatch = base.citizens.citizens;
  const batches = Math.min(MAX_SCALED_BATCHES, Math.max(0, Math.ceil(citizens / perBatch) - 1));
  if (Math.ceil(citizens / perBatch) - 1 > MAX_SCALED_BATCHES) {
    throw new RangeError(
      `At most ${(MAX_SCALED_BATCHES + 1) * perBatch} citizens can be generated; asked ${citizens}`,
    );
  }
  progress(`base seed: ${perBatch} citizens, ${base.eventsAppended} events, ${base.durationMs} ms`);
  const plan = nackaSeedPlan();
  const runner = new SeedCommandRunner(app.get(CommandExecutor));
  if (batches > 0) {
    await Promise.all(
      plan.flatMap(({ providers }) =>
        providers.map(async (p) => {
          if (p.capacity === null) return;
          const command: ProviderCommand = {
            type: 'DeclareCapacity',
            data: {
              providerId: p.providerId,
              schemeId: p.schemeId,
              ceiling: p.capacity * (batches + 1),
            },
          };
          await runner
            .run(providerDecider, streamIds.provider(p.providerId), command, {
              key: `scaled:${p.providerId}:capacity-x${batches + 1}`,
              on: p.readyOn,
            })
            .catch((error: Error) => {
              // Providers the seed de-authorises take no new customers in the plan: leave them.
              if (!/PROVIDER_NOT_AUTHORISED/.test(error.message)) throw error;
            });
        }),
      ),
    );
  }
  const records = app.get(RecordLoader);
  const identities = app.get(IdentityRegistry);
  let commands = base.commands + runner.commands;
  let eventsAppended = base.eventsAppended + runner.eventsAppended;
  const batchMs: number[] = [];
  for (let batch = 1; batch <= batches; batch++) {
    const t = Date.now();
    const run = await new CitizenSeeder(store, records, identities).seed(
      scaledBatchPlan(plan, batch),
    );
    commands += run.commands;
    eventsAppended += run.eventsAppended;
    batchMs.push(Date.now() - t);
    progress(`batch ${batch}/${batches}: ${run.eventsAppended} events, ${Date.now() - t} ms`);
  }
  return {
    batches,
    citizens: perBatch * (batches + 1),
    commands,
    eventsAppended,
    headPosition: await store.headPosition(),
    durationMs: Date.now() - started,
    batchMs,
  };
}
