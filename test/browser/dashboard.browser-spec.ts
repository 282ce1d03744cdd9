import { readFileSync } from 'node:fs';
import {
  addDays,
  addMonths,
  CHROMIUM,
  countIs,
  Dashboard,
  digits,
  go,
  hasChromium,
  markStale,
  ready,
  setHash,
  stockholmDate,
  texts,
} from './support/dashboard-harness';

// The web dashboard end to end: each page opened on the seeded data in headless Chromium, its
// figures checked against the API, a switch submitted through the form and seen on the timeline
// and the roster, and a screenshot of every page in test-output/screenshots/.

type Ownerships = { municipal: number; private: number; non_profit: number };
type Placement = { providerId: string; from: string; to: string | null; kind: string };
type Entitlement = {
  status: string;
  entitlementId: string;
  schemeId: string;
  validTo: string | null;
  endDate: string | null;
  placements: Placement[];
};
type Citizen = { citizenId: string; personalNumber: string | null; entitlements: Entitlement[] };
type Roster = {
  placed: number;
  capacity: number | null;
  freePlaces: number | null;
  customers: { citizenId: string; entitlementId: string; to: string | null }[];
  pendingArrivals: { citizenId: string }[];
  pendingDepartures: { citizenId: string; lastDay: string }[];
};
type Run = {
  runId: string;
  schemeId: string;
  period: string;
  totalOre: number;
  lineCount: number;
  correctionCount: number;
};
type Statement = {
  lines: { kind: string; paymentId: string }[];
  totals: { totalOre: number; payments: number; corrections: number };
};

