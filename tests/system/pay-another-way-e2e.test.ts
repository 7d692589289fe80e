// In Chromium at 800×480, as staff and a guest would meet it: (1) posting fails, the server chooses
// Pay with card, the screen waits until the room charge is withdrawn and only then says to take the
// card; the PMS comes back, Retry All at central posts nothing, and Today's charges shows the charge
// as withdrawn. (2) A guest whose room cannot take the order is told so right after the lookup,
// before any tip or signature.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createBuiltinAdapter, type PmsAdapter, PmsError } from '@roompost/central';
import { hashPin } from '@roompost/edge';
import type { BrowserContext } from 'playwright-core';
import { centralApi, startTestStack } from '../support/stack.js';
import { assertChromium, buildKiosk, launchKioskBrowser, waitForAttribute } from './support/browser.js';

const dataDir = mkdtempSync(join(tmpdir(), 'roompost-pay-e2e-'));
const kioskDir = join(dataDir, 'kiosk-build');
let context: BrowserContext;

before(async () => {
  assertChromium();
  buildKiosk(kioskDir);
  context = await launchKioskBrowser(join(dataDir, 'chromium-profile'));
});
after(async () => {
  await context?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('posting fails, Pay with card (and Manual override), PMS returns, Retry All: nothing posted to the room, the list shows it withdrawn', async (t) => {
  const state = { down: true, posted: [] as string[] };
  const adapter = (folio: Parameters<typeof createBuiltinAdapter>[0]): PmsAdapter => {
    const real = createBuiltinAdapter(folio);
    return {
      ...real,
      postCharge: async (c) => {
        if (state.down) throw new PmsError('CONNECTION_FAILED', 'connect ECONNREFUSED 10.0.0.5:5010');
        state.posted.push(c.chargeId);
        return real.postCharge(c);
      },
    };
  };
  const staff = [
    { id: 'ana', name: 'Ana Lopez', role: 'server' as const, pinHash: await hashPin('1111') },
    { id: 'maria', name: 'Maria Chen', role: 'manager' as const, pinHash: await hashPin('3333') },
  ];
  const stack = await startTestStack(t, { mode: 'staff', staff, adapter, kioskDir });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(stack.edge.httpUrl);
  for (const digit of '1111') await page.getByTestId(`key-${digit}`).click();
  await page.getByTestId('keypad-next').click();
  await page.getByTestId('category-COCKTAILS').click();
  await page.getByTestId('item-BEER').click();
  await page.getByTestId('charge-to-room').click();
  for (const digit of '412') await page.getByTestId(`key-${digit}`).click();
  await page.getByTestId('keypad-next').click();
  await page.getByTestId('found-screen').waitFor();
  await page.getByTestId('post').click();
  await page.getByTestId('posting-failed').waitFor({ timeout: 20_000 });
  const chargeId = await page.getByTestId('charged-screen').getAttribute('data-charge-id');
  assert.ok(chargeId);
  // Staff words, not the socket error: that goes to the log.
  assert.doesNotMatch(await page.getByTestId('charged-screen').innerText(), /ECONNREFUSED/);

  await page.getByTestId('pay-by-card').click();
  await page.getByTestId('instruction-screen').waitFor();
  assert.equal(
    await page.getByTestId('instruction-screen').getAttribute('data-message'),
    'instruction.cardWithdrawn',
  );

  // A second check fails the same way; the manager chooses Manual override (to post it by hand in
  // the PMS): the room charge is withdrawn first, so the hand posting is the only one.
  await page.getByTestId('done').click();
  await page.getByTestId('sign-out').click();
  for (const digit of '3333') await page.getByTestId(`key-${digit}`).click();
  await page.getByTestId('keypad-next').click();
  await page.getByTestId('category-COCKTAILS').click();
  await page.getByTestId('item-BEER').click();
  await page.getByTestId('charge-to-room').click();
  for (const digit of '412') await page.getByTestId(`key-${digit}`).click();
  await page.getByTestId('keypad-next').click();
  await page.getByTestId('post').click();
  await page.getByTestId('posting-failed').waitFor({ timeout: 20_000 });
  const manualId = await page.getByTestId('charged-screen').getAttribute('data-charge-id');
  assert.ok(manualId);
  await page.getByTestId('manual-override').click();
  await page.getByTestId('instruction-screen').waitFor();
  assert.equal(
    await page.getByTestId('instruction-screen').getAttribute('data-message'),
    'instruction.manualWithdrawn',
  );

  state.down = false;
  const retryAll = await centralApi(stack.central.httpUrl, '/api/pms/queue/process', {});
  assert.equal(retryAll.status, 200);
  await new Promise((r) => setTimeout(r, 600));
  assert.deepEqual(state.posted, [], 'the guest paid by card: nothing reaches the folio');
  const posting = await centralApi<{ status: string; withdrawal: { by: string; reason: string } | null }>(
    stack.central.httpUrl,
    `/api/pms/postings/${chargeId}`,
  );
  assert.equal(posting.body.status, 'withdrawn');
  assert.equal(posting.body.withdrawal?.reason, 'paid by card');
  const manual = await centralApi<{ status: string; withdrawal: { reason: string } | null }>(
    stack.central.httpUrl,
    `/api/pms/postings/${manualId}`,
  );
  assert.deepEqual(
    [manual.body.status, manual.body.withdrawal?.reason],
    ['withdrawn', 'posted by hand in the PMS'],
  );

  await page.getByTestId('done').click();
  await page.getByTestId('pending-count').click();
  await page.getByTestId('today-open').click();
  const row = page.locator(`[data-testid^="today-"][data-status]`).first();
  await waitForAttribute(row, 'data-status', 'withdrawn');
  await page.close();
});

test('a guest whose room cannot take the order is told right after the lookup, before a tip or a signature', async (t) => {
  const stack = await startTestStack(t, { kioskDir });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(stack.edge.httpUrl);
  await page.getByTestId('order-screen').waitFor();
  // Room 310 (Sharma) has 10.00 of credit left; three beers are more.
  await page.getByTestId('category-COCKTAILS').click();
  for (let i = 0; i < 3; i += 1) await page.getByTestId('item-BEER').click();
  await page.getByTestId('charge-to-room').click();
  await page.getByTestId('enter-room').click();
  for (const digit of '310') await page.getByTestId(`key-${digit}`).click();
  await page.getByTestId('keypad-next').click();
  for (const letter of 'SHARMA') await page.getByTestId(`key-${letter}`).click();
  await page.getByTestId('look-up').click();
  await page.getByTestId('unavailable-screen').waitFor();
  assert.equal(await page.getByTestId('unavailable-screen').getAttribute('data-code'), 'CREDIT_EXCEEDED');
  assert.equal(await page.getByTestId('guest-screen').count(), 0, 'no guest screen, so no tip');
  assert.equal(await page.getByTestId('tip-picker').count(), 0);
  assert.equal(await page.getByTestId('signature-screen').count(), 0);
  await page.close();
});
