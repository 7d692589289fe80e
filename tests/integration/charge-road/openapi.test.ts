import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, startTestStack } from '../../support/stack.js';

test('central serves an OpenAPI document describing its endpoints with their request schemas', async (t) => {
  const stack = await startTestStack(t);
  const doc = await api<{
    openapi: string;
    paths: Record<string, Record<string, { requestBody?: unknown }>>;
  }>(stack.central.httpUrl, '/api/openapi.json');
  assert.equal(doc.status, 200);
  assert.match(doc.body.openapi, /^3\./);
  for (const path of [
    '/api/pms/rooms/{roomNumber}',
    '/api/pms/post',
    '/api/pms/postings',
    '/api/pms/postings/{id}',
  ]) {
    assert.ok(doc.body.paths[path], `${path} is documented`);
  }
  const post = JSON.stringify(doc.body.paths['/api/pms/post']?.post?.requestBody);
  assert.match(post, /chargeId/);
  assert.match(post, /totalMinor/);
});
