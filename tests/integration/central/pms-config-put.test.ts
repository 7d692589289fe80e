// `PUT /api/pms/config` and `PUT /api/pms/outlets` on a real central: validated with central.json's
// own schema, stored as versions with the credentials sealed (AES-256-GCM), masked on the way out,
// and applied without a restart (the adapter is swapped between postings).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { type Central, startCentral } from '@roompost/central';
import { silentLogger } from '@roompost/sync';
import { type SimulatedPms, startSimulatedPms } from '../../../central/src/pms/simulated-pms.js';
import { centralAs, centralConfig, freePort } from '../../support/stack.js';

const SECRET = 'cb-secret'; // the Cloudbeds simulators' OAuth client secret

async function boot(t: TestContext, dir: string, env: Record<string, string | undefined> = {}) {
  const central = await startCentral(centralConfig(await freePort()), {
    dataDir: dir,
    logger: silentLogger,
    env,
  });
  let stopped = false;
  t.after(async () => {
    if (!stopped) await central.stop();
  });
  return {
    central,
    stop: async () => {
      stopped = true;
      await central.stop();
    },
  };
}

async function cloudbeds(t: TestContext): Promise<SimulatedPms> {
  const sim = await startSimulatedPms('cloudbeds', { currency: 'USD', logger: silentLogger });
  t.after(() => sim.close());
  sim.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: 50000 });
  return sim;
}

