// A front-desk day in Chromium, shared by the desk's system test and bench/desk-checkout.bench.ts: book,
// take a deposit, check in, post outlet and desk charges, split the folio, run night audit, check out
// early with UPI + card on one window and cash on the other, download the invoice. Every figure the
// screen shows on the way is read back from central's API and compared.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { text, until } from './browser.js';

export interface DeskCase {
  /** Room to book (vacant for the next three nights in the demo). */
  room: string;
  guest: { first: string; last: string };
  company: { name: string; gstin?: string; address: string } | null;
  depositMethod: 'UPI' | 'CARD' | 'CASH';
  /** The decimal amount of the UPI part of window 1 at checkout; the card pays the rest. */
  upiAmount: string;
}

export interface DeskRunResult {
  reservationId: string;
  invoiceNumbers: string[];
  checkout: { steps: number; ms: number };
  invoiceHtml: string;
}

/** Central's API as the same demo user, for the figures the screen must equal. */
export function apiAs(central: string, token: string) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${central}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as T;
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    get: <T>(p: string) => call<T>('GET', p),
    post: <T>(p: string, b: unknown = {}) => call<T>('POST', p, b),
  };
}

export async function signInToken(central: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${central}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return ((await res.json()) as { token: string }).token;
}

export async function signInDesk(page: Page, central: string, username: string, password: string) {
  await page.goto(`${central}/desk/`);
  const form = page.getByTestId('sign-in');
  await form.locator('input[name=username]').fill(username);
  await form.locator('input[name=password]').fill(password);
  await form.locator('button[type=submit]').click();
  await page.getByTestId('arrivals').waitFor();
}

/** The integer minor units a <Money> shows. */
export async function minorOf(locator: Locator): Promise<number> {
  await locator.waitFor();
  return Number(await locator.getAttribute('data-minor'));
}

async function waitStatus(page: Page, status: string) {
  await until(
    () => text(page.getByTestId('reservation-status')),
    (s) => s === status,
    `reservation status ${status}`,
    10_000,
  );
}

interface Folio {
  id: string;
  windowNumber: number;
  balanceMinor: number;
  postings: Array<{
    id: string;
    type: string;
    description: string;
    amountMinor: number;
    payment: { method: string } | null;
  }>;
}
interface Reservation {
  id: string;
  status: string;
  departure: string;
  stayRef: string | null;
  deposits: Array<{ id: string; state: string; amountMinor: number }>;
  folios: Array<{ id: string; windowNumber: number; balanceMinor: number }>;
}

