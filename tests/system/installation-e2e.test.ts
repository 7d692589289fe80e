// A real installation end to end, the way docs/installation.md tells IT to do it, every piece its
// own process and every call over the network: `roompost-central init` on a central with no demo
// data, central serving HTTPS and mqtts under the property CA, `roompost-provision create-device`
// over HTTPS, rooms and a rate added with `roompost-provision` (the built-in folio engine starts with
// none), a guest booked and checked in through the front desk's API, `roompost-edge enroll` pinning
// the CA by fingerprint, a charge through the edge's API posted to that guest's folio,
// `rotate-credentials` (edge.json unchanged, the running edge reconnects with its new secret and
// charges again), revocation (cut off within 5 s) and the fleet state as IT reads it (fleet API) and
// as Prometheus scrapes it (/metrics). It times the documented steps from `init` to the first posted
// charge and prints them (docs/installation.md "How long it takes").
import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { tlsFetch } from '@roompost/sync';
import { api, eventually, freePort } from '../support/stack.js';

const ADMIN_PASSWORD = 'first-admin-password-1';

/** A CLI run to its end: exit status and output. */
function run(args: string[], input = '') {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', ...args],
      { encoding: 'utf8', timeout: 180_000 },
      (err, stdout, stderr) =>
        resolve({ status: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

/** A service process, stopped (by its own pid) when the test ends. */
function service(args: string[], log: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (b: Buffer) => log.push(b.toString()));
  child.stderr?.on('data', (b: Buffer) => log.push(b.toString()));
  return child;
}

const stopped = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });

