// The installation commands' command lines: --help answers, a bad argument is named with exit 2,
// and a refusal carries its code, before anything is sent or written.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { provisionMain } from '@roompost/provisioning';
import { edgeCommand } from '../../../edge/src/enroll/enroll-cli.js';

async function edge(command: 'enroll' | 'rotate-credentials', args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await edgeCommand(
    command,
    args,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('roompost-edge enroll / rotate-credentials: help, named argument errors, coded refusals', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-edge-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const config = join(dir, 'edge.json');
  const me = ['--owner', userInfo().username, '--config', config];

  const help = await edge('enroll', ['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /--ca-fingerprint/);

  const cases: Array<[string[], number, RegExp]> = [
    [['--central', 'https://c:8443', ...me], 2, /needs --token/],
    [['--token', 't'.repeat(20), ...me], 2, /needs --central/],
    [['--token', 't'.repeat(20), '--central', 'https://c:8443', '--mode', 'bar', ...me], 2, /--mode must be/],
    [['--token', 't'.repeat(20), '--central', 'https://c:8443', '--port', '80a', ...me], 2, /--port must be/],
    [['--token', 't'.repeat(20), '--central', 'https://c:8443', '--colour', 'red'], 2, /--colour/],
    [['--token', 't'.repeat(20), '--central', 'http://10.0.0.5:8080', ...me], 2, /^CENTRAL_NOT_HTTPS/],
    [['--token', 't'.repeat(20), '--central', 'central.hotel.lan', ...me], 2, /^CENTRAL_URL_INVALID/],
    [['--token', 't'.repeat(20), '--central', 'https://c:8443', ...me], 2, /^CA_NOT_PINNED/],
    [
      ['--token', 't'.repeat(20), '--central', 'https://c:8443', '--ca-file', join(dir, 'none.pem'), ...me],
      2,
      /--ca-file/,
    ],
    [
      [
        '--token',
        't'.repeat(20),
        '--central',
        'https://c:8443',
        '--owner',
        'no-such-user-x',
        '--config',
        config,
      ],
      1,
      /^SERVICE_USER_MISSING/,
    ],
  ];
  for (const [args, code, message] of cases) {
    const result = await edge('enroll', args);
    assert.equal(result.code, code, `${args.join(' ')}: ${result.err}`);
    assert.match(result.err, message, args.join(' '));
  }
  const notEnrolled = await edge('rotate-credentials', ['--token', 't'.repeat(20), ...me]);
  assert.equal(notEnrolled.code, 1);
  assert.match(notEnrolled.err, /^NOT_ENROLLED/);
  assert.equal(existsSync(config), false, 'nothing written');
});

test('roompost-provision: --help, and plain HTTP off loopback refused before any password is asked', async () => {
  const lines: string[] = [];
  assert.equal(await provisionMain(['--help'], (l) => lines.push(l)), 0);
  assert.match(lines.join('\n'), /--ca-file/);
  lines.length = 0;
  assert.equal(await provisionMain(['list', '--central', 'http://10.0.0.5:8080'], (l) => lines.push(l)), 2);
  assert.match(lines.join('\n'), /plain HTTP off loopback/);
  lines.length = 0;
  const create = ['create-device', '--outlet', 'POOL', '--name', 'p-1', '--mode', 'waiter'];
  assert.equal(await provisionMain([...create, '--central', 'https://127.0.0.1:1'], (l) => lines.push(l)), 2);
  assert.match(lines.join('\n'), /--mode must be self-service or staff/);
  lines.length = 0;
  assert.equal(await provisionMain(['list', '--ca-file', '/nonexistent/ca.crt'], (l) => lines.push(l)), 2);
  assert.match(lines.join('\n'), /cannot read --ca-file/);
});
