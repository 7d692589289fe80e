// Seed 000's PMS configuration endpoints on central: the config with its credentials redacted, a
// connection test through the live adapter, and the outlets.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { startCentral } from '@roompost/central';
import { silentLogger } from '@roompost/sync';
import {
  SIMULATED_PMS_KINDS,
  type SimulatedPms,
  type SimulatedPmsKind,
  startSimulatedPms,
} from '../../../central/src/pms/simulated-pms.js';
import { centralAs, centralConfig, freePort } from '../../support/stack.js';

/** Every credential the simulators' configs carry (see simulated-pms.ts). */
const SECRETS = [
  'cb-secret',
  'apaleo-secret',
  'mews-client-token',
  'mews-access-token',
  'ohip-app-key',
  'ohip-secret',
  'htng-bearer-token',
  'demo-key',
];

const OUTLETS = [
  { code: 'POOL', name: 'Pool Bar', postingDescription: 'Pool Bar', revenueCenter: '4400' },
  { code: 'REST', name: 'Main Restaurant', postingDescription: 'Restaurant', revenueCenter: '4100' },
];

async function centralOn(t: TestContext, kind: SimulatedPmsKind) {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-pms-config-'));
  const sim: SimulatedPms = await startSimulatedPms(kind, { currency: 'USD', logger: silentLogger });
  const config = centralConfig(await freePort(), { pms: sim.config, outlets: OUTLETS });
  const central = await startCentral(config, { dataDir: dir, logger: silentLogger });
  t.after(async () => {
    await central.stop();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { central, sim };
}

/** Central's PMS settings are an admin's: signed in as one (tests/support/central-api.ts). */
async function call(base: string, method: string, path: string) {
  const admin = centralAs(base, 'pat.admin', 'admin');
  const res = method === 'POST' ? await admin.post(path) : await admin.get(path);
  return { status: res.status, text: res.text, body: JSON.parse(res.text) as Record<string, unknown> };
}

for (const kind of SIMULATED_PMS_KINDS) {
  test(`GET /api/pms/config shows the ${kind} connection with every credential redacted`, async (t) => {
    const { central, sim } = await centralOn(t, kind);
    const res = await call(central.httpUrl, 'GET', '/api/pms/config');
    assert.equal(res.status, 200);
    assert.equal(res.body.kind, kind);
    assert.ok(Array.isArray(res.body.features) && res.body.features.includes('charge_posting'));
    const pms = res.body.pms as Record<string, unknown>;
    assert.equal(pms.kind, kind);
    assert.equal(pms.currency, 'USD');
    for (const secret of SECRETS) assert.ok(!res.text.includes(secret), `${secret} must not leave central`);
    // Proof the check above looked at something: the config had secrets, and they were replaced.
    const raw = JSON.stringify(sim.config);
    if (SECRETS.some((s) => raw.includes(s))) assert.match(res.text, /"\*\*\*"/);
  });
}

test('POST /api/pms/test-connection answers ok while the PMS is up, CONNECTION_FAILED once it is gone', async (t) => {
  const { central, sim } = await centralOn(t, 'cloudbeds');
  const up = await call(central.httpUrl, 'POST', '/api/pms/test-connection');
  assert.equal(up.status, 200);
  assert.equal(up.body.ok, true);
  assert.equal(up.body.kind, 'cloudbeds');
  assert.equal(typeof up.body.latencyMs, 'number');

  await sim.close();
  const down = await call(central.httpUrl, 'POST', '/api/pms/test-connection');
  assert.ok(down.status >= 500, `a server-side status, got ${down.status}`);
  assert.equal(down.body.code, 'CONNECTION_FAILED');
  assert.equal(typeof down.body.action, 'string');
});

test('GET /api/pms/outlets lists the outlets of central config', async (t) => {
  const { central } = await centralOn(t, 'fias');
  const res = await call(central.httpUrl, 'GET', '/api/pms/outlets');
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.outlets, OUTLETS);
});

test('the configuration endpoints are in the OpenAPI document', async (t) => {
  const { central } = await centralOn(t, 'mews');
  const doc = await call(central.httpUrl, 'GET', '/api/openapi.json');
  const paths = doc.body.paths as Record<string, Record<string, unknown>>;
  assert.ok(paths['/api/pms/config']?.get);
  assert.ok(paths['/api/pms/test-connection']?.post);
  assert.ok(paths['/api/pms/outlets']?.get);
});
