// Central over HTTPS under the property CA: a device enrolls only against the CA whose fingerprint IT
// gave it, its settings file (edge.json) survives enrollment and rotation byte for byte, rotation
// re-keys it while it runs (it reconnects by itself with the new secret), files go to the owner asked.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { initCentral, startCentral } from '@roompost/central';
import { loadEdgeConfig, startEdge } from '@roompost/edge';
import { tlsFetch } from '@roompost/sync';
import mqtt from 'mqtt';
import { EnrollError, enroll, rotateCredentials } from '../../../edge/src/enroll/enroll.js';
import { lookupUser, resolveOwner, ServiceUserError } from '../../../edge/src/enroll/service-user.js';
import { recordingLogger } from '../../support/recording-logger.js';
import { centralConfig, eventually, freePort, TEST_ADMIN } from '../../support/stack.js';

function client(base: string, ca: string) {
  const f = tlsFetch({ ca });
  let token: Promise<string> | undefined;
  const call = async <T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    token ??= f(`${base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: TEST_ADMIN.username, password: TEST_ADMIN.password }),
    }).then(async (r) => ((await r.json()) as { token: string }).token);
    const res = await f(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  return call;
}

const refusedWith = (code: string) => (err: unknown) => err instanceof EnrollError && err.code === code;

test('HTTPS enrollment pins the CA; settings survive enrollment and rotation; a running edge re-keys', {
  timeout: 120_000,
}, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-https-enroll-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const mqttPort = await freePort();
  const base = centralConfig(mqttPort, { devices: [] });
  const config = {
    ...base,
    http: { host: '127.0.0.1', port: 0, tls: { names: ['localhost'] } },
    mqtt: { ...base.mqtt, embedded: { host: '127.0.0.1', port: mqttPort, tls: true } },
  };
  writeFileSync(join(dir, 'central.json'), JSON.stringify(config));
  mkdirSync(join(dir, 'data'));
  const init = await initCentral({
    configFile: join(dir, 'central.json'),
    dataDir: join(dir, 'data'),
    name: 'Harbour View Hotel',
    currency: 'USD',
    timeZone: 'America/New_York',
    regime: 'US_NYC',
    address: '1 Harbour Street',
    adminUsername: 'admin',
    adminPassword: 'first-admin-password-1',
    tlsNames: [],
    outlets: [],
    httpPort: 8443,
    mqttPort: 8883,
  });
  const central = await startCentral(config, { dataDir: join(dir, 'data'), logger: recordingLogger() });
  t.after(() => central.stop());
  assert.match(central.httpUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
  const caPem = readFileSync(join(dir, 'data', 'tls', 'ca.crt'), 'utf8');
  const https = new X509Certificate(readFileSync(join(dir, 'data', 'tls', 'https.crt')));
  assert.ok(https.checkIssued(new X509Certificate(caPem)), 'central serves a certificate of the property CA');

  // Plain HTTP gets no answer on the HTTPS port; a client without the CA does not trust it.
  await assert.rejects(fetch(`${central.httpUrl.replace('https:', 'http:')}/api/health`));
  await assert.rejects(fetch(`${central.httpUrl}/api/health`));

  const it = client(central.httpUrl, caPem);
  const created = await it<{ token: string }>('POST', '/api/devices', { outlet: 'POOL', name: 'pool-7' });
  assert.equal(created.status, 201);
  const ca = await (await tlsFetch({ ca: caPem })(`${central.httpUrl}/api/enroll/ca`)).json();
  assert.equal((ca as { fingerprint: string }).fingerprint, init.caFingerprint);

  const edgeDir = join(dir, 'pool-7');
  const configFile = join(edgeDir, 'edge.json');
  const owner = userInfo().username;
  const common = {
    token: created.body.token,
    configFile,
    mode: 'staff' as const,
    locale: 'en-US',
    httpPort: 0,
  };
  // Refusals that spend nothing: no pin, a wrong pin, plain HTTP off loopback.
  await assert.rejects(enroll({ ...common, central: central.httpUrl }), refusedWith('CA_NOT_PINNED'));
  await assert.rejects(
    enroll({ ...common, central: central.httpUrl, caFingerprint: 'AB'.repeat(32) }),
    refusedWith('CA_FINGERPRINT_MISMATCH'),
  );
  await assert.rejects(
    enroll({ ...common, central: 'http://10.0.0.5:8080' }),
    refusedWith('CENTRAL_NOT_HTTPS'),
  );

  const first = await enroll({
    ...common,
    central: central.httpUrl,
    caFingerprint: init.caFingerprint.replaceAll(':', '').toLowerCase(),
    owner: lookupUser(owner),
  });
  assert.equal(first.device, 'pool-7');
  assert.equal(first.outlet.mode, 'staff');
  assert.equal(first.central.mqttUrl, central.mqttUrl);
  for (const file of ['edge.json', 'enrollment.json']) {
    const st = statSync(join(edgeDir, file));
    assert.equal(st.mode & 0o777, 0o600, `${file} is owner only`);
    assert.equal(st.uid, lookupUser(owner)?.uid, `${file} belongs to the owner asked for`);
  }
  assert.equal(readFileSync(join(edgeDir, 'central-ca.pem'), 'utf8').trim(), caPem.trim());

  // IT configures the device: reader, printer, GPIO, pole display, receipt options, staff, mode.
  const settings = JSON.parse(readFileSync(configFile, 'utf8'));
  Object.assign(settings.outlet, {
    name: 'Pool Bar (west)',
    receiptOptions: ['print', 'qr'],
    tipPercentPresets: [5, 10],
  });
  settings.devices = {
    reader: { kind: 'simulated', cards: [{ uid: '04A1B2C3', label: 'Room 412' }] },
    printer: { kind: 'simulated', file: 'pool-receipts.txt' },
    display: { kind: 'simulated' },
    gpio: { kind: 'fake', chip: 'pinctrl-rp1', outputs: { relay: { offset: 17 } } },
  };
  settings.staff = [
    {
      id: 'maria',
      name: 'Maria Chen',
      role: 'manager',
      pinHash: `scrypt$16384$${'a'.repeat(32)}$${'b'.repeat(64)}`,
    },
  ];
  writeFileSync(configFile, `${JSON.stringify(settings, null, 2)}\n`);
  const loaded = loadEdgeConfig(configFile);
  assert.equal(loaded.devices.gpio?.kind, 'fake');
  const settingsBefore = readFileSync(configFile, 'utf8');

  const edge = await startEdge(loaded, {
    dataDir: edgeDir,
    logger: recordingLogger(),
    kioskDir: join(dir, 'none'),
    statusIntervalMs: 200,
    credentials: () => loadEdgeConfig(configFile).central,
  });
  t.after(() => edge.stop());
  const fleet = () =>
    it<{ devices: Array<{ device: string; state: string; lastSeenAt: string | null }> }>('GET', '/api/fleet');
  await eventually(
    async () => (await fleet()).body.devices.find((d) => d.device === 'pool-7' && d.state === 'green'),
    'the edge to report green',
  );

  // Rotation: IT's token; on the device only enrollment.json changes; the old secret stops working.
  const oldSecret = loaded.central.password;
  const other = await it<{ token: string }>('POST', '/api/devices', { outlet: 'POOL', name: 'pool-8' });
  await assert.rejects(
    rotateCredentials({ configFile, token: other.body.token, owner: lookupUser(owner) }),
    refusedWith('ENROLLMENT_REFUSED'),
    'a token of another device is refused…',
  );
  const rotation = await it<{ token: string }>('POST', '/api/devices/pool-7/rotate-credentials', {});
  const rotated = await rotateCredentials({
    configFile,
    token: rotation.body.token,
    owner: lookupUser(owner),
  });
  assert.notEqual(rotated.central.password, oldSecret);
  assert.equal(readFileSync(configFile, 'utf8'), settingsBefore, 'edge.json is unchanged, byte for byte');
  assert.deepEqual(
    { ...loadEdgeConfig(configFile), central: null },
    { ...loaded, central: null },
    'every setting is as IT left it',
  );
  const devices = await it<{ devices: Array<{ id: string; status: string }> }>('GET', '/api/devices');
  assert.deepEqual(
    devices.body.devices.map((d) => [d.id, d.status]),
    [
      ['pool-7', 'active'],
      ['pool-8', 'pending'],
    ],
    '…without spending it',
  );
  // The running edge was cut off and comes back with the new secret by itself.
  const since = new Date().toISOString();
  await eventually(
    async () =>
      (await fleet()).body.devices.find(
        (d) => d.device === 'pool-7' && d.state === 'green' && (d.lastSeenAt ?? '') > since,
      ),
    'the edge to report again after rotation',
    15_000,
  );
  const stale = mqtt.connect(central.mqttUrl, {
    username: 'pool-7',
    password: oldSecret,
    ca: caPem,
    reconnectPeriod: 0,
    protocolVersion: 4,
  });
  const outcome = await new Promise<string>((resolve) => {
    stale.once('connect', () => resolve('connected'));
    // CONNACK 4 (bad user name or password) or 5 (not authorized): refused.
    stale.once('error', (e) =>
      resolve([4, 5].includes((e as { code?: number }).code ?? 0) ? 'refused' : e.message),
    );
  });
  stale.end(true);
  assert.equal(outcome, 'refused', 'the old secret is refused');
});

test('the files go to the service user when run as root; a missing service user is refused by name', () => {
  const dir = tmpdir();
  const passwd = join(dir, `passwd-${process.pid}`);
  writeFileSync(
    passwd,
    'root:x:0:0:root:/root:/bin/bash\nroompost:x:998:997::/var/lib/roompost:/usr/sbin/nologin\n',
  );
  assert.deepEqual(resolveOwner(undefined, 0, passwd), { name: 'roompost', uid: 998, gid: 997 });
  assert.equal(resolveOwner(undefined, 1000, passwd), null, "not root: files stay the caller's");
  assert.deepEqual(resolveOwner('root', 1000, passwd), { name: 'root', uid: 0, gid: 0 });
  assert.throws(
    () => resolveOwner('kiosk', 0, passwd),
    (e: unknown) =>
      e instanceof ServiceUserError && e.code === 'SERVICE_USER_MISSING' && /kiosk/.test(e.message),
  );
});
