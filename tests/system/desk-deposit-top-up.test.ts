// The front desk after a reservation change made the stay dearer (folio-engine.md "Changing a
// reservation"): the deposits section shows the policy due on the new total and what is still to take,
// offers exactly that top-up, and the deposit taken is it. Chromium against central's real HTTP API and
// the built desk (npm run build:ui).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { seedFrontOffice } from '../integration/folio/front-office-fixture.js';
import { testPassword } from '../support/central-api.js';
import { centralAs, startTestCentral } from '../support/stack.js';
import { assertChromium, launchKioskBrowser } from './support/browser.js';
import { minorOf, signInDesk } from './support/desk-flow.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are walked by the assertions, which fail on a wrong shape
type Json = Record<string, any>;

test('after a change made the stay dearer, the desk offers only the deposit top-up and takes it', async (t) => {
  assertChromium();
  const central = await startTestCentral(t);
  const { guestId } = await seedFrontOffice(central.folio);
  const desk = centralAs(central.httpUrl, 'fd-omar', 'front_desk');
  const booked = await desk.post<Json>('/api/folio/reservations', {
    guestId,
    roomNumber: '301',
    ratePlanCode: 'BAR',
    arrival: '2026-03-10',
    departure: '2026-03-12',
    adults: 2,
    depositPolicyCode: 'DEP30',
  });
  const id = booked.body.id as string;
  await desk.post(`/api/folio/reservations/${id}/transitions`, { to: 'PendingDeposit' });
  await desk.post(`/api/folio/reservations/${id}/deposits`, { method: 'CARD' }); // ₹3,600.00 held
  const changed = await desk.post<Json>(`/api/folio/reservations/${id}/change`, { departure: '2026-03-14' });
  assert.equal(changed.body.change?.deposit?.topUpMinor, 360_000, JSON.stringify(changed.body)); // due ₹7,200.00

  const browser = await launchKioskBrowser(mkdtempSync(join(tmpdir(), 'roompost-desk-topup-')), {
    width: 1280,
    height: 800,
  });
  t.after(() => browser.close());
  const page = await browser.newPage();
  await signInDesk(page, central.httpUrl, 'fd-omar', testPassword('fd-omar'));
  await page.goto(`${central.httpUrl}/desk/#/r/${encodeURIComponent(id)}`);
  assert.equal(await minorOf(page.getByTestId('deposit-due')), 720_000);
  assert.equal(await minorOf(page.getByTestId('deposit-to-take')), 360_000);
  const form = page.getByTestId('deposit-form');
  assert.equal(await form.locator('input[name=amount]').inputValue(), '3600.00');
  await form.locator('select[name=method]').selectOption('UPI');
  await form.locator('input[name=reference]').fill('UPI-TOPUP-1');
  await page.getByTestId('take-deposit').click();
  await page.getByTestId('deposit-HELD').nth(1).waitFor({ timeout: 5_000 });
  const after = (await desk.get<Json>(`/api/folio/reservations/${id}`)).body;
  assert.deepEqual(
    after.deposits.map((d: Json) => [d.method, d.amountMinor]),
    [
      ['CARD', 360_000],
      ['UPI', 360_000],
    ],
  );
  // Covered now: nothing more is offered.
  assert.equal(await minorOf(page.getByTestId('deposit-to-take')), 0);
  assert.equal(await form.locator('input[name=amount]').inputValue(), '');
});
