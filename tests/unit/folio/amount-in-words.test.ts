import assert from 'node:assert/strict';
import { test } from 'node:test';
import { amountInWords } from '@roompost/folio';

test('INR in Indian numbering: the seed 004 total, one lakh, and crores', () => {
  assert.equal(amountInWords(1_870_400, 'INR'), 'Eighteen Thousand Seven Hundred and Four Rupees Only');
  assert.equal(amountInWords(10_000_000, 'INR'), 'One Lakh Rupees Only');
  assert.equal(
    amountInWords(12_345_678_900, 'INR'),
    'Twelve Crore Thirty Four Lakh Fifty Six Thousand Seven Hundred and Eighty Nine Rupees Only',
  );
  assert.equal(amountInWords(10_000_050, 'INR'), 'One Lakh Rupees and Fifty Paise Only');
  assert.equal(amountInWords(100_000_000_000_000, 'INR'), 'One Lakh Crore Rupees Only');
});

test('INR singular, zero and paise only', () => {
  assert.equal(amountInWords(100, 'INR'), 'One Rupee Only');
  assert.equal(amountInWords(0, 'INR'), 'Zero Rupees Only');
  assert.equal(amountInWords(1, 'INR'), 'One Paisa Only');
  assert.equal(amountInWords(-1_013_00, 'INR'), 'Minus One Thousand and Thirteen Rupees Only');
});

test('other currencies in international numbering with their minor unit', () => {
  assert.equal(
    amountInWords(123_456_789, 'USD'),
    'One Million Two Hundred and Thirty Four Thousand Five Hundred and Sixty Seven Dollars and Eighty Nine Cents Only',
  );
  assert.equal(amountInWords(10_000_000, 'USD'), 'One Hundred Thousand Dollars Only');
  assert.equal(amountInWords(1, 'USD'), 'One Cent Only');
  assert.equal(amountInWords(1_500, 'JPY'), 'One Thousand Five Hundred Yen Only');
  assert.equal(amountInWords(1_005, 'KWD'), 'One Dinar and Five Fils Only');
});
