import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import {
  DeviceFileTransport,
  EscPosPrinter,
  type EscPosPrinterOptions,
  type PrinterStatus,
  type PrintJob,
  parseStatus,
  roomChargeReceipt,
} from '@roompost/drivers';
import { qrcode } from 'receiptline';
import { formatUsd, sampleReceipt } from './receipt-fixtures.js';
import { recordingLogger } from './recording-logger.js';
import { decodeEscPos, rasterModules } from './support/escpos-decoder.js';
import { MemoryTransport } from './support/memory-transport.js';

const QR_URL = 'https://hotel.example/r/8f3a';
const job = (overrides: Parameters<typeof sampleReceipt>[0] = {}, extra = ''): PrintJob => ({
  kind: 'room-charge',
  document: roomChargeReceipt(sampleReceipt(overrides), formatUsd) + extra,
});

function escpos(t: TestContext, options: Partial<EscPosPrinterOptions> = {}) {
  const transport = new MemoryTransport();
  const logger = recordingLogger();
  const printer = new EscPosPrinter({ transport, logger, backoff: { initialMs: 20, maxMs: 40 }, ...options });
  t.after(() => printer.close());
  return { transport, logger, printer, decoded: () => transport.device.jobs.map((b) => decodeEscPos(b)) };
}

describe('EscPosPrinter', () => {
  it('prints a receipt that decodes back to its text, alignment, styles, one cut and the QR payload', async (t) => {
    const p = escpos(t);
    await p.printer.print(
      job({ footer: 'Merci — 5 € tip included' }, `{code:${QR_URL}; option:qrcode,4,l}\n`),
    );
    const [receipt] = p.decoded();
    assert.ok(receipt);
    assert.deepEqual(receipt.unknown, []);
    assert.equal(receipt.cuts, 1);
    // Text in CP858 (which has €); receiptline draws rules from page 1.
    assert.deepEqual(receipt.codePages, [19, 1]);
    const title = receipt.lines.find((l) => l.text.includes('Harbour'));
    assert.equal(title?.bold, true);
    const total = receipt.lines.find((l) => /^T ?O ?T ?A ?L/.test(l.text));
    assert.ok(total, receipt.text);
    assert.equal(total.text.length, 42, 'the amount ends at the right margin');
    assert.match(receipt.text, /^Room +412$/m);
    assert.match(receipt.text, /Merci .* 5 € tip included/);
    const [image] = receipt.images;
    assert.ok(image, 'receiptline prints the QR as a raster image');
    assert.deepEqual(
      rasterModules(image, 4),
      qrcode.generate({ type: 'qrcode', data: QR_URL, level: 'l', cell: 4 }).map((r) => [...r]),
    );
  });

  it('prints ₹ as "Rs." (no ESC/POS code page has it) and € from CP858', async (t) => {
    const p = escpos(t);
    await p.printer.print({ kind: 'summary', document: 'Total | ₹ 1,250.00\nTip | € 5.00\n' });
    const bytes = p.transport.device.jobs[0]!;
    assert.ok(bytes.includes(0xd5), '€ is byte 0xD5 in CP858');
    assert.match(decodeEscPos(bytes).text, /Total +Rs\. 1,250\.00/);
  });

  it('a printer lost mid-job rejects PRINT_FAILED, is retrying with a reason, and comes back by itself', async (t) => {
    const p = escpos(t);
    p.transport.cutAfter = 100;
    await assert.rejects(p.printer.print(job()), { code: 'PRINT_FAILED' });
    const lost = p.printer.lastStatus();
    assert.equal(lost.health, 'retrying');
    assert.match(lost.reason ?? '', /connection reset/);
    p.transport.cutAfter = null;
    const sendsBefore = p.transport.sends;
    await statusReached(p.printer, (s) => s.health === 'connected');
    assert.equal(p.printer.lastStatus().health, 'connected');
    assert.equal(p.transport.sends, sendsBefore, 'the back-off probe asks status; it does not print');
  });

  it('a device path that does not exist is error (needs a person), not retrying', async (t) => {
    const p = escpos(t);
    p.transport.failWith = 'ENOENT';
    await assert.rejects(p.printer.print(job()), { code: 'PRINTER_OFFLINE' });
    const status = await p.printer.status();
    assert.equal(status.health, 'error');
    assert.match(status.reason ?? '', /ENOENT/);
  });

  it('prints when the status answer is garbage, with paper unknown and a logged reason', async (t) => {
    const p = escpos(t);
    p.transport.device.garbage = Buffer.from('OK');
    await p.printer.print(job());
    assert.equal(p.transport.device.jobs.length, 1);
    assert.equal((await p.printer.status()).paper, 'unknown');
    assert.ok(p.logger.entries.some((e) => e.level === 'warn' && e.obj.answer === '4f4b4f4b'));
  });

  it('paper-out, cover-open, offline and a cutter jam each fail with their own code and condition; near-end prints', async (t) => {
    const p = escpos(t, { backoff: { initialMs: 60_000 } });
    const d = p.transport.device;
    d.paper = 'out';
    await assert.rejects(p.printer.print(job()), {
      code: 'PAPER_OUT',
      context: { target: 'memory:printer', condition: 'paper-out' },
    });
    assert.equal(p.printer.lastStatus().condition, 'paper-out');
    assert.equal(p.printer.lastStatus().health, 'error');
    d.paper = 'ok';
    d.coverOpen = true;
    await assert.rejects(p.printer.print(job()), { code: 'COVER_OPEN' });
    assert.equal(p.printer.lastStatus().condition, 'cover-open');
    d.coverOpen = false;
    d.online = false;
    await assert.rejects(p.printer.print(job()), (err: { code: string; context: { condition: string } }) => {
      assert.equal(err.code, 'PRINTER_OFFLINE');
      assert.equal(err.context.condition, 'offline');
      return true;
    });
    d.online = true;
    d.cutterJam = true;
    await assert.rejects(p.printer.print(job()), (err: { code: string; context: { condition: string } }) => {
      assert.equal(err.code, 'PRINTER_OFFLINE');
      assert.equal(err.context.condition, 'printer-error');
      return true;
    });
    d.cutterJam = false;
    assert.equal(d.jobs.length, 0, 'nothing was sent while the printer could not print');
    d.paper = 'near-end';
    await p.printer.print(job());
    const status = await p.printer.status();
    assert.equal(status.health, 'connected');
    assert.equal(status.condition, 'ready');
    assert.equal(status.paper, 'near-end');
    assert.ok(status.checkedAt instanceof Date);
  });

  it('tells onStatus listeners of every change as it happens, and a refill clears by itself', async (t) => {
    const p = escpos(t, { backoff: { initialMs: 20, maxMs: 20 } });
    const seen: string[] = [];
    p.printer.onStatus((s) => seen.push(s.condition));
    p.transport.device.paper = 'out';
    await assert.rejects(p.printer.print(job()), { code: 'PAPER_OUT' });
    p.transport.device.paper = 'ok';
    // No poll, no job: the printer asks again by itself while it cannot print.
    await statusReached(p.printer, (s) => s.condition === 'ready');
    assert.deepEqual(seen, ['paper-out', 'ready']);
  });
});

