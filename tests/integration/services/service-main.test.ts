import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', timeout: 30_000 });

test('a service started with a bad config file exits 1 listing every problem; a bad command line exits 2', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-main-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'edge.json');
  await writeFile(file, JSON.stringify({ version: 1, property: 'HARBOUR', device: 'bad device' }));

  const edge = run('edge/src/main.ts', ['--config', file, '--data', dir]);
  assert.equal(edge.status, 1);
  for (const path of ['device', 'database', 'outlet', 'central', 'http', 'devices']) {
    assert.match(edge.stderr, new RegExp(`- ${path}: `), `names ${path}`);
  }

  const central = run('central/src/main.ts', ['--config', join(dir, 'missing.json'), '--data', dir]);
  assert.equal(central.status, 1);
  assert.match(central.stderr, /cannot read the file: ENOENT/);

  const usage = run('central/src/main.ts', ['--bogus']);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /usage: roompost-central/);
});

test('a start that fails but leaves a handle open (a timer, a child) still exits 1 within seconds', () => {
  const main = `import { runService } from '@roompost/sync';
process.exitCode = await runService(
  {
    usage: 'test-service --config <file> --data <dir>',
    load: () => ({}),
    start: async () => {
      setInterval(() => {}, 1000); // what a half-started service may leave behind
      throw new Error('the start failed');
    },
  },
  ['--config', 'unused.json', '--data', '.'],
);`;
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', main], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(r.signal, null, 'it exited by itself, not killed by the 30 s timeout');
  assert.equal(r.status, 1);
  assert.ok(Date.now() - started < 20_000, 'the failed start exits within the guard, not never');
  assert.match(r.stdout, /could not start/);
});
