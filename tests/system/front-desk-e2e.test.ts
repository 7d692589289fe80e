// The front desk at /desk/ in Chromium against the whole demo appliance (central with the folio engine,
// both edges), on the Indian (GST, INR) and the US (NYC taxes, USD) demo: a day from booking to an early
// checkout paid by UPI + card with a downloaded invoice, every figure compared with the API; the layout
// at phone, tablet and desk sizes; Hindi.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatMinor } from '@roompost/folio';
import type { Page } from 'playwright-core';
import { startTestDemo } from '../support/demo.js';
import { assertChromium, launchKioskBrowser, text } from './support/browser.js';
import {
  apiAs,
  type DeskCase,
  runDeskCorrections,
  runDeskDay,
  signInDesk,
  signInToken,
} from './support/desk-flow.js';
import { assertDeskLayout } from './support/desk-layout.js';

const CASES: Array<{
  demo: 'in' | 'us';
  currency: 'INR' | 'USD';
  locale: string;
  desk: DeskCase;
  /** One demo also walks the manager's corrections after the day (CI time: not both). */
  corrections?: { rooms: { cancel: string; noShow: string; inHouse: string }; unit: string; minor: number };
}> = [
  {
    demo: 'in',
    currency: 'INR',
    locale: 'en-IN',
    desk: {
      room: '401',
      guest: { first: 'Vikram', last: 'Desai' },
      company: {
        name: 'Deccan Textiles Pvt Ltd',
        gstin: '27AADCD7788K1ZY',
        address: '5th floor, Raheja Centre, Nariman Point, Mumbai, Maharashtra 400021',
      },
      depositMethod: 'UPI',
      upiAmount: '50000.00',
    },
    corrections: { rooms: { cancel: '303', noShow: '301', inHouse: '204' }, unit: '500.00', minor: 50_000 },
  },
  {
    demo: 'us',
    currency: 'USD',
    locale: 'en-US',
    desk: {
      room: '301',
      guest: { first: 'Rajesh', last: 'Kumar' },
      company: { name: 'Acme Corp', address: '1 Acme Way, Newark, NJ' },
      depositMethod: 'CARD',
      upiAmount: '150.00',
    },
  },
];

const shots = mkdtempSync(join(tmpdir(), 'roompost-desk-shots-'));

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

for (const c of CASES) {
  test(`the ${c.demo.toUpperCase()} demo's front desk runs a day: book, deposit, check in, charges, split, night audit, early checkout with UPI + card, invoice`, async (t) => {
    assertChromium();
    const stack = await startTestDemo(t, { demo: c.demo });
    const central = stack.centralUrl;
    const token = await signInToken(central, 'frontdesk', 'frontdesk-demo-pass');
    const browser = await launchKioskBrowser(mkdtempSync(join(tmpdir(), 'roompost-desk-chromium-')), {
      width: 1280,
      height: 800,
    });
    t.after(() => browser.close());
    const page = await browser.newPage();
    await signInDesk(page, central, 'frontdesk', 'frontdesk-demo-pass');
    await shoot(page, `${c.demo}-board`);
    const run = await runDeskDay(page, central, token, c.desk, (name) => shoot(page, `${c.demo}-${name}`));
    await shoot(page, `${c.demo}-checked-out`);
    // The money is the property's: lakh grouping for INR.
    const api = apiAs(central, token);
    const inv = await api.get<{ document: { grandTotalMinor: number } }>(
      `/folio/invoices/${encodeURIComponent(run.invoiceNumbers[0]!)}`,
    );
    const shown = formatMinor(inv.document.grandTotalMinor, c.currency, c.locale);
    if (c.currency === 'INR') assert.match(shown, /^₹\d{1,2},\d{2},\d{3}\.\d{2}$/, 'lakh grouping');
    assert.ok(run.invoiceHtml.includes(shown.replace('₹', '')), `the downloaded invoice shows ${shown}`);
    console.log(
      `# ${c.demo}: checkout in ${run.checkout.steps} steps, ${run.checkout.ms} ms; invoices ${run.invoiceNumbers.join(', ')}; screenshots in ${shots}`,
    );

    // The manager's desk: cancel and no-show, deposit release and refund, void, adjust, move to window,
    // the revenue report and its CSV.
    if (c.corrections) {
      await page.getByTestId('sign-out').click();
      await signInDesk(page, central, 'manager', 'manager-demo-pass');
      const managerToken = await signInToken(central, 'manager', 'manager-demo-pass');
      await runDeskCorrections(page, central, managerToken, c.corrections.rooms, c.corrections);
      await shoot(page, `${c.demo}-corrections`);
    }

    // Hindi: the same desk, its words switched; figures stay Latin digits.
    await page.getByRole('link', { name: 'Today' }).click();
    await page.getByTestId('language').click();
    assert.equal(await text(page.getByRole('link', { name: 'आज' })), 'आज');
    await shoot(page, `${c.demo}-board-hi`);
    await page.getByTestId('language').click();
    // Keyboard: "/" jumps to the search.
    await page.keyboard.press('/');
    assert.equal(await page.evaluate('document.activeElement.dataset.testid'), 'search');
  });
}

