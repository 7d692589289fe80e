import { connect, type Socket } from 'node:net';
import type { PrinterTransport } from './printer-transport.js';

/** After the last byte, how long to wait for the printer to close before calling the job sent. */
const SEND_GRACE_MS = 500;

export interface TcpTransportOptions {
  host: string;
  /** Default 9100 (the "raw"/JetDirect port every network receipt printer listens on). */
  port?: number;
  /** Connect and idle timeout. Default 5000 ms. */
  timeoutMs?: number;
}

/**
 * ESC/POS over raw TCP. One connection per job or query: network receipt printers serve one
 * client at a time, so holding a connection open would lock out the outlet's other terminals.
 */
export class TcpTransport implements PrinterTransport {
  readonly target: string;
  readonly #host: string;
  readonly #port: number;
  readonly #timeoutMs: number;

  constructor(options: TcpTransportOptions) {
    this.#host = options.host;
    this.#port = options.port ?? 9100;
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.target = `tcp://${this.#host}:${this.#port}`;
  }

  /**
   * Resolves once every byte is sent and the printer closed its side (it read to our FIN), or a
   * short grace after the last byte left, for printers that keep the socket open. A reset or an
   * error before that (printer switched off or unplugged mid-job) rejects.
   */
  send(bytes: Buffer): Promise<void> {
    return this.#session((socket, done) => {
      socket.on('data', () => {}); // DLE EOT answers or GS r replies we did not ask for
      socket.end(bytes, () => {
        const grace = setTimeout(() => done(), SEND_GRACE_MS);
        socket.once('close', () => clearTimeout(grace));
      });
    }, true);
  }

  /**
   * `timeoutMs` bounds the whole round trip, connect included: a printer behind a link that drops
   * packets never completes the TCP handshake, and must not cost the connect timeout.
   */
  query(request: Buffer, length: number, timeoutMs: number): Promise<Buffer> {
    return this.#session<Buffer>(
      (socket, done) => {
        let answer = Buffer.alloc(0);
        socket.on('data', (chunk: Buffer) => {
          answer = Buffer.concat([answer, chunk]);
          if (answer.length >= length) {
            socket.destroy();
            done(answer.subarray(0, length));
          }
        });
        socket.write(request);
      },
      false,
      timeoutMs,
    );
  }

  async close(): Promise<void> {}

  #session<T = void>(
    run: (socket: Socket, done: (value: T) => void) => void,
    closeEndsJob = false,
    deadlineMs?: number,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const socket = connect({ host: this.#host, port: this.#port });
      const deadline =
        deadlineMs === undefined
          ? undefined
          : setTimeout(
              () =>
                finish(
                  Object.assign(new Error(`${this.target} did not answer in ${deadlineMs} ms`), {
                    code: 'ETIMEDOUT',
                  }),
                ),
              deadlineMs,
            );
      const finish = (error: Error | null, value?: T) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        socket.destroy();
        if (error) reject(error);
        else resolve(value as T);
      };
      socket.setNoDelay(true);
      socket.setTimeout(this.#timeoutMs);
      socket.once('timeout', () =>
        finish(Object.assign(new Error(`${this.target} did not answer`), { code: 'ETIMEDOUT' })),
      );
      socket.once('error', (error) => finish(error));
      socket.once('close', (hadError) => {
        if (closeEndsJob && !hadError && socket.writableFinished) return finish(null);
        finish(Object.assign(new Error(`${this.target} closed the connection`), { code: 'ECONNRESET' }));
      });
      socket.once('connect', () => run(socket, (value) => finish(null, value)));
    });
  }
}