/** Resolves at the printer's first status that `done` accepts (now, or when it reports one). */
function statusReached(
  printer: { lastStatus(): PrinterStatus; onStatus(listener: (s: PrinterStatus) => void): () => void },
  done: (s: PrinterStatus) => boolean,
): Promise<void> {
  if (done(printer.lastStatus())) return Promise.resolve();
  return new Promise((resolve) => {
    const off = printer.onStatus((s) => {
      if (!done(s)) return;
      off();
      resolve();
    });
  });
}

describe('parseStatus (DLE EOT)', () => {
  it('decodes the four answers to DLE EOT 1–4 into a condition, and refuses bytes without the fixed bits', () => {
    const cond = (...bytes: number[]) => parseStatus(Buffer.from(bytes))?.condition;
    assert.equal(cond(0x12, 0x12, 0x12, 0x12), 'ready');
    assert.deepEqual(parseStatus(Buffer.from([0x12, 0x12, 0x12, 0x1e]))?.paper, 'near-end');
    // Out of paper as an Epson TM answers it: off-line, stopped at paper end, both sensors set.
    assert.equal(cond(0x1a, 0x32, 0x12, 0x7e), 'paper-out');
    // Cover opened to change the roll: cover first, even with the paper sensor tripped.
    assert.equal(cond(0x1a, 0x36, 0x12, 0x7e), 'cover-open');
    assert.equal(cond(0x1a, 0x52, 0x1a, 0x12), 'printer-error');
    assert.equal(cond(0x1a, 0x12, 0x12, 0x12), 'offline');
    assert.equal(parseStatus(Buffer.from([0xff, 0x12, 0x12, 0x12])), null);
    assert.equal(parseStatus(Buffer.from([0x12, 0x12])), null);
  });
});

describe('DeviceFileTransport (USB printer class)', () => {
  it('writes the job to an existing device file, and a missing path makes the printer error', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'roompost-lp-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const device = join(dir, 'lp0');
    await writeFile(device, '');
    const printer = new EscPosPrinter({
      transport: new DeviceFileTransport(device),
      logger: recordingLogger(),
    });
    t.after(() => printer.close());
    await printer.print(job());
    assert.match(decodeEscPos(await readFile(device)).text, /CHARGED TO ROOM 412/);
    const usb = await printer.status();
    assert.equal(usb.health, 'connected');
    assert.equal(usb.paper, 'unknown');
    assert.equal(usb.condition, 'unknown', 'usblp cannot read status: the condition is not claimed');

    const missing = new EscPosPrinter({
      transport: new DeviceFileTransport(join(dir, 'lp9')),
      logger: recordingLogger(),
      backoff: { initialMs: 60_000 },
    });
    t.after(() => missing.close());
    await assert.rejects(missing.print(job()), { code: 'PRINTER_OFFLINE' });
    assert.equal((await missing.status()).health, 'error');
  });
});
