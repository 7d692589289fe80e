// The back-office console in Chromium against a real central and the Pool Bar edge on loopback, with
// the demo hotel: a manager walks every page through a PMS outage and its recovery — Overview and
// Fleet turn red, Postings shows the failed attempt, Queue retries it, Reconciliation shows the
// recovered posting, exports (the whole day and one outlet), prints without its controls and is
// signed off, Revenue and the Audit log follow, Hindi switches.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createBuiltinAdapter, type PmsAdapter, PmsError } from '@roompost/central';
import type { ChargeView, KioskLookup } from '@roompost/sync';
import { chromium } from 'playwright-core';
import { testPassword } from '../support/central-api.js';
import { api, centralAs, eventually, signInAs, startTestStack } from '../support/stack.js';
import { CHROMIUM, CHROMIUM_ARGS, text, until as untilMs } from './support/browser.js';

const until = <T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string) =>
  untilMs(read, ok, what, 15_000);

const CONSOLE_BUILD = new URL('../../kiosk-ui/dist/console/index.html', import.meta.url);

/** The built-in folio engine behind a switch: while `down`, postings fail as if the PMS link were cut. */
function switchablePms() {
  const state = { down: false };
  const wrap = (folio: Parameters<typeof createBuiltinAdapter>[0]): PmsAdapter => {
    const real = createBuiltinAdapter(folio);
    return {
      ...real,
      postCharge: async (c) => {
        if (state.down) throw new PmsError('CONNECTION_FAILED', 'Connection timeout to PMS');
        return real.postCharge(c);
      },
    };
  };
  return { state, wrap };
}

