// EscPosPrinter on real transports: a TCP listener standing in for a port-9100 network printer,
// and a socat pty pair standing in for a serial printer cable. The bytes that arrive are decoded
// back by the tests' own ESC/POS decoder.
import assert from 'node:assert/strict';
import { EventEmitter, once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  EscPosPrinter,
  type PrinterTransport,
  roomChargeReceipt,
  SerialTransport,
  TcpTransport,
} from '@roompost/drivers';
import { qrcode } from 'receiptline';
import { SerialPort } from 'serialport';
import { formatUsd, sampleReceipt } from '../unit/drivers/receipt-fixtures.js';
import { runReceiptPrinterContract } from '../unit/drivers/receipt-printer.contract.js';
import { recordingLogger } from '../unit/drivers/recording-logger.js';
import { decodeEscPos, rasterModules } from '../unit/drivers/support/escpos-decoder.js';
import { FakeEscPosDevice } from '../unit/drivers/support/fake-escpos-device.js';
import { pngBase64, signatureStroke } from '../unit/drivers/support/tiny-png.js';
import { FakeNetworkPrinter } from './support/fake-network-printer.js';
import { socatUnavailable, startPtyPair } from './support/socat-pty.js';

const QR_URL = 'https://hotel.example/r/8f3a';

async function networkPrinter() {
  const fake = new FakeNetworkPrinter();
  await fake.start();
  const transport = new TcpTransport({ host: '127.0.0.1', port: fake.port, timeoutMs: 2000 });
  const printer = new EscPosPrinter({ transport, logger: recordingLogger(), backoff: { initialMs: 60_000 } });
  return { fake, printer };
}

runReceiptPrinterContract('EscPosPrinter over TCP (fake port-9100 printer)', async () => {
  const { fake, printer } = await networkPrinter();
  return {
    printer,
    printed: async () => fake.device.jobs.map((bytes) => decodeEscPos(bytes).text),
    setPaper: (paper) => {
      fake.device.paper = paper;
    },
    setOffline: (offline) => (offline ? fake.stop() : fake.start()),
    dispose: async () => {
      await printer.close();
      await fake.stop();
    },
  };
});

/** Counts the bytes that left our end of the cable: every job sent and every status request answered. */
class CountingTransport implements PrinterTransport {
  written = 0;
  readonly #inner: SerialTransport;
  constructor(inner: SerialTransport) {
    this.#inner = inner;
  }
  get target() {
    return this.#inner.target;
  }
  async send(bytes: Buffer): Promise<void> {
    await this.#inner.send(bytes);
    this.written += bytes.length;
  }
  async query(request: Buffer, length: number, timeoutMs: number): Promise<Buffer> {
    const answer = await this.#inner.query(request, length, timeoutMs);
    this.written += request.length;
    return answer;
  }
  close(): Promise<void> {
    return this.#inner.close();
  }
}

/** The printer end of the cable: a SerialPort on the pty's device side feeding a FakeEscPosDevice. */
async function serialPrinterEnd(path: string, device: FakeEscPosDevice, arrivals: EventEmitter) {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  port.on('data', (chunk: Buffer) => {
    const answer = device.receive(chunk);
    if (answer.length > 0) port.write(answer);
    arrivals.emit('data');
  });
  port.on('error', () => {});
  return async () => {
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  };
}

describe('EscPosPrinter over a serial line (socat pty pair)', { skip: socatUnavailable() ?? false }, () => {
  runReceiptPrinterContract('EscPosPrinter over serial (socat pty)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roompost-serial-printer-'));
    const device = new FakeEscPosDevice();
    const arrivals = new EventEmitter();
    let pty = await startPtyPair(dir);
    let closeEnd = await serialPrinterEnd(pty.b, device, arrivals);
    const transport = new CountingTransport(new SerialTransport({ path: pty.a }));
    const printer = new EscPosPrinter({
      transport,
      logger: recordingLogger(),
      backoff: { initialMs: 60_000 },
    });
    return {
      printer,
      // A serial printer sees one byte stream; every receiptline job starts with ESC @.
      printed: async () => {
        // print() resolves once the bytes left our end of the cable; wait until the far end read them all.
        while (device.received < transport.written) {
          await once(arrivals, 'data', { signal: AbortSignal.timeout(10_000) });
        }
        device.endJob();
        const stream = Buffer.concat(device.jobs);
        const starts = [...stream.entries()].filter(([i, b]) => b === 0x1b && stream[i + 1] === 0x40);
        return starts.map(([start], n) => decodeEscPos(stream.subarray(start, starts[n + 1]?.[0])).text);
      },
      setPaper: (paper) => {
        device.paper = paper;
      },
      setOffline: async (offline) => {
        if (offline) {
          await closeEnd();
          await pty.stop();
        } else {
          pty = await startPtyPair(dir);
          closeEnd = await serialPrinterEnd(pty.b, device, arrivals);
        }
      },
      dispose: async () => {
        await printer.close();
        await closeEnd();
        await pty.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  });
});

