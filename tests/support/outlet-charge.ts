// What a test does at the outlet as staff would: sign in with a PIN, look up room 412 and charge a check
// to it through the edge's kiosk API (real HTTP).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ChargeView, CheckItem, KioskLookup, StaffSessionView } from '@roompost/sync';
import { api, type TestStack } from './stack.js';

/** A staff session's token at the test stack's edge. */
export async function staffSignIn(stack: TestStack, pin: string): Promise<string> {
  const res = await api<StaffSessionView>(stack.edge.httpUrl, '/api/staff/session', { pin });
  assert.equal(res.status, 201);
  return res.body.token;
}

/** Looks the room up and commits the check (default two beers); the charge as the edge answered it. */
export async function chargeRoom(
  stack: TestStack,
  token: string,
  items: CheckItem[] = [{ sku: 'BEER', quantity: 2 }],
  roomNumber = '412',
): Promise<ChargeView> {
  const lookup = await api<KioskLookup>(stack.edge.httpUrl, '/api/lookup', { roomNumber }, token);
  assert.equal(lookup.status, 200);
  const made = await api<ChargeView>(
    stack.edge.httpUrl,
    '/api/checks',
    { requestId: randomUUID(), verificationId: lookup.body.verificationId, items },
    token,
  );
  assert.equal(made.status, 201, JSON.stringify(made.body));
  return made.body;
}
