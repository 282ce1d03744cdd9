import { ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { luhnCheckDigit } from '@kundval/domain';

/** Repository root, for `node -r test/support/register-ts.js`. */
export const ROOT = resolve(__dirname, '../../..');
const REGISTER_TS = join(ROOT, 'test/support/register-ts.js');

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `kundval-fault-${prefix}-`));
}

/** Copies a (stopped) data directory, WAL files included. */
export function copyDataDir(from: string, to: string): string {
  mkdirSync(to, { recursive: true });
  cpSync(from, to, { recursive: true });
  return to;
}

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** SIGKILL: no shutdown hooks, no flush. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the graceful exit. */
  stop(): Promise<void>;
}

/**
 * Starts `apps/api/src/main.ts` (or another script) in a child process on `dataDir` with
 * development sign-in, and waits until `/health` answers.
 */
export async function startApi(
  dataDir: string,
  options: { script?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['-r', REGISTER_TS, options.script ?? join(ROOT, 'apps/api/src/main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        EVENT_STORE: 'embedded',
        PORT: String(port),
        HOST: '127.0.0.1',
        AUTH_MODE: 'development',
        NON_CHOICE_INTERVAL_MS: '3600000',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 45_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The API exited before answering (${child.exitCode}):\n${log}`);
    }
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The API did not answer /health in time:\n${log}`);
    }
    await sleep(100);
  }
  return {
    url,
    child,
    output: () => log,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function call(
  url: string,
  method: string,
  path: string,
  auth: { Authorization: string },
  body?: unknown,
): Promise<{ status: number; contentType: string; body: Json }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...auth },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Json = {};
  try {
    parsed = text ? (JSON.parse(text) as Json) : {};
  } catch {
    parsed = { text };
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: parsed,
  };
}

/** Waits until every projection reports the store's head position. */
export async function waitCaughtUp(url: string, timeoutMs = 30_000): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await call(url, 'GET', '/health', { Authorization: '' });
    const head = body.store?.headPosition;
    const projections = (body.projections ?? []) as Json[];
    if (
      body.status === 'ok' &&
      projections.length > 0 &&
      projections.every((p) => p.position === head && !p.rebuilding)
    ) {
      return body;
    }
    if (Date.now() > deadline)
      throw new Error(`Projections not caught up: ${JSON.stringify(body)}`);
    await sleep(100);
  }
}

/**
 * A valid made-up personnummer (`YYYYMMDDNNNC`) from the birth date and a serial number: unique
 * per (date, serial). Only for fault tests and benchmarks on throw-away stores.
 */
export function personalNumber(birthDate: string, serial: number): string {
  const date = birthDate.replace(/-/g, '');
  const nnn = String(serial % 1000).padStart(3, '0');
  return `${date}${nnn}${luhnCheckDigit(`${date.slice(2)}${nnn}`)}`;
}

// ---- Reading the files directly ----------------------------------------------------------------

export interface LogRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
}

/** Every event of a stopped (or running: WAL readers are fine) store, by position. */
export function readLog(dataDir: string): LogRow[] {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        'SELECT position, stream_id, revision, event_id, type, data FROM events ORDER BY position',
      )
      .all() as LogRow[];
  } finally {
    db.close();
  }
}

/**
 * The current generation of every read-model table, rows sorted, keyed by logical table name:
 * what two read-model files must agree on when they were built from the same log.
 */
export function dumpReadModels(dataDir: string): Record<string, unknown[]> {
  const db = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true });
  try {
    const states = db
      .prepare('SELECT name, generation, position FROM projection_state ORDER BY name')
      .all() as { name: string; generation: number; position: number }[];
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as { name: string }[];
    const dump: Record<string, unknown[]> = {};
    for (const state of states) {
      const prefix = `${state.name.replace(/[^a-z0-9_]/gi, '_')}__`;
      const suffix = `__g${state.generation}`;
      for (const { name } of tables) {
        if (!name.startsWith(prefix) || !name.endsWith(suffix)) continue;
        const logical = `${state.name}.${name.slice(prefix.length, -suffix.length)}`;
        const rows = db.prepare(`SELECT * FROM ${name}`).all() as Record<string, unknown>[];
        dump[logical] = rows.map((row) => JSON.stringify(row)).sort();
      }
      dump[`${state.name}.@position`] = [state.position];
    }
    return dump;
  } finally {
    db.close();
  }
}

// ---- A seeded template, made once and reused across runs ---------------------------------------

/**
 * A data directory with the Nacka seed (about 11,600 events), built once by the seed CLI and kept
 * in the temp directory: each test copies it. The seed is deterministic, so a cached copy is as
 * good as a fresh one; delete the directory to force a new one.
 */
export async function seededTemplate(): Promise<string> {
  const dir = join(tmpdir(), 'kundval-fault-template-v1');
  const done = join(dir, '.complete');
  if (existsSync(done)) return join(dir, 'data');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const data = join(dir, 'data');
  await new Promise<void>((ok, fail) => {
    const child = spawn(
      process.execPath,
      ['-r', REGISTER_TS, join(ROOT, 'apps/api/src/seed/seed.cli.ts')],
      {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: data, EVENT_STORE: 'embedded', AUTH_MODE: 'development' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`Seed failed: ${err}`))));
  });
  cpSync(join(ROOT, 'package.json'), done);
  return data;
}
