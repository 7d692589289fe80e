// Issue #5's failed-posting flow in Chromium (800×480): a real edge (staff mode) and central on
// loopback whose PMS link is cut. The manager posts a check, sees seed 000's POSTING FAILED with its
// options, adds it to the queue, finds it in PENDING ROOM POSTINGS (with the PMS status and the last
// PMS connection); the PMS comes back, Retry posts it, and the list empties.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createBuiltinAdapter, type PmsAdapter, PmsError } from '@roompost/central';
import { hashPin } from '@roompost/edge';
import type { ChargeView } from '@roompost/sync';
import type { BrowserContext, Page } from 'playwright-core';
import { api, startTestStack } from '../support/stack.js';
import {
  assertChromium,
  assertTouchTargets,
  buildKiosk,
  launchKioskBrowser,
  text,
  until,
  waitForAttribute,
} from './support/browser.js';

const dataDir = mkdtempSync(join(tmpdir(), 'roompost-failed-e2e-'));
const shotsDir = process.env.KIOSK_E2E_SHOTS ?? mkdtempSync(join(tmpdir(), 'roompost-failed-shots-'));
const kioskDir = join(dataDir, 'kiosk-build');
let context: BrowserContext;

/** The built-in folio engine behind a switch: while `down`, postings fail as if the PMS link were cut. */
function switchablePms() {
  const state = { down: true };
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

before(async () => {
  assertChromium();
  buildKiosk(kioskDir);
  mkdirSync(shotsDir, { recursive: true });
  context = await launchKioskBrowser(join(dataDir, 'chromium-profile'));
  console.log(`# failed-posting screenshots: ${shotsDir}`);
});

after(async () => {
  await context?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('PMS down: Posting Failed → Add to Queue → pending list → PMS back → Retry → posted', async (t) => {
  const pms = switchablePms();
  const staff = [
    { id: 'maria', name: 'Maria Chen', role: 'manager' as const, pinHash: await hashPin('3333') },
  ];
  const stack = await startTestStack(t, { mode: 'staff', staff, adapter: pms.wrap, kioskDir });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(stack.edge.httpUrl);

  await page.getByTestId('pin-screen').waitFor();
  for (const digit of '3333') await page.getByTestId(`key-${digit}`).click();
  await page.getByTestId('keypad-next').click();
  await page.getByTestId('order-screen').waitFor();
  await waitForAttribute(page.getByTestId('central-status'), 'data-state', 'online');

  await page.getByTestId('category-COCKTAILS').click();
  await page.getByTestId('item-BEER').click();
  await page.getByTestId('charge-to-room').click();
  for (const digit of '412') await page.getByTestId(`key-${digit}`).click();
  await page.getByTestId('keypad-next').click();
  await page.getByTestId('found-screen').waitFor();
  await page.getByTestId('post').click();

  // Central could not reach the PMS: the charge is queued there, and the kiosk says POSTING FAILED.
  await page.getByTestId('charged-screen').waitFor();
  await waitForAttribute(page.getByTestId('charge-status'), 'data-status', 'queued', 20_000);
  const chargeId = await page.getByTestId('charged-screen').getAttribute('data-charge-id');
  assert.ok(chargeId);
  await page.getByTestId('posting-failed').waitFor();
  assert.match(await text(page.locator('.screen-title')), /Posting failed/);
  // Seed 000's words for the code; the PMS's own detail goes to the log only.
  assert.equal(await page.getByTestId('charge-error').getAttribute('data-code'), 'CONNECTION_FAILED');
  assert.doesNotMatch(await text(page.getByTestId('charge-error')), /timeout/i);
  for (const option of ['retry-now', 'add-to-queue', 'pay-by-card', 'manual-override']) {
    assert.equal(await page.getByTestId(option).isVisible(), true, option);
  }
  await assertTouchTargets(page);
  await shoot(page, 'failed-01-posting-failed');

  // Retry Now while the PMS is still down: still not posted, the options stay.
  await page.getByTestId('retry-now').click();
  await until(
    () => page.getByTestId('charge-status').getAttribute('data-status'),
    (s) => s === 'queued' || s === 'failed',
    'still not posted',
    10_000,
  );
  await page.getByTestId('posting-failed').waitFor();

  await page.getByTestId('add-to-queue').click();
  await page.getByTestId('pending-screen').waitFor();
  const row = page.getByTestId(`pending-${chargeId}`);
  await row.waitFor();
  assert.equal(await row.getAttribute('data-status'), 'queued');
  assert.equal(await text(page.getByTestId('pending-summary')), '1 posting pending');
  assert.equal(await text(page.getByTestId('last-pms')), 'Last PMS connection: no posting confirmed yet');
  await page.getByTestId('pms-trouble').waitFor();
  await waitForAttribute(page.getByTestId('central-status'), 'data-state', 'pms-trouble');
  await assertTouchTargets(page);
  await shoot(page, 'failed-02-pending-queued');
  // Seed 000 shows the attempt, and Retry while the PMS is still down says it did not go through.
  assert.match(await text(page.getByTestId(`pending-status-${chargeId}`)), /^Retry #\d+$/);
  await page.getByTestId(`retry-${chargeId}`).click();
  await until(
    () => text(page.getByTestId('pending-note')),
    (note) => /still not on the folio/.test(note),
    'feedback that the retry failed again',
    20_000,
  );
  for (const help of ['contact-it', 'manual-post-instructions']) {
    assert.equal(await page.getByTestId(help).isVisible(), true, help);
  }

  // The PMS recovers; the manager retries from the list.
  pms.state.down = false;
  await page.getByTestId(`retry-${chargeId}`).click();
  await row.waitFor({ state: 'detached', timeout: 20_000 });
  assert.equal(
    await text(page.getByTestId('pending-summary')),
    'Nothing pending: every charge of this outlet is on a folio.',
  );
  assert.match(
    await text(page.getByTestId('last-pms')),
    /^Last PMS connection: \d{1,2}:\d{2}\s?[AP]M \(0 min ago\)$/,
  );
  assert.equal(await page.getByTestId('pms-trouble').count(), 0);
  await shoot(page, 'failed-03-pending-retried');

  const charge = await api<ChargeView>(
    stack.edge.httpUrl,
    `/api/charges/${chargeId}`,
    undefined,
    await token(stack),
  );
  assert.equal(charge.body.status, 'posted');
  assert.ok(charge.body.pmsTransactionId);

  // Hindi: the same list in the other catalog.
  await page.getByTestId('lang-hi').click();
  await until(
    () => text(page.getByTestId('last-pms')),
    (s) => s.startsWith('पिछला PMS संपर्क'),
    'Hindi',
    5000,
  );
  await shoot(page, 'failed-04-pending-hindi');
  await page.getByTestId('lang-en').click();
  assert.deepEqual(pageErrors, []);
  await page.close();
});

async function token(stack: { edge: { httpUrl: string } }): Promise<string> {
  const res = await api<{ token: string }>(stack.edge.httpUrl, '/api/staff/session', { pin: '3333' });
  return res.body.token;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(shotsDir, `${name}.png`) });
}
