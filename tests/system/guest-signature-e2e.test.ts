// The guest's optional signature on a self-service kiosk (800×480, Chromium): an outlet configured
// with a signature threshold shows the pad after Confirm for a total at or above it; the guest signs
// (kept with the charge) or skips (no signature). Real edge and central on loopback.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DEFAULT_DEBOUNCE_MS } from '@roompost/drivers';
import type { ChargeView } from '@roompost/sync';
import type { BrowserContext, Page } from 'playwright-core';
import { api, startTestStack } from '../support/stack.js';
import {
  assertChromium,
  assertTouchTargets,
  buildKiosk,
  launchKioskBrowser,
  text,
  waitForAttribute,
} from './support/browser.js';

const CARD = '04A1B2C3';
const dataDir = mkdtempSync(join(tmpdir(), 'roompost-guest-sign-e2e-'));
const shotsDir = process.env.KIOSK_E2E_SHOTS ?? mkdtempSync(join(tmpdir(), 'roompost-guest-sign-shots-'));
const kioskDir = join(dataDir, 'kiosk-build');
let context: BrowserContext;

before(async () => {
  assertChromium();
  buildKiosk(kioskDir);
  mkdirSync(shotsDir, { recursive: true });
  context = await launchKioskBrowser(join(dataDir, 'chromium-profile'));
  console.log(`# guest signature screenshots: ${shotsDir}`);
});

after(async () => {
  await context?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a guest signs for two mojitos, and may skip the optional signature', async (t) => {
  // The edge's clock, moved ahead by the test where a real kiosk would wait.
  let aheadMs = 0;
  const stack = await startTestStack(t, {
    edgeNow: () => new Date(Date.now() + aheadMs),
    kioskDir,
    outlet: { signature: { thresholdMinor: 1500, required: false } },
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(stack.edge.httpUrl);

  await orderAndTap(page);
  await page.getByTestId('confirm').click();
  await page.getByTestId('signature-screen').waitFor();
  assert.equal(await page.getByTestId('signature-skip').isVisible(), true, 'optional: the guest may skip');
  await signOnPad(page);
  await assertTouchTargets(page);
  await shoot(page, 'guest-sign-01-signature');
  await page.getByTestId('signature-done').dblclick();
  await page.getByTestId('charged-screen').waitFor();
  const signedId = await page.getByTestId('charged-screen').getAttribute('data-charge-id');
  const signed = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${signedId}`);
  assert.equal(signed.body.signed, true);
  await waitForAttribute(page.getByTestId('charge-status'), 'data-status', 'posted', 20_000);
  await shoot(page, 'guest-sign-02-charged');
  await page.getByTestId('done').click();

  // The same card again inside the reader's debounce window would be the same tap (drivers/card-reader):
  // the reader's clock moves past it instead of the test sleeping through it.
  aheadMs += DEFAULT_DEBOUNCE_MS + 1;
  await orderAndTap(page);
  await page.getByTestId('confirm').click();
  await page.getByTestId('signature-skip').click();
  await page.getByTestId('charged-screen').waitFor();
  const skippedId = await page.getByTestId('charged-screen').getAttribute('data-charge-id');
  assert.notEqual(skippedId, signedId);
  const skipped = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${skippedId}`);
  assert.equal(skipped.body.signed, false);
  const all = await api<{ charges: ChargeView[] }>(stack.edge.httpUrl, '/api/charges');
  assert.equal(all.body.charges.length, 2, 'one charge per confirmation, though Done was tapped twice');
  assert.deepEqual(pageErrors, []);
  await page.close();
});

async function orderAndTap(page: Page): Promise<void> {
  await page.getByTestId('order-screen').waitFor();
  await page.getByTestId('category-COCKTAILS').click();
  await page.getByTestId('item-MOJITO').click();
  await page.getByTestId('item-MOJITO').click();
  await page.getByTestId('charge-to-room').click();
  await page.getByTestId('identify-screen').waitFor();
  if ((await page.getByTestId('dev-panel').getAttribute('data-open')) !== 'true') {
    await page.getByTestId('dev-panel-toggle').click();
  }
  await page.getByTestId(`dev-tap-${CARD}`).click();
  await page.getByTestId('guest-screen').waitFor();
  assert.equal(await text(page.getByTestId('guest-room')), '412');
}

async function signOnPad(page: Page): Promise<void> {
  const box = await page.getByTestId('signature-canvas').boundingBox();
  assert.ok(box, 'the signature pad is rendered');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 40, y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++)
    await page.mouse.move(box.x + 40 + i * 25, y + (i % 2 ? -30 : 30), { steps: 2 });
  await page.mouse.up();
  await waitForAttribute(page.getByTestId('signature-canvas'), 'data-inked', 'true');
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(shotsDir, `${name}.png`) });
}