export async function runDeskDay(
  page: Page,
  central: string,
  token: string,
  c: DeskCase,
  /** Called where a screenshot tells the most (the folio split, the fee, the final bill). */
  shoot: (name: string) => Promise<void> = async () => undefined,
): Promise<DeskRunResult> {
  const api = apiAs(central, token);
  // 1. Book.
  await page.getByRole('link', { name: /New booking/ }).click();
  const form = page.getByTestId('booking-form');
  await form.locator('input[name=firstName]').fill(c.guest.first);
  await form.locator('input[name=lastName]').fill(c.guest.last);
  const property = await api.get<{ businessDate: string }>('/folio/property');
  const day = (n: number) => {
    const d = new Date(`${property.businessDate}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  };
  // Booked for two nights, then changed to three (step 1b): the rest of the day runs on three nights.
  await form.locator('input[name=departure]').fill(day(2));
  await form.locator('select[name=room]').selectOption(c.room);
  await form.locator('select[name=policy]').selectOption('DEP25');
  if (c.company) {
    await form.locator('input[name=company]').fill(c.company.name);
    if (c.company.gstin) await form.locator('input[name=gstin]').fill(c.company.gstin);
    await form.locator('input[name=address]').fill(c.company.address);
  }
  await page.getByTestId('book').click();
  await waitStatus(page, 'Draft');
  const reservationId = decodeURIComponent(page.url().split('#/r/')[1] ?? '');
  let reservation = await api.get<Reservation & { stayTotalMinor: number }>(
    `/folio/reservations/${reservationId}`,
  );
  assert.equal(await minorOf(page.getByTestId('stay-total')), reservation.stayTotalMinor, 'stay total = API');

  // 1b. Change the reservation: one more night. Its cost is shown before the change is made.
  await page.getByTestId('edit-reservation').click();
  await page.getByTestId('edit-form').locator('input[name=departure]').fill(day(3));
  await page.getByTestId('edit-preview').click();
  const change = await api.post<{ after: { stayTotalMinor: number }; differenceMinor: number }>(
    `/folio/reservations/${reservationId}/change-preview`,
    { departure: day(3) },
  );
  assert.equal(
    await minorOf(page.getByTestId('edit-new-total')),
    change.after.stayTotalMinor,
    'new total = API',
  );
  assert.equal(await minorOf(page.getByTestId('edit-difference')), change.differenceMinor);
  await page.getByTestId('edit-save').click();
  await page.getByTestId('edit-reservation').waitFor();
  reservation = await api.get(`/folio/reservations/${reservationId}`);
  assert.equal(reservation.departure, day(3));
  // The page reloads the reservation after saving: wait for the new total rather than read the old one.
  await until(
    () => minorOf(page.getByTestId('stay-total')),
    (m) => m === reservation.stayTotalMinor,
    `changed total = API ${reservation.stayTotalMinor}`,
    10_000,
  );
  await shoot('reservation-changed');

  // 2. Ask for the deposit: the effect on deposits is shown before it is done.
  await page.getByTestId('step-PendingDeposit').click();
  assert.match(await text(page.getByTestId('step-effect')), /deposit/i);
  await page.getByTestId('step-do').click();
  await waitStatus(page, 'PendingDeposit');
  const due = await minorOf(page.getByTestId('deposit-due'));
  const deposit = page.getByTestId('deposit-form');
  await deposit.locator('select[name=method]').selectOption(c.depositMethod);
  await deposit.locator('input[name=reference]').fill(`${c.depositMethod}-DESK-1`);
  await page.getByTestId('take-deposit').click();
  await waitStatus(page, 'Confirmed'); // a held deposit confirms the booking
  await page.getByTestId('deposit-capture').click();
  await page.getByTestId('deposit-CAPTURED').waitFor();
  reservation = await api.get(`/folio/reservations/${reservationId}`);
  assert.equal(reservation.deposits[0]?.amountMinor, due, 'the deposit taken = the policy due shown');
  assert.equal(reservation.deposits[0]?.state, 'CAPTURED');
  // The printed acknowledgement shows the same amount.
  await page.getByTestId('deposit-ack').click();
  assert.equal(await minorOf(page.getByTestId('ack-amount')), due);
  await page.goBack();

  // 3. Check in.
  await page.getByTestId('step-CheckIn').click();
  assert.match(await text(page.getByTestId('step-effect')), /window 1/);
  await page.getByTestId('step-do').click();
  await waitStatus(page, 'CheckedIn');
  await page.getByTestId('open-folio').click();
  await page.getByTestId('folio-lines').waitFor();
  reservation = await api.get(`/folio/reservations/${reservationId}`);
  const w1 = reservation.folios[0]!.id;
  assert.equal(
    await minorOf(page.getByTestId('folio-balance')),
    -due,
    'window 1 opens with the deposit credit',
  );

  // 4. Three charges: an outlet template from the item master (3 taps), a quick charge, a custom one.
  const lineCount = async () => (await api.get<Folio>(`/folio/folios/${w1}`)).postings.length;
  let before = await lineCount();
  await page.getByTestId('charge-tab-templates').click();
  await page.getByTestId('templates').locator('button').first().click();
  await page.getByTestId('template-post').click();
  // A template may carry several lines, posted one after another: wait until the desk has posted
  // them all (the confirmation closes), or the next count would start in the middle of it.
  await page.getByTestId('template-post').waitFor({ state: 'detached', timeout: 10_000 });
  await until(lineCount, (n) => n > before, 'the template posted', 10_000);
  before = await lineCount();
  await page.getByTestId('charge-tab-quick').click();
  await page.getByTestId('quick-LAUNDRY').click();
  await page.getByTestId('quick-amount').fill('450.00');
  await page.getByTestId('quick-post').click();
  await until(lineCount, (n) => n === before + 1, 'the laundry posted', 10_000);
  before = await lineCount();
  await page.getByTestId('charge-tab-custom').click();
  await page.getByTestId('custom-description').fill('Family dinner');
  await page.getByTestId('custom-category').selectOption('FOOD_BEVERAGE');
  await page.getByTestId('custom-amount').fill('185.00');
  await page.getByTestId('custom-post').click();
  await until(lineCount, (n) => n === before + 1, 'the custom charge posted', 10_000);
  let folio = await api.get<Folio>(`/folio/folios/${w1}`);
  await until(
    () => minorOf(page.getByTestId('folio-balance')),
    (m) => m === folio.balanceMinor,
    `window 1 balance ${folio.balanceMinor}`,
    10_000,
  );

  // 5. Split: the family dinner to a new window for the guest.
  const dinner = folio.postings.find((p) => p.description === 'Family dinner')!;
  await page.getByTestId(`line-${dinner.id}`).getByTestId('select-line').check();
  await page.getByTestId('split-payer').fill(`${c.guest.first} ${c.guest.last} (personal)`);
  await page.getByTestId('split').click();
  await page.getByTestId('window-tab-2').waitFor();
  reservation = await api.get(`/folio/reservations/${reservationId}`);
  const w2 = reservation.folios.find((f) => f.windowNumber === 2)!;
  assert.equal(w2.balanceMinor, dinner.amountMinor);
  assert.equal(await minorOf(page.getByTestId('window-balance-2')), w2.balanceMinor, 'window 2 = API');
  folio = await api.get<Folio>(`/folio/folios/${w1}`);
  assert.equal(await minorOf(page.getByTestId('window-balance-1')), folio.balanceMinor, 'window 1 = API');
  await shoot('folio-split');

  // 6. The night passes: night audit from its page (pre-checks, run, report); the date rolls.
  await page.getByRole('link', { name: /Night audit/ }).click();
  await page.getByTestId('check-pending').waitFor();
  // The stays it cannot price, as the status API counts them (the demo prices walk-ins with its config).
  const precheck = await api.get<{ unpricedStays: unknown[] }>('/night-audit');
  await until(
    () => text(page.getByTestId('check-unpriced').locator('strong')),
    (n) => n === String(precheck.unpricedStays.length),
    `unpriced stays ${precheck.unpricedStays.length}`,
    10_000,
  );
  await page.getByTestId('run-audit').click();
  await page.getByTestId('audit-result').waitFor({ timeout: 30_000 });
  const after = await api.get<{ businessDate: string }>('/folio/property');
  assert.equal(after.businessDate, day(1), 'night audit rolled the business date');
  // The header follows the audit without a reload or a change of page.
  await until(
    () => text(page.getByTestId('business-date')),
    (shown) => shown.endsWith(day(1)),
    `header business date ${day(1)}`,
    5_000,
  );
  // Seed 000's sign-off of the day just closed, by the clerk who ran it; the runs list names both.
  assert.equal(await minorOf(page.getByTestId('signoff-variance')), 0, 'the demo day reconciles');
  await page.getByTestId('sign-off').click();
  await page.getByTestId('audit-sign-off').getByTestId('signed-off-by').waitFor();
  const audits = await api.get<{ runs: Array<{ startedBy: string; signOffs: Array<{ by: string }> }> }>(
    '/night-audit',
  );
  assert.deepEqual(
    [audits.runs[0]?.startedBy, audits.runs[0]?.signOffs.map((s) => s.by)],
    ['frontdesk', ['frontdesk']],
  );
  await shoot('night-audit-signed-off');

  // 7. Check out early (timed and counted: what a clerk does at the desk).
  await page.goto(`${central}/desk/#/r/${encodeURIComponent(reservationId)}/folio`);
  await page.getByTestId('to-checkout').waitFor();
  let steps = 0;
  const started = Date.now();
  const tap = async (l: Locator) => {
    steps += 1;
    await l.click();
  };
  const type = async (l: Locator, v: string) => {
    steps += 1;
    await l.fill(v);
  };
  const pick = async (l: Locator, v: string) => {
    steps += 1;
    await l.selectOption(v);
  };
  await tap(page.getByTestId('to-checkout'));
  await tap(page.getByTestId('checkout-early'));
  const preview = await api.get<{ feeMinor: number; removedNights: string[] }>(
    `/desk/reservations/${encodeURIComponent(reservationId)}/early-departure`,
  );
  assert.equal(
    await minorOf(page.getByTestId('early-fee')),
    preview.feeMinor,
    'the fee shown before confirming',
  );
  assert.ok(preview.feeMinor > 0);
  await shoot('early-fee');
  folio = await api.get<Folio>(`/folio/folios/${w1}`);
  const beforeFee = folio.balanceMinor;
  await tap(page.getByTestId('confirm-early'));
  await page.getByTestId('bill-preview-1').waitFor();
  folio = await api.get<Folio>(`/folio/folios/${w1}`);
  const fee = folio.postings.find((p) => p.description.startsWith('Early departure'));
  assert.equal(fee?.amountMinor, preview.feeMinor, 'the fee posted is the fee shown');
  assert.ok(folio.balanceMinor !== beforeFee);
  // Window 1 bills the company booked on the guest's profile (central's default bill-to), the split-off
  // window the guest by name.
  const bill1 = await api.post<{
    grandTotalMinor: number;
    balanceDueMinor: number;
    billTo: { name: string; gstin: string | null };
  }>(`/folio/folios/${w1}/invoice-preview`, {});
  if (c.company) {
    assert.deepEqual([bill1.billTo.name, bill1.billTo.gstin], [c.company.name, c.company.gstin ?? null]);
  }
  assert.equal(
    await minorOf(page.getByTestId('grand-total-1')),
    bill1.grandTotalMinor,
    'bill 1 grand total = API',
  );
  assert.equal(await minorOf(page.getByTestId('due-1')), bill1.balanceDueMinor, 'bill 1 due = API');
  const bill2 = await api.post<{ grandTotalMinor: number; balanceDueMinor: number }>(
    `/folio/folios/${w2.id}/invoice-preview`,
    c.company ? { billTo: { name: `${c.guest.first} ${c.guest.last}` } } : {},
  );
  assert.equal(
    await minorOf(page.getByTestId('grand-total-2')),
    bill2.grandTotalMinor,
    'bill 2 grand total = API',
  );
  // Window 1: UPI for part, card for the rest (the new row starts with what is left); window 2: cash.
  const row1 = page.getByTestId('pay-row-1').first();
  await pick(row1.getByTestId('pay-method'), 'UPI');
  await type(row1.getByTestId('pay-amount'), c.upiAmount);
  await type(row1.getByTestId('pay-reference'), 'UPI-555001');
  await tap(page.getByTestId('add-payment-1'));
  const row2 = page.getByTestId('pay-row-1').nth(1);
  await pick(row2.getByTestId('pay-method'), 'CARD');
  await type(row2.getByTestId('pay-reference'), 'AUTH-555002');
  assert.equal(await minorOf(page.getByTestId('left-1')), 0, 'nothing left to pay on window 1');
  await shoot('final-bill');
  await tap(page.getByTestId('settle'));
  await page.getByTestId('checked-out').waitFor({ timeout: 20_000 });
  const ms = Date.now() - started;

  // 8. The API agrees: checked out, every window at zero, the invoices finalized with the figures shown.
  reservation = await api.get(`/folio/reservations/${reservationId}`);
  assert.equal(reservation.status, 'CheckedOut');
  for (const f of reservation.folios) assert.equal(f.balanceMinor, 0, `window ${f.windowNumber} settled`);
  const invoiceNumbers = await page.getByTestId('invoice-number').allTextContents();
  assert.equal(invoiceNumbers.length, 2);
  const first = await api.get<{ document: { grandTotalMinor: number; folioId: string } }>(
    `/folio/invoices/${encodeURIComponent(invoiceNumbers[0]!)}`,
  );
  assert.equal(first.document.folioId, w1);
  assert.equal(
    first.document.grandTotalMinor,
    bill1.grandTotalMinor,
    'the finalized invoice = the bill previewed',
  );
  const payments = (
    await api.get<Folio & { postings: Array<{ type: string; payment: { method: string } | null }> }>(
      `/folio/folios/${w1}`,
    )
  ).postings.filter((p) => p.type === 'PAYMENT');
  assert.deepEqual(payments.map((p) => p.payment?.method).sort(), ['CARD', 'UPI']);
  // Download the finalized invoice.
  const [downloaded] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('invoice-download').first().click(),
  ]);
  const path = await downloaded.path();
  const invoiceHtml = await readFile(path, 'utf8');
  assert.ok(invoiceHtml.includes(invoiceNumbers[0]!), 'the downloaded invoice carries its number');
  // The demo configures no SMTP relay: e-mailing the invoice answers its code on screen.
  const email = page.getByTestId('invoice-email').first();
  await email.locator('input[type=email]').fill('guest@example.com');
  await email.getByRole('button').click();
  await email.locator('[data-code=EMAIL_NOT_CONFIGURED]').waitFor();
  return { reservationId, invoiceNumbers, checkout: { steps, ms }, invoiceHtml };
}

