import { Agent, request } from 'node:http';
import { percentile, perSecond } from '../harness/stats';

/** One HTTP request of a load run. */
export interface HttpRequestSpec {
  method: 'GET' | 'POST' | 'PUT';
  /** Path and query, e.g. `/health`. */
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
}

export interface HttpResponse {
  status: number;
  body: string;
}

export interface HttpLoadOptions {
  /** Base address, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** Concurrent clients; each awaits its request before sending the next. */
  clients: number;
  /** Requests completing in the warm-up are neither counted nor timed. */
  warmupMs: number;
  /** The measured window after the warm-up. */
  durationMs: number;
  /**
   * The next request of `client`; `null` when there is nothing left to send (a pool of prepared
   * records ran out), which ends the measured window early for everyone.
   */
  next: (client: number, iteration: number) => HttpRequestSpec | null;
}

export interface HttpLoadResult {
  /** 2xx answers completed in the measured window, per second. */
  throughput: number;
  /** Latency of every answer completed in the window (2xx or not), ms. */
  p50Ms: number;
  p99Ms: number;
  completed: number;
  /** Non-2xx answers and failed requests in the window. */
  errors: number;
  /** A few of them, for the report: `status body` or the error message. */
  errorSamples: string[];
  /** The window actually measured: shorter than asked when `next` ran out. */
  windowMs: number;
  exhausted: boolean;
}

/** A keep-alive client for `url`: one socket per concurrent caller, reused between requests. */
export class HttpClient {
  private readonly agent: Agent;

  constructor(
    private readonly url: string,
    sockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  send(spec: HttpRequestSpec): Promise<HttpResponse> {
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.url}${spec.path}`,
        {
          method: spec.method,
          agent: this.agent,
          headers: {
            ...(body === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
            ...spec.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Sends a request that must answer 2xx; returns its JSON body. */
  async json<T>(spec: HttpRequestSpec): Promise<T> {
    const res = await this.send(spec);
    if (res.status < 200 || res.status > 299) {
      throw new Error(`${spec.method} ${spec.path}: ${res.status} ${res.body.slice(0, 500)}`);
    }
    return JSON.parse(res.body) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * Runs `clients` closed-loop clients against the server: each sends a request, awaits the whole
 * answer, then sends the next. Counts answers completed inside the window that follows the
 * warm-up and records each one's latency (send to last byte).
 */
export async function httpLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const client = new HttpClient(options.url, options.clients);
  const start = performance.now() + options.warmupMs;
  let end = start + options.durationMs;
  let exhausted = false;
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  const failed = (what: string) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(what.slice(0, 300));
  };

  const loop = async (id: number) => {
    for (let iteration = 0; performance.now() < end; iteration++) {
      const spec = options.next(id, iteration);
      if (spec === null) {
        // Out of prepared work: stop the window here, so no client idles inside it.
        if (!exhausted) end = Math.max(start, Math.min(end, performance.now()));
        exhausted = true;
        return;
      }
      const t0 = performance.now();
      let status = 0;
      let detail = '';
      try {
        const res = await client.send(spec);
        status = res.status;
        if (status < 200 || status > 299) detail = `${status} ${res.body}`;
      } catch (error) {
        detail = (error as Error).message;
      }
      const t1 = performance.now();
      if (t1 < start || t1 > end) continue;
      latencies.push(t1 - t0);
      if (detail === '') ok++;
      else failed(`${spec.method} ${spec.path}: ${detail}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.clients }, (_, id) => loop(id)));
  } finally {
    client.close();
  }
  const windowMs = end - start;
  return {
    throughput: perSecond(ok, windowMs),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    completed: latencies.length,
    errors,
    errorSamples,
    windowMs,
    exhausted,
  };
}

/** Runs `tasks` with `clients` concurrent workers (untimed preparation); results in task order. */
export async function inParallel<T>(
  count: number,
  clients: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(clients, count) }, worker));
  return results;
}
