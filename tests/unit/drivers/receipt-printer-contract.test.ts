// Runs the ReceiptPrinter contract against every implementation that needs no outside stack.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EscPosPrinter, SimulatedPrinter } from '@roompost/drivers';
import { runReceiptPrinterContract } from './receipt-printer.contract.js';
import { recordingLogger } from './recording-logger.js';
import { decodeEscPos } from './support/escpos-decoder.js';
import { MemoryTransport } from './support/memory-transport.js';

runReceiptPrinterContract('SimulatedPrinter', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-printer-contract-'));
  const file = join(dir, 'printer.txt');
  const printer = new SimulatedPrinter({ file, logger: recordingLogger() });
  return {
    printer,
    printed: async () => {
      const text = await readFile(file, 'utf8').catch(() => '');
      return text.split(/^={42}\n.*\n/m).filter((receipt) => receipt.length > 0);
    },
    setPaper: (paper) => printer.setPaper(paper),
    setOffline: (offline) => printer.setHealth(offline ? 'error' : 'connected'),
    dispose: async () => {
      await printer.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

runReceiptPrinterContract('EscPosPrinter (in-memory transport)', async () => {
  const transport = new MemoryTransport();
  const printer = new EscPosPrinter({ transport, logger: recordingLogger(), backoff: { initialMs: 60_000 } });
  return {
    printer,
    printed: async () => transport.device.jobs.map((bytes) => decodeEscPos(bytes).text),
    setPaper: (paper) => {
      transport.device.paper = paper;
    },
    setOffline: (offline) => {
      transport.failWith = offline ? 'ECONNREFUSED' : null;
    },
    dispose: () => printer.close(),
  };
});
