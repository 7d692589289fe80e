// `npm run hash-password`: reads a password from stdin (never from the command line, where it would
// land in shell history and `ps`) and prints the scrypt hash for central config's
// `auth.bootstrapAdmin.passwordHash` (the first admin; later users come from `roompost-provision create-user`).
//   npm run -s hash-password < admin-password.txt
import { createInterface } from 'node:readline/promises';
import { hashPassword } from '../central/src/auth/password-hash.js';
import { MIN_PASSWORD_LENGTH } from '../central/src/auth/user-service.js';

const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
if (process.stdin.isTTY) process.stderr.write(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `);
const password = ((await rl[Symbol.asyncIterator]().next()).value ?? '').trimEnd();
rl.close();
if (password.length < MIN_PASSWORD_LENGTH || password.length > 200) {
  console.error(`a password is ${MIN_PASSWORD_LENGTH} to 200 characters`);
  process.exitCode = 1;
} else {
  console.log(await hashPassword(password));
}
