import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chargeFor, type PmsHarness, runPmsAdapterContract } from '@roompost/central/pms-contract';
import { systemClock } from '../../../central/src/clock.js';
import { createApaleoAdapter } from '../../../central/src/pms/apaleo/apaleo-adapter.js';
import { apaleoPmsConfig } from '../../../central/src/pms/apaleo/apaleo-config.js';
import { createApaleoContract } from '../../../central/src/pms/apaleo/apaleo-contract.js';
import { startApaleoSimulator } from '../../../central/src/pms/apaleo/apaleo-simulator.js';
import { simulatedHarness, testLookupByName } from './simulated-harness.js';

/** apaleo over loopback HTTP: client-credentials token, folio-actions charges with Idempotency-Key. */
async function apaleoHarness(): Promise<PmsHarness> {
  const sim = await startApaleoSimulator({ currency: 'EUR' });
  const config = apaleoPmsConfig.parse({
    kind: 'apaleo',
    baseUrl: sim.url,
    propertyId: 'MUC',
    currency: 'EUR',
    timeoutMs: 800,
    auth: { tokenUrl: `${sim.url}/connect/token`, clientId: 'apaleo-client', clientSecret: 'apaleo-secret' },
  });
  const adapter = createApaleoAdapter(config, { clock: systemClock });
  return simulatedHarness(sim, adapter, { currency: 'EUR', idempotent: true, tellsCheckedOut: true });
}

runPmsAdapterContract('apaleo', apaleoHarness);

testLookupByName('apaleo', apaleoHarness);

test("apaleo: the simulator refuses what apaleo's published Swagger refuses, with 422 and the reasons", async (t) => {
  const sim = await startApaleoSimulator({ currency: 'EUR' });
  t.after(() => sim.close());
  sim.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: null });
  const token = (await (
    await fetch(`${sim.url}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=apaleo-client&client_secret=apaleo-secret',
    })
  ).json()) as { access_token: string };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sim.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      messages: text ? ((JSON.parse(text) as { messages?: string[] }).messages ?? []) : [],
    };
  };
  const charge = {
    serviceType: 'FoodAndBeverages',
    vatType: 'Normal',
    name: 'Pool Bar',
    amount: { amount: 12.5, currency: 'EUR' },
  };
  const folio = '/finance/v1/folio-actions/FR1001/charges';
  // CreateChargeModel: serviceType, vatType, name and amount are required; the enumerations hold.
  const noVat = await call('POST', folio, { ...charge, vatType: undefined });
  assert.equal(noVat.status, 422);
  assert.ok(noVat.messages.some((m) => m.includes('vatType')));
  const badService = await call('POST', folio, { ...charge, serviceType: 'Restaurant' });
  assert.equal(badService.status, 422);
  const textAmount = await call('POST', folio, { ...charge, amount: { amount: '12.50', currency: 'EUR' } });
  assert.equal(textAmount.status, 422, 'MonetaryValueModel.amount is a number');
  // Query parameters: the reservation status enumeration, and no parameter the operation lacks.
  const badStatus = await call('GET', '/booking/v1/reservations?status=CheckedIn');
  assert.equal(badStatus.status, 422);
  const misspelt = await call('GET', '/booking/v1/reservations?unitId=U412&status=InHouse');
  assert.equal(misspelt.status, 422);
  assert.ok(misspelt.messages.some((m) => m.includes('unitId')));
  // An operation apaleo does not publish.
  assert.equal((await call('GET', '/finance/v1/folio-charges')).status, 404);
  // What the adapter sends passes.
  const ok = await call('GET', '/booking/v1/reservations?propertyIds=MUC&unitIds=U412&status=InHouse');
  assert.equal(ok.status, 200);
});

test("apaleo: the simulator's answers have every member apaleo's Swagger marks required", async (t) => {
  const sim = await startApaleoSimulator({ currency: 'EUR' });
  t.after(() => sim.close());
  sim.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: null });
  const contract = createApaleoContract();
  const config = apaleoPmsConfig.parse({
    kind: 'apaleo',
    baseUrl: sim.url,
    propertyId: 'MUC',
    currency: 'EUR',
    auth: { tokenUrl: `${sim.url}/connect/token`, clientId: 'apaleo-client', clientSecret: 'apaleo-secret' },
  });
  // Drive a lookup, a posting and a void through the adapter, then read every answer it got.
  const answers: Array<{ path: string; status: number; body: unknown }> = [];
  const recording = async (input: string, init: RequestInit) => {
    const res = await fetch(input, init);
    const text = await res.clone().text();
    answers.push({ path: new URL(input).pathname, status: res.status, body: text ? JSON.parse(text) : null });
    return res;
  };
  const adapter = createApaleoAdapter(config, { clock: systemClock, fetch: recording });
  t.after(() => adapter.close());
  const room = await adapter.lookupRoom('412');
  const original = { ...chargeFor('412', 'EUR'), stayRef: room.stayRef };
  const posted = await adapter.postCharge(original);
  assert.ok(adapter.voidCharge);
  await adapter.voidCharge({
    voidId: 'v-1',
    original,
    pmsTransactionId: posted.pmsTransactionId,
    reason: 'wrong room',
  });
  const operationOf = (path: string) =>
    path === '/inventory/v1/units'
      ? 'InventoryUnitsGet'
      : path === '/booking/v1/reservations'
        ? 'BookingReservationsGet'
        : path === '/finance/v1/folios'
          ? 'FinanceFoliosGet'
          : path.endsWith('/allowances')
            ? 'FinanceFolio-actionsByFolioIdChargesByChargeIdAllowancesPost'
            : path.endsWith('/charges')
              ? 'FinanceFolio-actionsByFolioIdChargesPost'
              : null;
  const checked = new Set<string>();
  for (const a of answers) {
    const op = operationOf(a.path);
    if (!op || a.status !== 200) continue;
    assert.deepEqual(contract.checkAnswer(op, a.body), [], `${op} answer`);
    checked.add(op);
  }
  assert.equal(checked.size, 5, `every operation answered and checked: ${[...checked].join(', ')}`);
});
