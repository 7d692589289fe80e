// The console's group page in Chromium, served by a real hotel group (`startGroup`: two properties,
// each a whole central with its own database, USD and INR): a group user signs in where the console
// was loaded from and sees each property's outlet sync and day, the devices needing attention, and
// the money per currency; a user scoped to one property sees that one only.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  type CentralConfig,
  loadGroupConfig,
  seedDemoHotel,
  seedIndianDemoHotel,
  startGroup,
} from '@roompost/central';
import { chromium, type Page } from 'playwright-core';
import { recordingLogger } from '../support/recording-logger.js';
import { centralConfig, freePort, TEST_ADMIN, TODAY } from '../support/stack.js';
import { CHROMIUM, CHROMIUM_ARGS, text, until } from './support/browser.js';

const CONSOLE_BUILD = new URL('../../kiosk-ui/dist/console/index.html', import.meta.url);

test('the group page shows each property’s outlet sync and reconciliation, scoped to the user', async (t) => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/install-system-deps.sh`);
  assert.ok(existsSync(CONSOLE_BUILD), 'the console is not built: run `npm run build:ui` first');
  const dir = mkdtempSync(join(tmpdir(), 'roompost-group-console-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const property = async (code: string, outlet: string): Promise<string> => {
    const config: CentralConfig = centralConfig(await freePort(), {
      property: code,
      outlets: [{ code: outlet, name: `${code} bar`, postingDescription: `${code} bar` }],
      devices: [
        { id: `${code.toLowerCase()}-kiosk-1`, outletCode: outlet, secret: 'device-secret-0123456789' },
      ],
    });
    const file = join(dir, `central-${code}.json`);
    writeFileSync(file, JSON.stringify(config));
    return file;
  };
  const groupFile = join(dir, 'group.json');
  writeFileSync(
    groupFile,
    JSON.stringify({
      version: 1,
      name: 'Harbour & Amber Hotels',
      http: { host: '127.0.0.1', port: 0 },
      properties: [
        { config: await property('HARBOUR', 'POOL'), data: 'HARBOUR' },
        { config: await property('AMBER', 'REST'), data: 'AMBER' },
      ],
      users: [
        { username: 'owner', passwordHash: TEST_ADMIN.passwordHash, properties: '*' },
        { username: 'harbour.gm', passwordHash: TEST_ADMIN.passwordHash, properties: ['HARBOUR'] },
      ],
    }),
  );
  const group = await startGroup(loadGroupConfig(groupFile), { dataDir: dir, logger: recordingLogger() });
  t.after(() => group.stop());
  await seedDemoHotel(group.properties.get('HARBOUR')!.folio, TODAY);
  await seedIndianDemoHotel(group.properties.get('AMBER')!.folio, TODAY);

  const profile = mkdtempSync(join(tmpdir(), 'roompost-group-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  t.after(() => browser.close());

  const signIn = async (page: Page, username: string) => {
    await page.goto(`${group.url}/`);
    assert.match(page.url(), /\/console\/$/, '/ leads to the console');
    const form = page.getByTestId('sign-in');
    await form.waitFor();
    await form.locator('input[name=username]').fill(username);
    await form.locator('input[name=password]').fill(TEST_ADMIN.password);
    await form.locator('button[type=submit]').click();
    await page.getByTestId('group-page').waitFor();
  };

  const page = await browser.newPage();
  await signIn(page, 'owner');
  // A group user gets the group page only: no property tabs, no front desk.
  const tabs = await page
    .locator('[data-testid^="nav-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  assert.deepEqual(tabs, ['nav-group']);
  const harbour = page.getByTestId('group-row-HARBOUR');
  const amber = page.getByTestId('group-row-AMBER');
  await harbour.waitFor();
  // Neither kiosk has reported: both properties are red, and both devices are listed to look at.
  assert.deepEqual(
    [await harbour.getAttribute('data-state'), await amber.getAttribute('data-state')],
    ['red', 'red'],
  );
  assert.match(await text(harbour), /Harbour View Hotel/);
  assert.match(await text(harbour), /1 red/);
  assert.equal(await harbour.getAttribute('data-balanced'), 'true', 'an empty day balances');
  assert.match(await text(page.getByTestId('group-device-amber-kiosk-1')), /REST/);
  // Money per currency, never summed across: a USD and an INR line.
  await page.getByTestId('group-total-USD').waitFor();
  assert.match(await text(page.getByTestId('group-total-INR')), /₹/);
  assert.match(await text(page.getByTestId('group-totals')), /every property balanced/);
  const shots = mkdtempSync(join(tmpdir(), 'roompost-console-shots-'));
  await page.screenshot({ path: join(shots, 'group.png'), fullPage: true });
  console.log(`# console screenshot: ${join(shots, 'group.png')}`);

  // In Hindi too.
  await page.getByTestId('lang-switch').click();
  await until(
    () => text(page.getByTestId('group-page')),
    (seen) => /कारोबारी दिन/.test(seen),
    'the group page in Hindi',
    5_000,
  );
  await page.getByTestId('lang-switch').click();

  // The Harbour manager sees Harbour only.
  const other = await browser.newPage();
  await page.close();
  await signIn(other, 'harbour.gm');
  await other.getByTestId('group-row-HARBOUR').waitFor();
  assert.equal(await other.getByTestId('group-row-AMBER').count(), 0);
  assert.equal(await other.getByTestId('group-total-INR').count(), 0);
});
