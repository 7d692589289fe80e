import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { type PrintJob, renderReceiptText, roomChargeReceipt, SimulatedPrinter } from '@roompost/drivers';
import { formatUsd, sampleReceipt } from './receipt-fixtures.js';
import { recordingLogger } from './recording-logger.js';

const PRINTED_AT = new Date('2026-11-21T14:05:00Z');

async function printer(t: TestContext) {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-printer-'));
  const file = join(dir, 'receipts', 'printer.txt');
  const logger = recordingLogger();
  const device = new SimulatedPrinter({ file, logger, clock: () => PRINTED_AT });
  t.after(async () => {
    await device.close();
    await rm(dir, { recursive: true, force: true });
  });
  const printed = () =>
    readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
  return { device, file, logger, printed };
}

function roomChargeJob(overrides: Parameters<typeof sampleReceipt>[0] = {}): PrintJob {
  return { kind: 'room-charge', document: roomChargeReceipt(sampleReceipt(overrides), formatUsd) };
}

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('SimulatedPrinter', () => {
  it('writes a room-charge receipt to the file as text', async (t) => {
    const p = await printer(t);
    const result = await p.device.print(roomChargeJob());
    assert.deepEqual(result, { kind: 'room-charge', printedAt: PRINTED_AT, reprint: false });
    const text = await p.printed();
    assert.match(text, /^Room +412$/m);
    assert.match(text, /^Guest +J\. W\*\*\*\*$/m);
    assert.match(text, /^2 x Mojito +USD 24\.00$/m);
    assert.match(text, /^1 x Club sandwich +USD 12\.50$/m);
    assert.match(text, /^TOTAL +USD 45\.15$/m);
    assert.match(text, /CHARGED TO ROOM 412/);
    assert.match(text, /^room-charge 2026-11-21T14:05:00\.000Z$/m);
  });

  it('logs what it printed', async (t) => {
    const p = await printer(t);
    await p.device.print(roomChargeJob());
    const entry = p.logger.entries.find((e) => e.level === 'info');
    assert.equal(entry?.obj.kind, 'room-charge');
    assert.match(String(entry?.obj.receipt), /CHARGED TO ROOM 412/);
  });

  it('rejects with PAPER_OUT, writes nothing, and reports the paper in status', async (t) => {
    const p = await printer(t);
    p.device.setPaper('out');
    await assert.rejects(p.device.print(roomChargeJob()), { code: 'PAPER_OUT' });
    assert.equal(await p.printed(), '');
    const status = await p.device.status();
    assert.deepEqual([status.health, status.paper, status.condition], ['connected', 'out', 'paper-out']);
  });

  it('rejects with PRINTER_OFFLINE when not connected, and writes nothing', async (t) => {
    const p = await printer(t);
    p.device.setHealth('retrying');
    await assert.rejects(p.device.print(roomChargeJob()), { code: 'PRINTER_OFFLINE' });
    assert.equal(await p.printed(), '');
    assert.equal((await p.device.status()).health, 'retrying');
  });

  it('still prints with paper near its end, and warns', async (t) => {
    const p = await printer(t);
    p.device.setPaper('near-end');
    await p.device.print(roomChargeJob());
    assert.match(await p.printed(), /CHARGED TO ROOM 412/);
    assert.ok(p.logger.entries.some((e) => e.level === 'warn' && e.obj.paper === 'near-end'));
  });

  it('reprintLast prints the last job again, marked as a reprint', async (t) => {
    const p = await printer(t);
    await p.device.print(roomChargeJob({ roomNumber: '101' }));
    await p.device.print(roomChargeJob({ roomNumber: '412' }));
    const result = await p.device.reprintLast();
    assert.equal(result.reprint, true);
    const text = await p.printed();
    assert.equal(count(text, 'CHARGED TO ROOM 412'), 2);
    assert.equal(count(text, 'CHARGED TO ROOM 101'), 1);
    assert.match(text, /^room-charge \(reprint\) /m);
  });

  it('reprintLast after new paper prints the receipt that paper-out missed', async (t) => {
    const p = await printer(t);
    await p.device.print(roomChargeJob({ roomNumber: '101' }));
    p.device.setPaper('out');
    await assert.rejects(p.device.print(roomChargeJob({ roomNumber: '412' })), { code: 'PAPER_OUT' });
    p.device.setPaper('ok');
    await p.device.reprintLast();
    const text = await p.printed();
    assert.equal(count(text, 'CHARGED TO ROOM 412'), 1);
    assert.equal(count(text, 'CHARGED TO ROOM 101'), 1);
  });

  it('reprintLast before any job rejects with NOTHING_TO_REPRINT', async (t) => {
    const p = await printer(t);
    await assert.rejects(p.device.reprintLast(), { code: 'NOTHING_TO_REPRINT' });
  });

  it('prints a guest name with receiptline special characters literally', async (t) => {
    const p = await printer(t);
    await p.device.print(roomChargeJob({ guestName: 'A_B "C" ^D^ {E}|~\\' }));
    assert.match(await p.printed(), /^Guest +A_B "C" \^D\^ \{E\}\|~\\$/m);
  });

  it('prints concurrent jobs whole and in call order', async (t) => {
    const p = await printer(t);
    const rooms = ['101', '202', '303', '404'];
    await Promise.all(rooms.map((roomNumber) => p.device.print(roomChargeJob({ roomNumber }))));
    const text = await p.printed();
    const order = [...text.matchAll(/CHARGED TO ROOM (\d+)/g)].map((m) => m[1]);
    assert.deepEqual(order, rooms);
  });

  it('rejects print and reprint after close with DEVICE_CLOSED', async (t) => {
    const p = await printer(t);
    await p.device.print(roomChargeJob());
    await p.device.close();
    await assert.rejects(p.device.print(roomChargeJob()), { code: 'DEVICE_CLOSED' });
    await assert.rejects(p.device.reprintLast(), { code: 'DEVICE_CLOSED' });
  });

  it('prints the text rendered by the caller for an original, and renders a reprint itself', async (t) => {
    const p = await printer(t);
    const job = roomChargeJob();
    const rendered = renderReceiptText(job.document);
    await p.device.print({ ...job, text: rendered });
    assert.equal(await p.printed(), `${'='.repeat(42)}\nroom-charge 2026-11-21T14:05:00.000Z\n${rendered}`);
    await p.device.reprintLast();
    const both = await p.printed();
    assert.equal(count(both, '*** COPY ***'), 2);
    assert.equal(count(both, 'CHARGED TO ROOM 412'), 2);
  });

  it('ignores a rendered text of another width and renders at its own', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'roompost-printer-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'printer.txt');
    const narrow = new SimulatedPrinter({
      file,
      logger: recordingLogger(),
      cpl: 32,
      clock: () => PRINTED_AT,
    });
    t.after(() => narrow.close());
    const job = roomChargeJob();
    await narrow.print({ ...job, text: renderReceiptText(job.document) });
    assert.equal(
      await readFile(file, 'utf8'),
      `${'='.repeat(32)}\nroom-charge 2026-11-21T14:05:00.000Z\n${renderReceiptText(job.document, 32)}`,
    );
  });

  it('makes its folder again when it was removed after a print', async (t) => {
    const p = await printer(t);
    await p.device.print(roomChargeJob());
    await rm(join(p.file, '..'), { recursive: true, force: true });
    await p.device.print(roomChargeJob());
    assert.equal(count(await p.printed(), 'CHARGED TO ROOM 412'), 1);
  });
});
