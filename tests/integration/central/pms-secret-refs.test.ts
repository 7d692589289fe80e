// PMS credentials kept out of central.json: `{ env }` and `{ file }` references resolved at boot, and
// a missing one stopping start-up with the config's other problems, each at its path.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseCentralConfig } from '@roompost/central';
import { ConfigError } from '@roompost/sync';
import { centralConfig } from '../../support/stack.js';

const configWith = (pms: Record<string, unknown>) => ({ ...centralConfig(18830), pms });

const mews = (clientToken: unknown, accessToken: unknown) => ({
  kind: 'mews',
  baseUrl: 'http://127.0.0.1:9/',
  clientToken,
  accessToken,
  serviceId: 'svc-fnb',
  taxCode: 'US-DC-G',
  currency: 'USD',
});

test('a PMS secret given as { env } is read from that environment variable at boot', (t) => {
  const name = `ROOMPOST_TEST_SECRET_${process.pid}`;
  process.env[name] = 'from-the-environment';
  t.after(() => delete process.env[name]);
  const config = parseCentralConfig(
    configWith({
      kind: 'cloudbeds',
      baseUrl: 'http://127.0.0.1:9/api/v1.3',
      currency: 'USD',
      auth: {
        type: 'oauth',
        tokenUrl: 'http://127.0.0.1:9/token',
        clientId: 'cb',
        clientSecret: { env: name },
      },
    }),
  );
  assert.equal(config.pms.kind, 'cloudbeds');
  assert.ok(config.pms.kind === 'cloudbeds' && config.pms.auth.type === 'oauth');
  assert.equal(config.pms.auth.clientSecret, 'from-the-environment');
});

test('a PMS secret given as { file } is read from that key file, without its trailing newline', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-secret-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'client-token'), 'token-in-a-file\n', { mode: 0o600 });
  const config = parseCentralConfig(configWith(mews({ file: join(dir, 'client-token') }, 'plain-in-json')));
  assert.ok(config.pms.kind === 'mews');
  assert.equal(config.pms.clientToken, 'token-in-a-file');
  assert.equal(config.pms.accessToken, 'plain-in-json');
});

test('a missing secret variable or key file stops start-up, every problem listed at its path', () => {
  const name = `ROOMPOST_TEST_UNSET_${process.pid}`;
  delete process.env[name];
  let error: unknown;
  try {
    parseCentralConfig(configWith(mews({ env: name }, { file: '/nonexistent/roompost/access-token' })));
  } catch (err) {
    error = err;
  }
  assert.ok(error instanceof ConfigError, 'a ConfigError');
  const problems = error.problems;
  assert.equal(problems.length, 2, problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('pms.clientToken:') && p.includes(name)));
  assert.ok(problems.some((p) => p.startsWith('pms.accessToken:') && p.includes('ENOENT')));
});

test('a relative key-file path is refused rather than resolved against whatever the working directory is', () => {
  assert.throws(
    () => parseCentralConfig(configWith(mews({ file: 'secrets/token' }, 'x'))),
    (err: unknown) => err instanceof ConfigError && err.problems.some((p) => p.startsWith('pms.clientToken')),
  );
});
