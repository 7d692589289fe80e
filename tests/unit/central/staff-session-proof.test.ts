// Central's check of a staff proof a staff outlet's request carries (a room lookup), and of one an
// override or a void carries, where the outlet signs staff in with PIN and badge.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { CodedError } from '@roompost/sync';
import { staffProofSigner } from '../../../central/src/staff/staff-proof.js';
import { verifyStaffClaim } from '../../../central/src/staff/verify-staff-claim.js';
import { verifyStaffSession } from '../../../central/src/staff/verify-staff-session.js';

const signer = staffProofSigner(randomBytes(32));
const now = new Date('2026-12-07T12:00:00Z');
const roles: Record<string, 'server' | 'manager'> = { ana: 'server', maria: 'manager' };
const ctx = (over: Partial<Parameters<typeof verifyStaffSession>[2]> = {}) => ({
  signer,
  device: 'bar-1',
  roleOf: async (id: string) => roles[id],
  now,
  signIn: 'pin' as const,
  ...over,
});
const mint = (over: Record<string, unknown> = {}) =>
  signer.mint({
    sid: 'maria',
    role: 'manager',
    dev: 'bar-1',
    iat: now.getTime() - 60_000,
    exp: now.getTime() + 60_000,
    ...over,
  });
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'OK',
    (err: unknown) => (err instanceof CodedError ? err.code : String(err)),
  );

test('a lookup proof must be central’s, for this device, unexpired, from a member still on the roster', async () => {
  assert.equal(await codeOf(verifyStaffSession(mint(), 'rooms.read', ctx())), 'OK');
  assert.equal(await codeOf(verifyStaffSession(undefined, 'rooms.read', ctx())), 'STAFF_PROOF_REQUIRED');
  assert.equal(await codeOf(verifyStaffSession(`${mint()}x`, 'rooms.read', ctx())), 'STAFF_PROOF_INVALID');
  assert.equal(
    await codeOf(verifyStaffSession(mint({ dev: 'bar-2' }), 'rooms.read', ctx())),
    'STAFF_PROOF_INVALID',
  );
  assert.equal(
    await codeOf(verifyStaffSession(mint({ exp: now.getTime() - 1 }), 'rooms.read', ctx())),
    'STAFF_PROOF_INVALID',
  );
  assert.equal(
    await codeOf(verifyStaffSession(mint({ sid: 'gone' }), 'rooms.read', ctx())),
    'STAFF_PROOF_INVALID',
  );
  assert.equal(
    await codeOf(verifyStaffSession(mint({ sid: 'ana', role: 'server' }), 'postings.void', ctx())),
    'FORBIDDEN',
  );
});

test('at a PIN-and-badge outlet a proof from a PIN-only sign-in is refused with SECOND_FACTOR_REQUIRED', async () => {
  const badge = ctx({ signIn: 'pin+badge' });
  assert.equal(await codeOf(verifyStaffSession(mint(), 'rooms.read', badge)), 'SECOND_FACTOR_REQUIRED');
  assert.equal(await codeOf(verifyStaffSession(mint({ fac: 2 }), 'rooms.read', badge)), 'OK');
  const claim = (proof: string) =>
    verifyStaffClaim(
      { kind: 'void', proof, actor: 'maria', at: now },
      { signer, device: 'bar-1', roleOf: async (id) => roles[id], signIn: 'pin+badge' },
    );
  assert.deepEqual(await claim(mint()), {
    ok: false,
    code: 'SECOND_FACTOR_REQUIRED',
    message: 'this outlet needs a staff proof from a PIN and badge sign-in',
  });
  assert.equal((await claim(mint({ fac: 2 }))).ok, true);
});
