// The PMS of the chaos run, in its own process (central reaches it through a TcpProxy): the REST
// simulator (a StayNTouch-style API that honours our reference as an idempotency key), seeded with
// in-house guests without credit limits. Prints one JSON line `{ pms, control }` when ready;
// `GET {control}/postings` answers every booked charge `{ room, reference, totalMinor }`.
import http from 'node:http';
import { startSimulatedPms } from '../../central/src/pms/simulated-pms.js';
import { recordingLogger } from '../support/recording-logger.js';

const rooms = Number(process.argv[2] ?? 20);
const sim = await startSimulatedPms('rest', { currency: 'USD', logger: recordingLogger() });
const roomNumbers = Array.from({ length: rooms }, (_, i) => String(101 + i));
for (const room of roomNumbers) {
  sim.seedGuest({ roomNumber: room, firstName: 'Chaos', lastName: `Guest${room}`, creditLimitMinor: null });
}
const control = http.createServer((_req, res) => {
  const postings = roomNumbers.flatMap((room) => sim.postingsFor(room).map((p) => ({ room, ...p })));
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ postings }));
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', () => resolve()));
const address = control.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`${JSON.stringify({ pms: sim.config, control: `http://127.0.0.1:${port}` })}\n`);
process.on('SIGTERM', () => {
  control.close();
  void sim.close().then(() => process.exit(0));
});
