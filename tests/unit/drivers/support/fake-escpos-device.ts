// The printer end of a fake ESC/POS printer: answers DLE EOT status requests from its paper and
// online state, and collects everything else as printed bytes. Transports (memory, TCP, pty) feed it.
import type { PaperState } from '@roompost/drivers';

export class FakeEscPosDevice {
  paper: Exclude<PaperState, 'unknown'> = 'ok';
  online = true;
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

  #status(n: number): number[] {
    if (this.garbage) return [...this.garbage];
    if (n === 1) return [this.online ? 0x12 : 0x1a];
    if (n === 4) return [this.paper === 'out' ? 0x72 : this.paper === 'near-end' ? 0x1e : 0x12];
    return [0x12];
  }
}
