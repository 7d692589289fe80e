import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { CodedError, type StaffSignIn } from '@roompost/sync';
import { BadgeTaps, stricterSignIn } from '../../../edge/src/staff/badge-taps.js';
import { hashPin, verifyPin } from '../../../edge/src/staff/pin-hash.js';
import { StaffAuth, type StaffMember } from '../../../edge/src/staff/staff-auth.js';
import { recordingLogger } from '../../support/recording-logger.js';

let staff: StaffMember[];
before(async () => {
  staff = [
    { id: 'ana', name: 'Ana Lopez', role: 'server', pinHash: await hashPin('1111') },
    { id: 'maria', name: 'Maria Chen', role: 'manager', pinHash: await hashPin('3333') },
  ];
});

function setup() {
  let now = Date.parse('2026-11-22T19:00:00Z');
  const logger = recordingLogger();
  let n = 0;
  const auth = new StaffAuth({ staff, now: () => new Date(now), logger, newToken: () => `token-${++n}` });
  return { auth, logger, advance: (ms: number) => (now += ms) };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof CodedError, String(err));
    return err.code;
  }
  return 'OK';
}

test('a PIN hash is salted scrypt: the same PIN hashes differently and still verifies', async () => {
  const [a, b] = [await hashPin('1234'), await hashPin('1234')];
  assert.notEqual(a, b);
  assert.match(a, /^scrypt\$16384\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
  assert.equal(await verifyPin('1234', a), true);
  assert.equal(await verifyPin('1235', a), false);
  assert.equal(await verifyPin('1234', 'plain-1234'), false);
});

test('the right PIN signs its staff member in with the role and permissions', async () => {
  const { auth } = setup();
  const session = await auth.signIn('3333');
  assert.deepEqual(session.staff, { id: 'maria', name: 'Maria Chen', role: 'manager' });
  assert.ok(session.permissions.includes('retryFailedPostings'));
  assert.equal(auth.require(session.token, 'voidRoomCharges').staff.id, 'maria');
});

test('a role is refused what the table forbids; an unknown token is not signed in', async () => {
  const { auth } = setup();
  const server = await auth.signIn('1111');
  assert.equal(
    await code(Promise.resolve().then(() => auth.require(server.token, 'overrideCreditLimit'))),
    'FORBIDDEN',
  );
  assert.equal(
    await code(Promise.resolve().then(() => auth.require('nope', 'chargeToRoom'))),
    'UNAUTHENTICATED',
  );
  assert.equal(
    await code(Promise.resolve().then(() => auth.require(undefined, 'chargeToRoom'))),
    'UNAUTHENTICATED',
  );
});

test('five wrong PINs lock the terminal for five minutes, even for the right PIN, then it opens again', async () => {
  const { auth, advance, logger } = setup();
  for (let i = 1; i <= 4; i++) assert.equal(await code(auth.signIn('9999')), 'UNAUTHENTICATED', `try ${i}`);
  assert.equal(await code(auth.signIn('9999')), 'SIGN_IN_LOCKED', 'the fifth wrong PIN locks');
  assert.equal(await code(auth.signIn('3333')), 'SIGN_IN_LOCKED', 'locked for the right PIN too');
  advance(5 * 60_000 - 1000);
  assert.equal(await code(auth.signIn('3333')), 'SIGN_IN_LOCKED');
  advance(1000);
  assert.equal(await code(auth.signIn('3333')), 'OK');
  assert.ok(!JSON.stringify(logger.entries).includes('9999'), 'no PIN reaches a log line');
});

test('wrong PINs sent all at once are counted one by one and still lock', async () => {
  const { auth } = setup();
  const codes = await Promise.all(Array.from({ length: 8 }, () => code(auth.signIn('0000'))));
  assert.deepEqual(codes, [...Array(4).fill('UNAUTHENTICATED'), ...Array(4).fill('SIGN_IN_LOCKED')]);
});

test('a server cannot brute-force other PINs by interleaving her own sign-in: her success resets nothing', async () => {
  const { auth } = setup();
  const answers: string[] = [];
  // The attack on today's main: four guesses, her own PIN, four more guesses, …
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 4; i++) answers.push(await code(auth.signIn(String(4000 + round * 4 + i))));
    answers.push(await code(auth.signIn('1111')));
  }
  assert.deepEqual(answers.slice(0, 5), [
    'UNAUTHENTICATED',
    'UNAUTHENTICATED',
    'UNAUTHENTICATED',
    'UNAUTHENTICATED',
    'OK',
  ]);
  assert.equal(answers[5], 'SIGN_IN_LOCKED', 'the fifth wrong PIN locks although she signed in between');
  assert.ok(
    answers.slice(6).every((a) => a === 'SIGN_IN_LOCKED'),
    answers.join(','),
  );
});

