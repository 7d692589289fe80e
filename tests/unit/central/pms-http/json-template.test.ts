// The REST adapter's template mechanism and its inverse, which its simulator reads requests with.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  getPath,
  match,
  placeholders,
  render,
  setPath,
} from '../../../../central/src/pms/rest/json-template.js';
import { restPmsConfig } from '../../../../central/src/pms/rest/rest-config.js';

const template = {
  ref: '{{chargeId}}',
  note: 'Check {{checkNumber}} at {{outletCode}}',
  amount: { value: '{{total}}', currency: '{{currency}}' },
  lines: '{{items}}',
  fixed: 42,
};
const values = {
  chargeId: 'c-1',
  checkNumber: '1247',
  outletCode: 'POOL',
  total: 105.5,
  currency: 'USD',
  items: [{ sku: 'FB' }],
};

test('a whole-string placeholder keeps the value type; embedded ones interpolate', () => {
  assert.deepEqual(render(template, values), {
    ref: 'c-1',
    note: 'Check 1247 at POOL',
    amount: { value: 105.5, currency: 'USD' },
    lines: [{ sku: 'FB' }],
    fixed: 42,
  });
  assert.equal(render('rooms/{{roomNumber}}', { roomNumber: 'A/1' }, encodeURIComponent), 'rooms/A%2F1');
});

test('match reads back what render wrote, so the simulator sees our fields', () => {
  const read = match(template, render(template, values));
  assert.equal(read.chargeId, 'c-1');
  assert.equal(read.total, 105.5);
  assert.deepEqual(read.items, [{ sku: 'FB' }]);
});

test('paths get and set nested values, with dotted or bracket indexes', () => {
  const body = setPath({}, 'data.items[0].id', 'T1');
  assert.deepEqual(body, { data: { items: { 0: { id: 'T1' } } } });
  assert.equal(getPath({ a: [{ b: 2 }] }, 'a[0].b'), 2);
  assert.equal(getPath({ a: 1 }, 'a.b.c'), undefined);
});

test('config validation names unknown placeholders', () => {
  assert.deepEqual([...placeholders(template)].sort(), [
    'chargeId',
    'checkNumber',
    'currency',
    'items',
    'outletCode',
    'total',
  ]);
  const parsed = restPmsConfig.safeParse({
    kind: 'rest',
    baseUrl: 'https://pms.example',
    currency: 'USD',
    auth: { type: 'none' },
    lookup: {
      path: 'rooms/{{roomNumber}}',
      fields: { stayRef: 'id', lastName: 'n', checkIn: 'a', checkOut: 'd' },
    },
    post: { method: 'POST', path: 'charges', body: { amount: '{{totl}}' }, resultId: 'id' },
  });
  assert.equal(parsed.success, false);
  assert.match(JSON.stringify(parsed.error?.issues), /unknown placeholders: totl/);
});
