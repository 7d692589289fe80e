// Every screen of both kiosk modes, at the Pi's 800×480 and at 1280×800, in English and Hindi, for the
// US and the Indian demo (the demo `npm start` runs, in Chromium): every button and key is on screen
// (scrolled into view where its list scrolls) and is what a tap at its centre hits (elementFromPoint),
// the page never scrolls as a whole, and no text is cut off by its box. Screenshots of every screen go
// to KIOSK_LAYOUT_SHOTS when it is set.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { startTestDemo } from '../support/demo.js';
import { api } from '../support/stack.js';
import { assertChromium, buildKiosk, CHROMIUM, CHROMIUM_ARGS, text } from './support/browser.js';

const VIEWPORTS = [
  { width: 800, height: 480 },
  { width: 1280, height: 800 },
] as const;
const LANGS = ['en', 'hi'] as const;
const shots = process.env.KIOSK_LAYOUT_SHOTS;
const work = mkdtempSync(join(tmpdir(), 'roompost-layout-'));
let browser: Browser;

before(async () => {
  assertChromium();
  buildKiosk();
  if (shots) mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

// Runs in the page (a string, so this file needs no DOM typings). Lists what a person could not use.
const CHECK = `(() => {
  const vw = innerWidth, vh = innerHeight, problems = [];
  const name = (el) => el.dataset?.testid || el.getAttribute('aria-label') || (el.textContent || '').trim().slice(0, 24) || el.tagName;
  const shown = (el) => {
    const s = getComputedStyle(el), r = el.getBoundingClientRect();
    return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0 && r.width > 0 && r.height > 0;
  };
  const de = document.documentElement;
  if (de.scrollWidth > vw + 1 || de.scrollHeight > vh + 1) problems.push('the page is larger than the screen: ' + de.scrollWidth + 'x' + de.scrollHeight);
  for (const el of document.querySelectorAll('button, input, select, textarea, a[href], [role=button], [role=switch], canvas')) {
    if (!shown(el) || el.closest('[aria-hidden=true]')) continue;
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const r = el.getBoundingClientRect();
    if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5) { problems.push(name(el) + ': off the screen'); continue; }
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || !(hit === el || el.contains(hit))) problems.push(name(el) + ': its centre is covered by ' + (hit ? (hit.dataset?.testid || hit.className || hit.tagName) : 'nothing'));
  }
  for (const el of document.querySelectorAll('body *')) {
    if (!shown(el) || el.tagName === 'CANVAS' || el.tagName === 'IMG' || el.tagName === 'svg' || el.closest('.visually-hidden')) continue;
    const s = getComputedStyle(el);
    if (/(auto|scroll)/.test(s.overflowX + ' ' + s.overflowY)) continue;
    const clips = s.overflowX !== 'visible' || s.overflowY !== 'visible' || s.textOverflow === 'ellipsis';
    if (clips && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) problems.push(name(el) + ': text cut off (' + el.scrollWidth + 'x' + el.scrollHeight + ' in ' + el.clientWidth + 'x' + el.clientHeight + ')');
  }
  // Icons ship as inline SVG: a glyph that needs an emoji font renders as a box on the Pi.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const glyph = /[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}]/u.exec(node.textContent || '');
    if (glyph && node.parentElement && shown(node.parentElement)) problems.push(name(node.parentElement) + ': glyph ' + glyph[0] + ' needs an emoji font');
  }
  for (const el of document.querySelectorAll('button, .key, .tile, .quick-button, .tab')) {
    if (!shown(el)) continue;
    const label = el.querySelector('*') ? null : el;
    if (label && label.scrollWidth > label.clientWidth + 1) problems.push(name(el) + ': label wider than its button');
  }
  return problems;
})()`;

type Seen = Map<string, string[]>;

/** Today's charges at an outlet (a staff outlet asks as the demo manager). */
async function chargeCount(url: string): Promise<number> {
  const session = await api<{ token?: string }>(url, '/api/staff/session', { pin: '3333' });
  const res = await api<{ charges: unknown[] }>(
    url,
    '/api/charges?date=today',
    undefined,
    session.body.token,
  );
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.charges.length;
}

// Staff words and technical detail a guest must never read (seed 000: guests get guest words).
const STAFF_JARGON =
  /\bPMS\b|folio|फ़ोलियो|ECONN|[A-Z]{3,}_[A-Z_]{3,}|verify room|collect payment|key card not linked/i;

async function visit(page: Page, seen: Seen, where: string, screen: string): Promise<void> {
  await page.waitForTimeout(150); // let a transition or a quote settle
  const problems = (await page.evaluate(CHECK)) as string[];
  if (where.endsWith('-guest')) {
    const words = (await page.locator('body').innerText()).match(STAFF_JARGON);
    if (words) problems.push(`staff words on a guest screen: "${words[0]}"`);
  }
  if (problems.length > 0) seen.set(`${where} ${screen}`, problems);
  if (shots) await page.screenshot({ path: join(shots, `${where}-${screen}.png`.replace(/[^\w.-]+/g, '_')) });
  await page.evaluate('window.scrollTo(0, 0)');
}

async function typeOn(page: Page, keys: string): Promise<void> {
  for (const k of keys) await page.getByTestId(`key-${k}`).click();
}

async function sign(page: Page): Promise<void> {
  const box = await page.getByTestId('signature-canvas').boundingBox();
  assert.ok(box);
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 10, { steps: 5 });
  await page.mouse.move(box.x + box.width - 20, box.y + box.height - 10, { steps: 5 });
  await page.mouse.up();
}

/** Staff mode, signed in as a manager (who sees every button): every screen of seed 000. */
async function walkStaff(page: Page, url: string, lang: string, room: string, seen: Seen, where: string) {
  await page.goto(url);
  await page.getByTestId('pin-screen').waitFor();
  if (lang === 'hi') await page.getByTestId('lang-hi').click();
  await visit(page, seen, where, '01-sign-in');
  await typeOn(page, '3333');
  await page.getByTestId('keypad-next').click();
  await page.getByTestId('order-screen').waitFor();
  await visit(page, seen, where, '02-order-empty');
  const tabs = page.locator('.tabs .tab');
  const tabCount = await tabs.count();
  for (let i = 0; i < tabCount; i += 1) {
    await tabs.nth(i).click();
    await page.locator('.tile').first().click();
  }
  await page.locator('.tile').first().click();
  await visit(page, seen, where, '03-order-check');
  await page.getByTestId('custom-charge-open').click();
  await visit(page, seen, where, '04-custom-name');
  await typeOn(page, 'TOWEL');
  await page.getByTestId('custom-next').click();
  await typeOn(page, '1250');
  await visit(page, seen, where, '05-custom-amount');
  await page.getByTestId('keypad-next').click();
  await page.getByTestId('charge-to-room').click();
  await page.getByTestId('room-screen').waitFor();
  await visit(page, seen, where, '06-room');
  await typeOn(page, room);
  await page.getByTestId('keypad-next').click();
  await page.locator('[data-testid=found-screen], [data-testid=unavailable-screen]').first().waitFor();
  await visit(page, seen, where, '07-room-found');
  if (await page.getByTestId('found-screen').count()) {
    // The check's own number (held at the edge), never "next"; on an Indian bill CGST and SGST per rate.
    await page.getByTestId('found-check-number').waitFor();
    assert.match(await text(page.getByTestId('found-check-number')), /^\d+$/, where);
    if (where.startsWith('in-')) {
      const labels = await page.getByTestId('tax-line-label').allTextContents();
      assert.ok(
        labels.includes('CGST 9%') && labels.includes('SGST 9%'),
        `${where}: tax lines ${labels.join(', ')}`,
      );
    }
    await page.getByTestId('post').click();
    await page.locator('[data-testid=signature-screen], [data-testid=charged-screen]').first().waitFor();
    if (await page.getByTestId('signature-screen').count()) {
      await visit(page, seen, where, '08-signature');
      await sign(page);
      await page.getByTestId('signature-done').click();
    }
    await page.getByTestId('charged-screen').waitFor();
    await visit(page, seen, where, '09-charged');
    await page.getByTestId('new-check').click();
  } else {
    await page.getByTestId('back-to-check').click();
    await page.getByTestId('order-screen').waitFor();
  }
  await page.getByTestId('pending-count').click();
  await page.getByTestId('pending-screen').waitFor();
  await visit(page, seen, where, '10-pending');
  await page.getByTestId('today-open').click();
  await page.getByTestId('today-screen').waitFor();
  await visit(page, seen, where, '11-today');
  await page.getByTestId('today-back').click();
  await page.getByTestId('open-service').click();
  await page.getByTestId('service-screen').waitFor();
  await visit(page, seen, where, '12-service');
  await page.getByTestId('service-back').click();
  await page.getByTestId('order-screen').waitFor();
}

/** Staff: a check far over any credit goes to Room Charge Not Available, then Pay with card. */
async function walkStaffRefusal(page: Page, room: string, seen: Seen, where: string) {
  await page.locator('.tile').first().click();
  for (let i = 0; i < 40; i += 1) await page.locator('[data-testid^=increment-]').first().click();
  await page.getByTestId('charge-to-room').click();
  await typeOn(page, room);
  await page.getByTestId('keypad-next').click();
  await page.getByTestId('unavailable-screen').waitFor();
  await visit(page, seen, where, '13-not-available');
  await page.getByTestId('option-pay-by-card').click();
  await page.getByTestId('instruction-screen').waitFor();
  await visit(page, seen, where, '14-instruction');
}

/** Guest self-service: order, identify, room and name, the guest screen, charged; and a refusal. */
async function walkGuest(
  page: Page,
  url: string,
  lang: string,
  guest: { room: string; name: string },
  seen: Seen,
  where: string,
) {
  await page.goto(url);
  await page.getByTestId('order-screen').waitFor();
  if (lang === 'hi') await page.getByTestId('lang-hi').click();
  await visit(page, seen, where, '01-order-empty');
  const tiles = page.locator('.tile');
  for (let i = 0; i < Math.min(5, await tiles.count()); i += 1) await tiles.nth(i).click();
  await visit(page, seen, where, '02-order');
  await page.getByTestId('charge-to-room').click();
  await page.getByTestId('identify-screen').waitFor();
  await visit(page, seen, where, '03-identify');
  await page.getByTestId('enter-room').click();
  await page.getByTestId('room-entry-screen').waitFor();
  await typeOn(page, guest.room);
  await visit(page, seen, where, '04-room-number');
  await page.getByTestId('keypad-next').click();
  await typeOn(page, guest.name.toUpperCase());
  await visit(page, seen, where, '05-last-name');
  await page.getByTestId('look-up').click();
  await page.locator('[data-testid=guest-screen], [data-testid=unavailable-screen]').first().waitFor();
  await visit(page, seen, where, '06-guest');
  if (await page.getByTestId('guest-screen').count()) {
    await page.getByTestId('confirm').click();
    await page.locator('[data-testid=signature-screen], [data-testid=charged-screen]').first().waitFor();
    if (await page.getByTestId('signature-screen').count()) {
      await visit(page, seen, where, '07-signature');
      await sign(page);
      await page.getByTestId('signature-done').click();
    }
    await page.getByTestId('charged-screen').waitFor();
    await visit(page, seen, where, '08-charged');
    await page.getByTestId('done').click();
  }
}

async function walkGuestRefusal(
  page: Page,
  guest: { room: string; name: string },
  seen: Seen,
  where: string,
) {
  await page.getByTestId('order-screen').waitFor();
  const tile = page.locator('.tile').first();
  for (let i = 0; i < 30; i += 1) await tile.click();
  await page.getByTestId('charge-to-room').click();
  await page.getByTestId('enter-room').click();
  await typeOn(page, guest.room);
  await page.getByTestId('keypad-next').click();
  await typeOn(page, guest.name.toUpperCase());
  await page.getByTestId('look-up').click();
  await page.getByTestId('unavailable-screen').waitFor();
  await visit(page, seen, where, '09-not-available');
  await page.getByTestId('option-pay-by-card').click();
  await page.getByTestId('instruction-screen').waitFor();
  await visit(page, seen, where, '10-instruction');
}

for (const demo of ['us', 'in'] as const) {
  test(`${demo === 'us' ? 'US' : 'Indian'} demo: every screen of both modes is usable at 800×480 and 1280×800, in English and Hindi`, async (t) => {
    const stack = await startTestDemo(t, { demo });
    const guest =
      demo === 'us'
        ? { room: '412', name: 'Wilson', low: { room: '310', name: 'Sharma' } }
        : { room: '204', name: 'Mehta', low: { room: '206', name: 'Qureshi' } };
    const seen: Seen = new Map();
    for (const viewport of VIEWPORTS) {
      for (const lang of LANGS) {
        const context = await browser.newContext({ viewport, hasTouch: true });
        const page = await context.newPage();
        page.setDefaultTimeout(8000);
        const where = `${demo}-${viewport.width}x${viewport.height}-${lang}`;
        try {
          await walkStaff(page, stack.restaurantUrl, lang, guest.room, seen, `${where}-staff`);
          // The refusal's other ways to pay (Pay with card) charge nothing to the room, at either outlet.
          const before = await chargeCount(stack.restaurantUrl);
          await walkStaffRefusal(page, guest.low.room, seen, `${where}-staff`);
          assert.equal(await chargeCount(stack.restaurantUrl), before, `${where}: staff Pay with card`);
          await walkGuest(page, stack.edgeUrl, lang, guest, seen, `${where}-guest`);
          if (lang === 'hi') await page.getByTestId('lang-hi').click();
          const guestBefore = await chargeCount(stack.edgeUrl);
          await walkGuestRefusal(page, guest.low, seen, `${where}-guest`);
          assert.equal(await chargeCount(stack.edgeUrl), guestBefore, `${where}: guest Pay with card`);
        } finally {
          await context.close();
        }
      }
    }
    const report = [...seen].map(([screen, problems]) => `${screen}:\n  ${problems.join('\n  ')}`).join('\n');
    assert.equal(seen.size, 0, `screens a person could not fully use:\n${report}`);
  });
}
