import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const live = new Set<string>();
let hooked = false;

/** Creates a fresh directory under the OS temp dir; it is removed by {@link removeTempDir} or at exit. */
export function makeTempDir(label: string): string {
  hookExit();
  const dir = mkdtempSync(join(tmpdir(), `kundval-bench-${label}-`));
  live.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  live.delete(dir);
}

/** Runs `body` with a fresh temp dir and removes the dir afterwards, whatever happens. */
export async function withTempDir<T>(label: string, body: (dir: string) => Promise<T>): Promise<T> {
  const dir = makeTempDir(label);
  try {
    return await body(dir);
  } finally {
    removeTempDir(dir);
  }
}

/**
 * Copies a directory (`cp --reflink=auto`: instant where the file system shares blocks, a full
 * copy elsewhere). Nothing may have its SQLite files open meanwhile.
 */
export function copyDir(from: string, to: string): void {
  execFileSync('cp', ['-r', '--reflink=auto', from, to]);
}

function removeAll(): void {
  for (const dir of [...live]) removeTempDir(dir);
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', removeAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      removeAll();
      process.exit(130);
    });
  }
}
