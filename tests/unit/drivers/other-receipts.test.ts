import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { outletSummary, renderReceiptText, voidSlip } from '@roompost/drivers';
import { formatUsd } from './receipt-fixtures.js';

describe('void slip', () => {
  it('says which room lost how much, why and who did it, with caller text escaped', () => {
    const text = renderReceiptText(
      voidSlip(
        {
          propertyName: 'Harbour View Hotel',
          outletName: 'Pool Bar',
          checkNumber: '1042',
          chargeRef: '7C8D9E0F',
          voidedAt: '21/11/2026 15:10',
          roomNumber: '412',
          guestName: 'J. W****',
          amountMinor: 4515,
          reason: 'Wrong room | guest complained',
          voidedBy: 'Maria (manager)',
        },
        formatUsd,
      ),
    );
    assert.match(text, /V ?O ?I ?D/);
    assert.match(text, /^Room +412$/m);
    assert.match(text, /-USD 45\.15/);
    // The | is printed, not taken as a column break (the value wraps in its column).
    assert.match(text, /^Reason +Wrong room \| guest co/m);
    assert.match(text, /^By +Maria \(manager\)$/m);
  });
});

describe('end-of-day outlet summary', () => {
  it('prints counts, totals, the net and whether anything is still unposted', () => {
    const summary = {
      propertyName: 'Harbour View Hotel',
      outletName: 'Pool Bar',
      businessDate: '21/11/2026',
      printedAt: '21/11/2026 23:40',
      charges: { count: 37, totalMinor: 125_050 },
      voids: { count: 2, totalMinor: 4_515 },
      taxMinor: 11_300,
      tipMinor: 9_000,
      unpostedCount: 1,
    };
    const text = renderReceiptText(outletSummary(summary, formatUsd));
    assert.match(text, /^Room charges \(37\) +USD 1250\.50$/m);
    assert.match(text, /^Voids \(2\) +-USD 45\.15$/m);
    assert.match(text, /USD 1205\.35/);
    assert.match(text, /1 charge\(s\) not yet posted/);
    const posted = renderReceiptText(outletSummary({ ...summary, unpostedCount: 0 }, formatUsd));
    assert.match(posted, /All charges posted to the PMS/);
  });
});
