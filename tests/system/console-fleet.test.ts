// The back-office console's fleet page in Chromium, against a real central and edge on loopback.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { testPassword } from '../support/central-api.js';
import { centralAs, eventually, signInAs, startTestStack } from '../support/stack.js';
import { CHROMIUM, CHROMIUM_ARGS, text, until } from './support/browser.js';

const CONSOLE_BUILD = new URL('../../kiosk-ui/dist/console/index.html', import.meta.url);

test('the fleet page shows every device live, coloured, filterable, with a detail view', async (t) => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/install-system-deps.sh`);
  assert.ok(existsSync(CONSOLE_BUILD), 'the console is not built: run `npm run build:ui` first');
  const stack = await startTestStack(t);
  const central = stack.central.httpUrl;
  // A second, registered device that never reports: red.
  const it = centralAs(central, 'ivan.it', 'it');
  await it.post('/api/devices', { outlet: 'POOL', name: 'pool-kiosk-2' });
  await eventually(async () => {
    const fleet = await it.get<{ devices: Array<{ device: string; state: string }> }>('/api/fleet');
    return fleet.body.devices.find((d) => d.device === 'pool-kiosk-1' && d.state === 'green');
  }, 'the demo edge to report');

  const profile = mkdtempSync(join(tmpdir(), 'roompost-console-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.goto(`${central}/`);
  assert.match(page.url(), /\/console\/$/, '/ leads to the console');
  // The office signs in (read-only fleet); the token stays in this tab's sessionStorage.
  await signInAs(central, 'olga.office', 'office');
  const form = page.getByTestId('sign-in');
  await form.waitFor();
  await form.locator('input[name=username]').fill('olga.office');
  await form.locator('input[name=password]').fill('wrong-password-here');
  await form.locator('button[type=submit]').click();
  await page.getByRole('alert').waitFor();
  await form.locator('input[name=password]').fill(testPassword('olga.office'));
  await form.locator('button[type=submit]').click();
  // The office lands on the overview; the fleet is one tab away.
  await page.getByTestId('nav-fleet').click();

  const healthy = page.getByTestId('fleet-row-pool-kiosk-1');
  await healthy.waitFor();
  assert.equal(await healthy.getAttribute('data-state'), 'green');
  const silent = page.getByTestId('fleet-row-pool-kiosk-2');
  assert.equal(await silent.getAttribute('data-state'), 'red');
  assert.match((await silent.textContent()) ?? '', /never reported/);
  const rows = await page
    .locator('[data-testid^="fleet-row-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  assert.deepEqual(
    rows,
    ['fleet-row-pool-kiosk-2', 'fleet-row-pool-kiosk-1'],
    'what needs attention comes first',
  );

  await healthy.click();
  const detail = page.getByTestId('device-detail');
  await detail.waitFor();
  // The detail view fetches the device's history after it opens ("Loading…" until then).
  await until(
    () => text(detail),
    (seen) => /Uptime/.test(seen),
    'the device detail with its uptime',
    10_000,
  );
  const shots = mkdtempSync(join(tmpdir(), 'roompost-console-shots-'));
  await page.screenshot({ path: join(shots, 'fleet.png'), fullPage: true });
  console.log(`# console screenshot: ${join(shots, 'fleet.png')}`);

  await page.getByTestId('outlet-filter').selectOption('POOL');
  assert.equal(await page.locator('[data-testid^="fleet-row-"]').count(), 2);
});
