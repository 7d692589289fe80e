import { chromium } from 'playwright-core';
const url = process.argv[2]!;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await b.newPage({ viewport: { width: Number(process.argv[3] ?? 1280), height: Number(process.argv[4] ?? 800) } });
page.on('console', (m) => console.log('console:', m.text())); page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(`${url}/desk/`);
await page.getByTestId('sign-in').locator('input[name=username]').fill('frontdesk');
await page.getByTestId('sign-in').locator('input[name=password]').fill('frontdesk-demo-pass');
await page.getByTestId('sign-in').locator('button[type=submit]').click();
await page.getByTestId('arrivals').waitFor();
await page.screenshot({ path: '/tmp/deskdev/board.png', fullPage: true });
for (const h of process.argv.slice(5)) {
  await page.goto(`${url}/desk/#${h}`);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/deskdev/${h.replace(/\W/g, '_')}.png`, fullPage: true });
}
await b.close();
