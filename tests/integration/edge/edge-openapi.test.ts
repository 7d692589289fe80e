// The edge serves an OpenAPI document of its kiosk API, built from the same zod schemas that validate
// each request (sync/src/http/openapi.ts), as central does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, startTestStack } from '../../support/stack.js';

interface Operation {
  requestBody?: unknown;
  parameters?: Array<{ in: string; name: string }>;
}

/** Every route of the edge's HTTP side (edge/src/http/), as OpenAPI writes it. */
const EDGE_ROUTES = [
  'DELETE /api/checks/number/{holdId}',
  'DELETE /api/staff/session',
  'GET /api/catalog',
  'GET /api/charges',
  'GET /api/charges/{id}',
  'GET /api/charges/{id}/receipt-qr.svg',
  'GET /api/charges/{id}/receipt.svg',
  'GET /api/charges/{id}/signature.png',
  'GET /api/devices',
  'GET /api/events',
  'GET /api/health',
  'GET /api/outlet',
  'GET /api/staff/pending',
  'GET /api/staff/session',
  'GET /receipts/{id}/{key}',
  'POST /api/charges/{id}/print',
  'POST /api/charges/{id}/receipt-email',
  'POST /api/charges/{id}/void',
  'POST /api/charges/{id}/withdraw',
  'POST /api/checks',
  'POST /api/checks/number',
  'POST /api/checks/quote',
  'POST /api/dev/tap',
  'POST /api/devices/printer/reprint',
  'POST /api/devices/printer/test',
  'POST /api/devices/relay/pulse',
  'POST /api/lookup',
  'POST /api/lookup/credit',
  'POST /api/screen',
  'POST /api/staff/charges/{id}/retry',
  'POST /api/staff/session',
];

test('the edge serves an OpenAPI document listing its routes with their request schemas', async (t) => {
  const stack = await startTestStack(t, { mode: 'staff' });
  const doc = await api<{ openapi: string; paths: Record<string, Record<string, Operation>> }>(
    stack.edge.httpUrl,
    '/api/openapi.json',
  );
  assert.equal(doc.status, 200);
  assert.match(doc.body.openapi, /^3\./);
  const listed = new Set(
    Object.entries(doc.body.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    ),
  );
  for (const route of EDGE_ROUTES) assert.ok(listed.has(route), `${route} is documented`);
  // Only the API and the guest's receipt links: not /metrics, the kiosk's files or the document itself.
  for (const route of listed) assert.match(route, /^[A-Z]+ \/(api|receipts)\//, `${route} is an API route`);
  assert.ok(!listed.has('GET /api/openapi.json'));

  // The request schemas are the ones the edge validates with.
  const check = JSON.stringify(doc.body.paths['/api/checks']?.post?.requestBody);
  assert.match(check, /verificationId/);
  assert.match(check, /requestId/);
  assert.match(JSON.stringify(doc.body.paths['/api/staff/session']?.post?.requestBody), /pin/);
  const charge = doc.body.paths['/api/charges/{id}']?.get?.parameters ?? [];
  assert.deepEqual(
    charge.filter((p) => p.in === 'path').map((p) => p.name),
    ['id'],
  );
});
