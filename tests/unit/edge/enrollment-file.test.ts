// edge.json (the device's settings) joined with enrollment.json (who it is and its secret).
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadEdgeConfig } from '@roompost/edge';
import { ConfigError } from '@roompost/sync';
import { edgeConfig } from '../../support/stack.js';

const enrollment = {
  version: 1,
  centralUrl: 'https://central.hotel.lan:8443',
  enrolledAt: '2026-12-07T01:00:00.000Z',
  property: 'HARBOUR',
  device: 'pool-9',
  central: {
    mqttUrl: 'mqtts://central.hotel.lan:8883',
    username: 'pool-9',
    password: 'n'.repeat(32),
    caFile: 'central-ca.pem',
  },
  outlet: {
    code: 'POOL',
    name: 'Pool Bar',
    propertyName: 'Harbour View Hotel',
    currency: 'USD',
    timeZone: 'America/New_York',
  },
};

test('an edge.json from before the split keeps working; enrollment.json beside it wins for identity and secret', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-split-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'edge.json');
  const old = edgeConfig(1883, 'staff');
  await writeFile(file, JSON.stringify({ ...old, outlet: { ...old.outlet, name: 'Poolside' } }));
  assert.equal(loadEdgeConfig(file).central.password, old.central.password, 'no enrollment.json: as written');

  await writeFile(join(dir, 'enrollment.json'), JSON.stringify(enrollment));
  const joined = loadEdgeConfig(file);
  assert.deepEqual(joined.central, { ...enrollment.central, caFile: join(dir, 'central-ca.pem') });
  assert.equal(joined.device, 'pool-9');
  assert.equal(joined.outlet.name, 'Poolside', "IT's own outlet name stays");
  assert.equal(joined.outlet.mode, 'staff', 'and the mode');
  assert.deepEqual(joined.devices, old.devices, 'and the devices');
});

test('a settings-only edge.json needs its enrollment; a broken one is a config error with its path', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-split-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'edge.json');
  const { property: _p, device: _d, central: _c, ...settings } = edgeConfig(1883);
  await writeFile(file, JSON.stringify({ ...settings, enrollment: 'enrollment.json' }));
  assert.throws(
    () => loadEdgeConfig(file),
    (err: unknown) =>
      err instanceof ConfigError && /^enrollment: .* does not exist/.test(err.problems[0] ?? ''),
  );
  await writeFile(
    join(dir, 'enrollment.json'),
    JSON.stringify({ ...enrollment, central: { ...enrollment.central, password: 7 } }),
  );
  assert.throws(
    () => loadEdgeConfig(file),
    (err: unknown) =>
      err instanceof ConfigError && err.problems.some((p) => p.startsWith('central.password')),
  );
  await writeFile(join(dir, 'enrollment.json'), JSON.stringify(enrollment));
  assert.equal(loadEdgeConfig(file).device, 'pool-9');
});
