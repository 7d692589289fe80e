// First run of a real installation (no demo data): until `roompost-central init` has set up the
// property, enrollment is refused without spending the token or listing the device active; init
// validates every input, writes nothing when one is wrong, and refuses a second run.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { InitError, initCentral, startCentral } from '@roompost/central';
import { lookupUser } from '@roompost/sync';
import { recordingLogger } from '../../support/recording-logger.js';
import { centralAs, centralConfig, freePort } from '../../support/stack.js';

const ADMIN_PASSWORD = 'first-admin-password-1';

const base = (dir: string) => ({
  configFile: join(dir, 'central.json'),
  dataDir: join(dir, 'data'),
  name: 'Harbour View Hotel',
  currency: 'USD',
  timeZone: 'America/New_York',
  regime: 'US_NYC',
  address: '1 Harbour Street, New York',
  adminUsername: 'admin',
  adminPassword: ADMIN_PASSWORD,
  tlsNames: [] as string[],
  outlets: [{ code: 'POOL', name: 'Pool Bar' }],
  httpPort: 8443,
  mqttPort: 8883,
});

/** Runs central's CLI as its own process. */
const centralCli = (args: string[], input?: string) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'central/src/main.ts', ...args],
      { encoding: 'utf8', timeout: 60_000 },
      (err, stdout, stderr) =>
        resolve({ status: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    );
    child.stdin?.end(input ?? '');
  });

