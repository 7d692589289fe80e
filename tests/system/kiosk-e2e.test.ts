// The guest self-service kiosk end to end, on the pool bar's 7" screen (800×480): the real kiosk build
// served by the real edge, central with the built-in folio engine, Chromium driven by playwright-core.
// The invariant checked at the end is DESIGN.md's: a charge the kiosk confirmed is on the folio
// exactly once, with the total the guest saw.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formatMinor, percentOfMinor } from '@roompost/folio/money';
import { type CatalogView, ERROR_CATALOG, type OutletView } from '@roompost/sync/contract';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_USERS, type DemoStack, startDemoStack } from '../../scripts/demo-stack.js';
import { signIn as signInToCentral } from '../support/central-api.js';
import {
  buildKiosk,
  CHROMIUM,
  launchKioskBrowser,
  text,
  waitForAttribute,
  waitForText,
} from './support/browser.js';

const VIEWPORT = { width: 800, height: 480 };
const DEMO_CARD = '04A1B2C3'; // Mr. James Wilson, room 412 (seed 000)
const NO_POST_ROOM = '407';

interface Quote {
  subtotalMinor: number;
  taxMinor: number;
  tipMinor: number;
  totalMinor: number;
}

interface PostingView {
  id: string;
  roomNumber: string;
  status: string;
  subtotalMinor: number;
  taxMinor: number;
  tipMinor: number;
  totalMinor: number;
  pmsTransactionId: string | null;
}

