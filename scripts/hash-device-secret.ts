// `npm run hash-device-secret`: reads a device's MQTT secret from stdin (never from the command
// line) and prints the scrypt hash for central config's `devices[].secretHash`, so central.json holds
// no device secret (the device's own edge.json keeps the secret it presents).
//   npm run -s hash-device-secret < pool-kiosk-1.secret
import { createInterface } from 'node:readline/promises';
import { hashSecret } from '../central/src/devices/secret-hash.js';

const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
if (process.stdin.isTTY) process.stderr.write('Device secret (at least 16 characters): ');
const secret = ((await rl[Symbol.asyncIterator]().next()).value ?? '').trimEnd();
rl.close();
if (secret.length < 16 || secret.length > 200) {
  console.error('a device secret is 16 to 200 characters');
  process.exitCode = 1;
} else {
  console.log(await hashSecret(secret));
}
