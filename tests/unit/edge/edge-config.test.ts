import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadEdgeConfig } from '@roompost/edge';
import { ConfigError } from '@roompost/sync';
import { edgeConfig } from '../../support/stack.js';

test('a bad config file lists every problem with its path', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-config-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'edge.json');
  const config = edgeConfig(1883) as unknown as Record<string, Record<string, unknown>>;
  await writeFile(
    file,
    JSON.stringify({
      ...config,
      version: 2,
      device: 'pool kiosk',
      outlet: { ...config.outlet, currency: 'dollars', timeZone: 'Mars/Olympus' },
      central: { ...config.central, mqttUrl: 'http://central', maxPacketBytes: 100 },
      surprise: true,
    }),
  );
  assert.throws(
    () => loadEdgeConfig(file),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      const paths = err.problems.map((p) => p.split(':')[0]).sort();
      assert.deepEqual(paths, [
        '(root)',
        'central.maxPacketBytes',
        'central.mqttUrl',
        'device',
        'outlet.currency',
        'outlet.timeZone',
        'version',
      ]);
      return true;
    },
  );
});

test('a missing or non-JSON config file is a ConfigError, not a crash', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-config-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  assert.throws(() => loadEdgeConfig(join(dir, 'nope.json')), ConfigError);
  await writeFile(join(dir, 'broken.json'), '{ "version": 1,');
  assert.throws(
    () => loadEdgeConfig(join(dir, 'broken.json')),
    (err: unknown) => {
      return err instanceof ConfigError && /not JSON/.test(err.problems[0] ?? '');
    },
  );
});

test("the broker's packet limit is read from the config (daily summaries larger than it go in parts)", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-config-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'edge.json');
  const config = edgeConfig(1883);
  await writeFile(
    file,
    JSON.stringify({ ...config, central: { ...config.central, maxPacketBytes: 262_144 } }),
  );
  assert.equal(loadEdgeConfig(file).central.maxPacketBytes, 262_144);
});
