// `roompost-provision` signs in to central: a wrong password is refused with the sign-in code, and
// an admin creates users (password from a file) who can then sign in with their role.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startCentral } from '@roompost/central';
import { provisionMain } from '@roompost/provisioning';
import { signIn, TEST_ADMIN } from '../../support/central-api.js';
import { recordingLogger } from '../../support/recording-logger.js';
import { centralConfig, freePort } from '../../support/stack.js';

async function provision(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await provisionMain(args, (line) => lines.push(line));
  return { code, out: lines.join('\n') };
}

test('the CLI signs in with a password file; an admin creates a user who then signs in with that role', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-provision-users-'));
  const central = await startCentral(centralConfig(await freePort()), {
    dataDir: dir,
    logger: recordingLogger(),
  });
  t.after(async () => {
    await central.stop();
    await rm(dir, { recursive: true, force: true });
  });
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, `${content}\n`, { mode: 0o600 });
    return path;
  };
  const asAdmin = ['--central', central.httpUrl, '--user', TEST_ADMIN.username];

  const wrong = await provision(['list', ...asAdmin, '--password-file', file('wrong', 'not-the-password')]);
  assert.deepEqual([wrong.code, /SIGN_IN_FAILED/.test(wrong.out)], [1, true], wrong.out);

  const adminPassword = file('admin', TEST_ADMIN.password);
  const created = await provision([
    'create-user',
    '--username',
    'ivan.it',
    '--role',
    'it',
    '--new-password-file',
    file('ivan', 'ivan-it-password-1'),
    ...asAdmin,
    '--password-file',
    adminPassword,
  ]);
  assert.equal(created.code, 0, created.out);
  assert.match(created.out, /created ivan\.it \(it\)/);
  const badRole = await provision([
    'create-user',
    '--username',
    'eve',
    '--role',
    'owner',
    '--new-password-file',
    file('eve', 'eve-password-123'),
    ...asAdmin,
    '--password-file',
    adminPassword,
  ]);
  assert.deepEqual([badRole.code, /VALIDATION_FAILED/.test(badRole.out)], [1, true], badRole.out);

  const token = await signIn(central.httpUrl, 'ivan.it', 'ivan-it-password-1');
  const me = await fetch(`${central.httpUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(((await me.json()) as { role: string }).role, 'it');
  // IT may list devices with the CLI but not create users.
  const ivan = [
    '--central',
    central.httpUrl,
    '--user',
    'ivan.it',
    '--password-file',
    file('ivan2', 'ivan-it-password-1'),
  ];
  assert.equal((await provision(['list', ...ivan])).code, 0);
  const refused = await provision([
    'create-user',
    '--username',
    'mallory',
    '--role',
    'admin',
    '--new-password-file',
    file('mallory', 'mallory-password-1'),
    ...ivan,
  ]);
  assert.deepEqual([refused.code, /FORBIDDEN/.test(refused.out)], [1, true], refused.out);
});

test('outlet staff are managed with the CLI at central: a short PIN is refused naming the field, PINs never come back', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-provision-staff-'));
  const central = await startCentral(centralConfig(await freePort()), {
    dataDir: dir,
    logger: recordingLogger(),
  });
  t.after(async () => {
    await central.stop();
    await rm(dir, { recursive: true, force: true });
  });
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, `${content}\n`, { mode: 0o600 });
    return path;
  };
  const asAdmin = [
    '--central',
    central.httpUrl,
    '--user',
    TEST_ADMIN.username,
    '--password-file',
    file('admin', TEST_ADMIN.password),
  ];
  const short = await provision([
    'set-staff',
    'maria',
    '--name',
    'Maria Chen',
    '--role',
    'manager',
    '--pin-file',
    file('short', '1234'),
    ...asAdmin,
  ]);
  assert.equal(short.code, 1, short.out);
  assert.match(short.out, /VALIDATION_FAILED/);
  const made = await provision([
    'set-staff',
    'maria',
    '--name',
    'Maria Chen',
    '--role',
    'manager',
    '--pin-file',
    file('pin', '482913'),
    ...asAdmin,
  ]);
  assert.equal(made.code, 0, made.out);
  const promoted = await provision([
    'set-staff',
    'maria',
    '--name',
    'Maria Chen',
    '--role',
    'admin',
    ...asAdmin,
  ]);
  assert.equal(promoted.code, 0, promoted.out);
  const listed = await provision(['list-staff', ...asAdmin]);
  assert.match(listed.out, /maria\s+admin\s+active/);
  assert.doesNotMatch(listed.out, /482913|scrypt/);
  const roster = await central.staff.roster();
  assert.match(roster[0]?.pinHash ?? '', /^scrypt\$32768\$/, 'a slow hash, N = 2^15');
  assert.equal((await provision(['remove-staff', 'maria', ...asAdmin])).code, 0);
  assert.deepEqual(await central.staff.roster(), []);
});