test('install from the docs: init, HTTPS enrollment, a charge over mqtts, rotation, revocation, fleet', {
  timeout: 600_000,
}, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-install-'));
  const logs: string[] = [];
  t.after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  t.diagnostic(`work dir ${dir}`);

  // The machine time of each documented step, from init to the first posted charge.
  const steps: Array<[string, number]> = [];
  let stepStart = Date.now();
  const step = (name: string) => {
    const now = Date.now();
    steps.push([name, now - stepStart]);
    stepStart = now;
  };

  // 1. roompost-central init: property, first admin, CA and certificates, central.json.
  const [httpPort, mqttPort, edgePort] = [await freePort(), await freePort(), await freePort()];
  const configFile = join(dir, 'etc', 'central.json');
  const dataDir = join(dir, 'central');
  writeFileSync(join(dir, 'admin.pw'), `${ADMIN_PASSWORD}\n`, { mode: 0o600 });
  const init = await run([
    'central/src/main.ts',
    'init',
    ...['--config', configFile, '--data', dataDir, '--name', 'Harbour View Hotel', '--code', 'HARBOUR'],
    ...['--currency', 'USD', '--time-zone', 'America/New_York', '--regime', 'US_NYC'],
    ...['--address', '1 Harbour Street, New York', '--host', '127.0.0.1', '--outlet', 'POOL=Pool Bar'],
    ...['--http-port', String(httpPort), '--mqtt-port', String(mqttPort)],
    ...['--admin', 'admin', '--admin-password-file', join(dir, 'admin.pw'), '--owner', userInfo().username],
  ]);
  assert.equal(init.status, 0, init.stderr);
  const fingerprint = /SHA-256[^:]*: ([0-9A-F:]{95})/.exec(init.stdout)?.[1];
  assert.ok(fingerprint, init.stdout);
  step('roompost-central init');
  // central.json keeps init's PMS, the built-in folio engine; IT gives Prometheus its scrape token
  // (docs/running.md).
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  assert.equal(config.pms.kind, 'builtin', 'init sets up the built-in folio engine');
  const scrapeToken = 'prometheus-scrape-token-0123456789';
  config.metrics = { tokenSha256: createHash('sha256').update(scrapeToken).digest('hex') };
  writeFileSync(configFile, JSON.stringify(config, null, 2));

  // 2. central runs: HTTPS and mqtts under the property CA.
  const central = service(['central/src/main.ts', '--config', configFile, '--data', dataDir], logs);
  t.after(() => stopped(central));
  const caFile = join(dataDir, 'tls', 'ca.crt');
  const ca = readFileSync(caFile, 'utf8');
  const https = tlsFetch({ ca });
  const base = `https://127.0.0.1:${httpPort}`;
  await eventually(
    async () => ((await https(`${base}/api/health`).catch(() => null))?.ok ? true : undefined),
    `central to answer over HTTPS (log: ${logs.join('').slice(-2000)})`,
    60_000,
  );
  step('start central');
  await assert.rejects(
    fetch(`${base}/api/health`),
    'a client without the property CA does not trust central',
  );

  // The admin signs in over HTTPS and gives the outlet its menu.
  const signIn = await https(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const { token: session } = (await signIn.json()) as { token: string };
  const admin = async <T>(method: string, path: string, body?: unknown) => {
    const res = await https(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${session}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const menu = await admin('PUT', '/api/outlets/POOL/catalog', {
    categories: [{ code: 'DRINKS', name: 'Drinks' }],
    items: [
      {
        sku: 'MOJITO',
        name: 'Mojito',
        categoryCode: 'DRINKS',
        price: '14.00',
        taxClass: 'FOOD',
        taxRate: '0.08875',
      },
    ],
  });
  assert.equal(menu.status, 200, JSON.stringify(menu.body));
  step('the outlet menu');

  // 3. roompost-provision create-device over HTTPS: the token and the CA fingerprint to pin.
  const provisionCommon = ['--central', base, '--ca-file', caFile, '--user', 'admin'];
  const provision = (args: string[]) =>
    run([
      'provisioning/bin/roompost-provision.mjs',
      ...args,
      ...provisionCommon,
      '--password-file',
      join(dir, 'admin.pw'),
    ]);

  // The property has no rooms yet: a room type, its rooms and a rate (docs/provisioning.md), then the
  // front desk books and checks in the first guest (the calls the desk's booking page makes).
  for (const args of [
    ['add-room-type', '--code', 'DLX', '--name', 'Deluxe King', '--occupancy', '2'],
    ['add-rooms', '--type', 'DLX', '410-414'],
  ]) {
    const done = await provision(args);
    assert.equal(done.status, 0, done.stdout + done.stderr);
  }
  const property = await admin<{ businessDate: string; currency: string }>('GET', '/api/folio/property');
  assert.deepEqual([property.status, property.body.currency], [200, 'USD']);
  const today = property.body.businessDate;
  const plusDays = (date: string, days: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  for (const args of [
    ['add-rate-plan', '--code', 'BAR', '--name', 'Best available rate'],
    [
      'set-rate',
      '--plan',
      'BAR',
      '--type',
      'DLX',
      '--from',
      today,
      '--to',
      plusDays(today, 30),
      '--amount',
      '189.00',
    ],
  ]) {
    const done = await provision(args);
    assert.equal(done.status, 0, done.stdout + done.stderr);
  }
  const roomList = await provision(['list-rooms']);
  assert.match(roomList.stdout, /DLX\s+Deluxe King \(2 guests\): 410 411 412 413 414/);
  step('rooms and rates (roompost-provision)');
  const guest = await admin<{ id: string }>('POST', '/api/folio/guests', {
    firstName: 'James',
    lastName: 'Wilson',
  });
  const booked = await admin<{ id: string }>('POST', '/api/folio/reservations', {
    guestId: guest.body.id,
    roomNumber: '412',
    ratePlanCode: 'BAR',
    arrival: today,
    departure: plusDays(today, 2),
    adults: 2,
    creditLimitMinor: 50_000,
  });
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  await admin('POST', `/api/folio/reservations/${booked.body.id}/transitions`, { to: 'Confirmed' });
  const checkedIn = await admin<{ folios: Array<{ id: string }> }>(
    'POST',
    `/api/folio/reservations/${booked.body.id}/check-in`,
  );
  assert.equal(checkedIn.status, 200, JSON.stringify(checkedIn.body));
  const folioId = checkedIn.body.folios[0]?.id;
  assert.ok(folioId);
  const outletCharges = async () =>
    (
      await admin<{ postings: Array<{ outletCode: string | null; amountMinor: number }> }>(
        'GET',
        `/api/folio/folios/${folioId}`,
      )
    ).body.postings.filter((p) => p.outletCode === 'POOL');
  step('book and check in the first guest');

  const created = await provision(['create-device', '--outlet', 'POOL', '--name', 'pool-1']);
  assert.equal(created.status, 0, created.stdout + created.stderr);
  const token = /token:\s+(\S+)/.exec(created.stdout)?.[1];
  const pin = /--ca-fingerprint (\S+)/.exec(created.stdout)?.[1];
  assert.ok(token && pin, created.stdout);
  assert.equal(pin, fingerprint.replaceAll(':', ''), 'the printed pin is the CA that init made');
  step('roompost-provision create-device');

  // 4. roompost-edge enroll over HTTPS with the pin; IT then sets the device up in edge.json.
  const edgeDir = join(dir, 'etc-edge');
  const edgeConfig = join(edgeDir, 'edge.json');
  const enrolled = await run([
    'edge/src/main.ts',
    'enroll',
    ...['--central', base, '--token', token, '--ca-fingerprint', pin, '--config', edgeConfig],
    ...['--port', String(edgePort), '--owner', userInfo().username],
  ]);
  assert.equal(enrolled.status, 0, enrolled.stderr);
  step('roompost-edge enroll');
  const settings = JSON.parse(readFileSync(edgeConfig, 'utf8'));
  assert.equal(settings.outlet.mode, 'self-service', 'the mode IT registered the device with');
  settings.outlet.receiptOptions = ['print', 'qr'];
  settings.outlet.tipPercentPresets = [10, 18];
  settings.devices.printer = { kind: 'simulated', file: 'pool-receipts.txt' };
  settings.devices.display = { kind: 'simulated' };
  writeFileSync(edgeConfig, `${JSON.stringify(settings, null, 2)}\n`);
  const settingsText = readFileSync(edgeConfig, 'utf8');
  const enrollment = JSON.parse(readFileSync(join(edgeDir, 'enrollment.json'), 'utf8'));
  assert.equal(enrollment.central.mqttUrl, `mqtts://127.0.0.1:${mqttPort}`, 'the broker is mqtts');

  const edgeData = join(dir, 'edge-data');
  mkdirSync(edgeData);
  const edge = service(['edge/src/main.ts', '--config', edgeConfig, '--data', edgeData], logs);
  t.after(() => stopped(edge));
  const edgeUrl = `http://127.0.0.1:${edgePort}`;
  const online = async () => {
    const health = await fetch(`${edgeUrl}/api/health`).catch(() => null);
    return health?.ok ? ((await health.json()) as { central: string }).central : 'down';
  };
  await eventually(async () => ((await online()) === 'online' ? true : undefined), 'the edge online', 60_000);
  step('start the edge');

  // 5. A charge through the edge, over mqtts, posted to the PMS.
  const charge = async () => {
    await eventually(
      async () => {
        const catalog = await api<{ items?: Array<{ sku: string }> }>(edgeUrl, '/api/catalog');
        return catalog.body.items?.some((i) => i.sku === 'MOJITO') ? true : undefined;
      },
      'the outlet menu on the edge',
      30_000,
    );
    const lookup = await api<{ verificationId: string }>(edgeUrl, '/api/lookup', {
      roomNumber: '412',
      lastName: 'Wilson',
    });
    assert.equal(lookup.status, 200, JSON.stringify(lookup.body));
    const check = await api<{ id: string }>(edgeUrl, '/api/checks', {
      requestId: randomUUID(),
      verificationId: lookup.body.verificationId,
      items: [{ sku: 'MOJITO', quantity: 1 }],
      tipMinor: 200,
    });
    assert.equal(check.status, 201, JSON.stringify(check.body));
    await eventually(
      async () => {
        const view = await api<{ status: string }>(edgeUrl, `/api/charges/${check.body.id}`);
        return view.body.status === 'posted' ? true : undefined;
      },
      'the charge posted',
      30_000,
    );
  };
  await charge();
  step('the first charge, posted');
  // 14.00 + 8.875 % tax (1.24) + 2.00 tip, on James Wilson's folio.
  assert.deepEqual(
    (await outletCharges()).reduce((sum, p) => sum + p.amountMinor, 0),
    1_400 + 124 + 200,
    'the charge is on the guest folio',
  );
  const total = steps.reduce((sum, [, ms]) => sum + ms, 0);
  const table = steps.map(([name, ms]) => `  ${name.padEnd(40)} ${(ms / 1000).toFixed(1).padStart(6)} s`);
  const summary = `installation steps, machine time (init → first posted charge):\n${table.join('\n')}\n  ${'total'.padEnd(40)} ${(total / 1000).toFixed(1).padStart(6)} s`;
  console.log(summary);

  // 6. Rotation: IT's token, the device's command; edge.json untouched, the edge reconnects itself.
  const rotation = await provision(['rotate-credentials', 'pool-1']);
  assert.equal(rotation.status, 0, rotation.stdout);
  const rotationToken = /token:\s+(\S+)/.exec(rotation.stdout)?.[1];
  assert.ok(rotationToken);
  const rotated = await run([
    'edge/src/main.ts',
    'rotate-credentials',
    ...['--token', rotationToken, '--config', edgeConfig, '--owner', userInfo().username],
  ]);
  assert.equal(rotated.status, 0, rotated.stderr);
  assert.equal(readFileSync(edgeConfig, 'utf8'), settingsText, 'edge.json is byte for byte as IT left it');
  const after = JSON.parse(readFileSync(join(edgeDir, 'enrollment.json'), 'utf8'));
  assert.notEqual(after.central.password, enrollment.central.password, 'a new secret');
  await eventually(
    async () => (logs.join('').includes('reconnecting with rotated credentials') ? true : undefined),
    'the edge to reconnect with the new secret',
    20_000,
  );
  await eventually(
    async () => ((await online()) === 'online' ? true : undefined),
    'the edge online again',
    20_000,
  );
  await charge();
  assert.equal((await outletCharges()).length >= 2, true, 'it charges again after rotation');

  // 7. Revocation cuts it off within 5 s (timed from the API call; `roompost-provision revoke` makes
  // the same call, after its own start-up and sign-in).
  const revokedAt = Date.now();
  const revoked = await admin<{ status: string }>('POST', '/api/devices/pool-1/revoke');
  assert.deepEqual([revoked.status, revoked.body.status], [200, 'revoked']);
  await eventually(
    async () => ((await online()) === 'offline' ? true : undefined),
    'the edge cut off',
    5_000,
  );
  const cutOffMs = Date.now() - revokedAt;
  t.diagnostic(`revoked → edge offline in ${cutOffMs} ms`);
  assert.ok(cutOffMs <= 5_000);

  // 8. The fleet as IT reads it.
  const fleet = await admin<{ devices: Array<{ device: string; state: string; outletCode: string }> }>(
    'GET',
    '/api/fleet',
  );
  assert.deepEqual(
    fleet.body.devices.map((d) => [d.device, d.outletCode, d.state]),
    [['pool-1', 'POOL', 'revoked']],
  );
  // …and as Prometheus scrapes it from central.
  const metrics = await https(`${base}/metrics`, { headers: { authorization: `Bearer ${scrapeToken}` } });
  assert.equal(metrics.status, 200);
  assert.match(
    await metrics.text(),
    /roompost_device_state\{[^}]*device="pool-1"[^}]*state="revoked"[^}]*\} 1/,
    'the fleet state in /metrics',
  );
  const listed = await provision(['list']);
  assert.match(listed.stdout, /pool-1\s+POOL\s+revoked/);
});
