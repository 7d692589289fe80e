// Bad answers at each adapter's edge: a 200 that carries an error, HTML where JSON or SOAP was
// expected, malformed XML, an answer to someone else's request. Each becomes a PmsError with the
// code that keeps money safe; none crashes and none is read as a success.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { chargeFor } from '@roompost/central/pms-contract';
import { PmsError } from '../../../../central/src/pms/adapter.js';
import { createApaleoAdapter } from '../../../../central/src/pms/apaleo/apaleo-adapter.js';
import { apaleoPmsConfig } from '../../../../central/src/pms/apaleo/apaleo-config.js';
import { createCloudbedsAdapter } from '../../../../central/src/pms/cloudbeds/cloudbeds-adapter.js';
import { cloudbedsPmsConfig } from '../../../../central/src/pms/cloudbeds/cloudbeds-config.js';
import { createHtngAdapter } from '../../../../central/src/pms/htng/htng-adapter.js';
import { htngPmsConfig } from '../../../../central/src/pms/htng/htng-config.js';
import { createMewsAdapter } from '../../../../central/src/pms/mews/mews-adapter.js';
import { mewsPmsConfig } from '../../../../central/src/pms/mews/mews-config.js';
import { createOhipAdapter } from '../../../../central/src/pms/ohip/ohip-adapter.js';
import { ohipPmsConfig } from '../../../../central/src/pms/ohip/ohip-config.js';
import { fakeFetch, fixedClock, html, json, type Route } from './fake-fetch.js';

const clock = fixedClock('2026-01-27T19:45:00Z');
const has = (part: string) => (url: string) => url.includes(part);
const charge = chargeFor('412', 'USD', { stayRef: 'R1' });

