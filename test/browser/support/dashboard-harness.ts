import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { createApp } from '../../../apps/api/src/create-app';
import { seedIfEmpty } from '../../../apps/api/src/seed/seed-if-empty';

/** Debian's Chromium (`apt-get install chromium`); playwright-core never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '../../../test-output/screenshots');
export const hasChromium = existsSync(CHROMIUM);

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The demo users on the sign-in page (see apps/api/src/web/public/js/session.js). */
export type DemoUser = 'anna' | 'karin' | 'erik' | 'rut' | 'anordnare' | 'medborgare';

type Role = 'citizen' | 'caseworker' | 'provider' | 'quality_officer' | 'finance' | 'auditor';

/**
 * The API with its web dashboard, in-process on a fresh seeded embedded store, and a headless
 * Chromium to drive it. Every page opened collects uncaught errors, which a test can assert on.
 */
export class Dashboard {
  private readonly contexts: BrowserContext[] = [];
  readonly errors: string[] = [];

  private constructor(
    readonly app: INestApplication,
    readonly url: string,
    readonly browser: Browser,
  ) {}

  static async start(): Promise<Dashboard> {
    const dataDir = mkdtempSync(join(tmpdir(), 'kundval-browser-'));
    const app = await createApp({ kind: 'embedded', dataDir }, { logger: false });
    await seedIfEmpty(app);
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    mkdirSync(SCREENSHOTS, { recursive: true });
    return new Dashboard(app, url, browser);
  }

  async stop(): Promise<void> {
    await Promise.all(this.contexts.map((c) => c.close().catch(() => undefined)));
    await this.browser?.close();
    await this.app?.close();
  }

  /** Calls the API as a role, with a token from the same demo sign-in the pages use. */
  async api<T = unknown>(
    role: Role,
    path: string,
    init: { method?: string; body?: unknown; providerId?: string; raw?: boolean } = {},
  ): Promise<T> {
    const token = await this.token(role, init.providerId);
    const response = await fetch(`${this.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        Authorization: `Bearer ${token}`,
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (init.raw ? response.text() : response.json()) as Promise<T>;
  }

  private async token(role: Role, providerId?: string): Promise<string> {
    const response = await fetch(`${this.url}/auth/dev-token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ role, subject: `browser-test-${role}`, providerId }),
    });
    return ((await response.json()) as { token: string }).token;
  }

  /** A fresh tab (own sessionStorage), signed in through the sign-in page as a demo user. */
  async signIn(user: DemoUser, options: { providerId?: string; citizenIds?: string } = {}) {
    const context = await this.browser.newContext({
      viewport: { width: 1360, height: 900 },
      acceptDownloads: true,
      locale: 'sv-SE',
      timezoneId: 'Europe/Stockholm',
    });
    this.contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => this.errors.push(`${user}: ${error.message}`));
    page.on('console', (message) => {
      // A refused request is logged by Chromium itself; the page shows the problem, not an error.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        this.errors.push(`${user}: ${message.text()}`);
    });
    await page.goto(`${this.url}/#/logga-in`);
    await ready(page, 'logga-in');
    if (options.providerId) await page.fill(`#signin-${user}-providerId`, options.providerId);
    if (options.citizenIds) await page.fill(`#signin-${user}-citizenIds`, options.citizenIds);
    await markStale(page);
    await page.click(`form[data-user="${user}"] button[type="submit"]`);
    await page.waitForSelector(
      '[data-page][data-ready="true"]:not([data-page="logga-in"]):not([data-stale])',
    );
    return page;
  }

  async screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }
}

/** Marks the page shown now, so that waiting for the next one cannot match it. */
export async function markStale(page: Page): Promise<void> {
  await page.$$eval('[data-page]', (pages) =>
    pages.forEach((p) => p.setAttribute('data-stale', '')),
  );
}

/** Sets the address's hash as a user following a link would. */
export async function setHash(page: Page, hash: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
}

/** Waits until `selector` matches exactly `n` elements. */
export async function countIs(page: Page, selector: string, n: number): Promise<void> {
  await page.waitForFunction(
    `document.querySelectorAll(${JSON.stringify(selector)}).length === ${n}`,
  );
}

/** Waits until the page `id` has loaded everything it shows. */
export async function ready(page: Page, id: string): Promise<void> {
  await page.waitForSelector(`[data-page="${id}"][data-ready="true"]:not([data-stale])`);
}

/** Goes to a hash route (`#/kund/…`) and waits for that page to be ready. */
export async function go(page: Page, hash: string): Promise<void> {
  await markStale(page);
  await setHash(page, hash);
  await ready(page, hash.replace(/^#\//, '').split(/[/?]/)[0]);
}

/** The digits of a text (figures are shown with spaces and units). */
export function digits(text: string | null): string {
  return (text ?? '').replace(/[^\d−-]/g, '').replace('−', '-');
}

/** Text of every element matching `selector`. */
export function texts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) => els.map((el) => (el.textContent ?? '').trim()));
}

/** YYYY-MM-DD of a Date in Stockholm. */
export function stockholmDate(date: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(date);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The month `months` after the one `date` is in, as YYYY-MM. */
export function addMonths(date: string, months: number): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1 + months, 1));
  return d.toISOString().slice(0, 7);
}
