import assert from 'node:assert/strict';
import { scryptSync } from 'node:crypto';
import { test } from 'node:test';
import { hashPassword, verifyPassword } from '../../../central/src/auth/password-hash.js';
import { isPublicRoute, permissionFor, roleMay } from '../../../central/src/auth/permissions.js';

test('password hashes are scrypt N=2^15 r=8 p=1 with a fresh salt; a weaker stored hash never matches', async () => {
  const a = await hashPassword('correct horse battery');
  const b = await hashPassword('correct horse battery');
  assert.match(a, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  assert.notEqual(a, b, 'salted');
  assert.equal(await verifyPassword('correct horse battery', a), true);
  assert.equal(await verifyPassword('correct horse batterY', a), false);
  const salt = Buffer.from('0123456789abcdef');
  const weak = [
    'scrypt',
    1024,
    8,
    1,
    salt.toString('base64url'),
    scryptSync('pw-0123456789', salt, 32, { N: 1024 }).toString('base64url'),
  ].join('$');
  assert.equal(await verifyPassword('pw-0123456789', weak), false, 'N below 2^15 is refused');
  assert.equal(await verifyPassword('x', 'not-a-hash'), false);
});

test('routes map to permissions exactly, or by the longest wildcard; unknown routes map to none', () => {
  assert.equal(permissionFor('POST', '/api/pms/post'), 'charges.post');
  assert.equal(permissionFor('GET', '/api/reports/revenue'), 'reports.read');
  assert.equal(permissionFor('DELETE', '/api/rules/:code'), 'rules');
  assert.equal(permissionFor('GET', '/api/night-audit'), 'night-audit');
  assert.equal(permissionFor('GET', '/api/reportsx'), undefined);
  assert.equal(permissionFor('GET', '/api/pms/post'), undefined, 'the method matters');
  assert.equal(permissionFor('GET', '/api/something-new'), undefined);
  assert.ok(isPublicRoute('POST', '/api/auth/sign-in'));
  assert.ok(!isPublicRoute('GET', '/api/auth/me'));
});

test('roles follow seed 000 plus IT and office', () => {
  assert.ok(roleMay('server', 'charges.post') && !roleMay('server', 'postings.retry'));
  assert.ok(roleMay('front_desk', 'folio.write') && !roleMay('front_desk', 'postings.void'));
  assert.ok(roleMay('manager', 'postings.retry') && roleMay('manager', 'postings.void'));
  assert.ok(!roleMay('manager', 'pms.configure') && roleMay('admin', 'pms.configure'));
  assert.ok(roleMay('it', 'devices.manage') && !roleMay('it', 'charges.post'));
  assert.ok(roleMay('office', 'fleet.read') && !roleMay('office', 'devices.manage'));
});