test('enrollment is refused unspent until init sets up the property; then the same token works', {
  timeout: 120_000,
}, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-first-run-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const config = centralConfig(await freePort(), { devices: [] });
  writeFileSync(join(dir, 'central.json'), JSON.stringify(config));
  mkdirSync(join(dir, 'data'));
  const central = await startCentral(config, { dataDir: join(dir, 'data'), logger: recordingLogger() });
  t.after(() => central.stop());
  assert.equal(await central.folio.getProperty(), null, 'no demo data: no property');

  const it = centralAs(central.httpUrl, 'ivan.it', 'it');
  const created = await it.post<{ token: string }>('/api/devices', { outlet: 'POOL', name: 'pool-1' });
  assert.equal(created.status, 201, created.text);
  const token = created.body.token;

  const refused = await fetch(`${central.httpUrl}/api/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  assert.equal(refused.status, 409);
  assert.equal(((await refused.json()) as { code: string }).code, 'PROPERTY_NOT_CONFIGURED');
  const listed = await it.get<{ devices: Array<{ id: string; status: string }> }>('/api/devices');
  assert.deepEqual(
    listed.body.devices.map((d) => [d.id, d.status]),
    [['pool-1', 'pending']],
    'the device is not listed active',
  );

  // init on the running central's own config and data (the property code comes from central.json).
  const result = await initCentral(base(dir));
  assert.equal(result.configWritten, false, 'an existing central.json is kept');
  assert.equal(result.config.property, config.property);
  const property = await central.folio.getPropertyProfile();
  assert.deepEqual(
    [property.name, property.currency, property.timeZone, property.regime],
    ['Harbour View Hotel', 'USD', 'America/New_York', 'US_NYC'],
  );
  // The CA and the HTTPS certificate are made; the fingerprint printed is the CA's.
  const ca = new X509Certificate(readFileSync(join(dir, 'data', 'tls', 'ca.crt')));
  assert.equal(result.caFingerprint, ca.fingerprint256);
  assert.ok(new X509Certificate(readFileSync(join(dir, 'data', 'tls', 'https.crt'))).checkIssued(ca));
  assert.equal(statSync(join(dir, 'data', 'tls', 'ca.key')).mode & 0o777, 0o600);

  // The token was not spent: it enrolls now, and the device becomes active.
  const enrolled = await fetch(`${central.httpUrl}/api/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  assert.equal(enrolled.status, 200);
  const bundle = (await enrolled.json()) as { hotel: { name: string; currency: string } };
  assert.deepEqual(bundle.hotel, {
    name: 'Harbour View Hotel',
    currency: 'USD',
    timeZone: 'America/New_York',
    gstin: null, // a US property has none; an Indian one's receipts print it
  });
  const after = await it.get<{ devices: Array<{ id: string; status: string }> }>('/api/devices');
  assert.deepEqual(
    after.body.devices.map((d) => d.status),
    ['active'],
  );

  // The first admin signs in with the password given to init.
  const signIn = await fetch(`${central.httpUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  assert.equal(signIn.status, 200);

  // A second init is refused and changes nothing.
  await assert.rejects(
    initCentral({ ...base(dir), name: 'Other' }),
    (e: InitError) => e.code === 'ALREADY_INITIALIZED',
  );
  assert.equal((await central.folio.getProperty())?.name, 'Harbour View Hotel');
});

test('init names every bad input and writes nothing', { timeout: 120_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-init-bad-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const problems = async (input: Partial<ReturnType<typeof base>> & Record<string, unknown>) => {
    try {
      await initCentral({ ...base(dir), code: 'HARBOUR', host: 'central.hotel.lan', ...input });
    } catch (err) {
      assert.ok(err instanceof InitError, String(err));
      return { code: err.code, fields: err.problems.map((p) => p.split(':')[0]) };
    }
    assert.fail('init accepted a bad input');
  };
  assert.deepEqual(await problems({ code: 'bad code', regime: 'IN_GST', outlets: [], host: undefined }), {
    code: 'INIT_INVALID',
    fields: ['code', 'outlet', 'host', 'gstin'],
  });
  assert.deepEqual(await problems({ timeZone: 'Mars/Olympus' }), {
    code: 'INIT_INVALID',
    fields: ['time-zone'],
  });
  assert.deepEqual(await problems({ currency: 'usd' }), { code: 'INIT_INVALID', fields: ['currency'] });
  assert.deepEqual(await problems({ regime: 'IN_GST', gstin: '08AAKCA4521M1ZH' }), {
    code: 'INIT_INVALID',
    fields: ['currency'],
  });
  assert.deepEqual(
    await problems({ regime: 'IN_GST', currency: 'INR', timeZone: 'Asia/Kolkata', gstin: 'NOTAGSTIN' }),
    {
      code: 'INIT_INVALID',
      fields: ['gstin'],
    },
  );
  assert.deepEqual(await problems({ adminPassword: 'short' }), {
    code: 'INIT_INVALID',
    fields: ['admin password'],
  });
  assert.equal(existsSync(join(dir, 'central.json')), false, 'no central.json');
  assert.equal(existsSync(join(dir, 'data', 'central.sqlite')), false, 'no database');
  assert.equal(existsSync(join(dir, 'data', 'tls')), false, 'no CA');

  // An Indian property with its GSTIN: central.json is written for HTTPS and mqtts under the CA,
  // every file given to the owner asked for (as root: `nobody`, a real change of owner).
  const owner = lookupUser(process.getuid?.() === 0 ? 'nobody' : userInfo().username);
  assert.ok(owner, 'the owner is in /etc/passwd');
  const ok = await initCentral({
    owner,
    ...base(dir),
    code: 'AMBER',
    host: 'central.hotel.lan',
    tlsNames: ['10.0.0.5'],
    name: 'Amber Haveli',
    currency: 'INR',
    timeZone: 'Asia/Kolkata',
    regime: 'IN_GST',
    gstin: '08AAKCA4521M1ZH',
  });
  assert.equal(ok.configWritten, true);
  const written = JSON.parse(readFileSync(join(dir, 'central.json'), 'utf8'));
  assert.deepEqual(written.http.tls, { names: ['central.hotel.lan', '10.0.0.5'] });
  assert.equal(written.mqtt.embedded.tls, true);
  assert.equal(written.mqtt.publicUrl, 'mqtts://central.hotel.lan:8883');
  assert.equal(statSync(join(dir, 'central.json')).mode & 0o777, 0o600, "it holds central's broker password");
  for (const file of ['central.json', 'data/central.sqlite', 'data/tls/ca.key', 'data/tls/https.crt']) {
    assert.equal(statSync(join(dir, file)).uid, owner.uid, `${file} belongs to ${owner.name}`);
  }
  const https = new X509Certificate(readFileSync(join(dir, 'data', 'tls', 'https.crt')));
  assert.ok(https.checkHost('central.hotel.lan'));
  assert.ok(https.checkIP('10.0.0.5'));
});

test('roompost-central: --help, argument errors with a code, init through the CLI', {
  timeout: 120_000,
}, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-central-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const help = await centralCli(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /roompost-central init/);
  const unknown = await centralCli(['init', '--colour', 'red']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /--colour/);
  const missing = await centralCli(['init', '--config', join(dir, 'c.json')]);
  assert.equal(missing.status, 2);
  assert.match(
    missing.stderr,
    /^INIT_INVALID: missing --data, --name, --currency, --time-zone, --regime, --address/,
  );

  const args = [
    'init',
    '--owner',
    userInfo().username,
    '--config',
    join(dir, 'central.json'),
    '--data',
    join(dir, 'data'),
    '--name',
    'Harbour View',
  ]
    .concat(['--code', 'HARBOUR', '--currency', 'USD', '--time-zone', 'America/New_York', '--regime', 'NONE'])
    .concat(['--address', '1 Harbour St', '--host', 'central.hotel.lan', '--outlet', 'POOL=Pool Bar']);
  const done = await centralCli(args, `${ADMIN_PASSWORD}\n`);
  assert.equal(done.status, 0, done.stderr);
  const fingerprint = /SHA-256[^:]*: ([0-9A-F:]{95})/.exec(done.stdout)?.[1];
  assert.equal(
    fingerprint,
    new X509Certificate(readFileSync(join(dir, 'data', 'tls', 'ca.crt'))).fingerprint256,
  );
  const again = await centralCli(args, `${ADMIN_PASSWORD}\n`);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /^ALREADY_INITIALIZED/);
});
