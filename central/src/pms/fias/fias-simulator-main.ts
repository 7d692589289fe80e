// Runs the FIAS PMS simulator on its own, so central (pms.kind "fias") can be pointed at it:
//   npx tsx central/src/pms/fias/fias-simulator-main.ts [port] [--lrc]
// Seed 000's guests are in house; type `le`, `ls`, `ns`, `ne`, `down`, `up` or `postings` on stdin.
import { createInterface } from 'node:readline';
import { systemClock } from '../../clock.js';
import { FiasSimulator } from './fias-simulator-server.js';

const port = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5010);
const log = (level: string) => (obj: object, msg?: string) =>
  console.log(level, msg ?? '', JSON.stringify(obj));
const logger = { debug() {}, info: log('info'), warn: log('warn'), error: log('error') };
const sim = new FiasSimulator({ clock: systemClock, logger, lrc: process.argv.includes('--lrc') });
sim.seedGuest({
  roomNumber: '412',
  firstName: 'James',
  lastName: 'Wilson',
  creditLimitMinor: 50_000,
  balanceMinor: 24_500,
});
sim.seedGuest({ roomNumber: '218', firstName: 'Sarah', lastName: 'Chen', creditLimitMinor: null });
sim.seedGuest({ roomNumber: '315', firstName: 'Mike', lastName: 'Johnson', creditLimitMinor: 20_000 });
sim.seedGuest({
  roomNumber: '407',
  firstName: 'Robert',
  lastName: 'Garcia',
  creditLimitMinor: null,
  noPost: true,
});
sim.seedGuest({
  roomNumber: '305',
  firstName: 'Emily',
  lastName: 'Davis',
  creditLimitMinor: null,
  status: 'checked_out',
});

const bound = await sim.listen(port);
console.log(`FIAS simulator listening on 127.0.0.1:${bound}`);

const commands: Record<string, () => unknown> = {
  le: () => sim.linkEnd(),
  ls: () => sim.linkStart(),
  ns: () => sim.startNightAudit(),
  ne: () => sim.endNightAudit(),
  down: () => sim.setDown(true),
  up: () => sim.setDown(false),
  postings: () => console.table(sim.state.postings),
};
const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => void commands[line.trim()]?.());
const stop = () => {
  rl.close();
  void sim.close();
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
