// What the Chromium tests share: the browser and its flags (this machine's network is closed, so
// Chromium's background traffic is switched off), the kiosk build, and polling helpers in place of
// an `expect` library (playwright-core has none).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/install-system-deps.sh`);
}

/** Builds the kiosk (into `outDir`, default its usual dist folder) so no test runs a stale bundle. */
export function buildKiosk(outDir = join(repoRoot, 'kiosk-ui/dist/kiosk')): void {
  const vite = join(repoRoot, 'node_modules/vite/bin/vite.js');
  const config = join(repoRoot, 'kiosk-ui/vite.config.ts');
  try {
    execFileSync(
      process.execPath,
      [vite, 'build', '--config', config, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
      { cwd: join(repoRoot, 'kiosk-ui'), stdio: 'pipe' },
    );
  } catch (error) {
    const output = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    throw new Error(`building the kiosk UI failed (npm run build:ui):\n${output}`);
  }
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`no kiosk build in ${outDir}`);
}

export async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

export async function waitForText(locator: Locator, expected: string, timeoutMs = 10_000): Promise<void> {
  await until(
    () => text(locator),
    (seen) => seen === expected,
    `text ${JSON.stringify(expected)}`,
    timeoutMs,
  );
}

export async function waitForAttribute(locator: Locator, name: string, expected: string, timeoutMs = 10_000) {
  await until(
    () => locator.getAttribute(name, { timeout: timeoutMs }),
    (seen) => seen === expected,
    `${name}=${expected}`,
    timeoutMs,
  );
}

/** Polls `read` until `ok`, failing with what was last seen. */
export async function until<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  let seen: T | undefined;
  while (Date.now() < deadline) {
    seen = await read();
    if (ok(seen)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`waited ${timeoutMs} ms for ${what}; last saw ${JSON.stringify(seen)}`);
}

/** The official Raspberry Pi touch display. */
export const PI_SCREEN = { width: 800, height: 480 };

/** Debian's Chromium, headless, with touch, its profile in `profileDir`. */
export function launchKioskBrowser(
  profileDir: string,
  viewport: { width: number; height: number } = PI_SCREEN,
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    hasTouch: true,
  });
}

/** Every visible button is at least 48 × 48 CSS px (issue #5: touch targets). */
export async function assertTouchTargets(page: Page): Promise<void> {
  // A string, so this file needs no DOM typings: it runs in the page.
  const small = (await page.evaluate(`[...document.querySelectorAll('button')]
    .map((b) => ({ b, r: b.getBoundingClientRect() }))
    .filter(({ r }) => r.width > 0 && r.height > 0 && (r.width < 47.5 || r.height < 47.5))
    .map(({ b, r }) => (b.dataset.testid ?? b.textContent.trim()) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))`)) as string[];
  assert.deepEqual(small, [], 'buttons smaller than 48 px');
}