/**
 * The desk's corrections and lifecycle exits, walked by a manager after the day (one demo only, to keep CI
 * short): a held deposit released and its booking cancelled, a captured one kept through a no-show and
 * refunded, a folio line voided with a reason, an earlier day's line adjusted, a line moved to another
 * window, and the revenue report's CSV download with its NET figure. Each money figure is the API's.
 */
export async function runDeskCorrections(
  page: Page,
  central: string,
  token: string,
  rooms: { cancel: string; noShow: string; inHouse: string },
  /** A charge's decimal amount in the property's currency, and the same in minor units. */
  charge: { unit: string; minor: number },
): Promise<void> {
  const api = apiAs(central, token);
  const { businessDate } = await api.get<{ businessDate: string }>('/folio/property');
  const next = new Date(`${businessDate}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const guest = await api.post<{ id: string }>('/folio/guests', { firstName: 'Meera', lastName: 'Iyer' });
  const book = async (room: string) => {
    const r = await api.post<{ id: string }>('/folio/reservations', {
      guestId: guest.id,
      roomNumber: room,
      ratePlanCode: 'BAR',
      arrival: businessDate,
      departure: next.toISOString().slice(0, 10),
      adults: 1,
    });
    await api.post(`/folio/reservations/${r.id}/transitions`, { to: 'PendingDeposit' });
    const d = await api.post<{ id: string; amountMinor: number }>(`/folio/reservations/${r.id}/deposits`, {
      amountMinor: charge.minor,
      method: 'CARD',
      reference: `AUTH-${room}`,
    });
    return { id: r.id, depositId: d.id };
  };
  const depositOf = async (id: string, depositId: string) =>
    (await api.get<Reservation>(`/folio/reservations/${id}`)).deposits.find((d) => d.id === depositId)!;
  const open = async (id: string) => {
    await page.goto(`${central}/desk/#/r/${encodeURIComponent(id)}`);
    await page.getByTestId('reservation-status').waitFor();
  };

  // A held deposit released from the desk, then the booking cancelled (its effect shown first).
  const toCancel = await book(rooms.cancel);
  await open(toCancel.id);
  await waitStatus(page, 'Confirmed');
  await page.getByTestId('deposit-release').click();
  await page.getByTestId('deposit-RELEASED').waitFor();
  const released = await depositOf(toCancel.id, toCancel.depositId);
  assert.deepEqual([released.state, released.amountMinor], ['RELEASED', charge.minor]);
  assert.equal(await minorOf(page.getByTestId('deposit-RELEASED').locator('.money')), released.amountMinor);
  await page.getByTestId('step-Cancelled').click();
  assert.match(await text(page.getByTestId('step-effect')), /released/i);
  await page.getByTestId('step-do').click();
  await waitStatus(page, 'Cancelled');
  assert.equal((await api.get<Reservation>(`/folio/reservations/${toCancel.id}`)).status, 'Cancelled');

  // A captured deposit kept through a no-show, then refunded from the desk.
  const noShow = await book(rooms.noShow);
  await api.post(`/folio/deposits/${noShow.depositId}/capture`);
  await open(noShow.id);
  await waitStatus(page, 'Confirmed');
  await page.getByTestId('step-NoShow').click();
  assert.match(await text(page.getByTestId('step-effect')), /kept/i);
  await page.getByTestId('step-do').click();
  await waitStatus(page, 'NoShow');
  assert.equal(
    (await depositOf(noShow.id, noShow.depositId)).state,
    'CAPTURED',
    'a no-show keeps the deposit',
  );
  await page.getByTestId('deposit-refund').click();
  await page.getByTestId('deposit-REFUNDED').waitFor();
  const refunded = await depositOf(noShow.id, noShow.depositId);
  assert.deepEqual([refunded.state, refunded.amountMinor], ['REFUNDED', charge.minor]);
  assert.equal(await minorOf(page.getByTestId('deposit-REFUNDED').locator('.money')), refunded.amountMinor);

  // The folio of an in-house demo stay: two charges posted today and a second window.
  const board = await api.get<{ inHouse: Array<{ stayRef: string; roomNumber: string }> }>('/desk/board');
  const stay = board.inHouse.find((r) => r.roomNumber === rooms.inHouse)!;
  assert.ok(stay, `room ${rooms.inHouse} is in house`);
  const windows = async () =>
    (await api.get<{ folios: Folio[] }>(`/folio/stays/${encodeURIComponent(stay.stayRef)}/folios`)).folios;
  const w1 = (await windows()).find((f) => f.windowNumber === 1)!;
  const post = async (description: string) =>
    (
      await api.post<{ posting: { id: string; amountMinor: number } }>(`/folio/folios/${w1.id}/postings`, {
        type: 'POS',
        unit: charge.unit,
        description,
        category: 'FOOD_BEVERAGE',
      })
    ).posting;
  const toVoid = await post('Minibar (wrong room)');
  const toMove = await post('Spa (guest pays)');
  await api.post(`/folio/stays/${encodeURIComponent(stay.stayRef)}/windows`, {
    payerLabel: 'Guest (personal)',
  });
  await page.goto(`${central}/desk/#/stay/${encodeURIComponent(stay.stayRef)}`);
  await page.getByTestId('folio-lines').waitFor();
  const balanceIs = async (folioId: string, testid: string) => {
    const want = (await api.get<Folio>(`/folio/folios/${folioId}`)).balanceMinor;
    await until(
      () => minorOf(page.getByTestId(testid)),
      (m) => m === want,
      `${testid} ${want}`,
      10_000,
    );
    return want;
  };
  const start = await balanceIs(w1.id, 'folio-balance');

  // Void today's line with a reason: the balance drops by the line.
  await page.getByTestId(`line-${toVoid.id}`).getByTestId('void-line').click();
  await page.getByTestId('correction-reason').fill('posted to the wrong room');
  await page.getByTestId('correction-do').click();
  await page.getByTestId('correction').waitFor({ state: 'detached' });
  assert.equal(await balanceIs(w1.id, 'folio-balance'), start - toVoid.amountMinor, 'void = API');

  // Adjust an earlier business date's line (night audit's room night) by the charge's amount.
  const lines = (
    await api.get<{ postings: Array<{ id: string; type: string; businessDate: string }> }>(
      `/folio/folios/${w1.id}`,
    )
  ).postings;
  const earlier = lines.find((p) => p.type === 'ROOM' && p.businessDate < businessDate)!;
  assert.ok(earlier, 'a room night of an earlier business date');
  const row = page.getByTestId(`line-${earlier.id}`);
  assert.equal(await text(row.getByTestId('void-line')), 'Adjust');
  await row.getByTestId('void-line').click();
  await page.getByTestId('correction').locator('input[name=amount]').fill(charge.unit);
  await page.getByTestId('correction-reason').fill('rate agreed at the desk');
  await page.getByTestId('correction-do').click();
  await page.getByTestId('correction').waitFor({ state: 'detached' });
  const adjusted = await api.get<Folio>(`/folio/folios/${w1.id}`);
  assert.ok(
    adjusted.postings.some((p) => p.amountMinor === -charge.minor && p.type !== 'PAYMENT'),
    'the adjustment is posted',
  );
  const afterAdjust = await balanceIs(w1.id, 'folio-balance');
  assert.ok(afterAdjust <= start - toVoid.amountMinor - charge.minor, 'the adjustment lowers the balance');

  // Move a line to window 2.
  await page.getByTestId(`line-${toMove.id}`).getByTestId('select-line').check();
  await page.getByTestId('move-to-2').click();
  const w2 = (await windows()).find((f) => f.windowNumber === 2)!;
  await until(
    async () => (await api.get<Folio>(`/folio/folios/${w2.id}`)).balanceMinor,
    (m) => m === toMove.amountMinor,
    'window 2 holds the moved line',
    10_000,
  );
  await until(
    () => minorOf(page.getByTestId('window-balance-2')),
    (m) => m === toMove.amountMinor,
    'window 2 = API',
    10_000,
  );
  const w1After = (await api.get<Folio>(`/folio/folios/${w1.id}`)).balanceMinor;
  assert.equal(w1After, afterAdjust - toMove.amountMinor, 'the line left window 1');
  await until(
    () => minorOf(page.getByTestId('window-balance-1')),
    (m) => m === w1After,
    'window 1 = API',
    10_000,
  );

  // Night audit's pre-check with another walk-in plan picked: the count shown = the status API's for it.
  await page.goto(`${central}/desk/#/audit`);
  await page.getByTestId('walk-in-plan').selectOption('CORP');
  const withCorp = await api.get<{ unpricedStays: unknown[] }>('/night-audit?walkInRatePlanCode=CORP');
  await until(
    () => text(page.getByTestId('check-unpriced').locator('strong')),
    (n) => n === String(withCorp.unpricedStays.length),
    `unpriced stays with CORP ${withCorp.unpricedStays.length}`,
    10_000,
  );

  // Reports: the revenue report's NET figure = the API's, and its CSV download.
  await page.goto(`${central}/desk/#/reports`);
  await page.getByTestId('report-chart').waitFor();
  const revenue = await api.get<{ netRevenueMinor: number }>(
    `/reports/revenue?from=${businessDate}&to=${businessDate}`,
  );
  await until(
    () => minorOf(page.getByTestId('bar-NET').locator('.money')),
    (m) => m === revenue.netRevenueMinor,
    `NET ${revenue.netRevenueMinor}`,
    10_000,
  );
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
  assert.equal(csv.suggestedFilename(), 'revenue.csv');
  const csvText = await readFile(await csv.path(), 'utf8');
  const apiCsv = await fetch(
    `${central}/api/reports/revenue?from=${businessDate}&to=${businessDate}&format=csv`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  assert.equal(csvText, await apiCsv.text(), 'the downloaded CSV = the API');
}
