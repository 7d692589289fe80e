import { resolve } from 'node:path';
import {
  type CardReader,
  DeviceFileTransport,
  EscPosPrinter,
  type Logger,
  PcscCardReader,
  type PrinterTransport,
  type ReceiptPrinter,
  SerialTransport,
  SimulatedCardReader,
  SimulatedPrinter,
  TcpTransport,
} from '@roompost/drivers';
import type { EdgeConfig } from '../config/edge-config.js';

type DevicesConfig = EdgeConfig['devices'];

export interface ReaderHandle {
  reader: CardReader;
  /** Set when the reader is simulated: the dev panel's "tap" drives it. */
  simulated: SimulatedCardReader | null;
}

/** Builds the card reader the config names. Nothing native loads until `start()`. */
export function openReader(config: DevicesConfig['reader'], logger: Logger, now: () => Date): ReaderHandle {
  if (config.kind === 'simulated') {
    const simulated = new SimulatedCardReader({ logger, clock: now });
    return { reader: simulated, simulated };
  }
  const reader = new PcscCardReader({
    logger,
    clock: now,
    debounceMs: config.debounceMs,
    ...(config.readerName ? { readerName: config.readerName } : {}),
    ...(config.dataBlock ? { dataBlock: config.dataBlock } : {}),
  });
  return { reader, simulated: null };
}

export interface PrinterHandle {
  printer: ReceiptPrinter;
  /** Seconds between status polls; null when the printer's status never changes by itself. */
  pollSeconds: number | null;
}

/** Builds the receipt printer the config names. Transports open on the first job or status query. */
export function openPrinter(
  config: DevicesConfig['printer'],
  dataDir: string,
  logger: Logger,
  now: () => Date,
): PrinterHandle {
  if (config.kind === 'simulated') {
    return {
      printer: new SimulatedPrinter({ file: resolve(dataDir, config.file), logger, clock: now }),
      pollSeconds: null,
    };
  }
  const printer = new EscPosPrinter({
    transport: transportFor(config.transport),
    logger,
    clock: now,
    cpl: config.cpl,
    command: config.command,
    encoding: config.encoding,
    statusTimeoutMs: config.statusTimeoutMs,
    statusQuery: config.status === 'dle-eot',
    // While it cannot print it is asked again by itself, so a refill or a closed cover shows
    // within seconds without waiting for the next poll.
    backoff: { initialMs: 1000, maxMs: 10_000 },
  });
  return { printer, pollSeconds: config.statusPollSeconds };
}

function transportFor(
  config: Extract<DevicesConfig['printer'], { kind: 'escpos' }>['transport'],
): PrinterTransport {
  switch (config.type) {
    case 'tcp':
      return new TcpTransport({ host: config.host, port: config.port });
    case 'serial':
      return new SerialTransport({ path: config.path, baudRate: config.baudRate });
    case 'device':
      return new DeviceFileTransport(config.path);
  }
}
