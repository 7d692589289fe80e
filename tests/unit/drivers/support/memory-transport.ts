import type { PrinterTransport } from '@roompost/drivers';
import { FakeEscPosDevice } from './fake-escpos-device.js';

/** A PrinterTransport straight into a FakeEscPosDevice, with switchable faults. */
export class MemoryTransport implements PrinterTransport {
  readonly target = 'memory:printer';
  readonly device = new FakeEscPosDevice();
  /** Errno code every send and query fails with (ECONNREFUSED: printer off; ENOENT: no device). */
  failWith: string | null = null;
  /** Deliver this many bytes, then fail with ECONNRESET (printer lost mid-job). */
  cutAfter: number | null = null;
  sends = 0;

  async send(bytes: Buffer): Promise<void> {
    this.#fault();
    this.sends++;
    if (this.cutAfter !== null && bytes.length > this.cutAfter) {
      this.device.receive(bytes.subarray(0, this.cutAfter));
      this.device.endJob();
      throw Object.assign(new Error('connection reset by printer'), { code: 'ECONNRESET' });
    }
    this.device.receive(bytes);
    this.device.endJob();
  }

  async query(request: Buffer, length: number): Promise<Buffer> {
    this.#fault();
    return this.device.receive(request).subarray(0, length);
  }

  async close(): Promise<void> {}

  #fault(): void {
    if (this.failWith) throw Object.assign(new Error(`simulated ${this.failWith}`), { code: this.failWith });
  }
}
