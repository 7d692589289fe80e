// Central's sign-in lockout under parallel guesses: the attempt is counted before the slow password
// hash, per user name and per client address, so a burst cannot all be checked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signInAs, TEST_ADMIN, testPassword } from '../../support/central-api.js';
import { startTestCentral } from '../../support/stack.js';

type Json = Record<string, unknown>;

async function signIn(base: string, username: string, password: string) {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

test('200 concurrent wrong passwords: at most five are checked, the rest are locked out', async (t) => {
  const central = await startTestCentral(t);
  await signInAs(central.httpUrl, 'maria.manager', 'manager');
  const answers = await Promise.all(
    Array.from({ length: 200 }, (_, i) => signIn(central.httpUrl, 'maria.manager', `guess-${i}`)),
  );
  const checked = answers.filter((a) => a.body.code === 'SIGN_IN_FAILED').length;
  const locked = answers.filter((a) => a.status === 429 && a.body.code === 'SIGN_IN_LOCKED').length;
  assert.ok(checked <= 5, `only the five allowed attempts reach the password check (${checked} did)`);
  assert.equal(checked + locked, 200, 'every guess is answered failed or locked');
  const right = await signIn(central.httpUrl, 'maria.manager', testPassword('maria.manager'));
  assert.deepEqual([right.status, right.body.code], [429, 'SIGN_IN_LOCKED'], 'the user stays locked');
});

test('a burst of 40 wrong passwords plus the right one does not sign in', async (t) => {
  const central = await startTestCentral(t);
  await signInAs(central.httpUrl, 'raj.desk', 'front_desk');
  const wrong = Array.from({ length: 40 }, (_, i) => signIn(central.httpUrl, 'raj.desk', `wrong-${i}`));
  // The right password goes out while the wrong ones are still being hashed.
  await Promise.race(wrong);
  const right = signIn(central.httpUrl, 'raj.desk', testPassword('raj.desk'));
  const [answer, ...rest] = await Promise.all([right, ...wrong]);
  assert.equal(answer?.body.code, 'SIGN_IN_LOCKED', 'the right password comes too late');
  assert.ok(rest.filter((a) => a.body.code === 'SIGN_IN_FAILED').length <= 5);
});

test('one client guessing across many user names is locked out per address', async (t) => {
  const central = await startTestCentral(
    t,
    {},
    {
      auth: {
        bootstrapAdmin: { username: TEST_ADMIN.username, passwordHash: TEST_ADMIN.passwordHash },
        clientLockout: { maxFailures: 10, lockMinutes: 15 },
      },
    },
  );
  await signInAs(central.httpUrl, 'ana.server', 'server');
  const answers = await Promise.all(
    Array.from({ length: 30 }, (_, i) => signIn(central.httpUrl, `user-${i}`, 'password-guess')),
  );
  const checked = answers.filter((a) => a.body.code === 'SIGN_IN_FAILED').length;
  assert.ok(checked <= 10, `at most ten guesses from one address are checked (${checked} were)`);
  const anotherUser = await signIn(central.httpUrl, 'ana.server', testPassword('ana.server'));
  assert.equal(anotherUser.body.code, 'SIGN_IN_LOCKED', 'a locked address cannot sign in as anyone');
});
