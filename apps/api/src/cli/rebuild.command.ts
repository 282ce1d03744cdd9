import { ProjectionRunner } from '../projections/projection-runner';
import { CliCommand } from './cli-command';

/**
 * Rebuilds read models from position zero in this process. A running API rebuilds its own with
 * `POST /projections/rebuild` without stopping; this is for a stopped node or a fresh replica.
 * Rebuilding all reads the log once for every projection.
 */
export const rebuildCommand: CliCommand = {
  name: 'rebuild',
  usage: 'rebuild [projection]',
  summary: 'rebuild one or all read models from the log',
  async run(app, [name]) {
    const runner = app.get(ProjectionRunner);
    // Nobody queries this process: following the log would only compete with the rebuild.
    await runner.stop();
    const started = Date.now();
    const statuses = name ? [await runner.rebuild(name)] : await runner.rebuildAll();
    for (const s of statuses)
      console.log(`${s.name.padEnd(16)} position ${s.position}, lag ${s.lag}`);
    console.log(`Rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  },
};