test('each lock is longer than the last: five minutes, then ten', async () => {
  const { auth, advance } = setup();
  for (let i = 0; i < 5; i++) await code(auth.signIn('9999'));
  advance(5 * 60_000);
  assert.equal(await code(auth.signIn('1111')), 'OK');
  for (let i = 0; i < 4; i++) assert.equal(await code(auth.signIn('9999')), 'UNAUTHENTICATED');
  const second = auth.signIn('9999').catch((err: CodedError) => err);
  const err = (await second) as CodedError;
  assert.equal(err.code, 'SIGN_IN_LOCKED');
  assert.equal(err.context.retryAfterSeconds, 600, 'the second lock lasts twice as long');
  advance(5 * 60_000);
  assert.equal(await code(auth.signIn('1111')), 'SIGN_IN_LOCKED', 'still locked after five minutes');
  advance(5 * 60_000);
  assert.equal(await code(auth.signIn('1111')), 'OK');
});

test('guesses aimed at one staff member lock that member, not the colleagues', async () => {
  const { auth } = setup();
  for (let i = 0; i < 4; i++)
    assert.equal(await code(auth.signIn(String(5000 + i), 'maria')), 'UNAUTHENTICATED');
  assert.equal(await code(auth.signIn('5004', 'maria')), 'SIGN_IN_LOCKED');
  assert.equal(await code(auth.signIn('3333', 'maria')), 'SIGN_IN_LOCKED', 'her own PIN waits too');
  assert.equal(await code(auth.signIn('3333')), 'SIGN_IN_LOCKED', 'also without naming her');
});

test('a wrong staff id with any PIN is a wrong PIN, and counts', async () => {
  const { auth } = setup();
  const err = (await auth.signIn('1111', 'nobody').catch((e: CodedError) => e)) as CodedError;
  assert.equal(err.code, 'UNAUTHENTICATED');
  assert.equal(err.context.attemptsLeft, 4);
});

test('a session ends after 15 idle minutes; using it keeps it alive; sign-out ends it', async () => {
  const { auth, advance } = setup();
  const { token } = await auth.signIn('1111');
  advance(14 * 60_000);
  auth.session(token);
  advance(14 * 60_000);
  assert.equal(auth.session(token).staff.id, 'ana');
  advance(15 * 60_000);
  assert.throws(
    () => auth.session(token),
    (e: CodedError) => e.code === 'UNAUTHENTICATED',
  );
  const again = await auth.signIn('1111');
  auth.signOut(again.token);
  assert.throws(
    () => auth.session(again.token),
    (e: CodedError) => e.code === 'UNAUTHENTICATED',
  );
});

test('PIN and badge: no badge is SECOND_FACTOR_REQUIRED, a wrong one counts as a wrong PIN, a reader tap is taken once within a minute', async () => {
  let now = Date.parse('2026-11-22T19:00:00Z');
  const taps = new BadgeTaps(() => new Date(now));
  let signIn: StaffSignIn = 'pin+badge';
  const members = [
    ...staff.map((s) => ({ ...s })),
    { ...(staff[1] as StaffMember), id: 'lee', pinHash: await hashPin('4444') },
  ];
  (members[1] as StaffMember).badgeHash = await hashPin('B0D9E5F1');
  const auth = new StaffAuth({
    staff: members,
    now: () => new Date(now),
    logger: recordingLogger(),
    signIn: () => signIn,
    takeBadge: () => taps.take(),
  });
  assert.equal(await code(auth.signIn('3333')), 'SECOND_FACTOR_REQUIRED');
  assert.equal(await code(auth.signIn('3333', undefined, 'DEADBEEF')), 'UNAUTHENTICATED');
  assert.equal(
    await code(auth.signIn('4444', undefined, 'B0D9E5F1')),
    'UNAUTHENTICATED',
    'another member’s badge',
  );
  assert.equal((await auth.signIn('3333', undefined, 'b0d9e5f1')).staff.id, 'maria');

  taps.tapped('B0D9E5F1');
  now += 61_000;
  assert.equal(await code(auth.signIn('3333')), 'SECOND_FACTOR_REQUIRED', 'a tap over a minute old');
  taps.tapped('B0D9E5F1');
  assert.equal((await auth.signIn('3333')).staff.id, 'maria');
  assert.equal(await code(auth.signIn('3333')), 'SECOND_FACTOR_REQUIRED', 'one tap, one sign-in');

  signIn = 'pin';
  assert.equal((await auth.signIn('1111')).staff.id, 'ana', 'a PIN outlet asks for no badge');
  assert.equal(stricterSignIn('pin', null), 'pin');
  assert.equal(stricterSignIn('pin', 'pin+badge'), 'pin+badge');
  assert.equal(stricterSignIn(undefined, 'pin+badge'), 'pin+badge');
});
