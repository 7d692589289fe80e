// Where an asynchronous HTNG PMS pushes its results. protel I/O documents HTNG_ChargePostingRQ as
// "Asynchronous, Push": the PMS acknowledges the request at once and later sends the RS to the
// address we named in the `htnga:ReplyTo` header, carrying our CorrelationID (and, in the header,
// `htnga:RelatesToCorrelationID`). This listener receives those pushes over HTTP and hands each RS to
// the request waiting for it. A push is accepted only when it echoes the CorrelationID *and* the
// random EchoToken of a request we sent, so a stranger cannot answer for the PMS.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PmsError } from '../adapter.js';
import { attr, child, envelope, parseRequest, text, type XmlNode } from './htng-soap.js';

export interface HtngResult {
  name: string;
  node: XmlNode;
}

export interface HtngResultListenerOptions {
  host: string;
  port: number;
  /** The address the PMS is told to push to; default: this listener's own address + `path`. */
  publicUrl?: string | undefined;
  path: string;
  /** Pushes nobody waits for (too late, or unknown): logged by the owner. */
  onStray?: (why: string, correlationId: string | undefined) => void;
}

interface Waiter {
  echoToken: string;
  resolve(result: HtngResult): void;
}

const MAX_BODY = 1_000_000;

export class HtngResultListener {
  readonly #o: HtngResultListenerOptions;
  readonly #waiting = new Map<string, Waiter>();
  #server: Server | undefined;
  #ready: Promise<string> | undefined;

  constructor(options: HtngResultListenerOptions) {
    this.#o = options;
  }

  /**
   * Starts listening (once) and resolves with the ReplyTo address to send. A port that cannot be
   * had (EADDRINUSE: the adapter this one replaces may still be waiting for a result on it) is
   * CONNECTION_FAILED, retryable; the next call tries again.
   */
  replyTo(): Promise<string> {
    this.#ready ??= new Promise<string>((resolve, reject) => {
      const server = createServer((req, res) => this.#receive(req, res));
      server.once('error', (err: NodeJS.ErrnoException) => {
        this.#ready = undefined;
        reject(
          new PmsError(
            'CONNECTION_FAILED',
            `cannot listen for HTNG results on ${this.#o.host}:${this.#o.port} (${err.code ?? err.message})`,
            { context: { errno: err.code }, cause: err },
          ),
        );
      });
      server.listen(this.#o.port, this.#o.host, () => {
        this.#server = server;
        const { port } = server.address() as AddressInfo;
        const host = this.#o.host === '0.0.0.0' ? '127.0.0.1' : this.#o.host;
        resolve(this.#o.publicUrl ?? `http://${host}:${port}${this.#o.path}`);
      });
    });
    return this.#ready;
  }

  /** Waits for the RS of one request; `cancel` stops waiting (a late push is then a stray). */
  expect(correlationId: string, echoToken: string): { result: Promise<HtngResult>; cancel(): void } {
    let resolve!: (r: HtngResult) => void;
    const result = new Promise<HtngResult>((r) => {
      resolve = r;
    });
    this.#waiting.set(correlationId, { echoToken, resolve });
    return {
      result,
      cancel: () => {
        if (this.#waiting.get(correlationId)?.resolve === resolve) this.#waiting.delete(correlationId);
      },
    };
  }

  async close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    this.#ready = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  #receive(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      const reply = (status: number, fault?: string) => {
        res.writeHead(status, { 'content-type': 'application/soap+xml; charset=utf-8' });
        res.end(
          fault
            ? envelope({
                'soap:Fault': {
                  'soap:Code': { 'soap:Value': 'soap:Sender' },
                  'soap:Reason': { 'soap:Text': { '#text': fault, '@_xml:lang': 'en' } },
                },
              })
            : envelope({}),
        );
      };
      if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== this.#o.path)
        return reply(404, 'no such endpoint');
      if (size > MAX_BODY) return reply(413, 'message too large');
      const msg = parseRequest(Buffer.concat(chunks).toString('utf8'));
      if (!msg) return reply(400, 'malformed message');
      const correlationId =
        attr(msg.node, 'CorrelationID') ?? (text(child(msg.header, 'RelatesToCorrelationID')) || undefined);
      const waiter = correlationId ? this.#waiting.get(correlationId) : undefined;
      if (!correlationId || !waiter || attr(msg.node, 'EchoToken') !== waiter.echoToken) {
        this.#o.onStray?.(waiter ? 'EchoToken does not match' : 'no request waits for it', correlationId);
        // Acknowledged all the same: the PMS must not keep re-sending a result nobody can use.
        return reply(waiter ? 400 : 200, waiter ? 'EchoToken does not match the request' : undefined);
      }
      this.#waiting.delete(correlationId);
      waiter.resolve({ name: msg.name, node: msg.node });
      reply(200);
    });
  }
}
