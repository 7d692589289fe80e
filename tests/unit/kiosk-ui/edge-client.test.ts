import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createEdgeClient,
  EdgeRequestError,
  type FetchLike,
} from '../../../kiosk-ui/src/kiosk/api/edge-client.js';

function recordingFetch(response: () => Response | Promise<Response>) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fetchFn: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return response();
  };
  return { calls, fetchFn };
}

test('requests go to the edge API with a JSON body', async () => {
  const { calls, fetchFn } = recordingFetch(() => Response.json({ verificationId: 'v' }));
  const client = createEdgeClient(fetchFn, 'http://edge');
  const result = await client.lookup({ roomNumber: '412', lastName: 'Wilson' });
  assert.deepEqual(result, { verificationId: 'v' });
  assert.equal(calls[0]?.url, 'http://edge/api/lookup');
  assert.equal(calls[0]?.init?.method, 'POST');
  assert.deepEqual(JSON.parse(String(calls[0]?.init?.body)), { roomNumber: '412', lastName: 'Wilson' });
});

test('an error body becomes an api EdgeRequestError with the code', async () => {
  const body = {
    code: 'CHARGES_BLOCKED',
    message: 'Room charges are blocked',
    action: 'Contact front desk for authorization',
  };
  const { fetchFn } = recordingFetch(() => Response.json(body, { status: 409 }));
  const error = await createEdgeClient(fetchFn)
    .createCheck({
      requestId: '01a1f000-0000-4000-8000-000000000001',
      verificationId: 'v',
      items: [{ sku: 'a', quantity: 1 }],
    })
    .then(
      () => assert.fail('should reject'),
      (e: unknown) => e,
    );
  assert.ok(error instanceof EdgeRequestError);
  assert.equal(error.kind, 'api');
  assert.equal(error.status, 409);
  assert.equal(error.body?.code, 'CHARGES_BLOCKED');
});

test('no answer, or an answer without an error body, is a network failure', async () => {
  const thrown = await createEdgeClient(async () => {
    throw new TypeError('fetch failed');
  })
    .health()
    .catch((e: unknown) => e);
  assert.ok(thrown instanceof EdgeRequestError && thrown.kind === 'network' && thrown.status === null);

  const { fetchFn } = recordingFetch(() => new Response('Bad Gateway', { status: 502 }));
  const gateway = await createEdgeClient(fetchFn)
    .health()
    .catch((e: unknown) => e);
  assert.ok(gateway instanceof EdgeRequestError && gateway.kind === 'network' && gateway.status === 502);
});

test('a screen the edge does not know pairs once over loopback, then carries its token on calls and the event stream', async () => {
  const answers = [
    Response.json({ code: 'SCREEN_NOT_PAIRED', message: 'no', action: 'x' }, { status: 401 }),
    Response.json({ token: 'screen-1' }, { status: 201 }),
    Response.json({ charges: [] }),
  ];
  const { calls, fetchFn } = recordingFetch(() => answers.shift() ?? Response.json({}));
  const client = createEdgeClient(fetchFn, 'http://edge');
  const charges = await client.lookup({ roomNumber: '412', lastName: 'Wilson' });
  assert.deepEqual(charges, { charges: [] });
  assert.deepEqual(
    calls.map((c) => [c.url, c.init?.method]),
    [
      ['http://edge/api/lookup', 'POST'],
      ['http://edge/api/screen', 'POST'],
      ['http://edge/api/lookup', 'POST'],
    ],
  );
  const headers = (calls[2]?.init?.headers ?? {}) as Record<string, string>;
  assert.equal(headers['x-kiosk-screen'], 'screen-1');
  assert.equal(client.eventsUrl(), 'http://edge/api/events?screen=screen-1');
});
