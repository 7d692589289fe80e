// The behaviour every ReceiptPrinter must have. Run against SimulatedPrinter and EscPosPrinter
// (in-memory transport) by unit tests, and EscPosPrinter over TCP and a socat pty by tests/system.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { type PrintJob, type ReceiptPrinter, roomChargeReceipt } from '@roompost/drivers';
import { formatUsd, sampleReceipt } from './receipt-fixtures.js';

export interface ReceiptPrinterHarness {
  printer: ReceiptPrinter;
  /** The text of every receipt that reached paper, in order. */
  printed(): Promise<string[]>;
  setPaper(paper: 'ok' | 'out'): void;
  /** Printer switched off / unreachable (true) or back (false). */
  setOffline(offline: boolean): void | Promise<void>;
  dispose(): Promise<void>;
}

export type ReceiptPrinterHarnessFactory = () => Promise<ReceiptPrinterHarness>;

const job = (room: string): PrintJob => ({
  kind: 'room-charge',
  document: roomChargeReceipt(sampleReceipt({ roomNumber: room }), formatUsd),
});

async function harness(t: TestContext, factory: ReceiptPrinterHarnessFactory) {
  const h = await factory();
  t.after(() => h.dispose());
  return h;
}

export function runReceiptPrinterContract(name: string, factory: ReceiptPrinterHarnessFactory): void {
  describe(`ReceiptPrinter contract: ${name}`, () => {
    it('prints a job and says what it printed', async (t) => {
      const h = await harness(t, factory);
      const result = await h.printer.print(job('412'));
      assert.equal(result.kind, 'room-charge');
      assert.equal(result.reprint, false);
      const printed = await h.printed();
      assert.equal(printed.length, 1);
      assert.match(printed[0] ?? '', /CHARGED TO ROOM 412/);
      assert.match(printed[0] ?? '', /^TOTAL +USD 45\.15$/m);
    });

    it('prints jobs one at a time in call order', async (t) => {
      const h = await harness(t, factory);
      await Promise.all(['101', '102', '103'].map((room) => h.printer.print(job(room))));
      const rooms = (await h.printed()).map((text) => /CHARGED TO ROOM (\d+)/.exec(text)?.[1]);
      assert.deepEqual(rooms, ['101', '102', '103']);
    });

    it('reprints the last receipt, and rejects NOTHING_TO_REPRINT before any', async (t) => {
      const h = await harness(t, factory);
      await assert.rejects(h.printer.reprintLast(), { code: 'NOTHING_TO_REPRINT' });
      await h.printer.print(job('412'));
      const again = await h.printer.reprintLast();
      assert.equal(again.reprint, true);
      const printed = await h.printed();
      assert.equal(printed.length, 2);
      assert.match(printed[1] ?? '', /CHARGED TO ROOM 412/);
      assert.match(printed[1] ?? '', /\*\*\* COPY \*\*\*/, 'a reprint is marked COPY');
      assert.doesNotMatch(printed[0] ?? '', /COPY/, 'the original is not');
    });

    it('prints a copy (a receipt rebuilt after a restart) marked COPY once, and reprints it marked once', async (t) => {
      const h = await harness(t, factory);
      const copy = await h.printer.print({ ...job('412'), copy: true });
      assert.equal(copy.reprint, true);
      await h.printer.reprintLast();
      const printed = await h.printed();
      assert.equal(printed.length, 2);
      for (const text of printed) {
        assert.match(text, /CHARGED TO ROOM 412/);
        assert.equal(
          text.match(/\*\*\* COPY \*\*\*/g)?.length,
          2,
          'COPY at the top and the bottom, once each',
        );
      }
    });

    it('prints a test page, but reprint stays the last receipt', async (t) => {
      const h = await harness(t, factory);
      await h.printer.print(job('412'));
      const test = await h.printer.print({ kind: 'test', document: '"PRINTER TEST\nnothing was charged\n' });
      assert.equal(test.kind, 'test');
      assert.equal((await h.printer.reprintLast()).kind, 'room-charge');
      const printed = await h.printed();
      assert.equal(printed.length, 3);
      assert.match(printed[1] ?? '', /PRINTER TEST/);
      assert.match(printed[2] ?? '', /CHARGED TO ROOM 412/);
    });

    it('out of paper rejects PAPER_OUT, prints nothing, shows in status; reprint works after a refill', async (t) => {
      const h = await harness(t, factory);
      h.setPaper('out');
      await assert.rejects(h.printer.print(job('412')), { code: 'PAPER_OUT' });
      assert.equal((await h.printer.status()).paper, 'out');
      assert.deepEqual(await h.printed(), []);
      h.setPaper('ok');
      await h.printer.reprintLast();
      assert.equal((await h.printed()).length, 1);
    });

    it('an unreachable printer rejects PRINTER_OFFLINE and is not connected, then recovers', async (t) => {
      const h = await harness(t, factory);
      await h.setOffline(true);
      await assert.rejects(h.printer.print(job('412')), { code: 'PRINTER_OFFLINE' });
      assert.notEqual((await h.printer.status()).health, 'connected');
      await h.setOffline(false);
      assert.equal((await h.printer.status()).health, 'connected');
      await h.printer.print(job('413'));
      assert.equal((await h.printed()).length, 1);
    });

    it('after close, printing rejects DEVICE_CLOSED; close is idempotent', async (t) => {
      const h = await harness(t, factory);
      await h.printer.close();
      await h.printer.close();
      await assert.rejects(h.printer.print(job('412')), { code: 'DEVICE_CLOSED' });
    });
  });
}