describe('EscPosPrinter over TCP, beyond the contract', () => {
  it('a full receipt with a QR code arrives intact: text, right-aligned total, one cut, QR modules', async (t) => {
    const { fake, printer } = await networkPrinter();
    t.after(async () => {
      await printer.close();
      await fake.stop();
    });
    const document = `${roomChargeReceipt(sampleReceipt({ signature: 'line' }), formatUsd)}{code:${QR_URL}; option:qrcode,4,l}\n`;
    const started = performance.now();
    await printer.print({ kind: 'room-charge', document });
    t.diagnostic(
      `status query + ${fake.device.jobs[0]?.length} bytes over TCP in ${(performance.now() - started).toFixed(1)} ms`,
    );
    const receipt = decodeEscPos(fake.device.jobs[0] ?? Buffer.alloc(0));
    assert.deepEqual(receipt.unknown, []);
    assert.equal(receipt.cuts, 1);
    assert.match(receipt.text, /Guest signature/);
    const total = receipt.lines.find((l) => /^T ?O ?T ?A ?L/.test(l.text));
    assert.equal(total?.text.length, 42);
    assert.equal(total?.bold, true);
    assert.ok(receipt.images[0]);
    assert.deepEqual(
      rasterModules(receipt.images[0], 4),
      qrcode.generate({ type: 'qrcode', data: QR_URL, level: 'l', cell: 4 }).map((row) => [...row]),
    );
  });

  it('a signed receipt arrives with the signature as one raster image block of the PNG size and strokes', async (t) => {
    const { fake, printer } = await networkPrinter();
    t.after(async () => {
      await printer.close();
      await fake.stop();
    });
    const ink = signatureStroke(240, 80);
    const document = roomChargeReceipt(sampleReceipt({ signaturePng: pngBase64(240, 80, ink) }), formatUsd);
    await printer.print({ kind: 'room-charge', document });
    const receipt = decodeEscPos(fake.device.jobs[0] ?? Buffer.alloc(0));
    assert.deepEqual(receipt.unknown, []);
    assert.equal(receipt.images.length, 1);
    const image = receipt.images[0]!;
    assert.deepEqual([image.width, image.height], [240, 80]);
    let differing = 0;
    for (let y = 0; y < 80; y++)
      for (let x = 0; x < 240; x++) if (image.dots[y]![x] !== ink(x, y)) differing++;
    // receiptline dithers images (error diffusion, for photos), so a few dots along the edges of a
    // stroke may flip; a misplaced or garbled raster would differ in thousands.
    assert.ok(differing < 240 * 80 * 0.01, `${differing} of ${240 * 80} dots differ from the drawing`);
    assert.match(receipt.text, /Guest signature/);
    assert.match(receipt.text, /CHARGED TO ROOM 412/);
    assert.equal(receipt.cuts, 1);
  });

  it('a printer that drops packets fails the job not-responding in one status timeout', async (t) => {
    const fake = new FakeNetworkPrinter();
    await fake.start();
    fake.silent = true;
    const transport = new TcpTransport({ host: '127.0.0.1', port: fake.port, timeoutMs: 5000 });
    const printer = new EscPosPrinter({
      transport,
      logger: recordingLogger(),
      statusTimeoutMs: 400,
      backoff: { initialMs: 60_000 },
    });
    t.after(async () => {
      await printer.close();
      await fake.stop();
    });
    const started = Date.now();
    await assert.rejects(printer.print({ kind: 'room-charge', document: 'Room 412\n' }), {
      code: 'PRINTER_OFFLINE',
      context: { target: transport.target, condition: 'not-responding' },
    });
    const took = Date.now() - started;
    assert.ok(took < 5000, `failed in ${took} ms: the status deadline, not the 5 s connect/idle timeout`);
    const status = printer.lastStatus();
    assert.equal(status.health, 'retrying');
    assert.equal(status.condition, 'not-responding');
  });

  it("cover open and paper out are told apart over TCP from the printer's own DLE EOT answers", async (t) => {
    const { fake, printer } = await networkPrinter();
    t.after(async () => {
      await printer.close();
      await fake.stop();
    });
    fake.device.coverOpen = true;
    assert.equal((await printer.status()).condition, 'cover-open');
    await assert.rejects(printer.print({ kind: 'room-charge', document: 'x\n' }), { code: 'COVER_OPEN' });
    fake.device.coverOpen = false;
    fake.device.paper = 'out';
    assert.equal((await printer.status()).condition, 'paper-out');
    fake.device.paper = 'ok';
    const ready = await printer.status();
    assert.deepEqual([ready.health, ready.condition, ready.reason], ['connected', 'ready', undefined]);
  });

  it('a printer that resets the connection mid-job fails the job with PRINT_FAILED and a reason', async (t) => {
    const { fake, printer } = await networkPrinter();
    t.after(async () => {
      await printer.close();
      await fake.stop();
    });
    fake.dropAfter = 64;
    const big = roomChargeReceipt(
      sampleReceipt({
        items: Array.from({ length: 400 }, (_, i) => ({ name: `Item ${i}`, quantity: 1, amountMinor: 100 })),
      }),
      formatUsd,
    );
    await assert.rejects(printer.print({ kind: 'room-charge', document: big }), { code: 'PRINT_FAILED' });
    const status = printer.lastStatus();
    assert.equal(status.health, 'retrying');
    assert.ok(status.reason);
  });
});
