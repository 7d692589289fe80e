import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PmsAdapter, PmsChargeRequest } from '@roompost/central';
import { silentLogger } from '@roompost/sync';
import { swappableAdapter } from '../../../central/src/pms/swappable-adapter.js';

function scripted(kind: string, log: string[], hold?: Promise<void>): PmsAdapter {
  return {
    kind,
    features: new Set(['charge_posting']),
    testConnection: async () => {},
    lookupRoom: async () => assert.fail('not used'),
    lookupCredential: async () => assert.fail('not used'),
    async postCharge(c) {
      log.push(`${kind}:post:${c.chargeId}`);
      await hold;
      log.push(`${kind}:posted:${c.chargeId}`);
      return { pmsTransactionId: `${kind}-1`, folioBalanceMinor: null, duplicate: false };
    },
    async close() {
      log.push(`${kind}:closed`);
    },
  };
}

const charge = (id: string) => ({ chargeId: id }) as PmsChargeRequest;

test('a swap routes new calls to the new PMS and closes the old one only after its call in flight', async () => {
  const log: string[] = [];
  let release = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  const adapter = swappableAdapter(scripted('old', log, held), silentLogger);
  const inFlight = adapter.postCharge(charge('a'));
  const swapped = adapter.swap(scripted('new', log));
  assert.equal(adapter.kind, 'new');
  assert.equal(adapter.voidCharge, undefined, 'optional operations follow the current adapter');
  await adapter.postCharge(charge('b'));
  assert.ok(!log.includes('old:closed'), 'not closed while a posting is under way');
  release();
  assert.equal((await inFlight).pmsTransactionId, 'old-1');
  await swapped;
  assert.deepEqual(log, ['old:post:a', 'new:post:b', 'new:posted:b', 'old:posted:a', 'old:closed']);
});
