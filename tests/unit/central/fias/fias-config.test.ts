import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fiasPmsConfig } from '../../../../central/src/pms/fias/fias-config.js';
import { pmsConfigSchema } from '../../../../central/src/pms/pms-config.js';

test('FIAS config defaults follow the spec: 30 s answers, 60 s PR postings, 3 s listen, 5 min alive check', () => {
  const c = fiasPmsConfig.parse({
    kind: 'fias',
    transport: { type: 'tcp', host: 'ifc.hotel.lan', port: 5010 },
    currency: 'USD',
  });
  assert.equal(c.timeouts.answerMs, 30_000);
  assert.equal(c.timeouts.postingMs, 60_000);
  assert.equal(c.timeouts.startupListenMs, 3_000);
  assert.equal(c.timeouts.aliveIntervalMs, 300_000);
  assert.equal(c.timeouts.serialAckMs, 3_000);
  assert.equal(c.transport.type === 'tcp' && c.transport.lrc, false);
  assert.equal(c.workstation, 'ROOMPOST');
});

test('the FIAS branch is part of the PMS config union; mistakes are listed with their paths', () => {
  const ok = pmsConfigSchema.parse({
    kind: 'fias',
    transport: { type: 'serial', path: '/dev/ttyUSB0' },
    currency: 'INR',
  });
  assert.equal(ok.kind, 'fias');
  const bad = pmsConfigSchema.safeParse({
    kind: 'fias',
    transport: { type: 'tcp', host: '', port: 70000 },
    currency: 'usd',
    salesOutlets: { POOL: 'ABC' },
  });
  assert.equal(bad.success, false);
  const paths = bad.error?.issues.map((i) => i.path.join('.')) ?? [];
  for (const p of ['transport.host', 'transport.port', 'currency', 'salesOutlets.POOL']) {
    assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`);
  }
});
