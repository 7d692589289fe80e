import { open } from 'node:fs/promises';
import type { PrinterTransport } from './printer-transport.js';

/**
 * ESC/POS written to a device file: the kernel's USB printer class driver (`/dev/usb/lp0`), or a
 * parallel port. Opened per job, so a printer unplugged and plugged back in is found again. No
 * `query`: status reads through usblp are not reliable across printer models, so paper is `unknown`.
 */
export class DeviceFileTransport implements PrinterTransport {
  readonly target: string;
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
    this.target = `file:${path}`;
  }

  async send(bytes: Buffer): Promise<void> {
    // 'r+' never creates the file: a missing device must fail (ENOENT), not become a regular file.
    const handle = await open(this.#path, 'r+');
    try {
      let offset = 0;
      while (offset < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, offset);
        offset += bytesWritten;
      }
    } finally {
      await handle.close();
    }
  }

  async close(): Promise<void> {}
}
