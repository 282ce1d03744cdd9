import { existsSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';

/** Where the dashboard's files live in the source tree (they are served as they are, unbuilt). */
const PUBLIC_DIR = join('apps', 'api', 'src', 'web', 'public');

/**
 * Finds `apps/api/src/web/public` by walking up from `start`: from the sources (ts-jest, ts-node)
 * and from the build under `dist/` alike, since the build copies no .html/.js/.css; falls back to
 * the working directory. Null when the folder is nowhere to be found.
 */
export function findWebRoot(start: string = __dirname, cwd: string = process.cwd()): string | null {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, PUBLIC_DIR);
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) break;
  }
  const fromCwd = resolve(cwd, PUBLIC_DIR);
  return existsSync(join(fromCwd, 'index.html')) ? fromCwd : null;
}

/** The only kinds of file served, with their content types. */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/**
 * The absolute path of an asset below `root`, or null for anything else: a path that is not
 * plain segments (no `..`, no dot files, no backslashes), an unknown extension, or no such file.
 */
export function assetPath(root: string, relative: string): string | null {
  const segments = relative.split('/');
  if (segments.some((s) => s === '' || s.startsWith('.') || !/^[A-Za-z0-9._-]+$/.test(s)))
    return null;
  if (!(extname(relative) in CONTENT_TYPES)) return null;
  const file = resolve(root, ...segments);
  if (!file.startsWith(resolve(root) + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}
