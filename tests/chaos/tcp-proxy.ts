// A small TCP proxy for fault injection: it sits on a link (edge ↔ broker, central ↔ PMS) and can
// freeze it (bytes are held, nothing is lost: the peers see a silent link and time out), cut it
// (every connection is reset and new ones are refused until restored) or lose answers (what the
// client sends still reaches the server; what the server answers is dropped and the connection
// closed, so a request is done but its answer never arrives).
import net from 'node:net';

export type LinkState = 'up' | 'frozen' | 'cut' | 'lossy';

export class TcpProxy {
  readonly #target: { host: string; port: number };
  readonly #server: net.Server;
  readonly #pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  #state: LinkState = 'up';
  port = 0;

  constructor(target: { host: string; port: number }) {
    this.#target = target;
    this.#server = net.createServer((client) => this.#accept(client));
  }

  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = this.#server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
    return this.port;
  }

  get state(): LinkState {
    return this.#state;
  }

  set(state: LinkState): void {
    this.#state = state;
    for (const pair of this.#pairs) {
      if (state === 'cut') {
        pair.client.resetAndDestroy();
        pair.upstream.destroy();
      } else if (state === 'frozen') {
        pair.client.pause();
        pair.upstream.pause();
      } else {
        pair.client.resume();
        pair.upstream.resume();
      }
    }
  }

  async close(): Promise<void> {
    for (const pair of this.#pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(client: net.Socket): void {
    if (this.#state === 'cut') {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(this.#target);
    const pair = { client, upstream };
    this.#pairs.add(pair);
    const end = () => {
      this.#pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.on('data', (chunk) => {
      if (this.#state !== 'cut' && !upstream.write(chunk)) client.pause();
    });
    upstream.on('drain', () => this.#state !== 'frozen' && client.resume());
    upstream.on('data', (chunk) => {
      if (this.#state === 'lossy') {
        // The request was done upstream; its answer is lost with the connection.
        end();
        return;
      }
      if (!client.write(chunk)) upstream.pause();
    });
    client.on('drain', () => this.#state !== 'frozen' && upstream.resume());
    if (this.#state === 'frozen') {
      client.pause();
      upstream.pause();
    }
  }
}
