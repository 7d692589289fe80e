import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addToTaxGroups, type TaxGroup, taxBreakdown } from '../../../edge/src/receipts/tax-breakdown.js';

test('GST splits per rate into CGST and SGST at half the rate, the odd paisa to CGST; VAT stays whole', () => {
  const groups: TaxGroup[] = [];
  addToTaxGroups(groups, 'GST_FOOD', '0.05', 10_010, 501); // 5 %: 250.5 → 251 + 250
  addToTaxGroups(groups, 'GST_FOOD', '0.18', 45_000, 8_100);
  addToTaxGroups(groups, 'GST_BEV', '0.050', 2_000, 100); // same rate, other class: one pair
  addToTaxGroups(groups, 'VAT_LIQUOR', '0.20', 45_000, 9_000);
  addToTaxGroups(groups, 'CUSTOM', '0', 5_000, 0);
  const lines = taxBreakdown(groups, '08AAKCA4521M1ZH');
  assert.deepEqual(lines, [
    { code: 'CGST', ratePercent: '2.5', amountMinor: 301 },
    { code: 'SGST', ratePercent: '2.5', amountMinor: 300 },
    { code: 'CGST', ratePercent: '9', amountMinor: 4_050 },
    { code: 'SGST', ratePercent: '9', amountMinor: 4_050 },
    { code: 'VAT', ratePercent: '20', amountMinor: 9_000 },
  ]);
  const total = groups.reduce((sum, g) => sum + g.taxMinor, 0);
  assert.equal(
    lines.reduce((sum, l) => sum + l.amountMinor, 0),
    total,
    'the lines add up to the tax the guest pays',
  );
});

test('an outlet without a GSTIN keeps one Tax line (no breakdown)', () => {
  const groups: TaxGroup[] = [];
  addToTaxGroups(groups, 'FOOD', '0.08875', 1_100, 98);
  assert.deepEqual(taxBreakdown(groups, null), []);
});
