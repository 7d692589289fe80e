import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isSealed, loadSecretKey, SecretKeyError, secretBox } from '../../../central/src/secrets/index.js';

const key = Buffer.alloc(32, 1);

test('a sealed secret opens with its key only, and a fresh IV makes each seal different', () => {
  const box = secretBox(key);
  const a = box.seal('cb-secret');
  const b = box.seal('cb-secret');
  assert.ok(isSealed(a));
  assert.notEqual(a, b);
  assert.ok(!a.includes('cb-secret'));
  assert.equal(box.open(a), 'cb-secret');
  assert.throws(() => secretBox(Buffer.alloc(32, 2)).open(a), SecretKeyError);
});

test('a tampered ciphertext is refused (GCM tag), not opened to garbage', () => {
  const box = secretBox(key);
  const sealed = box.seal('apaleo-secret');
  const parts = sealed.split(':');
  const body = Buffer.from(parts[4] ?? '', 'base64');
  body[0] = (body[0] ?? 0) ^ 1;
  parts[4] = body.toString('base64');
  assert.throws(() => box.open(parts.join(':')), SecretKeyError);
});

test('the key: ROOMPOST_SECRET_KEY first, then the named file, else a 0600 file created in the data dir', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-key-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  assert.deepEqual(loadSecretKey({ ROOMPOST_SECRET_KEY: key.toString('base64') }, dir), key);
  assert.throws(() => loadSecretKey({ ROOMPOST_SECRET_KEY: 'c2hvcnQ=' }, dir), SecretKeyError);

  const named = join(dir, 'named.key');
  await writeFile(named, `${Buffer.alloc(32, 3).toString('base64')}\n`);
  assert.deepEqual(loadSecretKey({ ROOMPOST_SECRET_KEY_FILE: named }, dir), Buffer.alloc(32, 3));
  assert.throws(
    () => loadSecretKey({ ROOMPOST_SECRET_KEY_FILE: join(dir, 'missing.key') }, dir),
    SecretKeyError,
  );

  const created = loadSecretKey({}, dir);
  assert.equal(created.length, 32);
  assert.equal((await stat(join(dir, 'secret.key'))).mode & 0o777, 0o600);
  assert.deepEqual(loadSecretKey({}, dir), created, 'the same key on the next start');
  assert.equal(Buffer.from((await readFile(join(dir, 'secret.key'), 'utf8')).trim(), 'base64').length, 32);
});
