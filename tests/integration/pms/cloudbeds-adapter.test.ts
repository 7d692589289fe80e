import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { chargeFor, type PmsHarness, runPmsAdapterContract } from '@roompost/central/pms-contract';
import type { FolioService } from '@roompost/folio';
import { openSqlite } from '@roompost/folio';
import { systemClock } from '../../../central/src/clock.js';
import type { CentralDatabase } from '../../../central/src/db/central-database.js';
import { migrateCentral } from '../../../central/src/db/migrations.js';
import type { PmsError } from '../../../central/src/pms/adapter.js';
import { createCloudbedsAdapter } from '../../../central/src/pms/cloudbeds/cloudbeds-adapter.js';
import { cloudbedsPmsConfig } from '../../../central/src/pms/cloudbeds/cloudbeds-config.js';
import { startCloudbedsSimulator } from '../../../central/src/pms/cloudbeds/cloudbeds-simulator.js';
import { buildPmsAdapter } from '../../../central/src/pms/create-adapter.js';
import { storedRefreshTokens } from '../../../central/src/pms/oauth/stored-refresh-tokens.js';
import { secretBox } from '../../../central/src/secrets/index.js';
import { recordingLogger } from '../../support/recording-logger.js';
import { simulatedHarness, testLookupByName } from './simulated-harness.js';

/** Cloudbeds v1.3 over loopback HTTP, OAuth bearer, referenceID dedupe. */
async function cloudbedsHarness(): Promise<PmsHarness> {
  const sim = await startCloudbedsSimulator({ currency: 'USD' });
  const config = cloudbedsPmsConfig.parse({
    kind: 'cloudbeds',
    baseUrl: sim.baseUrl,
    currency: 'USD',
    timeoutMs: 800,
    auth: {
      type: 'oauth',
      tokenUrl: `${sim.baseUrl}/access_token`,
      clientId: 'cb-client',
      clientSecret: 'cb-secret',
    },
  });
  const adapter = createCloudbedsAdapter(config, { clock: systemClock });
  return simulatedHarness(sim, adapter, { currency: 'USD', idempotent: true, tellsCheckedOut: true });
}

runPmsAdapterContract('cloudbeds', cloudbedsHarness);

testLookupByName('cloudbeds', cloudbedsHarness);

test('cloudbeds: a void removes the sold item with postVoidItem', async (t) => {
  const h = await cloudbedsHarness();
  t.after(() => h.close());
  await h.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: null });
  const original = chargeFor('412', 'USD');
  const posted = await h.adapter.postCharge(original);
  assert.ok(h.adapter.voidCharge && h.adapter.features.has('void'));
  await h.adapter.voidCharge({
    voidId: 'v-1',
    original,
    pmsTransactionId: posted.pmsTransactionId,
    reason: 'wrong room',
  });
  assert.deepEqual(await h.postingsFor('412'), []);
});

test('cloudbeds: every check keeps its own name on the folio (appItemID is first-name-wins in v1.3)', async (t) => {
  const sim = await startCloudbedsSimulator({ currency: 'USD' });
  t.after(() => sim.close());
  sim.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: null });
  const adapter = createCloudbedsAdapter(
    cloudbedsPmsConfig.parse({
      kind: 'cloudbeds',
      baseUrl: sim.baseUrl,
      currency: 'USD',
      auth: {
        type: 'oauth',
        tokenUrl: `${sim.baseUrl}/access_token`,
        clientId: 'cb-client',
        clientSecret: 'cb-secret',
      },
    }),
    { clock: systemClock },
  );
  const first = await adapter.postCharge(
    chargeFor('412', 'USD', { checkNumber: '1001', description: 'Pool Bar - Check #1001' }),
  );
  const second = await adapter.postCharge(
    chargeFor('412', 'USD', { checkNumber: '1002', description: 'Pool Bar - Check #1002' }),
  );
  const names = [first, second].map((p) => sim.folioLineNames.get(p.pmsTransactionId));
  assert.notEqual(names[0], names[1], `two checks, two folio lines: ${names.join(' / ')}`);
});

test('cloudbeds: the simulator refuses what the published v1.3 OpenAPI refuses', async (t) => {
  const sim = await startCloudbedsSimulator({ currency: 'USD' });
  t.after(() => sim.close());
  const token = (await (
    await fetch(`${sim.baseUrl}/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=cb-client&client_secret=cb-secret',
    })
  ).json()) as { access_token: string };
  const get = async (query: string) =>
    (await (
      await fetch(`${sim.baseUrl}/getReservations?${query}`, {
        headers: { authorization: `Bearer ${token.access_token}` },
      })
    ).json()) as { success: boolean; message?: string };
  const misspelt = await get('status=checked_in&room=412');
  assert.equal(misspelt.success, false);
  assert.match(String(misspelt.message), /room/);
  const badType = await get('status=checked_in&roomName=412&includeAllRooms=maybe');
  assert.equal(badType.success, false);
  assert.match(String(badType.message), /includeAllRooms/);
  const post = (await (
    await fetch(`${sim.baseUrl}/postCustomItem`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token.access_token}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'reservationID=R1&referenceID=x&items[0][itemPrice]=twelve',
    })
  ).json()) as { success: boolean; message?: string };
  assert.equal(post.success, false);
  assert.match(String(post.message), /itemPrice/);
});

test('cloudbeds: a rotated refresh token survives a restart of central (the spent one is never sent again)', async (t) => {
  const sim = await startCloudbedsSimulator({ currency: 'USD' });
  const dir = await mkdtemp(join(tmpdir(), 'roompost-cb-tokens-'));
  const store = openSqlite<CentralDatabase>(join(dir, 'central.sqlite'));
  t.after(async () => {
    await store.close();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });
  await migrateCentral(store.db);
  sim.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: null });
  const config = cloudbedsPmsConfig.parse({
    kind: 'cloudbeds',
    baseUrl: sim.baseUrl,
    currency: 'USD',
    auth: {
      type: 'oauth',
      tokenUrl: `${sim.baseUrl}/access_token`,
      clientId: 'cb-client',
      clientSecret: 'cb-secret',
      refreshToken: sim.oauth.issueRefreshToken(),
    },
  });
  const tokens = storedRefreshTokens({ db: store.db, box: secretBox(randomBytes(32)), clock: systemClock });
  const start = () =>
    buildPmsAdapter(config, { folio: {} as FolioService, logger: recordingLogger(), refreshTokens: tokens });
  assert.equal((await start().lookupRoom('412')).guest.lastName, 'Wilson');
  // A restart: a new adapter from the same config. The configured token was spent by the first start.
  assert.equal((await start().lookupRoom('412')).guest.lastName, 'Wilson');
  // Without the store, a restart presents the spent token and the PMS refuses it.
  const forgetful = buildPmsAdapter(config, { folio: {} as FolioService, logger: recordingLogger() });
  await assert.rejects(forgetful.lookupRoom('412'), (err: PmsError) => err.code === 'CONNECTION_FAILED');
});
