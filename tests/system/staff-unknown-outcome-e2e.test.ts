// What the staff see when a posting's outcome is unknown, in Chromium (800×480): a real edge (staff
// mode) and central on loopback whose PMS books the charge and then loses the answer
// (POSTING_UNKNOWN). The charged screen says "Checking with the PMS", neither Posting Failed nor
// Posted, and offers no Pay with card (the guest could pay twice); the pending list says the same.
// When the manager retries, central reads the folio back, finds the charge, and the screen turns to
// Posted, with the charge on the folio once.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createBuiltinAdapter, type PmsAdapter, PmsError } from '@roompost/central';
import { hashPin } from '@roompost/edge';
import type { BrowserContext } from 'playwright-core';
import { centralAs } from '../support/central-api.js';
import { startTestStack } from '../support/stack.js';
import {
  assertChromium,
  buildKiosk,
  launchKioskBrowser,
  text,
  until,
  waitForAttribute,
} from './support/browser.js';

const dataDir = mkdtempSync(join(tmpdir(), 'roompost-unknown-e2e-'));
const kioskDir = join(dataDir, 'kiosk-build');
let context: BrowserContext;

/** The built-in folio engine, whose first posting is booked and its answer then lost. */
function answerLostOnce() {
  const state = { lost: 0, posted: 0 };
  const wrap = (folio: Parameters<typeof createBuiltinAdapter>[0]): PmsAdapter => {
    const real = createBuiltinAdapter(folio);
    return {
      ...real,
      postCharge: async (c) => {
        const result = await real.postCharge(c);
        state.posted++;
        if (state.lost === 0) {
          state.lost++;
          throw new PmsError('POSTING_UNKNOWN', 'posting outcome unknown: no answer within 10000 ms');
        }
        return result;
      },
    };
  };
  return { state, wrap };
}

before(async () => {
  assertChromium();
  buildKiosk(kioskDir);
  context = await launchKioskBrowser(join(dataDir, 'chromium-profile'));
});

after(async () => {
  await context?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('an unknown outcome reads "Checking with the PMS" until the read-back settles it as posted', async (t) => {
  const pms = answerLostOnce();
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

  await page.getByTestId('charged-screen').waitFor();
  await waitForAttribute(page.getByTestId('charge-status'), 'data-unknown', 'true', 20_000);
  const chargeId = await page.getByTestId('charged-screen').getAttribute('data-charge-id');
  assert.ok(chargeId);
  assert.equal(await page.getByTestId('charge-status').getAttribute('data-status'), 'queued');
  assert.equal(await text(page.locator('.screen-title')), 'Checking with the PMS');
  assert.match(await text(page.getByTestId('charge-status')), /^Checking with the PMS/);
  assert.match(await text(page.getByTestId('unknown-outcome')), /Do not take another payment/);
  // Not Posting Failed: none of its options, above all no Pay with card.
  assert.equal(await page.getByTestId('posting-failed').count(), 0);
  assert.equal(await page.getByTestId('pay-by-card').count(), 0);
  assert.equal(await page.getByTestId('charge-error').getAttribute('data-code'), 'POSTING_UNKNOWN');

  // A manager retries from the console's queue: central asks the folio first and finds the charge.
  const manager = centralAs(stack.central.httpUrl, 'maria.manager', 'manager');
  const retried = await manager.post(`/api/pms/queue/${chargeId}/retry`, {});
  assert.equal(retried.status, 200, JSON.stringify(retried.body));
  await waitForAttribute(page.getByTestId('charge-status'), 'data-status', 'posted', 20_000);
  await until(
    () => text(page.locator('.screen-title')),
    (title) => title === 'Charged to room 412',
    'the Posted title',
    5000,
  );
  assert.equal(await page.getByTestId('unknown-outcome').count(), 0);
  assert.equal(pms.state.posted, 1, 'booked once: the read-back found it, nothing was sent again');
  assert.deepEqual(pageErrors, []);
  await page.close();
});
