// The transport seam: the client and the simulator speak records over a FrameChannel and do not
// care whether bytes travel over TCP (plain STX/ETX framing, LRC optional) or RS-232 (LRC plus
// ACK/NAK/ENQ, see fias-serial-channel.ts).
import type { Socket } from 'node:net';
import type { Logger } from '@roompost/sync';
import { describe, encodeFrame, type FiasEncoding, type FiasRecord, parseRecord } from './fias-codec.js';
import { type DecodedEvent, FrameDecoder } from './fias-frame-decoder.js';

/** A duplex byte pipe: a TCP socket or a serial port, typed by the few things we use. */
export interface ByteStream {
  write(bytes: Buffer): Promise<void>;
  onData(cb: (chunk: Buffer) => void): void;
  onClose(cb: () => void): void;
  destroy(): void;
}

export interface FrameChannel {
  /** Resolves once the record left (TCP) or was acknowledged (serial). Rejects with FiasSendError. */
  send(rec: FiasRecord): Promise<void>;
  onRecord(cb: (rec: FiasRecord) => void): void;
  onClose(cb: () => void): void;
  close(): void;
}

/** A send that failed; `maybeDelivered` says whether the peer could have received it anyway. */
export class FiasSendError extends Error {
  constructor(
    message: string,
    readonly maybeDelivered: boolean,
  ) {
    super(message);
    this.name = 'FiasSendError';
  }
}

export interface ChannelOptions {
  lrc: boolean;
  encoding: FiasEncoding;
  logger: Logger;
}

/** Frames decoded into records; undecodable frames are dropped with a logged reason, never guessed at. */
export function toRecord(ev: DecodedEvent, opts: ChannelOptions): FiasRecord | null {
  if (ev.kind === 'dropped') {
    opts.logger.warn({ reason: ev.reason, bytes: ev.bytes.toString('hex') }, 'fias: dropped bytes');
    return null;
  }
  if (ev.kind !== 'frame') return null;
  const text = ev.payload.toString(opts.encoding);
  const parsed = parseRecord(text);
  if (!parsed.ok) {
    opts.logger.warn({ reason: parsed.reason, text }, 'fias: dropped record');
    return null;
  }
  opts.logger.debug({ record: describe(parsed.record) }, 'fias: received');
  return parsed.record;
}

/** TCP: STX/ETX framing (p.98), LRC where configured, no ACK/NAK. */
export function plainChannel(stream: ByteStream, opts: ChannelOptions): FrameChannel {
  const decoder = new FrameDecoder({ lrc: opts.lrc, controlBytes: false });
  const recordListeners: Array<(rec: FiasRecord) => void> = [];
  let closed = false;
  stream.onData((chunk) => {
    for (const ev of decoder.push(chunk)) {
      const rec = toRecord(ev, opts);
      if (rec) for (const cb of recordListeners) cb(rec);
    }
  });
  stream.onClose(() => {
    closed = true;
    for (const ev of decoder.end()) toRecord(ev, opts);
  });
  return {
    async send(rec) {
      if (closed) throw new FiasSendError('link is closed', false);
      opts.logger.debug({ record: describe(rec) }, 'fias: sending');
      try {
        await stream.write(encodeFrame(rec, opts));
      } catch (err) {
        throw new FiasSendError(`write failed: ${(err as Error).message}`, true);
      }
    },
    onRecord: (cb) => void recordListeners.push(cb),
    onClose: (cb) => stream.onClose(cb),
    close: () => stream.destroy(),
  };
}

/** A net.Socket as a ByteStream. */
export function socketStream(socket: Socket): ByteStream {
  // An 'error' is always followed by 'close', which is where the link reacts.
  socket.on('error', () => {});
  return {
    write: (bytes) =>
      new Promise((resolve, reject) => {
        if (socket.destroyed) return reject(new Error('socket destroyed'));
        socket.write(bytes, (err) => (err ? reject(err) : resolve()));
      }),
    onData: (cb) => void socket.on('data', cb),
    onClose: (cb) => void socket.on('close', () => cb()),
    destroy: () => socket.destroy(),
  };
}