async function code(work: Promise<unknown>): Promise<[string, boolean]> {
  const err = await work.then(
    () => assert.fail('expected a PmsError'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof PmsError, `a PmsError, got ${String(err)}`);
  return [err.code, err.retryable];
}

function cloudbeds(routes: Route[]) {
  const config = cloudbedsPmsConfig.parse({
    kind: 'cloudbeds',
    baseUrl: 'https://cb.example/api/v1.3',
    currency: 'USD',
    auth: { type: 'apiKey', apiKey: 'k' },
  });
  return createCloudbedsAdapter(config, { clock, fetch: fakeFetch(routes) });
}

test('Cloudbeds: HTTP 200 with success:false is a refusal, classified by its message', async () => {
  const credit = cloudbeds([
    [has('postCustomItem'), json(200, { success: false, message: 'Credit limit exceeded' })],
  ]);
  assert.deepEqual(await code(credit.postCharge(charge)), ['CREDIT_EXCEEDED', false]);
  const other = cloudbeds([
    [has('postCustomItem'), json(200, { success: false, message: 'Invalid appItemID' })],
  ]);
  assert.deepEqual(await code(other.postCharge(charge)), ['POSTING_REJECTED', false]);
});

test('Cloudbeds: HTML instead of JSON on a posting is retryable (referenceID makes a re-send safe)', async () => {
  const adapter = cloudbeds([[has('postCustomItem'), html(200)]]);
  assert.deepEqual(await code(adapter.postCharge(charge)), ['CONNECTION_FAILED', true]);
});

test('Mews: HTML instead of JSON after orders/add is POSTING_UNKNOWN (no idempotency key)', async () => {
  const config = mewsPmsConfig.parse({
    kind: 'mews',
    baseUrl: 'https://mews.example',
    clientToken: 'c',
    accessToken: 'a',
    serviceId: 's',
    taxCode: 'US',
    currency: 'USD',
  });
  const hit = {
    Customer: { Id: 'R1', LastName: 'Wilson' },
    Reservation: { Id: 'res', StartUtc: 'x', EndUtc: 'y' },
  };
  const adapter = createMewsAdapter(config, {
    clock,
    fetch: fakeFetch([
      [has('resources/getAll'), json(200, { Resources: [{ Id: 'sp', Name: '412' }] })],
      [has('customers/search'), json(200, { Customers: [hit] })],
      [has('orders/add'), html(200)],
    ]),
  });
  assert.deepEqual(await code(adapter.postCharge(charge)), ['POSTING_UNKNOWN', false]);
});

test('apaleo: a 403 with an empty body (apaleo/api#464) is an access problem, not a refusal', async () => {
  const config = apaleoPmsConfig.parse({
    kind: 'apaleo',
    baseUrl: 'https://api.apaleo.example',
    propertyId: 'MUC',
    currency: 'USD',
    auth: { tokenUrl: 'https://id.apaleo.example/connect/token', clientId: 'c', clientSecret: 's' },
  });
  const adapter = createApaleoAdapter(config, {
    clock,
    fetch: fakeFetch([
      [has('/connect/token'), json(200, { access_token: 't', expires_in: 3600 })],
      [has('/finance/v1/folios'), () => new Response(null, { status: 403 })],
    ]),
  });
  const [c] = await code(adapter.postCharge(charge));
  assert.equal(c, 'CONNECTION_FAILED');
});

test('OHIP: an exceptionDetailType with o:errorCode FOF00241 is GUEST_CHECKED_OUT', async () => {
  const config = ohipPmsConfig.parse({
    kind: 'ohip',
    baseUrl: 'https://ohip.example',
    appKey: 'k',
    hotelId: 'H',
    auth: { clientId: 'c', clientSecret: 's' },
    cashierId: 1,
    transactionCodes: {},
    defaultTransactionCode: '2000',
    currency: 'USD',
  });
  const problem = {
    type: 'x',
    title: 'Bad Request',
    status: 400,
    detail: 'Room is not occupied',
    'o:errorCode': 'FOF00241',
  };
  const adapter = createOhipAdapter(config, {
    clock,
    fetch: fakeFetch([
      [has('/oauth/v1/tokens'), json(200, { access_token: 't', expires_in: 3600 })],
      [has('/charges'), json(400, problem)],
    ]),
  });
  assert.deepEqual(await code(adapter.postCharge(charge)), ['GUEST_CHECKED_OUT', false]);
});

/**
 * An HTNG PMS that acknowledges with `ack` and then pushes `result(rq)` (a whole SOAP message, or
 * null for none) to the ReplyTo address of the request, over real HTTP to the adapter's listener.
 */
function htng(ack: () => Response, result: (rq: string) => string | null = () => null) {
  const config = htngPmsConfig.parse({
    kind: 'htng',
    endpointUrl: 'https://protel.example/htng',
    hotelCode: 'H',
    auth: { type: 'bearer', token: 't' },
    callback: { listenHost: '127.0.0.1', listenPort: 0 },
    resultTimeoutMs: 400,
    defaultRevenueCode: '4700',
    currency: 'USD',
  });
  const fetchAndPush = async (input: string, init: RequestInit) => {
    const rq = String(init.body);
    const replyTo = /<htnga:ReplyTo><wsa:Address>([^<]+)</.exec(rq)?.[1];
    const pushed = result(rq);
    if (replyTo && pushed !== null)
      setTimeout(() => {
        void fetch(replyTo, {
          method: 'POST',
          headers: { 'content-type': 'application/soap+xml' },
          body: pushed,
        })
          .then((r) => r.arrayBuffer())
          .catch(() => undefined);
      }, 20);
    return fakeFetch([[() => true, ack]])(input, init);
  };
  const adapter = createHtngAdapter(config, { clock, fetch: fetchAndPush, newId: () => 'echo-1' });
  adapters.push(adapter);
  return adapter;
}
const adapters: Array<{ close(): Promise<void> }> = [];
after(async () => {
  for (const a of adapters) await a.close();
});
const wrap = (body: string) =>
  `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body>${body}</soap:Body></soap:Envelope>`;
const soap = (body: string) => () =>
  new Response(wrap(body), { status: 200, headers: { 'content-type': 'application/soap+xml' } });
const accepted = () => new Response(null, { status: 202 });

test('HTNG: an HTML acknowledgement, or a malformed pushed result, after a posting is POSTING_UNKNOWN without CorrelationID dedupe', async () => {
  assert.deepEqual(await code(htng(html(200)).postCharge(charge)), ['POSTING_UNKNOWN', false]);
  assert.deepEqual(
    await code(
      htng(accepted, () => wrap('<HTNG_ChargePostingRS><Success></HTNG_ChargePostingRS>')).postCharge(charge),
    ),
    ['POSTING_UNKNOWN', false],
  );
  // Acknowledged, and then no result at all.
  assert.deepEqual(await code(htng(accepted).postCharge(charge)), ['POSTING_UNKNOWN', false]);
});

test('HTNG: a pushed RS that does not echo our EchoToken/CorrelationID is not our answer', async () => {
  const other = () =>
    wrap(
      `<HTNG_ChargePostingRS EchoToken="someone-else" CorrelationID="${charge.chargeId}"><Success/><PostingID ID="T9"/></HTNG_ChargePostingRS>`,
    );
  assert.deepEqual(await code(htng(accepted, other).postCharge(charge)), ['POSTING_UNKNOWN', false]);
  const ours = () =>
    wrap(
      `<HTNG_ChargePostingRS EchoToken="echo-1" CorrelationID="${charge.chargeId}"><Success/><PostingID ID="T9"/></HTNG_ChargePostingRS>`,
    );
  assert.equal((await htng(accepted, ours).postCharge(charge)).pmsTransactionId, 'T9');
  // The acknowledgement was lost, but the result came: the outcome is known after all.
  assert.equal((await htng(html(200), ours).postCharge(charge)).pmsTransactionId, 'T9');
});

test('HTNG: a SOAP Sender fault is a final refusal; a Receiver fault is an unknown outcome', async () => {
  const fault = (who: string, reason: string) =>
    soap(
      `<soap:Fault><soap:Code><soap:Value>soap:${who}</soap:Value></soap:Code><soap:Reason><soap:Text>${reason}</soap:Text></soap:Reason></soap:Fault>`,
    );
  assert.deepEqual(await code(htng(fault('Sender', 'Invalid message')).postCharge(charge)), [
    'POSTING_REJECTED',
    false,
  ]);
  assert.deepEqual(await code(htng(fault('Receiver', 'Database down')).postCharge(charge)), [
    'POSTING_UNKNOWN',
    false,
  ]);
});

test('HTNG with WS-Security: the UsernameToken travels in the SOAP header, no Authorization header', async () => {
  const sent: Array<{ headers: Headers; body: string }> = [];
  const adapter = createHtngAdapter(
    htngPmsConfig.parse({
      kind: 'htng',
      endpointUrl: 'https://opera.example/htng',
      hotelCode: 'H',
      auth: { type: 'wsse', username: 'roompost-if', password: 's3cret' },
      callback: { listenHost: '127.0.0.1', listenPort: 0 },
      resultTimeoutMs: 200,
      defaultRevenueCode: '4700',
      currency: 'USD',
    }),
    {
      clock,
      fetch: async (_input, init) => {
        sent.push({ headers: new Headers(init.headers), body: String(init.body) });
        return soap(
          '<soap:Fault><soap:Code><soap:Value>soap:Sender</soap:Value></soap:Code><soap:Reason><soap:Text>stop here</soap:Text></soap:Reason></soap:Fault>',
        )();
      },
    },
  );
  adapters.push(adapter);
  await code(adapter.postCharge(charge));
  const [request] = sent;
  assert.ok(request);
  assert.equal(request.headers.get('authorization'), null);
  assert.match(request.body, /<wsse:Security soap:mustUnderstand="true"><wsse:UsernameToken>/);
  assert.match(request.body, /<wsse:Username>roompost-if<\/wsse:Username>/);
  assert.match(request.body, /#PasswordText">s3cret<\/wsse:Password>/);
  assert.match(request.body, /<wsa:Action>HTNG_ChargePostingRQ<\/wsa:Action>/);
});
