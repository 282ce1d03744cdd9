import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Node flags the API runs with (`config.apiNodeFlags` in package.json, which `npm start`
 * passes), so that a benchmark's API and payment-run processes run as a deployed API does.
 */
export function apiNodeFlags(): string[] {
  // dist/bench/harness → the repository root.
  const manifest = join(__dirname, '..', '..', '..', 'package.json');
  const { config } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    config?: { apiNodeFlags?: string };
  };
  return (config?.apiNodeFlags ?? '').split(' ').filter(Boolean);
}