test('a manager follows a PMS outage through every console page, recovers it, reconciles, exports and signs off', async (t) => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/install-system-deps.sh`);
  assert.ok(existsSync(CONSOLE_BUILD), 'the console is not built: run `npm run build:ui` first');
  const pms = switchablePms();
  const stack = await startTestStack(t, { adapter: pms.wrap });
  const central = stack.central.httpUrl;
  const edge = stack.edge.httpUrl;
  const charge = async (quantity: number) => {
    const lookup = await api<KioskLookup>(edge, '/api/lookup', { uid: '04A1B2C3' });
    const res = await api<ChargeView>(edge, '/api/checks', {
      requestId: randomUUID(),
      verificationId: lookup.body.verificationId,
      items: [{ sku: 'MOJITO', quantity }],
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  };
  const manager = centralAs(central, 'maria.manager', 'manager');
  const first = await charge(1);
  await eventually(
    async () =>
      (await manager.get<{ status: string }>(`/api/pms/postings/${first.id}`)).body.status === 'posted'
        ? true
        : undefined,
    'the first charge posted',
  );
  pms.state.down = true;
  const second = await charge(2);
  await eventually(
    async () =>
      (await manager.get<{ status: string }>(`/api/pms/postings/${second.id}`)).body.status === 'queued'
        ? true
        : undefined,
    'the second charge queued by the outage',
  );

  const profile = mkdtempSync(join(tmpdir(), 'roompost-console-pages-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.goto(`${central}/console/`);
  await signInAs(central, 'maria.manager', 'manager');
  const form = page.getByTestId('sign-in');
  await form.locator('input[name=username]').fill('maria.manager');
  await form.locator('input[name=password]').fill(testPassword('maria.manager'));
  await form.locator('button[type=submit]').click();

  // Overview: one posted, one pending, the PMS link red, an alert is not needed yet (not 15 min old).
  await page.getByTestId('overview-page').waitFor();
  await until(
    () => text(page.getByTestId('card-posted')),
    (s) => s.endsWith('1'),
    'one posted',
  );
  await until(
    () => text(page.getByTestId('card-pending')),
    (s) => s.endsWith('1'),
    'one pending',
  );
  await until(
    () => page.getByTestId('pms-link').getAttribute('data-state'),
    (s) => s === 'red',
    'the PMS link red',
  );
  assert.equal(await page.locator('[data-testid=hourly-chart] rect[data-outlet=POOL]').count(), 1);
  assert.equal(await page.locator('[data-testid=latency-chart] circle').count(), 1, 'one posted charge');
  assert.equal(await page.getByTestId('nav-desk').getAttribute('href'), '/desk/');

  // Fleet: the property and the Pool Bar's device turn red while its charge waits on the outage.
  await page.getByTestId('nav-fleet').click();
  await until(
    () => page.getByTestId('property-state').getAttribute('data-state'),
    (s) => s === 'red',
    'property red',
  );
  await until(
    () => page.getByTestId('fleet-row-pool-kiosk-1').getAttribute('data-state'),
    (s) => s === 'red',
    'the device red on the outage',
  );

  // Postings: the failed attempt and the PMS's answer.
  await page.getByTestId('nav-postings').click();
  await page.getByTestId(`posting-${second.id}`).click();
  await until(
    () => text(page.getByTestId('attempt-log')),
    (s) => s.includes('CONNECTION_FAILED'),
    'the attempt log',
  );

  // The link comes back; the manager retries everything from the Queue.
  pms.state.down = false;
  await page.getByTestId('nav-queue').click();
  await page.getByTestId(`queue-${second.id}`).waitFor();
  await page.getByTestId('retry-all').click();
  await page.getByTestId('queue-empty').waitFor();
  await page.getByTestId('nav-fleet').click();
  await until(
    () => page.getByTestId('property-state').getAttribute('data-state'),
    (s) => s === 'green',
    'property green',
  );

  // Reconciliation of today: every charge matched once the edge has reported its day; the recovered
  // failure is listed with its path; export, print, sign-off.
  await eventually(
    async () => {
      const r = await manager.get<{ exceptions: unknown[]; summary: { varianceMinor: number } }>(
        '/api/pms/reconciliation',
      );
      return r.body.exceptions.length === 0 && r.body.summary.varianceMinor === 0 ? true : undefined;
    },
    'the day to reconcile cleanly',
    15_000,
  );
  await page.getByTestId('nav-reconciliation').click();
  await page.getByTestId('recon-no-exceptions').waitFor();
  assert.match(await text(page.getByTestId('recon-variance')), /\$0\.00.*Balanced/);
  assert.match(await text(page.getByTestId('recon-recovered')), /Timeout → .*Success/);
  assert.match(await text(page.getByTestId('recon-outlet-POOL')), /Pool Bar\s*2/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('recon-export').click(),
  ]);
  const csv = readFileSync((await download.path()) ?? '', 'utf8');
  assert.ok(csv.includes(first.id) && csv.includes(second.id), 'the CSV lists both charges');
  assert.equal(csv.split('\r\n').filter(Boolean).length, 3, "a header and the day's two charges");
  const day = await page.getByTestId('recon-date').inputValue();
  assert.match(await text(page.getByTestId('recon-unknown-note')), /listed/);
  // One outlet: the report and its export hold that outlet; the sign-off (of the whole day) waits.
  await page.getByTestId('recon-outlet').selectOption('POOL');
  await until(
    () => page.getByTestId('recon-outlets').locator('tbody tr').count(),
    (n) => n === 1,
    'the Pool Bar alone',
  );
  assert.equal(await page.getByTestId('recon-sign-off').count(), 0);
  const [poolDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('recon-export').click(),
  ]);
  assert.equal(poolDownload.suggestedFilename(), `reconciliation-${day}-POOL.csv`);
  await page.getByTestId('recon-outlet').selectOption('');
  // Print: the controls are left off the page, the day is printed in the heading.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByTestId('recon-export').isVisible(), false);
  assert.equal(await page.getByTestId('recon-date').isVisible(), false);
  assert.match(await text(page.getByTestId('recon-print-heading')), new RegExp(day));
  await page.emulateMedia({ media: 'screen' });
  await page.getByTestId('recon-sign-off').waitFor();
  await page.getByTestId('recon-sign-off').locator('button[type=submit]').click();
  await until(
    () => text(page.getByTestId('recon-signed')),
    (s) => s.includes('maria.manager'),
    'signed off',
  );

  // Revenue by outlet: the PMS-confirmed total of both charges.
  await page.getByTestId('nav-revenue').click();
  const total = (first.totalMinor + second.totalMinor) / 100;
  await until(
    () => text(page.getByTestId('revenue-total-POOL')),
    (s) => s === `$${total.toFixed(2)}`,
    'revenue',
  );

  // Audit log: the retry and the sign-off, attributed.
  await page.getByTestId('nav-audit').click();
  await page.locator('[data-action=night-audit-sign-off]').waitFor();
  assert.match(await text(page.getByTestId('audit-table')), /maria\.manager/);

  // Hindi, like the kiosk.
  await page.getByTestId('lang-switch').click();
  await until(
    () => text(page.getByTestId('nav-overview')),
    (s) => s === 'सारांश',
    'the nav in Hindi',
  );
  const shots = mkdtempSync(join(tmpdir(), 'roompost-console-shots-'));
  await page.screenshot({ path: join(shots, 'audit-hi.png'), fullPage: true });
  console.log(`# console screenshot: ${join(shots, 'audit-hi.png')}`);
});
