// `npm run hash-pin`: reads a staff PIN from stdin (never from the command line, where it would land
// in shell history and `ps`) and prints the hash for the edge config's `staff[].pinHash`.
//   echo 1234 | npm run -s hash-pin
import { createInterface } from 'node:readline/promises';
import { hashPin } from '@roompost/edge';

const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
if (process.stdin.isTTY) process.stderr.write('Staff PIN (4–8 digits): ');
const pin = ((await rl[Symbol.asyncIterator]().next()).value ?? '').trim();
rl.close();
if (!/^\d{4,8}$/.test(pin)) {
  console.error('a PIN is 4 to 8 digits');
  process.exitCode = 1;
} else {
  console.log(await hashPin(pin));
}
