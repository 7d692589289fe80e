import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chargeFor, type PmsHarness, runPmsAdapterContract } from '@roompost/central/pms-contract';
import { systemClock } from '../../../central/src/clock.js';
import { PmsError } from '../../../central/src/pms/adapter.js';
import { createHtngAdapter } from '../../../central/src/pms/htng/htng-adapter.js';
import { htngPmsConfig } from '../../../central/src/pms/htng/htng-config.js';
import { startHtngSimulator } from '../../../central/src/pms/htng/htng-simulator.js';
import { parseRequest } from '../../../central/src/pms/htng/htng-soap.js';

async function htngSetup(dedupe: boolean, overrides: Record<string, unknown> = {}) {
  const sim = await startHtngSimulator({ currency: 'EUR', dedupe });
  const config = htngPmsConfig.parse({
    kind: 'htng',
    endpointUrl: sim.endpointUrl,
    hotelCode: 'PROTEL1',
    auth: { type: 'bearer', token: sim.token },
    // The adapter's own listener for the results the PMS pushes, on a free loopback port.
    callback: { listenHost: '127.0.0.1', listenPort: 0 },
    resultTimeoutMs: 1_500,
    dedupesOnCorrelationId: dedupe,
    defaultRevenueCode: '4700',
    currency: 'EUR',
    timeoutMs: 800,
    ...overrides,
  });
  const adapter = createHtngAdapter(config, { clock: systemClock });
  return { sim, adapter };
}

/** HTNG over loopback HTTP in protel I/O's asynchronous pattern, with and without CorrelationID dedupe. */
function htngHarness(dedupe: boolean) {
  return async (): Promise<PmsHarness> => {
    const { sim, adapter } = await htngSetup(dedupe);
    return {
      adapter,
      currency: 'EUR',
      idempotent: dedupe,
      tellsCheckedOut: true,
      faults: sim.server.faults,
      seedGuest: async (g) => sim.seedGuest(g),
      postingsFor: async (room) => sim.hotel.postingsFor(room),
      close: async () => {
        await adapter.close();
        await sim.close();
      },
    };
  };
}

runPmsAdapterContract('htng (CorrelationID dedupe)', htngHarness(true));
runPmsAdapterContract('htng (no dedupe)', htngHarness(false));

test('htng: each request carries WS-Addressing and HTNG async headers; the result is pushed to our listener', async (t) => {
  const { sim, adapter } = await htngSetup(false);
  t.after(async () => {
    await adapter.close();
    await sim.close();
  });
  sim.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: null });
  const room = await adapter.lookupRoom('412');
  const charge = { ...chargeFor('412', 'EUR'), stayRef: room.stayRef };
  const posted = await adapter.postCharge(charge);
  assert.ok(posted.pmsTransactionId);

  const sent = sim.server.received.map((r) => parseRequest(r.body));
  const rq = sent[0];
  assert.ok(rq, 'the posting reached the PMS');
  assert.equal(rq.name, 'HTNG_ChargePostingRQ');
  assert.equal(rq.node['@_CorrelationID'], charge.chargeId, 'CorrelationID is the charge id');
  assert.match(String(rq.node['@_TimeStamp']), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  const header = rq.header as Record<string, unknown>;
  assert.match(String(header.MessageID), /^urn:uuid:/);
  assert.equal(header.To, sim.endpointUrl);
  assert.equal(header.Action, 'HTNG_ChargePostingRQ');
  assert.equal(header.CorrelationID, charge.chargeId);
  const replyTo = String((header.ReplyTo as Record<string, unknown>).Address);
  assert.match(replyTo, /^http:\/\/127\.0\.0\.1:\d+\/htng\/results$/);
  // The PMS acknowledged the request and then POSTed both results to that address, which took them
  // (the listener's 200 may reach the simulator a moment after the adapter has its result).
  for (let i = 0; i < 50 && sim.pushes.some((p) => p.status === null); i++)
    await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(
    sim.pushes.map((p) => [
      p.to,
      /<(\w+:)?(\w+RS)\b/.exec(p.message.split('<soap:Body>')[1] ?? '')?.[2],
      p.status,
    ]),
    [
      [replyTo, 'OTA_ResRetrieveRS', 200],
      [replyTo, 'HTNG_ChargePostingRS', 200],
    ],
  );
  assert.match(sim.pushes[1]?.message ?? '', new RegExp(`<htnga:RelatesToCorrelationID>${charge.chargeId}<`));
});

test('htng: the simulator refuses a request without the asynchronous headers (a Sender fault, nothing booked)', async (t) => {
  const sim = await startHtngSimulator({ currency: 'EUR', dedupe: false });
  t.after(() => sim.close());
  sim.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: null });
  // The synchronous layout the adapter used to send: no WS-Addressing, no ReplyTo, a TimeStamp with ms.
  const body = `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Header/><soap:Body><HTNG_ChargePostingRQ xmlns="http://htng.org/2014B" EchoToken="e1" CorrelationID="c1" TimeStamp="2026-01-27T19:45:00.000Z" Version="1.0"><Posting ReservationID="R1001"><Revenue Amount="10.00" CurrencyCode="EUR"/></Posting></HTNG_ChargePostingRQ></soap:Body></soap:Envelope>`;
  const res = await fetch(sim.endpointUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/soap+xml' },
    body,
  });
  assert.equal(res.status, 400);
  const text = await res.text();
  assert.match(text, /Sender/);
  for (const rule of [
    'TimeStamp',
    'wsa:MessageID',
    'wsa:To',
    'wsa:Action',
    'htnga:CorrelationID',
    'htnga:ReplyTo',
  ])
    assert.ok(text.includes(rule), `the fault names ${rule}`);
  assert.deepEqual(sim.hotel.postings, []);
  assert.deepEqual(sim.pushes, []);
});

test('htng: acknowledged but no result pushed: without dedupe the posting is POSTING_UNKNOWN, never re-sent', async (t) => {
  const { sim, adapter } = await htngSetup(false, { resultTimeoutMs: 500 });
  t.after(async () => {
    await adapter.close();
    await sim.close();
  });
  sim.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: null });
  const room = await adapter.lookupRoom('412');
  sim.dropResultNext();
  const err = await adapter.postCharge({ ...chargeFor('412', 'EUR'), stayRef: room.stayRef }).then(
    () => assert.fail('expected no result'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof PmsError);
  assert.equal(err.code, 'POSTING_UNKNOWN');
  assert.equal(err.retryable, false);
  assert.equal(sim.hotel.postings.length, 1, 'the PMS did book it: only a manager can tell, by the folio');
});

test('htng: a result port already taken is CONNECTION_FAILED (retryable), and a later call listens once it is free', async (t) => {
  const { sim, adapter: first } = await htngSetup(false);
  sim.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: null });
  await first.lookupRoom('412');
  // Which port the first adapter listens on: where the PMS pushed its result.
  const port = Number(new URL(sim.pushes[0]?.to ?? 'http://x').port);
  assert.ok(port > 0);
  const { sim: sim2, adapter: second } = await htngSetup(false, {
    callback: { listenHost: '127.0.0.1', listenPort: port },
  });
  t.after(async () => {
    await first.close();
    await second.close();
    await sim2.close();
    await sim.close();
  });
  sim2.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: null });
  const err = await second.lookupRoom('412').then(
    () => assert.fail('the port is taken'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof PmsError);
  assert.equal(err.code, 'CONNECTION_FAILED');
  assert.equal(err.retryable, true);
  await first.close();
  assert.equal((await second.lookupRoom('412')).roomNumber, '412');
});
