import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

/** Event text written between checkpoints: about the 1,000 pages SQLite's own would wait for. */
export const CHECKPOINT_BYTES = 4 * 1024 * 1024;
/** How often {@link WalCheckpointer.periodic} looks for changes to copy. */
export const CHECKPOINT_INTERVAL_MS = 1000;

// The thread: its own connection, one passive checkpoint per request. A passive checkpoint
// neither waits for nor blocks the writer or readers; what it cannot copy yet, the next copies.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = FULL');
} catch (error) {
  parentPort.postMessage({ error: error.message });
}
parentPort.on('message', (message) => {
  if (message === 'close') {
    db?.close();
    parentPort.close();
    return;
  }
  if (!db) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ done: true });
  } catch (error) {
    parentPort.postMessage({ error: error.message });
  }
});
`;

/**
 * Copies the write-ahead log into the database file on a thread of its own. SQLite does it in the
 * connection that commits, once the log holds 1,000 pages: a payment run's append of 1.4 GB then
 * waited about 5 s for the copy, on the thread that serves every request. A commit is durable
 * once it is in the log, so when the copy happens changes nothing but the log's size. If the
 * thread cannot checkpoint (a read-only or full disk), the writer's connection does it again.
 */
export class WalCheckpointer {
  private worker: Worker | undefined;
  private failed = false;
  private running = false;
  private again = false;
  /** The event text written when a checkpoint was last asked for. */
  private askedAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Database.Database) {
    db.pragma('wal_autocheckpoint = 0');
  }

  /**
   * For a file whose writers do not count what they write (the read models, the snapshots): asks
   * for a checkpoint every `intervalMs` in which this connection changed something. SQLite's own
   * checkpoints there ran every few hundred events under load, on the thread that serves requests
   * (the read models' commits took 0.18 ms of a choice's ~1.2 ms on that thread; 0.04 ms without).
   */
  static periodic(db: Database.Database, intervalMs = CHECKPOINT_INTERVAL_MS): WalCheckpointer {
    const checkpointer = new WalCheckpointer(db);
    const changes = db.prepare('SELECT total_changes()').pluck();
    let seen = changes.get();
    checkpointer.timer = setInterval(() => {
      let now: unknown;
      try {
        now = changes.get();
      } catch {
        return; // closed, or busy with a statement read across turns: the next tick sees it
      }
      if (now === seen) return;
      seen = now;
      checkpointer.request();
    }, intervalMs).unref();
    return checkpointer;
  }

  /** After a commit: asks for a checkpoint once `CHECKPOINT_BYTES` more have been written. */
  committed(writtenBytes: number): void {
    if (writtenBytes - this.askedAt < CHECKPOINT_BYTES) return;
    this.askedAt = writtenBytes;
    this.request();
  }

  /** Asks for a checkpoint; one runs at a time, and one more if asked meanwhile. */
  private request(): void {
    if (this.failed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.thread().postMessage('checkpoint');
  }

  /** Lets the thread finish its checkpoint and close its connection. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    const worker = this.worker;
    this.worker = undefined;
    this.failed = true;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    // Unreferenced, the thread would not keep the process alive to wait for it here.
    worker.ref();
    worker.postMessage('close');
    await exited;
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(THREAD, {
      eval: true,
      workerData: { file: this.db.name, driver: require.resolve('better-sqlite3') },
    });
    worker.on('message', (message: { error?: string }) => {
      if (message.error !== undefined) return this.fallBack();
      this.running = false;
      if (!this.again) return;
      this.again = false;
      this.request();
    });
    worker.on('error', () => this.fallBack());
    // After the listeners: adding one refs the thread's port again, and a file closed without
    // closing its checkpointer (a crash, a test) would then keep the process alive.
    worker.unref();
    return (this.worker = worker);
  }

  private fallBack(): void {
    if (this.failed) return;
    this.failed = true;
    void this.worker?.terminate();
    this.worker = undefined;
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
  }
}
