// Streaming frame decoder (FIAS 2.20.23 pp.93–98). TCP hands us arbitrary slices of the byte
// stream: a record split across reads, two records in one read, or noise between frames. Oracle
// "requires the use of link control bytes even with TCP/IP" (p.98) precisely so frames can be found.
import { ACK, ENQ, ETX, lrc, NAK, STX } from './fias-codec.js';

export type DecodedEvent =
  | { kind: 'frame'; payload: Buffer }
  | { kind: 'dropped'; reason: string; bytes: Buffer }
  | { kind: 'control'; byte: typeof ACK | typeof NAK | typeof ENQ };

export interface FrameDecoderOptions {
  /** An LRC byte follows every ETX (serial links; optional on TCP). */
  lrc: boolean;
  /** ACK/NAK/ENQ outside a frame are link control (serial), not noise. */
  controlBytes: boolean;
  /** A frame longer than this is dropped (a lost ETX must not grow the buffer without bound). */
  maxFrameBytes?: number;
}

type State = 'idle' | 'frame' | 'lrc';

export class FrameDecoder {
  readonly #opts: Required<FrameDecoderOptions>;
  #state: State = 'idle';
  #garbage: number[] = [];
  #frame: number[] = [];

  constructor(opts: FrameDecoderOptions) {
    this.#opts = { maxFrameBytes: 64 * 1024, ...opts };
  }

  /** Feeds one read; returns what it completed. Partial frames wait for the next read. */
  push(chunk: Uint8Array): DecodedEvent[] {
    const out: DecodedEvent[] = [];
    for (const byte of chunk) this.#byte(byte, out);
    return out;
  }

  /** Whatever is pending when the stream ends is dropped with its reason. */
  end(): DecodedEvent[] {
    const out: DecodedEvent[] = [];
    this.#flushGarbage(out);
    if (this.#state !== 'idle') out.push(this.#drop('stream ended inside a frame', [STX, ...this.#frame]));
    this.#state = 'idle';
    this.#frame = [];
    return out;
  }

  #byte(byte: number, out: DecodedEvent[]): void {
    switch (this.#state) {
      case 'idle':
        if (byte === STX) {
          this.#flushGarbage(out);
          this.#state = 'frame';
          this.#frame = [];
        } else if (this.#opts.controlBytes && (byte === ACK || byte === NAK || byte === ENQ)) {
          this.#flushGarbage(out);
          out.push({ kind: 'control', byte });
        } else {
          this.#garbage.push(byte);
        }
        return;
      case 'frame':
        if (byte === STX) {
          // A new STX before ETX: the earlier frame lost its end; keep the newer one.
          out.push(this.#drop('STX inside a frame (ETX lost)', [STX, ...this.#frame]));
          this.#frame = [];
        } else if (byte === ETX) {
          if (this.#opts.lrc) this.#state = 'lrc';
          else this.#complete(out);
        } else if (this.#frame.length >= this.#opts.maxFrameBytes) {
          out.push(this.#drop('frame too long', [STX, ...this.#frame]));
          this.#frame = [];
          this.#state = 'idle';
        } else {
          this.#frame.push(byte);
        }
        return;
      case 'lrc': {
        // The LRC may be any byte, STX and ETX included: it is found by position, never by value.
        const expected = lrc(Uint8Array.from(this.#frame));
        if (byte === expected) this.#complete(out);
        else {
          const reason = `wrong LRC (got 0x${hex(byte)}, expected 0x${hex(expected)})`;
          out.push(this.#drop(reason, [STX, ...this.#frame, ETX, byte]));
          this.#frame = [];
          this.#state = 'idle';
        }
        return;
      }
    }
  }

  #complete(out: DecodedEvent[]): void {
    out.push({ kind: 'frame', payload: Buffer.from(this.#frame) });
    this.#frame = [];
    this.#state = 'idle';
  }

  #flushGarbage(out: DecodedEvent[]): void {
    if (this.#garbage.length === 0) return;
    out.push(this.#drop('bytes outside a frame', this.#garbage));
    this.#garbage = [];
  }

  #drop(reason: string, bytes: number[]): DecodedEvent {
    return { kind: 'dropped', reason, bytes: Buffer.from(bytes) };
  }
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}
