// Opening the byte pipe under a FIAS link: TCP (the IFC is always the server, p.98) or an RS-232
// port through the drivers' serialport loader (`@roompost/drivers/serial`), loaded only when a serial
// link is configured so TCP-only installs and unit tests never load a native module.
import { connect } from 'node:net';
import {
  closePort,
  loadSerialPort,
  openPort,
  type SerialPortFactory,
  writeAll,
} from '@roompost/drivers/serial';
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

export interface SerialDeps {
  logger: Logger;
  /** How the port is made (tests pass binding-mock's SerialPortMock); serialport by default. */
  loadPort?: () => Promise<SerialPortFactory>;
}

/**
 * Opens the RS-232 port through the drivers' serialport loader. Rejects with the OS error when the
 * port cannot be opened (the link logs it and tries again). A port error after that is logged and
 * closes the port, so the link sees the close, reconnects and says why.
 */
export async function openSerial(ep: SerialEndpoint, deps: SerialDeps): Promise<ByteStream> {
  const factory = await (deps.loadPort ?? loadSerialPort)();
  const port = factory({
    path: ep.path,
    baudRate: ep.baudRate,
    dataBits: ep.dataBits,
    parity: ep.parity,
    stopBits: ep.stopBits,
    autoOpen: false,
  });
  await openPort(port);
  port.on('error', (err) => {
    deps.logger.warn({ err, path: ep.path }, 'fias: serial port error; closing the link to reconnect');
    void closePort(port);
  });
  return {
    write: (bytes) => writeAll(port, bytes),
    onData: (cb) => void port.on('data', cb),
    onClose: (cb) => void port.on('close', () => cb()),
    destroy: () => void closePort(port),
  };
}

export function serialChannelFactory(
  ep: SerialEndpoint,
  encoding: FiasEncoding,
  logger: Logger,
): ChannelFactory {
  return async () =>
    serialChannel(await openSerial(ep, { logger }), { ackTimeoutMs: ep.ackTimeoutMs, encoding, logger });
}
