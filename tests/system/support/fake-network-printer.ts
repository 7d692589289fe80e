// A network receipt printer on loopback: raw TCP (port 9100 style), one job per connection,
// DLE EOT answered from a FakeEscPosDevice. Can refuse connections (switched off), drop a
// connection part-way through a job (unplugged mid-print), or swallow everything (dropping packets).
import { createServer, type Server, type Socket } from 'node:net';
import { FakeEscPosDevice } from '../../unit/drivers/support/fake-escpos-device.js';

export class FakeNetworkPrinter {
  readonly device = new FakeEscPosDevice();
  /** Reset the connection after this many bytes of a job. */
  dropAfter: number | null = null;
  /**
   * Dropping packets: connections are accepted, and everything sent is swallowed without an
   * answer (a printer behind a failing link or switch port, or hung).
   */
  silent = false;
  #server: Server | null = null;
  #port = 0;
  readonly #sockets = new Set<Socket>();

  get port(): number {
    return this.#port;
  }

  async start(): Promise<void> {
    const server = createServer((socket) => this.#serve(socket));
    await new Promise<void>((resolve) => server.listen(this.#port, '127.0.0.1', resolve));
    const address = server.address();
    this.#port = typeof address === 'object' && address ? address.port : this.#port;
    this.#server = server;
  }

  /** Switched off: connections are refused until start() again (same port). */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    for (const socket of this.#sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #serve(socket: Socket): void {
    this.#sockets.add(socket);
    let received = 0;
    socket.on('data', (chunk: Buffer) => {
      if (this.silent) return;
      received += chunk.length;
      const answer = this.device.receive(chunk);
      if (answer.length > 0) socket.write(answer);
      if (this.dropAfter !== null && received > this.dropAfter) socket.resetAndDestroy();
    });
    socket.on('end', () => {
      if (this.silent) return; // never closes its side either
      this.device.endJob();
      socket.end();
    });
    socket.on('error', () => {});
    socket.on('close', () => this.#sockets.delete(socket));
  }
}
