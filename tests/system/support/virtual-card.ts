// A contactless card for vsmartcard-vpcd, in pure Node: no Python vicc (whose Debian package is
// broken as shipped, see reference/edge-stack.md §1). vpcd listens for a card on TCP; connecting
// is inserting the card, closing the socket is removing it.
//
// vpcd framing: every frame is [u16 BE length][payload]. A 1-byte payload is a control code
// (0 power off, 1 power on, 2 reset, 4 get ATR); anything longer is a C-APDU, answered by an R-APDU.
import { connect, type Socket } from 'node:net';

/** PC/SC Part 3 ATR of a MIFARE Classic 1K (atr[5] = 0x4F marks a contactless storage card). */
export const MIFARE_ATR = Buffer.from('3B8F8001804F0CA000000306030001000000006A', 'hex');

export interface VirtualCardOptions {
  /** The UID bytes GET DATA (FF CA) answers with. */
  uid: Buffer;
  /** 16-byte blocks READ BINARY (FF B0) answers from. */
  blocks?: Record<number, Buffer>;
  /** Replaces every answer: a card that answers garbage or an error status word. */
  answer?: (apdu: Buffer) => Buffer;
  atr?: Buffer;
  port?: number;
  host?: string;
}

const OK = Buffer.from([0x90, 0x00]);

export class VirtualCard {
  readonly apdus: Buffer[] = [];
  readonly #o: VirtualCardOptions;
  #socket: Socket | null = null;
  #pending = Buffer.alloc(0);

  constructor(options: VirtualCardOptions) {
    this.#o = options;
  }

  /** Resolves once vpcd accepted the connection (pcscd then sees the card on its next poll). */
  insert(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect(this.#o.port ?? 35963, this.#o.host ?? '127.0.0.1');
      socket.setNoDelay(true);
      socket.once('connect', () => {
        this.#socket = socket;
        resolve();
      });
      socket.once('error', reject);
      socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    });
  }

  async remove(): Promise<void> {
    const socket = this.#socket;
    this.#socket = null;
    // vpcd lives inside pcscd: when pcscd stops, the card has already been "removed".
    if (!socket || socket.closed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  #receive(chunk: Buffer): void {
    this.#pending = Buffer.concat([this.#pending, chunk]);
    while (this.#pending.length >= 2) {
      const length = this.#pending.readUInt16BE(0);
      if (this.#pending.length < 2 + length) return;
      const payload = this.#pending.subarray(2, 2 + length);
      this.#pending = this.#pending.subarray(2 + length);
      const reply = length === 1 ? this.#control(payload[0]!) : this.#apdu(Buffer.from(payload));
      if (reply) this.#send(reply);
    }
  }

  #control(code: number): Buffer | null {
    return code === 4 ? (this.#o.atr ?? MIFARE_ATR) : null;
  }

  #apdu(apdu: Buffer): Buffer {
    this.apdus.push(apdu);
    if (this.#o.answer) return this.#o.answer(apdu);
    const [cla, ins, , p2, le] = apdu;
    if (cla === 0xff && ins === 0xca) return Buffer.concat([this.#o.uid, OK]);
    if (cla === 0xff && ins === 0xb0) {
      const block = this.#o.blocks?.[p2 ?? -1];
      if (!block) return Buffer.from([0x6a, 0x82]);
      return Buffer.concat([block.subarray(0, le || 16), OK]);
    }
    return Buffer.from([0x6d, 0x00]);
  }

  #send(payload: Buffer): void {
    const header = Buffer.alloc(2);
    header.writeUInt16BE(payload.length);
    this.#socket?.write(Buffer.concat([header, payload]));
  }
}
