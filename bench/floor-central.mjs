// The floor under central's ingest: the least a central can do for a charge and still give the
// guarantees ours gives, in its own process with central's node flags. An aedes broker (no-delay
// sockets, no authentication, routing without a cap as central's embedded broker does) hands each
// device charge to an in-process subscription; the charges of one event-loop turn are parsed, stored
// with one folio line each in ONE transaction (WAL, synchronous=FULL, so the commit waits for the
// fsync as central's does, but here on the event loop), and only then answered "posted" with a QoS 1
// message on the device's status topic. No validation beyond JSON.parse, no room or stay lookup, no
// pricing, tax or credit check, no attempt log, no idempotency beyond the primary key, no PMS: what is
// left is the broker, the JSON, SQLite's durable write and the answer, which central cannot skip.
// Prints `listening on <port>` once it listens; SIGTERM stops it. Used by central-ingest.bench.ts.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Aedes } from 'aedes';
import Database from 'better-sqlite3';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node floor-central.mjs <data directory>');
mkdirSync(dir, { recursive: true });
const db = new Database(join(dir, `floor-${process.pid}.sqlite`));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`
  CREATE TABLE IF NOT EXISTS charges (
    charge_id TEXT PRIMARY KEY, device TEXT NOT NULL, room TEXT NOT NULL, total_minor INTEGER NOT NULL,
    payload TEXT NOT NULL, status TEXT NOT NULL, received_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS folio_lines (
    id INTEGER PRIMARY KEY, charge_id TEXT NOT NULL UNIQUE, room TEXT NOT NULL,
    amount_minor INTEGER NOT NULL, tax_minor INTEGER NOT NULL, posted_at TEXT NOT NULL);`);
const insertCharge = db.prepare(`INSERT OR IGNORE INTO charges VALUES (?, ?, ?, ?, ?, 'posted', ?)`);
const insertLine = db.prepare(
  `INSERT OR IGNORE INTO folio_lines (charge_id, room, amount_minor, tax_minor, posted_at) VALUES (?, ?, ?, ?, ?)`,
);
const store = db.transaction((batch, at) => {
  for (const { device, charge, text } of batch) {
    insertCharge.run(charge.chargeId, device, charge.roomNumber, charge.totalMinor, text, at);
    insertLine.run(charge.chargeId, charge.roomNumber, charge.subtotalMinor, charge.taxMinor, at);
  }
});

const broker = await Aedes.createBroker({ concurrency: 0 });
let pending = [];
function flush() {
  const batch = pending;
  pending = [];
  const at = new Date().toISOString();
  store(batch, at);
  for (const { device, property, charge } of batch) {
    const status = {
      v: 1,
      chargeId: charge.chargeId,
      status: 'posted',
      pmsTransactionId: null,
      folioBalanceMinor: null,
      error: null,
      at,
      attempts: 1,
    };
    broker.publish(
      {
        cmd: 'publish',
        topic: `roompost/v1/${property}/${device}/charge-status`,
        payload: Buffer.from(JSON.stringify(status)),
        qos: 1,
        retain: false,
        dup: false,
      },
      () => {},
    );
  }
}
broker.subscribe(
  'roompost/v1/+/+/charge',
  (packet, done) => {
    const [, , property, device] = packet.topic.split('/');
    const text = packet.payload.toString();
    const charge = JSON.parse(text);
    if (pending.length === 0) setImmediate(flush);
    pending.push({ property, device, charge, text });
    setImmediate(done);
  },
  () => {},
);
const server = createServer({ noDelay: true }, broker.handle);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on ${server.address().port}\n`);
});
process.once('SIGTERM', () => {
  broker.close(() => server.close(() => process.exit(0)));
});