test('every front-desk control is visible and hit-testable at its centre on a phone, a tablet and a desk screen', async (t) => {
  assertChromium();
  const stack = await startTestDemo(t, { demo: 'in' });
  const central = stack.centralUrl;
  const token = await signInToken(central, 'manager', 'manager-demo-pass');
  const api = apiAs(central, token);
  // A stay with two windows and a reservation to check out, so the folio and checkout pages have content.
  const board = await api.get<{ inHouse: Array<{ stayRef: string; roomNumber: string }> }>('/desk/board');
  const stay = board.inHouse.find((r) => r.roomNumber === '204')!;
  const { businessDate } = await api.get<{ businessDate: string }>('/folio/property');
  const departure = new Date(`${businessDate}T00:00:00Z`);
  departure.setUTCDate(departure.getUTCDate() + 2);
  const guest = await api.post<{ id: string }>('/folio/guests', { firstName: 'Asha', lastName: 'Rao' });
  const booked = await api.post<{ id: string }>('/folio/reservations', {
    guestId: guest.id,
    roomNumber: '303',
    ratePlanCode: 'BAR',
    arrival: businessDate,
    departure: departure.toISOString().slice(0, 10),
    adults: 2,
    depositPolicyCode: 'DEP25',
  });
  await api.post(`/folio/reservations/${booked.id}/transitions`, { to: 'PendingDeposit' });
  const inHouse = await api.post<{ id: string }>('/folio/reservations', {
    guestId: guest.id,
    roomNumber: '301',
    ratePlanCode: 'BAR',
    arrival: businessDate,
    departure: departure.toISOString().slice(0, 10),
    adults: 2,
  });
  await api.post(`/folio/reservations/${inHouse.id}/transitions`, { to: 'Confirmed' });
  await api.post(`/folio/reservations/${inHouse.id}/check-in`);
  const browser = await launchKioskBrowser(mkdtempSync(join(tmpdir(), 'roompost-desk-layout-')), {
    width: 1280,
    height: 800,
  });
  t.after(() => browser.close());
  const page = await browser.newPage();
  await signInDesk(page, central, 'manager', 'manager-demo-pass');
  const routes = [
    '/',
    '/new',
    `/r/${booked.id}`,
    `/r/${inHouse.id}`,
    `/r/${inHouse.id}/folio`,
    `/r/${inHouse.id}/checkout`,
    `/stay/${stay.stayRef}`,
    '/audit',
    '/reports',
  ];
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1024, height: 768 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(viewport);
    for (const route of routes) {
      await page.goto(`${central}/desk/#${route}`);
      await page.locator('main.page .card').first().waitFor();
      await page.waitForTimeout(300);
      await assertDeskLayout(page, `${route} at ${viewport.width}×${viewport.height}`);
      await shoot(
        page,
        `layout-${viewport.width}-${route.replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '') || 'board'}`,
      );
    }
  }
  console.log(`# layout screenshots in ${shots}`);
});
