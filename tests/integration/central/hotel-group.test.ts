// A hotel group in one deployment: `startGroup` runs two properties (each its own central.json and
// database: Harbour View in USD, Amber Haveli in INR) and the group view, where group users see the
// fleet and the day's reconciliation of the properties they are scoped to, per property and summed
// per currency.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  type CentralConfig,
  groupConfigSchema,
  loadGroupConfig,
  seedDemoHotel,
  seedIndianDemoHotel,
  startGroup,
} from '@roompost/central';
import { ConfigError } from '@roompost/sync';
import { recordingLogger } from '../../support/recording-logger.js';
import { centralConfig, freePort, TEST_ADMIN, TODAY } from '../../support/stack.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are walked by the assertions, which fail on a wrong shape
type Json = Record<string, any>;

async function call(base: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

test('one deployment, two properties: scoped group users read fleet and reconciliation per property and summed', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-group-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const property = async (code: string, outlet: string): Promise<string> => {
    const config: CentralConfig = centralConfig(await freePort(), {
      property: code,
      outlets: [{ code: outlet, name: `${code} bar`, postingDescription: `${code} bar` }],
      devices: [
        { id: `${code.toLowerCase()}-kiosk-1`, outletCode: outlet, secret: 'device-secret-0123456789' },
      ],
    });
    const file = join(dir, `central-${code}.json`);
    writeFileSync(file, JSON.stringify(config));
    return file;
  };
  const groupFile = join(dir, 'group.json');
  writeFileSync(
    groupFile,
    JSON.stringify({
      version: 1,
      name: 'Harbour & Amber Hotels',
      http: { host: '127.0.0.1', port: 0 },
      properties: [
        { config: await property('HARBOUR', 'POOL'), data: 'HARBOUR' },
        { config: await property('AMBER', 'REST'), data: 'AMBER' },
      ],
      users: [
        { username: 'owner', passwordHash: TEST_ADMIN.passwordHash, properties: '*' },
        { username: 'harbour.gm', passwordHash: TEST_ADMIN.passwordHash, properties: ['HARBOUR'] },
      ],
    }),
  );
  const group = await startGroup(loadGroupConfig(groupFile), { dataDir: dir, logger: recordingLogger() });
  t.after(() => group.stop());
  await seedDemoHotel(group.properties.get('HARBOUR')!.folio, TODAY);
  await seedIndianDemoHotel(group.properties.get('AMBER')!.folio, TODAY);
  // Per-property data: each property's folio engine has its own hotel.
  assert.equal((await group.properties.get('HARBOUR')!.folio.getProperty())?.currency, 'USD');
  assert.equal((await group.properties.get('AMBER')!.folio.getProperty())?.currency, 'INR');

  const base = group.url;
  assert.deepEqual((await call(base, '/api/group/fleet')).body.code, 'UNAUTHENTICATED');
  // Access before validation: a stranger learns nothing of the query's schema.
  const strangerBadDate = await call(base, '/api/group/reconciliation?date=22-11-2026');
  assert.deepEqual([strangerBadDate.status, strangerBadDate.body.code], [401, 'UNAUTHENTICATED']);
  const wrong = await call(base, '/api/group/sign-in', undefined, { username: 'owner', password: 'nope' });
  assert.deepEqual([wrong.status, wrong.body.code], [401, 'SIGN_IN_FAILED']);
  const signIn = async (username: string) =>
    (await call(base, '/api/group/sign-in', undefined, { username, password: TEST_ADMIN.password })).body
      .token as string;
  const owner = await signIn('owner');
  const gm = await signIn('harbour.gm');

  const all = (await call(base, '/api/group/properties', owner)).body.properties;
  assert.deepEqual(
    all.map((p: Json) => [p.code, p.currency]),
    [
      ['HARBOUR', 'USD'],
      ['AMBER', 'INR'],
    ],
  );
  const fleet = (await call(base, '/api/group/fleet', owner)).body;
  assert.deepEqual(
    fleet.properties.map((p: Json) => [p.code, p.devices.map((d: Json) => d.device)]),
    [
      ['HARBOUR', ['harbour-kiosk-1']],
      ['AMBER', ['amber-kiosk-1']],
    ],
  );
  assert.deepEqual([fleet.totals.devices, fleet.totals.red], [2, 2], 'neither device has reported yet');

  const day = (await call(base, `/api/group/reconciliation?date=${TODAY}`, owner)).body;
  assert.deepEqual(
    day.properties.map((p: Json) => [p.code, p.date, p.currency]),
    [
      ['HARBOUR', TODAY, 'USD'],
      ['AMBER', TODAY, 'INR'],
    ],
  );
  assert.deepEqual(
    day.totals.byCurrency.map((c: Json) => c.currency),
    ['INR', 'USD'],
    'money is summed per currency, never across',
  );
  assert.equal(day.totals.balanced, true);

  // The Harbour manager sees Harbour only, and is refused Amber by name.
  assert.deepEqual(
    (await call(base, '/api/group/properties', gm)).body.properties.map((p: Json) => p.code),
    ['HARBOUR'],
  );
  assert.deepEqual(
    (await call(base, '/api/group/fleet', gm)).body.properties.map((p: Json) => p.code),
    ['HARBOUR'],
  );
  const refused = await call(base, '/api/group/reconciliation?property=AMBER', gm);
  assert.deepEqual([refused.status, refused.body.code], [403, 'FORBIDDEN']);
  const unknown = await call(base, '/api/group/fleet?property=NOPE', owner);
  assert.deepEqual([unknown.status, unknown.body.code], [404, 'NOT_FOUND']);
  const badDate = await call(base, '/api/group/reconciliation?date=22-11-2026', owner);
  assert.deepEqual(
    [badDate.status, badDate.body.code, badDate.body.field],
    [400, 'VALIDATION_FAILED', 'date'],
  );
  const oneDay = (await call(base, `/api/group/reconciliation?property=HARBOUR&date=${TODAY}`, gm)).body;
  assert.deepEqual(
    oneDay.properties.map((p: Json) => p.code),
    ['HARBOUR'],
  );
});

test('a group config is refused whole: unknown properties in a scope, HTTP off loopback, twice the same code', async (t) => {
  const offLoopback = groupConfigSchema.safeParse({
    version: 1,
    name: 'G',
    http: { host: '0.0.0.0', port: 8444 },
    properties: [{ config: 'a.json', data: 'a' }],
    users: [{ username: 'owner', passwordHash: TEST_ADMIN.passwordHash, properties: '*' }],
  });
  assert.equal(offLoopback.success, false);
  assert.deepEqual(
    offLoopback.error?.issues.map((i) => i.path.join('.')),
    ['http.tls'],
  );

  const dir = await mkdtemp(join(tmpdir(), 'roompost-group-bad-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'central.json');
  writeFileSync(file, JSON.stringify(centralConfig(await freePort())));
  const config = groupConfigSchema.parse({
    version: 1,
    name: 'G',
    http: { port: 0 },
    properties: [
      { config: file, data: 'a' },
      { config: file, data: 'b' },
    ],
    users: [{ username: 'gm', passwordHash: TEST_ADMIN.passwordHash, properties: ['ELSEWHERE'] }],
  });
  await assert.rejects(startGroup(config, { dataDir: dir, logger: recordingLogger() }), (err: Error) => {
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /HARBOUR is named by two central\.json files/);
    assert.match(err.message, /gm: ELSEWHERE is not a property of this group/);
    return true;
  });
});
