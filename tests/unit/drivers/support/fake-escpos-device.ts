// The printer end of a fake ESC/POS printer: answers DLE EOT status requests from its paper and
// online state, and collects everything else as printed bytes. Transports (memory, TCP, pty) feed it.
import type { PaperState } from '@roompost/drivers';

export class FakeEscPosDevice {
  paper: Exclude<PaperState, 'unknown'> = 'ok';
  online = true;
  /** Cover open: the printer goes off-line and says why (DLE EOT 2 bit 2). */
  coverOpen = false;
  /** An error stopped it (DLE EOT 2 bit 6; DLE EOT 3 bit 3: autocutter). */
  cutterJam = false;
  /** Answer status requests with this instead (a device that is not an ESC/POS printer). */
  garbage: Buffer | null = null;
  readonly jobs: Buffer[] = [];
  /** Bytes received so far, status requests included. */
  received = 0;
  #current: Buffer[] = [];

  /** Feeds bytes from the host; returns the bytes the printer answers. */
  receive(chunk: Buffer): Buffer {
    this.received += chunk.length;
    const answers: number[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      // DLE EOT n: answered at once, never printed.
      if (chunk[i] === 0x10 && chunk[i + 1] === 0x04 && chunk[i + 2] !== undefined) {
        this.#current.push(chunk.subarray(start, i));
        answers.push(...this.#status(chunk[i + 2]!));
        i += 2;
        start = i + 1;
      }
    }
    this.#current.push(chunk.subarray(start));
    return Buffer.from(answers);
  }

  /** The host finished a job (closed the connection, or a serial job boundary). */
  endJob(): void {
    const job = Buffer.concat(this.#current);
    this.#current = [];
    if (job.length > 0) this.jobs.push(job);
  }

  /**
   * The answer bytes of the Epson ESC/POS reference: every byte has bits 1 and 4 set (0x12).
   * n = 1 bit 3 off-line; n = 2 bit 2 cover open, bit 5 stopped at paper end, bit 6 error;
   * n = 3 bit 3 autocutter error; n = 4 bits 2–3 near end, bits 5–6 paper end.
   */
  #status(n: number): number[] {
    if (this.garbage) return [...this.garbage];
    const paperOut = this.paper === 'out';
    const offline = !this.online || this.coverOpen || paperOut || this.cutterJam;
    if (n === 1) return [0x12 | (offline ? 0x08 : 0)];
    if (n === 2)
      return [0x12 | (this.coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0) | (this.cutterJam ? 0x40 : 0)];
    if (n === 3) return [0x12 | (this.cutterJam ? 0x08 : 0)];
    if (n === 4) return [paperOut ? 0x7e : this.paper === 'near-end' ? 0x1e : 0x12];
    return [0x12];
  }
}
