import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Makes data dirs in the OS temp dir for one spec file and removes them after its last test.
 * Call it at the top level of the file: its `afterAll` then runs after every `afterAll` and
 * `afterEach` of the file's describe blocks, once what the tests opened in the dirs is closed.
 * Top-level hooks run in the order they are declared: call it after a top-level `afterAll`
 * that closes what uses the dirs.
 */
export function tempDirs(label: string): () => string {
  const dirs: string[] = [];
  afterAll(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  return () => {
    const dir = mkdtempSync(join(tmpdir(), `kundval-${label}-`));
    dirs.push(dir);
    return dir;
  };
}
