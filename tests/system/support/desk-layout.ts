// The desk's layout check: every visible control (button, link, field) lies inside the viewport's width
// and is what a tap at its centre hits (after scrolling it into view), and is at least 44 px tall.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export async function assertDeskLayout(page: Page, where: string): Promise<void> {
  const count = await page.locator('button, a[href], input, select').count();
  const problems: string[] = [];
  for (let i = 0; i < count; i++) {
    const found = (await page.evaluate(`(() => {
      const el = [...document.querySelectorAll('button, a[href], input, select')][${i}];
      if (!el) return null;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') return null;
      let r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return null;
      el.scrollIntoView({ block: 'center', inline: 'nearest' });
      r = el.getBoundingClientRect();
      const name = (el.dataset.testid || el.getAttribute('name') || el.textContent || el.tagName).trim().slice(0, 40);
      const out = [];
      if (r.left < -0.5 || r.right > window.innerWidth + 0.5) out.push(name + ': outside the width (' + Math.round(r.left) + '..' + Math.round(r.right) + ')');
      const minHeight = el.type === 'checkbox' ? 24 : 44;
      if (r.height < minHeight) out.push(name + ': ' + Math.round(r.height) + ' px tall');
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !(hit === el || el.contains(hit) || (el.labels && [...el.labels].some((l) => l.contains(hit))))) {
        out.push(name + ': covered by ' + (hit ? hit.tagName + '.' + hit.className : 'nothing'));
      }
      return out;
    })()`)) as string[] | null;
    if (found) problems.push(...found);
  }
  assert.deepEqual(problems, [], `layout problems on ${where}`);
}
