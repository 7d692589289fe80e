import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatMinor } from '@roompost/folio/money';
import { en } from '../../../kiosk-ui/src/kiosk/i18n/en.js';
import { hi } from '../../../kiosk-ui/src/kiosk/i18n/hi.js';
import { intlLocale, langOf, translator } from '../../../kiosk-ui/src/kiosk/i18n/i18n.js';
import { formatStayDate } from '../../../kiosk-ui/src/shared/stay-date.js';

test('the Hindi catalog has every English key, with the same placeholders', () => {
  assert.deepEqual(Object.keys(hi).sort(), Object.keys(en).sort());
  const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
  for (const key of Object.keys(en) as Array<keyof typeof en>) {
    assert.deepEqual(holes(hi[key]), holes(en[key]), key);
  }
});

test('t() fills placeholders in either language', () => {
  assert.equal(translator('en')('found.confirm', { name: 'Mr. James Wilson' }), 'Is this Mr. James Wilson?');
  assert.equal(translator('hi')('pending.count', { count: 3 }), '3 पोस्टिंग लंबित');
});

test('the outlet locale picks the language; Intl gets a locale of that language', () => {
  assert.equal(langOf('hi-IN'), 'hi');
  assert.equal(langOf('en-IN'), 'en');
  assert.equal(intlLocale('hi', 'en-IN'), 'hi-IN');
  assert.equal(intlLocale('en', 'en-IN'), 'en-IN');
});

test('rupees use lakh grouping in English and Hindi; dollars the usual grouping', () => {
  assert.equal(formatMinor(12345678, 'INR', intlLocale('en', 'en-IN')), '₹1,23,456.78');
  assert.equal(formatMinor(12345678, 'INR', intlLocale('hi', 'en-IN')), '₹1,23,456.78');
  assert.equal(formatMinor(10500, 'USD', intlLocale('en', 'en-US')), '$105.00');
});

test('stay dates format as calendar dates in both languages', () => {
  assert.equal(formatStayDate('2026-01-25', 'en-US'), 'Jan 25, 2026');
  assert.equal(formatStayDate('2026-01-25', 'hi-IN'), '25 जन॰ 2026');
});
