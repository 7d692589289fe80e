// FIAS over an asynchronous serial link (2.20.23 p.22, pp.93–95): every frame carries an LRC and
// is answered ACK or NAK within 3 s. On NAK the sender retries up to 3 times (4 attempts), then
// discards the record and logs it. Without an answer it sends ENQ, which asks for the receiver's
// *last response* again, not for the record: that is what keeps a lost ACK from double posting.

import {
  type ByteStream,
  type ChannelOptions,
  FiasSendError,
  type FrameChannel,
  toRecord,
} from './fias-channel.js';
import { ACK, ENQ, encodeFrame, type FiasRecord, NAK } from './fias-codec.js';
import { FrameDecoder } from './fias-frame-decoder.js';

export interface SerialChannelOptions extends Omit<ChannelOptions, 'lrc'> {
  /** How long to wait for ACK/NAK before sending ENQ (spec: 3 s). */
  ackTimeoutMs: number;
  /** ENQs sent for one frame before giving up (not fixed by the spec). */
  maxEnq?: number;
}

const MAX_ATTEMPTS = 4;

interface Pending {
  frame: Buffer;
  attempts: number;
  enqs: number;
  timer: NodeJS.Timeout | null;
  resolve(): void;
  reject(err: FiasSendError): void;
}

export function serialChannel(stream: ByteStream, opts: SerialChannelOptions): FrameChannel {
  const decoder = new FrameDecoder({ lrc: true, controlBytes: true });
  const listeners: Array<(rec: FiasRecord) => void> = [];
  const queue: Pending[] = [];
  const maxEnq = opts.maxEnq ?? 3;
  let lastResponse: typeof ACK | typeof NAK = NAK;
  let closed = false;

  const respond = (byte: number) => void stream.write(Buffer.of(byte)).catch(() => {});

  const arm = (p: Pending) => {
    if (p.timer) clearTimeout(p.timer);
    p.timer = setTimeout(() => {
      if (p.enqs >= maxEnq) return finish(p, new FiasSendError('no ACK/NAK after ENQ', true));
      p.enqs += 1;
      respond(ENQ);
      arm(p);
    }, opts.ackTimeoutMs);
  };

  const transmit = (p: Pending) => {
    p.attempts += 1;
    p.enqs = 0;
    void stream.write(p.frame).catch(() => {});
    arm(p);
  };

  const finish = (p: Pending, err?: FiasSendError) => {
    if (p.timer) clearTimeout(p.timer);
    queue.shift();
    if (err) p.reject(err);
    else p.resolve();
    const next = queue[0];
    if (next) transmit(next);
  };

  stream.onData((chunk) => {
    for (const ev of decoder.push(chunk)) {
      if (ev.kind === 'control' && ev.byte === ENQ) {
        respond(lastResponse);
        continue;
      }
      // p.95: "Any character received other than an <ENQ> also resets the last response to a <NAK>."
      lastResponse = NAK;
      if (ev.kind === 'control') {
        const head = queue[0];
        if (!head) continue;
        if (ev.byte === ACK) finish(head);
        else if (head.attempts < MAX_ATTEMPTS) transmit(head);
        else {
          opts.logger.error({ attempts: head.attempts }, 'fias: record discarded after repeated NAK');
          finish(head, new FiasSendError('NAK after 4 attempts', false));
        }
        continue;
      }
      if (ev.kind === 'dropped') {
        toRecord(ev, { ...opts, lrc: true });
        if (!ev.reason.startsWith('bytes outside')) respond(NAK);
        continue;
      }
      lastResponse = ACK;
      respond(ACK);
      const rec = toRecord(ev, { ...opts, lrc: true });
      if (rec) for (const cb of listeners) cb(rec);
    }
  });
  stream.onClose(() => {
    closed = true;
    for (const p of queue.splice(0)) {
      if (p.timer) clearTimeout(p.timer);
      p.reject(new FiasSendError('link closed before ACK', p.attempts > 0));
    }
  });

  return {
    send(rec) {
      if (closed) return Promise.reject(new FiasSendError('link is closed', false));
      return new Promise<void>((resolve, reject) => {
        const p: Pending = {
          frame: encodeFrame(rec, { lrc: true, encoding: opts.encoding }),
          attempts: 0,
          enqs: 0,
          timer: null,
          resolve,
          reject,
        };
        queue.push(p);
        if (queue.length === 1) transmit(p);
      });
    },
    onRecord: (cb) => void listeners.push(cb),
    onClose: (cb) => stream.onClose(cb),
    close: () => stream.destroy(),
  };
}
