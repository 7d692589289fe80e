// Issue #6 in Chromium at 800×480: a manager's service screen (live device states, test page,
// relay pulse, reprint, all touch targets ≥ 48 px), the charged screen's receipt preview, and a
// self-service guest whose fridge door closing ends the session (back to the first screen, empty
// cart). Real edge and central on loopback, fake GPIO driven by the test.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Central, seedDemoCatalogs, seedDemoHotel, startCentral } from '@roompost/central';
import type { FakeGpio } from '@roompost/drivers';
import { type Edge, type EdgeConfig, hashPin, startEdge } from '@roompost/edge';
import type { BrowserContext, Page } from 'playwright-core';
import { recordingLogger } from '../support/recording-logger.js';
import { centralConfig, DEVICE, DEVICE_SECRET, edgeConfig, freePort, TODAY } from '../support/stack.js';
import {
  assertChromium,
  buildKiosk,
  launchKioskBrowser,
  text,
  until,
  waitForAttribute,
  waitForText,
} from './support/browser.js';

const CHIP = 'pinctrl-rp1';
const RELAY = 5;
const DOOR = 9;

const gpio: NonNullable<EdgeConfig['devices']['gpio']> = {
  kind: 'fake',
  chip: CHIP,
  relayPulseSeconds: 20,
  outputs: { relay: { offset: RELAY, activeLow: false }, lightGreen: { offset: 6, activeLow: false } },
  inputs: { doorSensor: { offset: DOOR, activeLow: false, debounceMs: 0 } },
};