async function tempDir(t: TestContext) {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-pms-put-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function charge(outletCode = 'POOL') {
  return {
    chargeId: randomUUID(),
    outletCode,
    checkNumber: '1247',
    roomNumber: '412',
    stayRef: null,
    guestName: 'James Wilson',
    currency: 'USD',
    subtotalMinor: 1200,
    taxMinor: 0,
    tipMinor: 0,
    totalMinor: 1200,
    items: [{ sku: 'BEER', name: 'Beer', quantity: 2, unitPriceMinor: 600, amountMinor: 1200, taxMinor: 0 }],
    employeeId: null,
  };
}

const versions = (central: Central, section: 'pms' | 'outlets') =>
  central.db.selectFrom('pms_config_versions').selectAll().where('section', '=', section).execute();

test('a new PMS config applies without a restart, keeps "***" credentials, never shows or stores them in clear', async (t) => {
  const dir = await tempDir(t);
  const { central, stop } = await boot(t, dir);
  const admin = centralAs(central.httpUrl, 'ada.admin', 'admin');
  const a = await cloudbeds(t);
  const b = await cloudbeds(t);

  const first = await admin.put<{ kind: string; version: number }>('/api/pms/config', { pms: a.config });
  assert.equal(first.status, 200, first.text);
  assert.equal(first.body.kind, 'cloudbeds');
  const shown = await admin.get<{ pms: { auth: { clientSecret: string } } }>('/api/pms/config');
  assert.equal(shown.body.pms.auth.clientSecret, '***');
  assert.ok(!shown.text.includes(SECRET), 'the credential never leaves central');

  const toA = await admin.post<{ status: string }>('/api/pms/post', charge());
  assert.equal(toA.status, 201, toA.text);
  assert.equal(a.postingsFor('412').length, 1, 'posted through the new adapter, no restart');

  // Point at another Cloudbeds, sending the credential back masked: the stored one is kept.
  const masked = { ...b.config, auth: { ...(b.config as { auth: object }).auth, clientSecret: '***' } };
  const second = await admin.put('/api/pms/config', { pms: masked, posting: { tipAsSeparateLine: false } });
  assert.equal(second.status, 200, second.text);
  assert.deepEqual(second.body.posting, { tipAsSeparateLine: false, itemized: false });
  const toB = await admin.post('/api/pms/post', charge());
  assert.equal(toB.status, 201, toB.text);
  assert.deepEqual(
    [a.postingsFor('412').length, b.postingsFor('412').length],
    [1, 1],
    'the second charge went to the second PMS, which the kept secret opened',
  );

  // Every version is kept; the database files hold the credential sealed only.
  assert.equal((await versions(central, 'pms')).length, 2);
  await stop();
  const files = (await readdir(dir)).filter((f) => f.startsWith('central.sqlite'));
  assert.ok(files.length > 0);
  for (const f of files) {
    const bytes = await readFile(join(dir, f));
    assert.equal(bytes.includes(SECRET), false, `${f} must not hold the secret in clear`);
  }
  assert.equal((await stat(join(dir, 'secret.key'))).mode & 0o777, 0o600, 'the generated key file is 0600');

  // After a restart the stored version applies (the key file in the data dir opens it).
  const again = await boot(t, dir);
  const after = await centralAs(again.central.httpUrl, 'ada.admin', 'admin').get<{
    kind: string;
    version: number;
    pms: { baseUrl: string };
  }>('/api/pms/config');
  assert.equal(after.body.kind, 'cloudbeds');
  assert.equal(after.body.pms.baseUrl, (b.config as { baseUrl: string }).baseUrl);
  assert.equal(after.body.version, 2);
});

test('a bad PMS config names the field and stores nothing; "***" cannot borrow another PMS kind\'s secret', async (t) => {
  const dir = await tempDir(t);
  const key = Buffer.alloc(32, 7).toString('base64');
  const { central } = await boot(t, dir, { ROOMPOST_SECRET_KEY: key });
  const admin = centralAs(central.httpUrl, 'ada.admin', 'admin');
  const a = await cloudbeds(t);

  const bad = await admin.put('/api/pms/config', { pms: { ...a.config, timeoutMs: -5 } });
  assert.deepEqual([bad.status, bad.body.code, bad.body.field], [400, 'VALIDATION_FAILED', 'pms.timeoutMs']);
  const unknownKind = await admin.put('/api/pms/config', { pms: { kind: 'opera-xml' } });
  assert.deepEqual([unknownKind.status, unknownKind.body.field], [400, 'pms.kind']);
  const stray = await admin.put('/api/pms/config', { pms: a.config, extra: true });
  assert.deepEqual([stray.status, stray.body.code], [400, 'VALIDATION_FAILED']);
  assert.equal((await admin.put('/api/pms/config', { pms: a.config })).status, 200);

  const borrowed = await admin.put('/api/pms/config', {
    pms: {
      kind: 'apaleo',
      baseUrl: 'http://127.0.0.1:9',
      propertyId: 'MUC',
      currency: 'USD',
      auth: { tokenUrl: 'http://127.0.0.1:9/connect/token', clientId: 'x', clientSecret: '***' },
    },
  });
  assert.deepEqual(
    [borrowed.status, borrowed.body.code, borrowed.body.field],
    [400, 'VALIDATION_FAILED', 'pms.auth.clientSecret'],
  );
  assert.equal((await versions(central, 'pms')).length, 1, 'only the good version was stored');
  assert.equal(
    await stat(join(dir, 'secret.key')).then(
      () => true,
      () => false,
    ),
    false,
    'with ROOMPOST_SECRET_KEY set no key file is written',
  );
});

test('outlets over HTTP: validated, versioned, and an outlet not allowed for room charge refuses charges', async (t) => {
  const dir = await tempDir(t);
  const { central } = await boot(t, dir);
  const admin = centralAs(central.httpUrl, 'ada.admin', 'admin');
  const a = await cloudbeds(t);
  assert.equal((await admin.put('/api/pms/config', { pms: a.config })).status, 200);

  const dup = await admin.put('/api/pms/outlets', {
    outlets: [
      { code: 'POOL', name: 'Pool Bar', postingDescription: 'Pool Bar' },
      { code: 'POOL', name: 'Pool Bar 2', postingDescription: 'Pool Bar' },
    ],
  });
  assert.deepEqual([dup.status, dup.body.field], [400, 'outlets.1.code']);
  const badCode = await admin.put('/api/pms/outlets', {
    outlets: [
      {
        code: 'POOL',
        name: 'Pool Bar',
        postingDescription: 'Pool Bar',
        pmsCodes: { fias: { salesOutlet: 'X' } },
      },
    ],
  });
  assert.deepEqual([badCode.status, badCode.body.field], [400, 'outlets.0.pmsCodes.fias.salesOutlet']);

  const outlets = [
    {
      code: 'POOL',
      name: 'Pool Bar',
      postingDescription: 'Pool Bar',
      revenueCenter: '4400',
      autoPost: true,
      allowedForRoomCharge: true,
      pmsCodes: { cloudbeds: { appItemId: 'cb-pool' }, fias: { salesOutlet: '44' } },
    },
    {
      code: 'MINI',
      name: 'Minibar',
      postingDescription: 'Minibar',
      revenueCenter: '4500',
      allowedForRoomCharge: false,
    },
    {
      code: 'IRS',
      name: 'In-Room Dining',
      postingDescription: 'In-Room Dining',
      deliveryChargeMinor: 500,
    },
  ];
  const put = await admin.put<{ outlets: unknown[]; version: number }>('/api/pms/outlets', { outlets });
  assert.equal(put.status, 200, put.text);
  assert.deepEqual((await admin.get<{ outlets: unknown[] }>('/api/pms/outlets')).body.outlets, outlets);
  assert.equal((await versions(central, 'outlets')).length, 1);

  const refused = await admin.post('/api/pms/post', charge('MINI'));
  assert.deepEqual(
    [refused.status, refused.body.code, refused.body.field],
    [403, 'OUTLET_NOT_ALLOWED', 'outletCode'],
  );
  const listed = await admin.get<{ postings: unknown[] }>('/api/pms/postings');
  assert.deepEqual(listed.body.postings, [], 'a refused charge writes nothing');
  const posted = await admin.post('/api/pms/post', charge('POOL'));
  assert.equal(posted.status, 201, posted.text);
});
