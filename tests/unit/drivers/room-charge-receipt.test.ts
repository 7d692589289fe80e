import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  escapeReceiptText,
  renderReceiptSvg,
  renderReceiptText,
  roomChargeReceipt,
  shortChargeRef,
} from '@roompost/drivers';
import { formatUsd, sampleReceipt } from './receipt-fixtures.js';

const text = (overrides: Parameters<typeof sampleReceipt>[0] = {}) =>
  renderReceiptText(roomChargeReceipt(sampleReceipt(overrides), formatUsd), 42);

const lines = (rendered: string) => rendered.split('\n');

describe('escapeReceiptText', () => {
  for (const special of [
    '\\',
    '|',
    '{',
    '}',
    '-',
    '=',
    '~',
    '_',
    '"',
    '`',
    '^',
    '\\n',
    '\\x41',
    '---',
    '===',
  ]) {
    it(`renders ${JSON.stringify(special)} literally, alone and between words`, () => {
      for (const value of [special, `a${special}b`, `${special} x ${special}`]) {
        assert.equal(renderReceiptText(escapeReceiptText(value), 42).trim(), value);
      }
    });
  }

  it('turns line breaks and control characters into spaces, keeping the document one line', () => {
    assert.equal(renderReceiptText(escapeReceiptText('Ann\nLee\r\u0007x'), 42).trim(), 'Ann Lee x');
  });

  it('keeps a value inside its column', () => {
    const rendered = renderReceiptText(`Guest | ${escapeReceiptText('A | B')}`, 42);
    assert.match(rendered, /^Guest {2,}A \| B$/m);
  });
});

describe('roomChargeReceipt', () => {
  it('has header, outlet, check, date, room, guest, items, totals and the room charge line', () => {
    const rendered = text();
    for (const expected of [
      /^ +Harbour View Hotel$/m,
      /^ +Pool Bar$/m,
      /^Check +1042$/m,
      /^Date +21\/11\/2026 14:05$/m,
      /^Room +412$/m,
      /^Guest +J\. W\*\*\*\*$/m,
      /^2 x Mojito +USD 24\.00$/m,
      /^1 x Club sandwich +USD 12\.50$/m,
      /^Subtotal +USD 36\.50$/m,
      /^Tax +USD 3\.65$/m,
      /^Tip +USD 5\.00$/m,
      /^TOTAL +USD 45\.15$/m,
      /^ +CHARGED TO ROOM 412$/m,
    ]) {
      assert.match(rendered, expected);
    }
  });

  it('right-aligns every amount at the edge of the paper', () => {
    for (const line of lines(text()).filter((l) => l.includes('USD'))) {
      assert.equal(line.length, 42, line);
    }
  });

  it('prints the tip line even when the tip is zero', () => {
    assert.match(text({ tipMinor: 0, totalMinor: 4015 }), /^Tip +USD 0\.00$/m);
  });

  it('prints a signature line only when asked', () => {
    assert.doesNotMatch(text(), /Guest signature|X___/);
    const signed = text({ signature: 'line' });
    assert.match(signed, /Guest signature/);
    assert.match(signed, /X_{20,}/);
  });

  it('ends with a short reference: the random tail of the charge id', () => {
    assert.equal(shortChargeRef('019a4f2e-7c1d-7b3e-9f00-5a6b7c8d9e0f'), '7C8D9E0F');
    assert.match(text(), /^ +Ref 7C8D9E0F$/m);
  });

  it('prints each footer line literally', () => {
    const rendered = text({ footer: 'Thank you!\n---\nPool open until 8 pm' });
    assert.match(rendered, /^ +Thank you!$/m);
    assert.match(rendered, /^ +---$/m);
    assert.match(rendered, /^ +Pool open until 8 pm$/m);
  });

  it('prints guest and item names with receiptline special characters literally', () => {
    const rendered = text({
      guestName: 'O"Neil|{x}_y_',
      items: [{ name: '^Tea^ `hot` ~ -= \\n', quantity: 1, amountMinor: 3650 }],
    });
    assert.match(rendered, /^Guest +O"Neil\|\{x\}_y_$/m);
    assert.match(rendered, /^1 x \^Tea\^ `hot` ~ -= \\n +USD 36\.50$/m);
  });

  it('rejects amounts that are not integer minor units with INVALID_RECEIPT', () => {
    assert.throws(() => roomChargeReceipt(sampleReceipt({ taxMinor: 3.65 }), formatUsd), {
      code: 'INVALID_RECEIPT',
    });
    assert.throws(
      () =>
        roomChargeReceipt(
          sampleReceipt({ items: [{ name: 'Tea', quantity: 0, amountMinor: 100 }] }),
          formatUsd,
        ),
      { code: 'INVALID_RECEIPT' },
    );
  });

  it('renders to an SVG in which a guest name cannot inject markup', () => {
    const svg = renderReceiptSvg(
      roomChargeReceipt(sampleReceipt({ guestName: '<script>x</script>' }), formatUsd),
      42,
    );
    assert.match(svg, /^<svg /);
    assert.doesNotMatch(svg, /<script/);
    assert.match(svg, /&lt;/);
  });
});

describe('room-charge receipt: date, GSTIN and tax lines', () => {
  it('keeps a long date and time on one line at 42 and 32 columns (no "11:03 P / M")', () => {
    const createdAt = 'Dec 17, 2026, 11:03\u202fPM';
    for (const cpl of [42, 32]) {
      const rendered = renderReceiptText(roomChargeReceipt(sampleReceipt({ createdAt }), formatUsd), cpl);
      const date = lines(rendered).find((l) => l.startsWith('Date'));
      assert.match(date ?? '', /Dec 17, 2026, 11:03.PM$/, `at ${cpl} columns`);
      assert.ok(!lines(rendered).some((l) => /^\s+M$/.test(l)), `nothing wraps at ${cpl} columns`);
    }
  });

  it('prints the GSTIN under the outlet and one line per tax instead of "Tax"', () => {
    const rendered = text({
      gstin: '08AAKCA4521M1ZH',
      taxMinor: 365,
      taxLines: [
        { label: 'CGST 2.5%', amountMinor: 183 },
        { label: 'SGST 2.5%', amountMinor: 182 },
      ],
    });
    const all = lines(rendered);
    assert.equal(
      all.findIndex((l) => l.trim() === 'GSTIN 08AAKCA4521M1ZH'),
      2,
    );
    assert.ok(all.some((l) => /^CGST 2\.5%\s+USD 1\.83$/.test(l)));
    assert.ok(all.some((l) => /^SGST 2\.5%\s+USD 1\.82$/.test(l)));
    assert.ok(!all.some((l) => l.startsWith('Tax ')));
    // Without lines, the single Tax line as before, and no GSTIN line.
    assert.ok(lines(text()).some((l) => /^Tax\s+USD 3\.65$/.test(l)));
    assert.ok(!text().includes('GSTIN'));
  });

  it('refuses tax lines that do not add up to the tax', () => {
    assert.throws(
      () =>
        roomChargeReceipt(
          sampleReceipt({ taxMinor: 365, taxLines: [{ label: 'CGST 2.5%', amountMinor: 183 }] }),
          formatUsd,
        ),
      (err: unknown) => (err as { code?: string }).code === 'INVALID_RECEIPT',
    );
  });
});
