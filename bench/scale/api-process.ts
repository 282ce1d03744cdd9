import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { apiNodeFlags } from '../harness/api-node-flags';

/** The built API, relative to this file once compiled (`dist/bench/scale`). */
const MAIN = join(__dirname, '..', '..', 'apps', 'api', 'src', 'main.js');

export interface ApiProcessOptions {
  dataDir: string;
  /** Seed the Nacka data when the store is empty (default false: benchmarks start bare). */
  seed?: boolean;
  /** Also wait until every read model has caught up with the log (default false). */
  waitForProjections?: boolean;
  /** Give up when not ready after this long (default 30 min: a 20M-event store is slow to copy, not to start). */
  readyTimeoutMs?: number;
  /** Extra environment for the child. */
  env?: Record<string, string>;
  /** Extra node flags for the child, e.g. `--prof` to profile it by hand. */
  nodeArgs?: string[];
}

/** A running API child process. */
export interface ApiProcess {
  /** e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  pid: number;
  /** `performance.now()` when the process was spawned. */
  spawnedAt: number;
  /** From spawning the process to its first ready `/health` answer. */
  readyMs: number;
  /** From spawning to every read model caught up, when `waitForProjections` was asked. */
  caughtUpMs?: number;
  /** The last lines the child wrote, for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after 15 s; resolves when the process has exited. */
  stop(): Promise<void>;
}

interface HealthBody {
  status?: string;
  store?: { ready?: boolean };
  projections?: { lag: number; rebuilding: boolean }[];
}

/**
 * Starts `node dist/apps/api/src/main.js` on `dataDir` (embedded store, development sign-in, a
 * free port) and resolves once `GET /health` answers ready.
 */
export async function startApi(options: ApiProcessOptions): Promise<ApiProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [...apiNodeFlags(), ...(options.nodeArgs ?? []), MAIN], {
    env: {
      ...process.env,
      EVENT_STORE: 'embedded',
      DATA_DIR: options.dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      AUTH_MODE: 'development',
      SEED_IF_EMPTY: options.seed ? '1' : '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = outputTail(child);
  const exited = once(child, 'exit');
  const api: ApiProcess = {
    url,
    port,
    pid: child.pid!,
    spawnedAt: started,
    readyMs: 0,
    output: tail,
    stop: () => stop(child, exited),
  };
  try {
    const deadline = started + (options.readyTimeoutMs ?? 30 * 60_000);
    await until(deadline, child, tail, (h) => h.status === 'ok' && h.store?.ready === true, url);
    api.readyMs = performance.now() - started;
    if (options.waitForProjections) {
      await until(deadline, child, tail, caughtUp, url);
      api.caughtUpMs = performance.now() - started;
    }
    return api;
  } catch (error) {
    await api.stop();
    throw error;
  }
}

function caughtUp(health: HealthBody): boolean {
  const projections = health.projections ?? [];
  return projections.length > 0 && projections.every((p) => p.lag === 0 && !p.rebuilding);
}

async function until(
  deadline: number,
  child: ChildProcess,
  tail: () => string,
  done: (health: HealthBody) => boolean,
  url: string,
): Promise<void> {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The API exited (${child.exitCode ?? child.signalCode}):\n${tail()}`);
    }
    const health = await fetchHealth(url);
    if (health && done(health)) return;
    if (performance.now() > deadline) throw new Error(`The API was not ready in time:\n${tail()}`);
    // Short polls: the start-up row is measured by this loop.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function fetchHealth(url: string): Promise<HealthBody | null> {
  return new Promise((resolve) => {
    const req = request(`${url}/health`, { agent: false, timeout: 5000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        try {
          resolve(res.statusCode === 200 ? (JSON.parse(text) as HealthBody) : null);
        } catch {
          resolve(null);
        }
      });
    });
    // Refused while the app is still booting: not ready yet.
    req.on('error', () => resolve(null));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

async function stop(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Keeps the child's last output lines; the pipes must be drained or the child blocks. */
function outputTail(child: ChildProcess, keep = 40): () => string {
  const lines: string[] = [];
  const add = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - keep));
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => lines.join('\n');
}

/** CPU time (user + system) the process has used so far, in ms; NaN where `/proc` is missing. */
export function cpuTimeMs(pid: number): number {
  try {
    // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** USER_HZ: 100 on Linux for every architecture we run on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** A port nothing listens on now (the OS picks it; a race with another process is unlikely). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('No free port');
  return address.port;
}