const describeWithChromium = hasChromium ? describe : describe.skip;
if (!hasChromium) {
  console.warn(
    `Browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );
}

describeWithChromium('web dashboard in headless Chromium (seeded embedded store)', () => {
  let dashboard: Dashboard;
  const today = stockholmDate(new Date());
  const nextMonth = `${addMonths(today, 1)}-01`;
  // The citizen whose music school place is switched through the form.
  let subject: { citizenId: string; entitlementId: string; number: string; from: string };
  let target: string;

  beforeAll(async () => {
    dashboard = await Dashboard.start();
    subject = await citizenWithOpenPlacement('musikskola-p01', 'musikskola');
    const choosable = await dashboard.api<{ providers: { providerId: string }[] }>(
      'caseworker',
      `/schemes/musikskola/choosable-providers?date=${nextMonth}`,
    );
    target = choosable.providers.find((p) => p.providerId !== subject.from)!.providerId;
  }, 120_000);

  afterAll(async () => dashboard?.stop());

  afterEach(() => {
    expect(dashboard.errors).toEqual([]);
  });

  /** A citizen on `providerId`'s roster today whose entitlement runs on past next month. */
  async function citizenWithOpenPlacement(providerId: string, schemeId: string, skip = 0) {
    const roster = await dashboard.api<Roster>(
      'caseworker',
      `/providers/${providerId}/roster?schemeId=${schemeId}&limit=500`,
    );
    let found = 0;
    for (const customer of roster.customers.filter((c) => c.to === null)) {
      const citizen = await dashboard.api<Citizen>('caseworker', `/citizens/${customer.citizenId}`);
      const entitlement = citizen.entitlements.find(
        (e) => e.entitlementId === customer.entitlementId,
      )!;
      const last = entitlement.endDate ?? entitlement.validTo;
      if (entitlement.placements.length === 1 && (last === null || last > nextMonth)) {
        if (found++ < skip) continue;
        const n = citizen.personalNumber!;
        return {
          citizenId: citizen.citizenId,
          entitlementId: entitlement.entitlementId,
          number: `${n.slice(0, 8)}-${n.slice(8)}`,
          from: providerId,
        };
      }
    }
    throw new Error(`No citizen with an open placement at ${providerId}`);
  }

  it('signs in with the demo users and offers each role only its pages', async () => {
    const page = await dashboard.signIn('anna');
    expect(await texts(page, '#nav a')).toEqual(['Översikt', 'Kund', 'Anordnare']);
    await go(page, '#/logga-in');
    await dashboard.screenshot(page, '01-logga-in');

    const provider = await dashboard.signIn('anordnare', { providerId: 'hemtjanst-p01' });
    expect(await texts(provider, '#nav a')).toEqual(['Översikt', 'Anordnare', 'Utbetalningar']);
    // A page the role may not see sends it to its first page instead.
    await markStale(provider);
    await setHash(provider, '#/kund');
    await ready(provider, 'oversikt');
    expect(await provider.getAttribute('[data-page]:not([data-stale])', 'data-page')).toBe(
      'oversikt',
    );
    // Provider staff see no caseworker lists on the overview, only the public figures.
    expect(await provider.$('#awaiting-choice')).toBeNull();
    expect(await provider.$('#market-shares')).not.toBeNull();

    // A citizen (or guardian) sees only their own cases, numbers masked, and may choose.
    const citizen = await dashboard.signIn('medborgare', { citizenIds: subject.citizenId });
    expect(await texts(citizen, '#nav a')).toEqual(['Kund']);
    await go(citizen, `#/kund/${subject.citizenId}`);
    expect(await citizen.textContent('#citizen-heading')).toContain(
      `${subject.number.slice(0, 8)}-****`,
    );
    expect(await citizen.$('#choice-form')).not.toBeNull();
    expect(await citizen.$('#non-choice-form')).toBeNull();
    expect(await citizen.$('#citizen-search')).toBeNull();
    await dashboard.screenshot(citizen, '01-medborgare-kund');

    const auditor = await dashboard.signIn('rut');
    expect(await texts(auditor, '#nav a')).toEqual([
      'Översikt',
      'Kund',
      'Anordnare',
      'Utbetalningar',
    ]);
  }, 60_000);

  it('Översikt shows market shares, providers per scheme, awaiting choice, sanctions and health as the API has them', async () => {
    const page = await dashboard.signIn('anna');
    await ready(page, 'oversikt');
    const shares = await dashboard.api<{
      schemes: { schemeId: string; citizens: Ownerships; sharesBasisPoints: Ownerships }[];
    }>('caseworker', '/dashboards/market-shares');
    expect(shares.schemes.length).toBeGreaterThan(0);
    for (const s of shares.schemes) {
      const row = `#market-shares tr[data-scheme="${s.schemeId}"]`;
      for (const o of ['municipal', 'private', 'non_profit'] as const) {
        const cell = await page.textContent(`${row} td[data-col="${o}"]`);
        expect(digits(cell!.split('(')[0])).toBe(String(s.citizens[o]));
      }
      const total = s.citizens.municipal + s.citizens.private + s.citizens.non_profit;
      expect(digits(await page.textContent(`${row} td[data-col="total"]`))).toBe(String(total));
      // The chart draws the same shares.
      const bars = await page.$$eval(
        `#market-shares g.bar-row[data-category="${s.schemeId}"] rect`,
        (rects) => rects.map((r) => [r.getAttribute('data-series'), r.getAttribute('data-value')]),
      );
      for (const [series, value] of bars)
        expect(Number(value)).toBe(s.sharesBasisPoints[series as keyof Ownerships]);
    }

    const perScheme = await dashboard.api<{
      schemes: { schemeId: string; providers: Ownerships }[];
    }>('caseworker', '/dashboards/providers-per-scheme');
    expect(await page.$$('#providers-per-scheme g.bar-row')).toHaveLength(perScheme.schemes.length);
    for (const s of perScheme.schemes) {
      const row = `#providers-per-scheme tr[data-scheme="${s.schemeId}"]`;
      for (const o of ['municipal', 'private', 'non_profit'] as const)
        expect(digits(await page.textContent(`${row} td[data-col="${o}"]`))).toBe(
          String(s.providers[o]),
        );
    }

    const awaiting = await dashboard.api<{ page: { total: number } }>(
      'caseworker',
      '/dashboards/awaiting-choice',
    );
    expect(await page.getAttribute('#awaiting-choice [data-total]', 'data-total')).toBe(
      String(awaiting.page.total),
    );
    const sanctions = await dashboard.api<{ items: { providerId: string; schemeId: string }[] }>(
      'caseworker',
      '/dashboards/sanctions',
    );
    expect(await page.$$('#sanctions tbody tr')).toHaveLength(sanctions.items.length);
    expect(sanctions.items.length).toBeGreaterThan(0);
    const health = await dashboard.api<{ projections: { name: string }[] }>(
      'caseworker',
      '/health',
    );
    for (const p of health.projections)
      expect(
        digits(
          await page.textContent(`#health tr[data-projection="${p.name}"] td[data-col="lag"]`),
        ),
      ).toBe('0');
    await dashboard.screenshot(page, '02-oversikt');

    // English is one click away, and back.
    await markStale(page);
    await page.click('.lang-toggle');
    await ready(page, 'oversikt');
    expect(await page.textContent('h1')).toBe('Overview');
    expect(await texts(page, '#nav a')).toEqual(['Overview', 'Citizen', 'Provider']);
    await dashboard.screenshot(page, '02-oversikt-en');
    await markStale(page);
    await page.click('.lang-toggle');
    await ready(page, 'oversikt');
    expect(await page.textContent('h1')).toBe('Översikt');
  }, 60_000);

  it('Kund finds a citizen by personnummer and shows entitlements, timeline, audit trail and the state as of a date', async () => {
    const page = await dashboard.signIn('anna');
    await go(page, '#/kund');
    // A malformed number: the API's message next to the field.
    await page.fill('#citizen-search-personalNumber', '12345');
    await page.click('#citizen-search button[type="submit"]');
    await page.waitForSelector('#citizen-search-personalNumber-error:not([hidden])');
    expect(await page.getAttribute('#citizen-search-personalNumber', 'aria-invalid')).toBe('true');

    await page.fill('#citizen-search-personalNumber', subject.number);
    await page.fill('#citizen-search-purpose', 'Ärende KFN-2026-0042');
    await markStale(page);
    await page.click('#citizen-search button[type="submit"]');
    await ready(page, 'kund');
    expect(page.url()).toContain(`#/kund/${subject.citizenId}`);
    expect(page.url()).not.toContain(subject.number.slice(0, 8));
    // Caseworkers see the full number, as the API gives it to them.
    expect(await page.textContent('#citizen-heading')).toContain(subject.number);

    const citizen = await dashboard.api<Citizen>('caseworker', `/citizens/${subject.citizenId}`);
    expect(await page.$$('#entitlements article.entitlement')).toHaveLength(
      citizen.entitlements.length,
    );
    for (const e of citizen.entitlements) {
      const article = `article.entitlement[data-entitlement="${e.entitlementId}"]`;
      expect(await page.$$(`${article} g.placement`)).toHaveLength(e.placements.length);
      expect(await page.$$(`${article} table.placements tbody tr`)).toHaveLength(
        e.placements.length,
      );
    }
    const history = await dashboard.api<{ events: { recordedAt: string }[] }>(
      'caseworker',
      `/citizens/${subject.citizenId}/history`,
    );
    expect(await page.$$('#history table.audit tbody tr')).toHaveLength(history.events.length);
    await dashboard.screenshot(page, '03-kund');
    // Every read went into the access log with who and the stated purpose.
    const log = await dashboard.api<{ items: { actor: string; purpose: string | null }[] }>(
      'auditor',
      `/access-log?citizenId=${subject.citizenId}`,
    );
    expect(log.items).toContainEqual(
      expect.objectContaining({ actor: 'handlaggare-anna', purpose: 'Ärende KFN-2026-0042' }),
    );

    // As of today: everything recorded; as of the day before the seed ran: nothing yet (that day,
    // not the day before the test's own start: a run may cross midnight in Stockholm).
    await page.fill('#as-of-date', today);
    await markStale(page);
    await page.click('#as-of-form button[type="submit"]');
    await ready(page, 'kund');
    const asOf = await dashboard.api<{ entitlements: Entitlement[] }>(
      'caseworker',
      `/citizens/${subject.citizenId}/as-of?at=${today}`,
    );
    expect(await page.$$('#as-of tbody tr')).toHaveLength(
      asOf.entitlements.filter((e) => e.status === 'granted').length,
    );
    expect(await page.$$('svg.timeline line.as-of')).toHaveLength(citizen.entitlements.length);
    const firstRecorded = history.events.map((e) => e.recordedAt).sort()[0];
    const beforeSeed = addDays(stockholmDate(new Date(firstRecorded)), -1);
    await go(page, `#/kund/${subject.citizenId}?at=${beforeSeed}`);
    expect(await page.textContent('#as-of')).toContain(beforeSeed);
    expect(await page.$$('#as-of tbody tr')).toHaveLength(0);
  }, 60_000);

  it('submits a switch through the form, shows the API validation errors by the fields, and the switch on the timeline and both rosters', async () => {
    const page = await dashboard.signIn('anna');
    await go(page, `#/kund/${subject.citizenId}`);
    const form = '#choice-form';
    await page.selectOption(`${form}-entitlementId`, subject.entitlementId);

    // No date: the API refuses and says why, next to the date field.
    await page.fill(`${form}-effectiveDate`, '');
    await page.click(`${form} button[type="submit"]`);
    await page.waitForSelector(`${form}[data-result="error"]`);
    expect(await page.isVisible(`${form}-effectiveDate-error`)).toBe(true);
    expect(await page.textContent(`${form}-effectiveDate-error`)).toMatch(/effectiveDate/);
    await dashboard.screenshot(page, '04-kund-valideringsfel');

    await page.fill(`${form}-effectiveDate`, nextMonth);
    await page.dispatchEvent(`${form}-effectiveDate`, 'change');
    await page.waitForSelector(`${form}[data-providers-for="musikskola@${nextMonth}"]`);
    await page.selectOption(`${form}-providerId`, target);
    await page.selectOption(`${form}-madeBy`, 'guardian');
    await page.selectOption(`${form}-switchReason`, 'unhappy');
    await page.click(`${form} button[type="submit"]`);
    await page.waitForSelector(`${form}[data-result="ok"]`);
    expect(await page.isVisible(`${form}-effectiveDate-error`)).toBe(false);

    // The API has it: the old place ends the day before, the new one starts as a switch.
    const citizen = await dashboard.api<Citizen>('caseworker', `/citizens/${subject.citizenId}`);
    const placements = citizen.entitlements.find(
      (e) => e.entitlementId === subject.entitlementId,
    )!.placements;
    expect(placements.at(-1)).toEqual({
      providerId: target,
      from: nextMonth,
      to: null,
      kind: 'switch',
    });
    // …and so does the page: one more bar on the timeline, the new row in the table.
    const article = `article.entitlement[data-entitlement="${subject.entitlementId}"]`;
    await page.waitForSelector(`${article} g.placement[data-index="${placements.length - 1}"]`);
    expect(await page.$$(`${article} g.placement`)).toHaveLength(placements.length);
    expect(await page.getAttribute(`${article} g.placement[data-index="1"]`, 'data-kind')).toBe(
      'switch',
    );
    const row = `${article} tr[data-provider="${target}"][data-from="${nextMonth}"]`;
    expect(await page.textContent(`${row} td[data-col="kind"]`)).toBe('Byte');
    const history = await dashboard.api<{ events: { type: string }[] }>(
      'caseworker',
      `/citizens/${subject.citizenId}/history`,
    );
    expect(await page.$$('#history table.audit tbody tr')).toHaveLength(history.events.length);
    expect(history.events.at(-1)!.type).toBe('ChoiceRegistered');
    await dashboard.screenshot(page, '05-kund-efter-byte');

    // The new provider's roster: among the customers from that date, arriving as of today.
    await go(page, `#/anordnare/${target}?scheme=musikskola&date=${nextMonth}`);
    await page.waitForSelector(`#roster table.customers tr[data-citizen="${subject.citizenId}"]`);
    const roster = await dashboard.api<Roster>(
      'caseworker',
      `/providers/${target}/roster?schemeId=musikskola&date=${nextMonth}`,
    );
    expect(await page.getAttribute('#roster [data-placed]', 'data-placed')).toBe(
      String(roster.placed),
    );
    expect(digits(await page.textContent('#roster [data-figure="placed"]'))).toBe(
      String(roster.placed),
    );
    // The places a choice from that date can still take, as the capacity check counts them.
    expect(await page.getAttribute('#roster [data-free]', 'data-free')).toBe(
      String(roster.freePlaces ?? ''),
    );
    await dashboard.screenshot(page, '06-anordnare-kundlista');
    await go(page, `#/anordnare/${target}?scheme=musikskola&date=${today}`);
    expect(
      await page.$(`#roster table.arrivals tr[data-citizen="${subject.citizenId}"]`),
    ).not.toBeNull();
    // The old provider's roster shows the departure.
    await go(page, `#/anordnare/${subject.from}?scheme=musikskola&date=${today}`);
    expect(
      await page.$(`#roster table.departures tr[data-citizen="${subject.citizenId}"]`),
    ).not.toBeNull();
  }, 60_000);

  it('Anordnare shows authorisation with history, warnings, follow-up and quality results; the quality unit issues a warning', async () => {
    const page = await dashboard.signIn('karin');
    type Provider = {
      schemes: Record<string, { status: string; capacity: number | null }>;
      warnings: unknown[];
      visits: unknown[];
      qualityReports: unknown[];
      surveys: unknown[];
    };
    // A de-authorised provider: its status, the decision in its history, the visit behind it.
    await go(page, '#/anordnare/hemtjanst-p07');
    const p07 = await dashboard.api<Provider>('quality_officer', '/providers/hemtjanst-p07');
    expect(
      await page.getAttribute('#authorisations tr[data-scheme="hemtjanst"]', 'data-status'),
    ).toBe(p07.schemes.hemtjanst.status);
    expect(await page.textContent('#authorisations details[data-scheme="hemtjanst"]')).toContain(
      'Avauktorisation beslutad',
    );
    expect(await page.$$('#follow-up table.visits tbody tr')).toHaveLength(p07.visits.length);
    expect(await page.$$('#quality table.quality-reports tbody tr')).toHaveLength(
      p07.qualityReports.length,
    );

    // Published results: a quality report and a survey recorded through the API show up.
    const figures = [{ indicator: 'overall-satisfaction', value: 91, unit: 'percent' }];
    await dashboard.api('quality_officer', '/providers/hemtjanst-p04/quality-reports', {
      method: 'POST',
      body: {
        schemeId: 'hemtjanst',
        year: 2025,
        summary: 'Goals met; two routines revised.',
        figures,
      },
    });
    await dashboard.api('quality_officer', '/providers/hemtjanst-p04/survey-results', {
      method: 'POST',
      body: {
        schemeId: 'hemtjanst',
        year: 2025,
        title: 'Brukarundersökning',
        respondents: 84,
        figures,
      },
    });
    await go(page, '#/anordnare/hemtjanst-p04');
    expect(await page.$$('#quality table.quality-reports tbody tr')).toHaveLength(1);
    expect(await page.textContent('#quality table.surveys')).toContain('Brukarundersökning');
    expect(await page.textContent('#quality table.surveys')).toContain('91 %');
    const before = await dashboard.api<Provider>('quality_officer', '/providers/hemtjanst-p04');
    expect(await page.$$('#warnings tbody tr')).toHaveLength(before.warnings.length);
    expect(digits(await page.textContent('#authorisations td[data-col="capacity"]'))).toBe(
      String(before.schemes.hemtjanst.capacity),
    );
    const form = '#warning-form';
    await page.waitForSelector(`${form}-conditionId option`, { state: 'attached' });
    await page.click(`${form} button[type="submit"]`);
    await page.waitForSelector(`${form}-deficiency-error:not([hidden])`);
    await page.fill(
      `${form}-deficiency`,
      'Follow-up found no routine for reporting serious deviations.',
    );
    await page.click(`${form} button[type="submit"]`);
    await page.waitForSelector(`${form}[data-result="ok"]`);
    const after = await dashboard.api<Provider>('quality_officer', '/providers/hemtjanst-p04');
    expect(after.warnings).toHaveLength(before.warnings.length + 1);
    await countIs(page, '#warnings tbody tr', after.warnings.length);
    await dashboard.screenshot(page, '07-anordnare');

    // Provider staff see their own provider only, whatever the address says.
    const own = await dashboard.signIn('anordnare', { providerId: 'hemtjanst-p01' });
    await go(own, '#/anordnare/hemtjanst-p04');
    expect(await own.getAttribute('.provider-header', 'data-provider')).toBe('hemtjanst-p01');
    expect(await own.$('#provider-picker')).toBeNull();
    expect(await own.$('#warning-form')).toBeNull();
    await own.waitForSelector('#roster [data-placed]');
  }, 60_000);

  it('Utbetalningar approves runs, charts them, shows a statement with its correction and CSV, and the reconciliation', async () => {
    const page = await dashboard.signIn('erik');
    const runLists: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.method() === 'GET' && url.pathname.endsWith('/payment-runs'))
        runLists.push(url.href);
    });
    await go(page, '#/utbetalningar');
    // The runs and the reconciliation's months come from one request when the page opens.
    expect(runLists).toHaveLength(1);
    const closed = addMonths(today, -2);
    const last = addMonths(today, -1);

    // A month is required: the API's message by the field.
    await page.click('#approve-form button[type="submit"]');
    await page.waitForSelector('#approve-form-period-error:not([hidden])');

    await page.fill('#approve-form-period', closed);
    await page.click('#approve-form button[type="submit"]');
    await page.waitForSelector('#approve-form[data-result="ok"]', { timeout: 30_000 });

    // A caseworker backdates a switch into the closed month: the next run corrects it.
    const late = await citizenWithOpenPlacement('musikskola-p01', 'musikskola', 1);
    const { providers } = await dashboard.api<{ providers: { providerId: string }[] }>(
      'caseworker',
      `/schemes/musikskola/choosable-providers?date=${closed}-15`,
    );
    const to = providers.find((p) => p.providerId !== late.from)!.providerId;
    await dashboard.api(
      'caseworker',
      `/citizens/${late.citizenId}/entitlements/${late.entitlementId}/choices`,
      {
        method: 'POST',
        body: {
          providerId: to,
          effectiveDate: `${closed}-15`,
          madeBy: 'citizen',
          channel: 'paper',
          reason: 'The paper form was found late; registered on the day it was signed',
        },
      },
    );
    await page.fill('#approve-form-period', last);
    await page.click('#approve-form button[type="submit"]');
    await page.waitForSelector(`#approve-form[data-result="ok"]`);
    await page.waitForSelector(`#runs table.periods tr[data-period="${last}"]`);

    const runs = await dashboard.api<Run[]>('finance', '/payment-runs');
    const paying = runs.filter((r) => r.lineCount + r.correctionCount > 0);
    expect(await page.$$('#runs table.runs tbody tr')).toHaveLength(paying.length);
    expect(await page.$$('#runs table.periods tbody tr')).toHaveLength(2);
    const lastTotal = runs.filter((r) => r.period === last).reduce((s, r) => s + r.totalOre, 0);
    expect(
      await page.getAttribute(`#runs table.periods tr[data-period="${last}"]`, 'data-total'),
    ).toBe(String(lastTotal));
    const corrected = paying.find((r) => r.period === last && r.schemeId === 'musikskola')!;
    expect(corrected.correctionCount).toBeGreaterThan(0);
    expect(
      digits(
        await page.textContent(
          `#runs tr[data-run="${corrected.runId}"] td[data-col="corrections"]`,
        ),
      ),
    ).toBe(String(corrected.correctionCount));
    expect(await page.$$('#runs g.bar-column')).toHaveLength(2);
    const paid = runs.filter((r) => r.period === last && r.totalOre > 0);
    for (const run of paid) {
      const bar = await page.getAttribute(
        `#runs g.bar-column[data-category="${last}"] rect[data-series="${run.schemeId}"]`,
        'data-value',
      );
      expect(Number(bar)).toBe(run.totalOre);
    }

    // The statement of the provider the late switch went to: its correction is marked.
    await page.selectOption('#statement-provider', to);
    await page.fill('#statement-period', last);
    await page.click('#statement-form button[type="submit"]');
    await page.waitForSelector(`#statement[aria-busy="false"] [data-total]`);
    expect(page.url()).toContain(`#/utbetalningar?provider=${to}&period=${last}`);
    const statement = await dashboard.api<Statement>('finance', `/statements/${to}/${last}`);
    expect(statement.totals.corrections).toBeGreaterThan(0);
    expect(await page.$$('#statement table.statement-lines tbody tr')).toHaveLength(
      statement.lines.length,
    );
    expect(await page.$$('#statement tr.correction')).toHaveLength(statement.totals.corrections);
    expect(await page.getAttribute('#statement [data-total]', 'data-total')).toBe(
      String(statement.totals.totalOre),
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#statement button[data-csv="sv"]'),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toBe(
      await dashboard.api<string>('finance', `/statements/${to}/${last}?format=csv&numbers=sv`, {
        raw: true,
      }),
    );
    // The reconciliation shows the latest closed month, and every month when asked.
    type Reconciliation = { balanced: boolean; schemes: { schemeId: string }[] };
    const shown = async () => {
      await page.waitForSelector('#reconciliation[aria-busy="false"]', { timeout: 30_000 });
      return {
        balanced: await page.getAttribute('#reconciliation [data-balanced]', 'data-balanced'),
        schemes: await page.$$eval('#reconciliation tr[data-scheme]', (rows) =>
          rows.map((r) => r.getAttribute('data-scheme')),
        ),
      };
    };
    const expected = async (query: string) => {
      const answer = await dashboard.api<Reconciliation>('finance', `/reconciliation${query}`);
      return { balanced: String(answer.balanced), schemes: answer.schemes.map((r) => r.schemeId) };
    };
    expect(await page.inputValue('#reconciliation-period')).toBe(last);
    expect(await shown()).toEqual(await expected(`?period=${last}`));
    await page.selectOption('#reconciliation-period', 'all');
    // The section is marked busy as the click submits, so `shown` waits for the new answer.
    await page.click('#reconciliation-form button[type="submit"]');
    expect(await shown()).toEqual(await expected(''));
    expect(await page.inputValue('#reconciliation-period')).toBe('all');
    await dashboard.screenshot(page, '08-utbetalningar');

    // The provider sees its own statement (and no runs or reconciliation of others).
    const own = await dashboard.signIn('anordnare', { providerId: to });
    await go(own, `#/utbetalningar?period=${last}`);
    expect(await own.$('#runs')).toBeNull();
    expect(await own.$('#reconciliation')).toBeNull();
    expect(await own.$$('#statement table.statement-lines tbody tr')).toHaveLength(
      statement.lines.length,
    );

    // Auditors read it all and are offered no commands; numbers are masked for them.
    const auditor = await dashboard.signIn('rut');
    await go(auditor, `#/kund/${late.citizenId}`);
    expect(await auditor.textContent('#citizen-heading')).toContain(
      `${late.number.slice(0, 8)}-****`,
    );
    expect(await auditor.$('#choice-form')).toBeNull();
    await dashboard.screenshot(auditor, '09-revisor-kund');
  }, 90_000);
});
