import { ProjectionRunner } from './projection-runner';

/** The wait is made in steps of this, so that a shutdown does not wait for it. */
const WAIT_STEP_MS = 5_000;

/**
 * Waits up to `maxMs` for the read models to reach the log's head, for background work that reads
 * them whole. False when they did not, when `stopped()` turned true, or when this process runs no
 * read models.
 */
export async function readModelsReady(
  runner: ProjectionRunner,
  maxMs: number,
  stopped: () => boolean,
): Promise<boolean> {
  if (!runner.following) return false;
  const deadline = Date.now() + maxMs;
  while (!stopped() && Date.now() < deadline) {
    if (await runner.caughtUp(Math.min(WAIT_STEP_MS, Math.max(1, deadline - Date.now()))))
      return true;
  }
  return false;
}
