export interface ServerConfig {
  host: string;
  port: number;
  /** How often the non-choice process looks for deadlines that have passed. */
  nonChoiceIntervalMs: number;
  /** Whether an empty store is seeded with the Nacka data at start (benchmarks measure it bare). */
  seedIfEmpty: boolean;
}

/**
 * Reads `HOST` (default 127.0.0.1), `PORT` (default 3000), `NON_CHOICE_INTERVAL_MS` (1 h) and
 * `SEED_IF_EMPTY` (default on; `0` or `false` starts an empty store empty).
 */
export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535; got "${env.PORT}"`);
  }
  const interval = Number(env.NON_CHOICE_INTERVAL_MS ?? 3_600_000);
  if (!Number.isInteger(interval) || interval < 1000) {
    throw new Error(
      `NON_CHOICE_INTERVAL_MS must be an integer of at least 1000; got "${env.NON_CHOICE_INTERVAL_MS}"`,
    );
  }
  const seed = (env.SEED_IF_EMPTY ?? '').trim().toLowerCase();
  return {
    host: env.HOST ?? '127.0.0.1',
    port,
    nonChoiceIntervalMs: interval,
    seedIfEmpty: seed !== '0' && seed !== 'false',
  };
}
