import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadEdgeConfig, startEdge } from '@roompost/edge';
import { provisionMain } from '@roompost/provisioning';
import { testPassword } from '../../support/central-api.js';
import { recordingLogger } from '../../support/recording-logger.js';
import { api, centralAs, eventually, signInAs, startTestStack } from '../../support/stack.js';

async function provision(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await provisionMain(args, (line) => lines.push(line));
  return { code, out: lines.join('\n') };
}

/** Runs `roompost-edge enroll` as its own process (asynchronously: central answers from this one). */
const enroll = (args: string[]) =>
  new Promise<{ status: number | null; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      // As whoever runs the tests (as root it would otherwise want the `roompost` service user).
      ['--import', 'tsx', 'edge/src/main.ts', 'enroll', '--owner', userInfo().username, ...args],
      { encoding: 'utf8', timeout: 30_000 },
      (err, _stdout, stderr) =>
        resolve({ status: err ? (typeof err.code === 'number' ? err.code : null) : 0, stderr }),
    );
  });

test('IT registers a device with the CLI, the device enrolls, shows up live on the fleet, and is revoked', async (t) => {
  const stack = await startTestStack(t);
  const central = stack.central.httpUrl;
  // IT signs in with a password from a file (central-api.ts created ivan.it with the it role).
  await signInAs(central, 'ivan.it', 'it');
  const passwordFile = join(stack.dir, 'ivan.password');
  writeFileSync(passwordFile, `${testPassword('ivan.it')}\n`, { mode: 0o600 });
  const common = ['--central', central, '--user', 'ivan.it', '--password-file', passwordFile];
  const it = centralAs(central, 'ivan.it', 'it');

  const created = await provision(['create-device', '--outlet', 'POOL', '--name', 'pool-kiosk-2', ...common]);
  assert.equal(created.code, 0, created.out);
  const token = /token:\s+(\S+)/.exec(created.out)?.[1];
  assert.ok(token, 'the token is printed');
  assert.match(created.out, /▄|█/, 'and shown as a QR code');

  const configFile = join(stack.dir, 'pool-2', 'edge.json');
  const first = await enroll(['--central', central, '--token', token, '--config', configFile, '--port', '0']);
  assert.equal(first.status, 0, first.stderr);
  assert.equal(statSync(configFile).mode & 0o777, 0o600, 'the settings are owner only');
  assert.equal(
    statSync(join(stack.dir, 'pool-2', 'enrollment.json')).mode & 0o777,
    0o600,
    'the credentials hold a secret: owner only',
  );
  const second = await enroll([
    '--central',
    central,
    '--token',
    token,
    '--config',
    join(stack.dir, 'x.json'),
    '--port',
    '0',
  ]);
  assert.equal(second.status, 1);
  assert.match(second.stderr, /used already/);

  const config = loadEdgeConfig(configFile);
  assert.equal(config.device, 'pool-kiosk-2');
  const edge = await startEdge(config, {
    dataDir: join(stack.dir, 'pool-2'),
    logger: recordingLogger(),
    kioskDir: join(stack.dir, 'none'),
    statusIntervalMs: 200,
  });
  t.after(() => edge.stop());
  await eventually(async () => {
    const fleet = await it.get<{ devices: Array<{ device: string; state: string }> }>('/api/fleet');
    return fleet.body.devices.find((d) => d.device === 'pool-kiosk-2' && d.state === 'green');
  }, 'the enrolled edge to appear green on the fleet');

  const listed = await provision(['list', ...common]);
  assert.match(listed.out, /pool-kiosk-2\s+POOL\s+active/);
  const revoked = await provision(['revoke', 'pool-kiosk-2', ...common]);
  assert.equal(revoked.code, 0);
  await eventually(
    async () => ((await api(edge.httpUrl, '/api/health')).body.central === 'offline' ? true : undefined),
    'the revoked edge to lose central',
  );
  const fleet = await it.get<{ devices: Array<{ device: string; state: string }> }>('/api/fleet');
  assert.equal(fleet.body.devices.find((d) => d.device === 'pool-kiosk-2')?.state, 'revoked');

  const refused = await provision(['rotate-credentials', 'pool-kiosk-2', ...common]);
  assert.deepEqual([refused.code, /INVALID_STATE/.test(refused.out)], [1, true]);
  const usage = await provision(['create-device', '--outlet', 'POOL', ...common]);
  assert.equal(usage.code, 2);
});
