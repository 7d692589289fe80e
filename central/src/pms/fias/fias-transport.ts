// Opening the byte pipe under a FIAS link: TCP (the IFC is always the server, p.98) or an RS-232
// port through `serialport`, loaded only when a serial link is configured so TCP-only installs and
// unit tests never load a native module.
import { connect } from 'node:net';
import type { Logger } from '@roompost/sync';
import { type ByteStream, type FrameChannel, plainChannel, socketStream } from './fias-channel.js';
import type { FiasEncoding } from './fias-codec.js';
import { serialChannel } from './fias-serial-channel.js';

export type ChannelFactory = () => Promise<FrameChannel>;

export interface TcpEndpoint {
  host: string;
  port: number;
  lrc: boolean;
  connectTimeoutMs: number;
}

export interface SerialEndpoint {
  path: string;
  baudRate: number;
  dataBits: 7 | 8;
  parity: 'none' | 'even' | 'odd';
  stopBits: 1 | 2;
  ackTimeoutMs: number;
}

export function connectTcp(ep: Pick<TcpEndpoint, 'host' | 'port' | 'connectTimeoutMs'>): Promise<ByteStream> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: ep.host, port: ep.port, noDelay: true });
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connect to ${ep.host}:${ep.port} timed out`));
    }, ep.connectTimeoutMs);
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socketStream(socket));
    });
  });
}

export function tcpChannelFactory(ep: TcpEndpoint, encoding: FiasEncoding, logger: Logger): ChannelFactory {
  return async () => plainChannel(await connectTcp(ep), { lrc: ep.lrc, encoding, logger });
}

/** The subset of serialport's SerialPort we use (typed structurally, see CONVENTIONS). */
interface SerialPortLike {
  open(cb: (err: Error | null) => void): void;
  write(data: Buffer, cb: (err: Error | null | undefined) => void): void;
  on(event: 'data', cb: (chunk: Buffer) => void): void;
  on(event: 'close' | 'error', cb: (err?: Error) => void): void;
  close(cb?: (err: Error | null) => void): void;
  readonly isOpen: boolean;
}

export async function openSerial(ep: SerialEndpoint): Promise<ByteStream> {
  const { SerialPort } = (await import('serialport')) as unknown as {
    SerialPort: new (opts: Record<string, unknown>) => SerialPortLike;
  };
  const port = new SerialPort({
    path: ep.path,
    baudRate: ep.baudRate,
    dataBits: ep.dataBits,
    parity: ep.parity,
    stopBits: ep.stopBits,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  port.on('error', () => {});
  return {
    write: (bytes) =>
      new Promise((resolve, reject) => port.write(bytes, (err) => (err ? reject(err) : resolve()))),
    onData: (cb) => port.on('data', cb),
    onClose: (cb) => port.on('close', () => cb()),
    destroy: () => {
      if (port.isOpen) port.close(() => {});
    },
  };
}

export function serialChannelFactory(
  ep: SerialEndpoint,
  encoding: FiasEncoding,
  logger: Logger,
): ChannelFactory {
  return async () => serialChannel(await openSerial(ep), { ackTimeoutMs: ep.ackTimeoutMs, encoding, logger });
}
