import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The absolute path of a file in the data dir, creating the dir if it is missing. */
export function dataFile(dataDir: string, name: string): string {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
