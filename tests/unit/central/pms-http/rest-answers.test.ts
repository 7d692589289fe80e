// The configurable REST adapter reading answers by its config: error paths, code map, result id.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chargeFor } from '@roompost/central/pms-contract';
import { PmsError } from '../../../../central/src/pms/adapter.js';
import { createRestAdapter } from '../../../../central/src/pms/rest/rest-adapter.js';
import { restPmsConfig } from '../../../../central/src/pms/rest/rest-config.js';
import { fakeFetch, fixedClock, json } from './fake-fetch.js';

const config = restPmsConfig.parse({
  kind: 'rest',
  name: 'acme',
  baseUrl: 'https://acme.example/api',
  currency: 'USD',
  auth: { type: 'header', name: 'X-Api-Key', value: 'secret' },
  lookup: {
    path: 'rooms/{{roomNumber}}',
    fields: { stayRef: 'stay.id', lastName: 'guest.last', checkIn: 'stay.in', checkOut: 'stay.out' },
  },
  post: {
    method: 'POST',
    path: 'stays/{{stayRef}}/charges',
    body: { ref: '{{chargeId}}', amount: '{{total}}' },
    resultId: 'result.id',
  },
  errors: { code: 'err.code', message: 'err.text', map: { LIMIT: 'CREDIT_EXCEEDED' } },
});
const charge = chargeFor('412', 'USD', { stayRef: 'S1' });

function adapter(answer: () => Response) {
  const fetch = fakeFetch([[() => true, answer]]);
  return { fetch, adapter: createRestAdapter(config, { clock: fixedClock('2026-01-27T19:45:00Z'), fetch }) };
}

async function failure(work: Promise<unknown>): Promise<PmsError> {
  const err = await work.catch((e: unknown) => e);
  assert.ok(err instanceof PmsError, String(err));
  return err;
}

test('the request is the rendered template, with the auth header and decimal amounts', async () => {
  const { fetch, adapter: a } = adapter(json(201, { result: { id: 'P1' } }));
  const result = await a.postCharge(charge);
  assert.equal(result.pmsTransactionId, 'P1');
  const call = fetch.calls[0];
  assert.ok(call);
  assert.equal(call.url, 'https://acme.example/api/stays/S1/charges');
  assert.equal((call.init.headers as Record<string, string>)['X-Api-Key'], 'secret');
  assert.deepEqual(JSON.parse(String(call.init.body)), { ref: charge.chargeId, amount: 105 });
});

test('a mapped error code becomes ours; an unmapped one falls back to the message', async () => {
  let err = await failure(
    adapter(json(422, { err: { code: 'LIMIT', text: 'no' } })).adapter.postCharge(charge),
  );
  assert.equal(err.code, 'CREDIT_EXCEEDED');
  assert.equal(err.context.pmsCode, 'LIMIT');
  err = await failure(
    adapter(json(422, { err: { code: 'X9', text: 'Room charges are blocked' } })).adapter.postCharge(charge),
  );
  assert.equal(err.code, 'CHARGES_BLOCKED');
});

test('a 2xx without the configured result id is POSTING_UNKNOWN, not a success', async () => {
  const err = await failure(adapter(json(200, { ok: true })).adapter.postCharge(charge));
  assert.equal(err.code, 'POSTING_UNKNOWN');
});

test('a 404 on lookup is ROOM_NOT_FOUND; a lookup without the stay id is unreadable', async () => {
  assert.equal((await failure(adapter(json(404, {})).adapter.lookupRoom('999'))).code, 'ROOM_NOT_FOUND');
  assert.equal(
    (await failure(adapter(json(200, { guest: { last: 'W' } })).adapter.lookupRoom('412'))).code,
    'CONNECTION_FAILED',
  );
});
