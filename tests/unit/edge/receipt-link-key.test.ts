import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { RECEIPT_LINK_KEY_FILE, receiptLinkKey } from '../../../edge/src/receipts/receipt-link-key.js';

test('the receipt-link key is made once per data folder, private to the service, and kept across starts', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'receipt-key-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const first = receiptLinkKey(dir);
  assert.ok(first.length >= 40, 'at least 32 random bytes');
  assert.equal(receiptLinkKey(dir), first);
  assert.equal(statSync(join(dir, RECEIPT_LINK_KEY_FILE)).mode & 0o777, 0o600);
  const other = mkdtempSync(join(tmpdir(), 'receipt-key-'));
  t.after(() => rmSync(other, { recursive: true, force: true }));
  assert.notEqual(receiptLinkKey(other), first);
});

test('a receipt-link key file that holds no usable key stops the start instead of signing with it', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'receipt-key-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, RECEIPT_LINK_KEY_FILE), '\n');
  assert.throws(() => receiptLinkKey(dir), /no usable key/);
});
