// Staff mode end to end on the Main Restaurant's 7" screen (800×480): the real kiosk build served by
// the staff-mode edge of the demo stack, central with the built-in folio engine, Chromium driven by
// playwright-core. PIN sign-in, a custom charge, room entry, Room Found with the full name, post,
// posted; then a manager's credit-limit override on room 310, which a server is not even offered.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_USERS, type DemoStack, startDemoStack } from '../../scripts/demo-stack.js';
import { signIn as signInToCentral } from '../support/central-api.js';
import {
  assertTouchTargets,
  buildKiosk,
  CHROMIUM,
  launchKioskBrowser,
  text,
  until,
  waitForAttribute,
  waitForText,
} from './support/browser.js';

interface PostingView {
  roomNumber: string;
  status: string;
  totalMinor: number;
  employeeId: string | null;
}

describe('staff mode at the Main Restaurant, 800×480', () => {
  let stack: DemoStack;
  let context: BrowserContext;
  let kioskDir: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'roompost-staff-e2e-'));
  const shotsDir = process.env.KIOSK_E2E_SHOTS ?? mkdtempSync(join(tmpdir(), 'roompost-staff-shots-'));

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/install-system-deps.sh`);
    // Its own build folder: test files run in parallel, and the guest e2e rebuilds dist/ as well.
    kioskDir = join(dataDir, 'kiosk-build');
    buildKiosk(kioskDir);
    mkdirSync(shotsDir, { recursive: true });
    stack = await startDemoStack({
      dataDir,
      httpPortCentral: 0,
      httpPortEdge: 0,
      httpPortRestaurant: 0,
      mqttPort: 0,
      logLevel: 'warn',
      kioskDir,
    });
    context = await launchKioskBrowser(join(dataDir, 'chromium-profile'));
    console.log(`# staff kiosk screenshots: ${shotsDir}`);
  });

  after(async () => {
    await context?.close();
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a server signs in by PIN, adds a custom charge, posts it to room 412 after confirming Mr. James Wilson', async () => {
    const { page, pageErrors } = await openKiosk();
    await shoot(page, 'staff-01-pin');
    await assertTouchTargets(page);
    await signIn(page, '1111');
    assert.equal(await text(page.getByTestId('staff-role')), 'Server');
    await shoot(page, 'staff-02-order');

    await page.getByTestId('custom-charge-open').click();
    for (const key of ['C', 'A', 'K', 'E']) await page.getByTestId(`key-${key}`).click();
    await waitForText(page.getByTestId('custom-name'), 'Cake');
    await page.getByTestId('custom-next').click();
    for (const digit of '1250') await page.getByTestId(`key-${digit}`).click();
    await waitForText(page.getByTestId('custom-amount'), '$12.50');
    await shoot(page, 'staff-03-custom-charge');
    await page.getByTestId('keypad-next').click();
    await page.getByTestId('cart-line-custom-1').waitFor();
    for (let i = 0; i < 3; i++) await page.getByTestId('increment-custom-1').click();
    await waitForText(page.getByTestId('quantity-custom-1'), '4');
    await waitForText(page.getByTestId('total'), '$50.00');
    await shoot(page, 'staff-04-check');

    await page.getByTestId('charge-to-room').click();
    await page.getByTestId('room-screen').waitFor();
    for (const digit of '412') await page.getByTestId(`key-${digit}`).click();
    await waitForText(page.getByTestId('room-number'), '412');
    await page.getByTestId('keypad-next').click();

    await page.getByTestId('found-screen').waitFor();
    assert.equal(await text(page.getByTestId('guest-name')), 'Mr. James Wilson', 'staff see the full name');
    assert.equal(await text(page.getByTestId('guest-vip')), 'VIP Gold');
    assert.equal(await text(page.getByTestId('confirm-question')), 'Is this Mr. James Wilson?');
    assert.equal(await page.getByTestId('guest-status').getAttribute('data-allowed'), 'true');
    await page.getByTestId('tip-20').click();
    await waitForText(page.getByTestId('tip'), '$10.00');
    await waitForText(page.getByTestId('total'), '$60.00');
    await assertInView(page, page.getByTestId('post'));
    await shoot(page, 'staff-05-room-found');
    await assertTouchTargets(page);

    // $60.00 is over the Main Restaurant's $50.00 threshold: the guest signs before it posts.
    await page.getByTestId('post').click();
    await page.getByTestId('signature-screen').waitFor();
    assert.equal(await text(page.getByTestId('signature-total')), 'Total: $60.00 (incl. $10.00 tip)');
    assert.equal(await page.getByTestId('signature-done').isDisabled(), true, 'nothing to send before ink');
    await assertInView(page, page.getByTestId('signature-done'));
    await assertTouchTargets(page);
    await signOnPad(page);
    await page.getByTestId('signature-clear').click();
    await waitForAttribute(page.getByTestId('signature-canvas'), 'data-inked', 'false');
    await signOnPad(page);
    await shoot(page, 'staff-06-signature');
    await page.getByTestId('signature-done').dblclick();
    await page.getByTestId('charged-screen').waitFor();
    await waitForAttribute(page.getByTestId('charge-status'), 'data-status', 'posted', 20_000);
    assert.equal(await text(page.getByTestId('charged-total')), '$60.00');
    const check412 = await text(page.getByTestId('charged-check'));
    await page.getByTestId('charged-signature').waitFor();
    await until(
      () => page.evaluate(`document.querySelector('[data-testid="charged-signature"]')?.naturalWidth`),
      (width) => typeof width === 'number' && width > 0,
      'the signature image to load from the edge',
      10_000,
    );
    await shoot(page, 'staff-07-posted-signed');

    const postings = await postingsFor('412');
    assert.equal(postings.length, 1, 'one posting, though Complete Charge was tapped twice');
    assert.deepEqual(
      [postings[0]?.status, postings[0]?.totalMinor, postings[0]?.employeeId],
      ['posted', 6000, 'ana'],
    );

    // Today's charges: a server sees the charge but is not offered Void (seed 000: manager, admin).
    await page.getByTestId('new-check').click();
    await page.getByTestId('pending-count').click();
    await page.getByTestId('today-open').click();
    await page.getByTestId('today-screen').waitFor();
    await page.getByTestId(`today-${check412}`).waitFor();
    assert.equal(await page.getByTestId(`void-${check412}`).count(), 0, 'a server is not offered Void');
    assert.deepEqual(pageErrors, []);
    await page.close();
  });

  it('room 310 is over its credit: a server only gets the options, a manager overrides with a reason', async () => {
    const { page, pageErrors } = await openKiosk();
    await signIn(page, '1111');
    // Refused at the lookup, against the check's total: no Room Found, no tip, no signature first.
    await chargeMojitosTo(page, '310', false);
    await page.getByTestId('unavailable-screen').waitFor();
    assert.equal(await page.getByTestId('unavailable-screen').getAttribute('data-code'), 'CREDIT_EXCEEDED');
    assert.equal(await page.getByTestId('found-screen').count(), 0);
    assert.equal(await page.getByTestId('override').count(), 0, 'a server is not offered the override');
    await page.getByTestId('sign-out').click();

    await signIn(page, '3333');
    assert.equal(await text(page.getByTestId('staff-role')), 'Manager');
    await chargeMojitosTo(page, '310', false);
    await page.getByTestId('unavailable-screen').waitFor();
    assert.ok((await text(page.getByTestId('guest-name'))).endsWith('Priya Sharma'));
    await page.getByTestId('override-approved').click();
    await assertInView(page, page.getByTestId('override-post'));
    await shoot(page, 'staff-08-not-available-override');
    await assertTouchTargets(page);
    await page.getByTestId('override-post').click();
    await page.getByTestId('charged-screen').waitFor();
    await waitForAttribute(page.getByTestId('charge-status'), 'data-status', 'posted', 20_000);
    await shoot(page, 'staff-09-override-posted');
    const check310 = await text(page.getByTestId('charged-check'));
    const postings = await postingsFor('310');
    assert.deepEqual(
      postings.map((p) => [p.status, p.employeeId]),
      [['posted', 'maria']],
    );

    // The manager voids it from Today's charges, with a reason typed on the on-screen keyboard.
    await page.getByTestId('new-check').click();
    await page.getByTestId('pending-count').click();
    await page.getByTestId('today-open').click();
    await page.getByTestId(`void-${check310}`).click();
    await page.getByTestId('void-panel').waitFor();
    assert.equal(await page.getByTestId('void-confirm').isDisabled(), true, 'a reason is required');
    for (const key of ['W', 'R', 'O', 'N', 'G', 'space', 'R', 'O', 'O', 'M']) {
      await page.getByTestId(`key-${key}`).click();
    }
    await waitForText(page.getByTestId('void-reason'), 'Wrong room');
    await assertInView(page, page.getByTestId('void-confirm'));
    await assertTouchTargets(page);
    await shoot(page, 'staff-10-void-reason');
    await page.getByTestId('void-confirm').click();
    await waitForAttribute(page.getByTestId(`today-${check310}`), 'data-status', 'voided', 20_000);
    assert.equal(await page.getByTestId(`void-${check310}`).count(), 0, 'a voided charge is final');
    await shoot(page, 'staff-11-voided');
    await page.getByTestId('today-back').click();
    await page.getByTestId('pending-count').click();
    await page.getByTestId('pending-screen').waitFor();
    await shoot(page, 'staff-12-pending');
    await page.getByTestId('lang-hi').click();
    await waitForText(page.getByTestId('pending-back'), 'वापस');
    await shoot(page, 'staff-13-pending-hindi');
    assert.deepEqual(pageErrors, []);
    await page.close();
  });

  it('fits 1280×800 and a 1080×1920 portrait screen with every control at least 48 px', async () => {
    for (const size of [
      { width: 1280, height: 800 },
      { width: 1080, height: 1920 },
    ]) {
      const { page } = await openKiosk();
      await page.setViewportSize(size);
      await signIn(page, '2222');
      await chargeMojitosTo(page, '412', false);
      await page.getByTestId('found-screen').waitFor();
      await assertInView(page, page.getByTestId('post'));
      await assertTouchTargets(page);
      await shoot(page, `staff-14-found-${size.width}x${size.height}`);
      await page.close();
    }
  });

  it('ships at most 60 KB of gzipped JavaScript to the Pi (issue #5 budget)', () => {
    const assets = join(kioskDir, 'assets');
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    const bytes = js.reduce(
      (sum, f) => sum + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length,
      0,
    );
    console.log(`# kiosk JavaScript, gzipped: ${(bytes / 1024).toFixed(1)} KB in ${js.length} file(s)`);
    assert.ok(js.length > 0, 'the build has JavaScript');
    assert.ok(bytes <= 60 * 1024, `${bytes} bytes gzipped is over the 60 KB budget`);
  });

  async function openKiosk(): Promise<{ page: Page; pageErrors: string[] }> {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(stack.restaurantUrl);
    await page.getByTestId('pin-screen').waitFor();
    return { page, pageErrors };
  }

  async function signIn(page: Page, pin: string): Promise<void> {
    await page.getByTestId('pin-screen').waitFor();
    for (const digit of pin) await page.getByTestId(`key-${digit}`).click();
    await page.getByTestId('keypad-next').click();
    await page.getByTestId('order-screen').waitFor();
    await waitForAttribute(page.getByTestId('central-status'), 'data-state', 'online');
  }

  /** Two mojitos (well past the 10.00 Priya Sharma has left), then the room, then Post. */
  async function chargeMojitosTo(page: Page, room: string, post = true): Promise<void> {
    await page.getByTestId('category-COCKTAILS').click();
    await page.getByTestId('item-MOJITO').click();
    await page.getByTestId('item-MOJITO').click();
    await waitForText(page.getByTestId('quantity-MOJITO'), '2');
    await page.getByTestId('charge-to-room').click();
    for (const digit of room) await page.getByTestId(`key-${digit}`).click();
    await page.getByTestId('keypad-next').click();
    if (!post) return;
    await page.getByTestId('found-screen').waitFor();
    await page.getByTestId('post').click();
  }

  /** A signature stroke across the pad, as a finger would draw it (mouse down, move, up). */
  async function signOnPad(page: Page): Promise<void> {
    const box = await page.getByTestId('signature-canvas').boundingBox();
    assert.ok(box, 'the signature pad is rendered');
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + 30, y);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await page.mouse.move(box.x + 30 + i * 20, y + (i % 2 ? -25 : 25), { steps: 2 });
    }
    await page.mouse.up();
    await waitForAttribute(page.getByTestId('signature-canvas'), 'data-inked', 'true');
  }

  async function postingsFor(room: string): Promise<PostingView[]> {
    const manager = DEMO_USERS.find((u) => u.role === 'manager')!;
    const token = await signInToCentral(stack.centralUrl, manager.username, manager.password);
    const response = await fetch(`${stack.centralUrl}/api/pms/postings?room=${room}&limit=500`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { postings } = (await response.json()) as { postings: PostingView[] };
    return postings.filter((p) => p.roomNumber === room);
  }

  async function shoot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(shotsDir, `${name}.png`) });
  }
});

/** The control is on screen without scrolling: nothing a person needs is cut off. */
async function assertInView(page: Page, locator: Locator): Promise<void> {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  assert.ok(box && size, 'the control is rendered');
  assert.ok(
    box.y >= 0 && box.y + box.height <= size.height + 0.5,
    `in view: ${JSON.stringify(box)} of ${size.height}`,
  );
  assert.ok(
    box.x >= 0 && box.x + box.width <= size.width + 0.5,
    `in view: ${JSON.stringify(box)} of ${size.width}`,
  );
}