describe('device service and the self-service fridge in Chromium, 800×480', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'roompost-device-e2e-'));
  const shotsDir = process.env.KIOSK_E2E_SHOTS ?? join(dataDir, 'shots');
  const kioskDir = join(dataDir, 'kiosk-build');
  let central: Central;
  const edges: Edge[] = [];
  let context: BrowserContext;
  let mqttPort: number;

  before(async () => {
    assertChromium();
    buildKiosk(kioskDir);
    mkdirSync(shotsDir, { recursive: true });
    mqttPort = await freePort();
    central = await centralFor('self-service');
    await seedDemoHotel(central.folio, TODAY);
    await seedDemoCatalogs(central.catalog);
    context = await launchKioskBrowser(join(dataDir, 'chromium-profile'));
    console.log(`# device service screenshots: ${shotsDir}`);
  });

  after(async () => {
    await context?.close();
    for (const edge of edges) await edge.stop();
    await central?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Central with the Pool Bar and its device in `mode`: central knows which outlets are staff terminals. */
  function centralFor(mode: 'self-service' | 'staff'): Promise<Central> {
    return startCentral(
      centralConfig(mqttPort, {
        outlets: [{ code: 'POOL', name: 'Pool Bar', postingDescription: 'Pool Bar', mode }],
        devices: [{ id: DEVICE, outletCode: 'POOL', secret: DEVICE_SECRET, mode }],
      }),
      { dataDir, logger: recordingLogger() },
    );
  }

  async function edgeFor(mode: 'self-service' | 'staff'): Promise<{ edge: Edge; dir: string }> {
    // One device id, one edge at a time: two would share an MQTT client id and knock each other off.
    for (const running of edges.splice(0)) await running.stop();
    // The outlet changes mode as a site would change it: central restarts with the new setting.
    await central.stop();
    central = await centralFor(mode);
    const dir = join(dataDir, mode);
    mkdirSync(dir, { recursive: true });
    const staff: EdgeConfig['staff'] = [
      { id: 'm1', name: 'Maria', role: 'manager', pinHash: await hashPin('3333') },
      { id: 's1', name: 'Sam', role: 'server', pinHash: await hashPin('1111') },
    ];
    // The outlet's staff are managed at central, which signs their proofs (the edge's list is its fallback).
    for (const s of staff)
      await central.staff.set(s.id, { name: s.name, role: s.role }, 'test', { pinHash: s.pinHash });
    const base = edgeConfig(mqttPort, mode, staff);
    const edge = await startEdge(
      { ...base, devices: { ...base.devices, gpio } },
      { dataDir: dir, logger: recordingLogger(), kioskDir },
    );
    edges.push(edge);
    return { edge, dir };
  }

  async function open(edge: Edge): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(edge.httpUrl);
    return { page, errors };
  }

  async function signIn(page: Page, pin: string): Promise<void> {
    await page.getByTestId('pin-screen').waitFor();
    for (const digit of pin) await page.getByTestId(`key-${digit}`).click();
    await page.getByTestId('keypad-next').click();
    await page.getByTestId('order-screen').waitFor();
  }

  it('a manager sees every device live, prints a test page, pulses the relay and reprints; a server has no Devices button', async () => {
    const { edge, dir } = await edgeFor('staff');
    const fake = edge.gpio!.driver as FakeGpio;
    const { page, errors } = await open(edge);

    await signIn(page, '1111');
    assert.equal(
      await page.getByTestId('open-service').count(),
      0,
      'a server is not offered the service screen',
    );
    await page.getByTestId('sign-out').click();

    await signIn(page, '3333');
    await page.getByTestId('open-service').click();
    await page.getByTestId('service-screen').waitFor();
    await waitForAttribute(page.getByTestId('service-live'), 'data-live', 'yes');
    for (const device of ['reader', 'printer', 'gpio']) {
      await waitForAttribute(page.getByTestId(`device-${device}`), 'data-health', 'connected');
    }
    assert.equal(await page.getByTestId('device-display').getAttribute('data-health'), 'absent');
    await assertFits(page);
    await page.screenshot({ path: join(shotsDir, 'service-01-devices.png') });

    await page.getByTestId('service-print-test').click();
    await waitForAttribute(page.getByTestId('service-outcome'), 'data-ok', 'yes');
    assert.match(await readFile(join(dir, 'receipts.txt'), 'utf8'), /^By +Maria$/m);

    await page.getByTestId('service-pulse-relay').click();
    await waitForText(page.getByTestId('service-outcome'), 'Relay unlocked for 20 s.');
    assert.equal(fake.level({ chip: CHIP, offset: RELAY }), true, 'the relay is unlocked');
    // The door moving shows live on the screen, and closing it locks the relay.
    fake.simulateLevel({ chip: CHIP, offset: DOOR }, true);
    await waitForText(page.getByTestId('door-state'), 'Door open');
    fake.simulateLevel({ chip: CHIP, offset: DOOR }, false);
    await waitForText(page.getByTestId('door-state'), 'Door closed');
    assert.equal(fake.level({ chip: CHIP, offset: RELAY }), false, 'locked when the door closed');

    // Only a test page so far: there is no receipt to reprint, and the screen says why.
    await page.getByTestId('service-reprint').click();
    await waitForAttribute(page.getByTestId('service-outcome'), 'data-ok', 'no');
    assert.match(await text(page.getByTestId('service-outcome')), /no receipt has been printed yet/);

    await page.getByTestId('lang-hi').click();
    await waitForText(page.getByTestId('service-print-test'), 'टेस्ट पेज छापें');
    await assertFits(page);
    await page.screenshot({ path: join(shotsDir, 'service-02-hindi.png') });
    await page.getByTestId('lang-en').click();

    // A charge, then its receipt as the printer got it, small, from the charged screen.
    await page.getByTestId('service-back').click();
    await page.getByTestId('category-COCKTAILS').click();
    await page.getByTestId('item-SPRITZ').click();
    await page.getByTestId('charge-to-room').click();
    for (const digit of '412') await page.getByTestId(`key-${digit}`).click();
    await page.getByTestId('keypad-next').click();
    await page.getByTestId('found-screen').waitFor();
    await page.getByTestId('post').click();
    await page.getByTestId('charged-screen').waitFor();
    await page.getByTestId('receipt-preview-open').click();
    const image = page.getByTestId('receipt-preview-image');
    await image.waitFor();
    await until(
      () =>
        page.evaluate(
          `(() => { const img = document.querySelector('[data-testid="receipt-preview-image"]'); return img && img.complete ? img.naturalWidth : 0; })()`,
        ) as Promise<number>,
      (width) => width > 0,
      'the receipt SVG to load',
      10_000,
    );
    await page.screenshot({ path: join(shotsDir, 'service-03-receipt-preview.png') });
    await assertFits(page);
    await page.getByTestId('receipt-preview-close').click();
    assert.deepEqual(errors, []);
  });

  it('self-service: the charge unlocks the fridge; closing the door ends the session with an empty cart', async () => {
    const { edge } = await edgeFor('self-service');
    const fake = edge.gpio!.driver as FakeGpio;
    const { page, errors } = await open(edge);
    await page.getByTestId('order-screen').waitFor();
    // The event stream is open and the edge reaches central: a tap now arrives and looks up.
    await waitForAttribute(page.getByTestId('central-status'), 'data-state', 'online');
    await page.getByTestId('category-COCKTAILS').click();
    await page.getByTestId('item-SPRITZ').click();
    await page.getByTestId('cart-line-SPRITZ').waitFor();
    await page.getByTestId('charge-to-room').click();
    await page.getByTestId('identify-screen').waitFor();
    await page.getByTestId('dev-panel-toggle').click();
    await page.getByTestId('dev-tap-04A1B2C3').click();
    await page.getByTestId('guest-screen').waitFor();
    assert.equal(fake.level({ chip: CHIP, offset: RELAY }), false, 'the tap alone opens nothing');
    await page.getByTestId('confirm').click();
    await page.getByTestId('charged-screen').waitFor();
    await until(
      async () => fake.level({ chip: CHIP, offset: RELAY }),
      (unlocked) => unlocked === true,
      'the fridge to unlock',
      5000,
    );
    fake.simulateLevel({ chip: CHIP, offset: DOOR }, true);
    fake.simulateLevel({ chip: CHIP, offset: DOOR }, false);
    const started = Date.now();
    await page.getByTestId('order-screen').waitFor({ timeout: 5000 });
    console.log(`# door closed → first screen in ${Date.now() - started} ms`);
    assert.equal(await page.getByTestId('cart-line-SPRITZ').count(), 0, 'the cart is empty');
    assert.equal(fake.level({ chip: CHIP, offset: RELAY }), false, 'locked');
    assert.deepEqual(errors, []);
  });
});

/** Every visible button ≥ 48 × 48 CSS px, and nothing visible is cut off at 800×480. */
async function assertFits(page: Page): Promise<void> {
  const small = (await page.evaluate(`[...document.querySelectorAll('button')]
    .map((b) => ({ b, r: b.getBoundingClientRect() }))
    .filter(({ r }) => r.width > 0 && r.height > 0 && (r.width < 47.5 || r.height < 47.5))
    .map(({ b, r }) => (b.dataset.testid ?? b.textContent.trim()) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))`)) as string[];
  assert.deepEqual(small, [], 'buttons smaller than 48 px');
  const outside = (await page.evaluate(`[...document.querySelectorAll('button, [data-testid^="device-"]')]
    .map((b) => ({ b, r: b.getBoundingClientRect() }))
    .filter(({ r }) => r.width > 0 && (r.right > 800.5 || r.bottom > 480.5 || r.left < -0.5 || r.top < -0.5))
    .map(({ b, r }) => (b.dataset.testid ?? b.textContent.trim()) + ' ' + JSON.stringify([r.left, r.top, r.right, r.bottom]))`)) as string[];
  assert.deepEqual(outside, [], 'controls cut off at 800×480');
}