describe('guest self-service kiosk at 800×480', () => {
  let stack: DemoStack;
  let context: BrowserContext;
  let outlet: OutletView;
  let catalog: CatalogView;
  const dataDir = mkdtempSync(join(tmpdir(), 'roompost-kiosk-e2e-'));
  const profileDir = join(dataDir, 'chromium-profile');
  const shotsDir = process.env.KIOSK_E2E_SHOTS ?? mkdtempSync(join(tmpdir(), 'roompost-kiosk-shots-'));

  before(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: run scripts/install-system-deps.sh to install Chromium`);
    }
    buildKiosk();
    mkdirSync(shotsDir, { recursive: true });
    stack = await startDemoStack({
      dataDir,
      httpPortCentral: 0,
      httpPortEdge: 0,
      httpPortRestaurant: 0,
      mqttPort: 0,
      logLevel: 'warn',
    });
    context = await launchKioskBrowser(profileDir, VIEWPORT);
    outlet = await getJson<OutletView>(`${stack.edgeUrl}/api/outlet`);
    catalog = await getJson<CatalogView>(`${stack.edgeUrl}/api/catalog`);
    console.log(`# kiosk screenshots: ${shotsDir}`);
  });

  after(async () => {
    await context?.close();
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('charges two items and a tip to room 412 by key card, and the folio has it exactly once', async () => {
    const { page, pageErrors } = await openKiosk();
    const [first, second] = twoItems();

    await page.getByTestId(`item-${first.sku}`).click();
    await page.getByTestId(`item-${second.sku}`).click();
    await page.getByTestId(`increment-${first.sku}`).click();
    await waitForText(page.getByTestId(`quantity-${first.sku}`), '2');
    await waitForText(page.getByTestId(`quantity-${second.sku}`), '1');
    const items = [
      { sku: first.sku, quantity: 2 },
      { sku: second.sku, quantity: 1 },
    ];
    const untipped = await quote(items, 0);
    await waitForText(page.getByTestId('total'), money(untipped.totalMinor));
    await shoot(page, '01-order');

    await page.getByTestId('charge-to-room').click();
    await page.getByTestId('identify-screen').waitFor();
    await waitForText(page.getByTestId('order-total'), `Order total: ${money(untipped.totalMinor)}`);
    await shoot(page, '02-identify');

    await page.getByTestId('dev-panel-toggle').click();
    await page.getByTestId(`dev-tap-${DEMO_CARD}`).waitFor();
    await shoot(page, '03-dev-panel');
    await page.getByTestId(`dev-tap-${DEMO_CARD}`).click();

    await page.getByTestId('guest-screen').waitFor();
    assert.equal(await text(page.getByTestId('guest-name')), 'J. W****');
    assert.equal(await text(page.getByTestId('guest-room')), '412');
    assert.equal(await page.getByTestId('guest-status').getAttribute('data-allowed'), 'true');
    assert.equal(await text(page.getByTestId('guest-status')), 'Room charges allowed');
    assert.doesNotMatch(
      await text(page.locator('body')),
      /Wilson|James/,
      'self-service must not show the full name',
    );

    const percent = Math.max(...outlet.tipPercentPresets);
    assert.ok(percent > 0, 'the demo outlet offers tip presets');
    const tipMinor = percentOfMinor(untipped.subtotalMinor, String(percent), 'HALF_UP');
    const expected = await quote(items, tipMinor);
    await page.getByTestId(`tip-${percent}`).click();
    await waitForText(page.getByTestId('tip'), money(tipMinor));
    await waitForText(page.getByTestId('total'), money(expected.totalMinor));
    await shoot(page, '04-guest');

    const before412 = await postingsFor('412');
    // An impatient double tap must still make one charge.
    await page.getByTestId('confirm').dblclick();
    await page.getByTestId('charged-screen').waitFor();
    assert.equal(await text(page.getByTestId('charged-total')), money(expected.totalMinor));
    assert.equal(await text(page.getByTestId('charged-room')), '412');
    assert.match(await text(page.getByTestId('receipt')), /\S/, 'the receipt text is shown');
    const chargeId = await page.getByTestId('charged-screen').getAttribute('data-charge-id');
    assert.ok(chargeId, 'the charged screen names the charge');
    await shoot(page, '05-charged');
    await waitForAttribute(page.getByTestId('charge-status'), 'data-status', 'posted', 20_000);
    await shoot(page, '06-charged-posted');

    const added = (await postingsFor('412')).filter(
      (posting) => !before412.some((old) => old.id === posting.id),
    );
    assert.deepEqual(
      added.map((posting) => posting.id),
      [chargeId],
      'central holds exactly one new charge for room 412: this one',
    );
    const posting = added[0]!;
    assert.equal(posting.status, 'posted');
    assert.equal(posting.roomNumber, '412');
    assert.deepEqual(
      {
        subtotal: posting.subtotalMinor,
        tax: posting.taxMinor,
        tip: posting.tipMinor,
        total: posting.totalMinor,
      },
      { subtotal: expected.subtotalMinor, tax: expected.taxMinor, tip: tipMinor, total: expected.totalMinor },
    );
    assert.ok(posting.pmsTransactionId, 'the PMS answered with a transaction id');

    const ledger = await stack.central.folio.listPostings({ chargeRef: chargeId });
    assert.ok(ledger.length > 0, 'the charge reached the folio');
    assert.equal(
      new Set(ledger.map((line) => line.lineNo)).size,
      ledger.length,
      'no folio line is posted twice',
    );
    assert.equal(
      ledger.reduce((sum, line) => sum + line.amountMinor, 0),
      expected.totalMinor,
      'the folio lines add up to the total the guest confirmed',
    );
    assert.deepEqual(pageErrors, []);
    await page.close();
  });

  it('room 407 by room number and last name shows "not available" with CHARGES_BLOCKED and charges nothing', async () => {
    const guest = stack.cards.find((card) => card.roomNumber === NO_POST_ROOM);
    assert.ok(guest, `the demo seed has a guest in room ${NO_POST_ROOM}`);
    const lastName = guest.guestName.trim().split(/\s+/).at(-1)!;
    const { page, pageErrors } = await openKiosk();
    const [item] = twoItems();

    await page.getByTestId(`item-${item.sku}`).click();
    await page.getByTestId('charge-to-room').click();
    await page.getByTestId('enter-room').click();
    for (const digit of NO_POST_ROOM) await page.getByTestId(`key-${digit}`).click();
    await waitForText(page.getByTestId('room-number'), NO_POST_ROOM);
    await shoot(page, '07-room-number');
    await page.getByTestId('keypad-next').click();
    for (const letter of lastName) await page.getByTestId(keyFor(letter)).click();
    await shoot(page, '08-last-name');
    await page.getByTestId('look-up').click();

    const screen = page.getByTestId('unavailable-screen');
    await screen.waitFor();
    assert.equal(await screen.getAttribute('data-code'), 'CHARGES_BLOCKED');
    // Guest words, not the seed's staff wording (that is for the outlet's staff).
    assert.notEqual(
      await text(page.getByTestId('unavailable-message')),
      ERROR_CATALOG.CHARGES_BLOCKED.message,
    );
    await page.getByTestId('nothing-charged').waitFor();
    assert.equal(await text(page.getByTestId('guest-room')), NO_POST_ROOM);
    assert.doesNotMatch(
      await text(page.locator('body')),
      new RegExp(lastName),
      'no full name on a self-service screen',
    );
    await shoot(page, '09-not-available');

    await page.getByTestId('option-call-front-desk').click();
    await page.getByTestId('instruction-screen').waitFor();
    await shoot(page, '10-instruction');
    await page.getByTestId('done').click();
    await page.getByTestId('order-screen').waitFor();
    assert.equal(
      await page.getByTestId(`cart-line-${item.sku}`).count(),
      0,
      'the next guest starts with an empty cart',
    );

    assert.deepEqual(await postingsFor(NO_POST_ROOM), [], 'nothing was charged to the no-post room');
    assert.deepEqual(pageErrors, []);
    await page.close();
  });

  async function openKiosk(): Promise<{ page: Page; pageErrors: string[] }> {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(stack.edgeUrl);
    await page.getByTestId('order-screen').waitFor();
    await waitForAttribute(page.getByTestId('central-status'), 'data-state', 'online');
    return { page, pageErrors };
  }

  /** Two items of the first category, which is the one the kiosk opens on. */
  function twoItems(): [CatalogView['items'][number], CatalogView['items'][number]] {
    const category = catalog.categories[0]?.code;
    const shown = catalog.items.filter((item) => item.categoryCode === category);
    assert.ok(shown.length >= 2, 'the demo catalog has two items in its first category');
    return [shown[0]!, shown[1]!];
  }

  function quote(items: Array<{ sku: string; quantity: number }>, tipMinor: number): Promise<Quote> {
    return getJson<Quote>(`${stack.edgeUrl}/api/checks/quote`, { items, tipMinor });
  }

  async function postingsFor(room: string): Promise<PostingView[]> {
    const url = `${stack.centralUrl}/api/pms/postings?room=${room}&limit=500`;
    const manager = DEMO_USERS.find((u) => u.role === 'manager')!;
    const token = await signInToCentral(stack.centralUrl, manager.username, manager.password);
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    assert.ok(response.ok, `${url} answered ${response.status}`);
    const { postings } = (await response.json()) as { postings: PostingView[] };
    return postings.filter((posting) => posting.roomNumber === room);
  }

  function money(minor: number): string {
    return formatMinor(minor, outlet.currency, outlet.locale);
  }

  async function shoot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(shotsDir, `${name}.png`) });
  }
});

async function getJson<T>(url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  assert.ok(response.ok, `${url} answered ${response.status}: ${await response.clone().text()}`);
  return (await response.json()) as T;
}

/** The on-screen keyboard key that types `letter` (keys show capitals; names are cased by the kiosk). */
function keyFor(letter: string): string {
  if (letter === "'") return 'key-apostrophe';
  if (letter === '-') return 'key-hyphen';
  if (letter === ' ') return 'key-space';
  return `key-${letter.toUpperCase()}`;
}
