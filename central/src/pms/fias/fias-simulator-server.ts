// A FIAS PMS (the Oracle IFC side) on a real TCP port or serial line, for tests and `npm start`.
// Link rules it keeps: it is the TCP server and opens with LS (p.100); one client per port, a new
// connection replaces the old (p.98); data records before the link is Alive are ignored (p.36);
// LS while Alive is an alive check answered LA, and LA is never answered with LA while Alive (p.99).
import { createServer, type Server, type Socket } from 'node:net';
import type { Logger } from '@roompost/sync';
import type { Clock } from '../../clock.js';
import { type ByteStream, type FrameChannel, plainChannel, socketStream } from './fias-channel.js';
import { type FiasEncoding, type FiasRecord, record } from './fias-codec.js';
import { fiasDateTime } from './fias-fields.js';
import { serialChannel } from './fias-serial-channel.js';
import { type FiasSimGuest, FiasSimulatorState, type SimSession } from './fias-simulator.js';

export interface FiasSimulatorOptions {
  lrc?: boolean;
  encoding?: FiasEncoding;
  currencyExponent?: number;
  timeZone?: string;
  clock: Clock;
  logger: Logger;
}

interface Session extends SimSession {
  channel: FrameChannel;
  alive: boolean;
  /** We sent LS and wait for the vendor's LD, LR…, LA. */
  starting: boolean;
  close(): void;
  /** LD and LR records the vendor declared. */
  declared: FiasRecord[];
}

export class FiasSimulator {
  readonly state: FiasSimulatorState;
  readonly #o: Required<FiasSimulatorOptions>;
  #server: Server | null = null;
  #session: Session | null = null;
  #sockets = new Set<Socket>();
  #down = false;
  /** While set the simulator reads but never answers (a hung IFC). */
  silent = false;
  /** A slow PMS: postings are answered after this long, inquiries at once. */
  slowPostingsMs = 0;
  nextReservation = 12345;

  constructor(opts: FiasSimulatorOptions) {
    this.#o = { lrc: false, encoding: 'latin1', currencyExponent: 2, timeZone: 'UTC', ...opts };
    this.state = new FiasSimulatorState(this.#o.currencyExponent, opts.logger);
  }

  /** Listens on 127.0.0.1 (port 0: any free port); resolves the port. */
  listen(port = 0): Promise<number> {
    const server = createServer((socket) => this.#accept(socket));
    this.#server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const addr = server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : port);
      });
    });
  }

  /** Serves one vendor over a serial line (LRC and ACK/NAK/ENQ, p.22). */
  attachSerial(stream: ByteStream, ackTimeoutMs = 3000): void {
    const channel = serialChannel(stream, {
      ackTimeoutMs,
      encoding: this.#o.encoding,
      logger: this.#o.logger,
    });
    this.#open(channel, () => stream.destroy());
  }

  get linkAlive(): boolean {
    return this.#session?.alive ?? false;
  }

  get declared(): FiasRecord[] {
    return this.#session?.declared ?? [];
  }

  seedGuest(
    g: Partial<FiasSimGuest> & Pick<FiasSimGuest, 'roomNumber' | 'firstName' | 'lastName'>,
  ): FiasSimGuest {
    const guest: FiasSimGuest = {
      reservation: String(this.nextReservation++),
      creditLimitMinor: null,
      balanceMinor: 0,
      status: 'in_house',
      noPost: false,
      arrival: '260125',
      departure: '260128',
      ...g,
    };
    this.state.guests.push(guest);
    return guest;
  }

  /** Down: the current link drops and new connections are refused at once. */
  setDown(down: boolean): void {
    this.#down = down;
    if (down) this.#session?.close();
  }

  /** Sends LE: the link is ended until the IFC starts it again (p.29). */
  async linkEnd(): Promise<void> {
    const s = this.#session;
    if (!s) return;
    s.alive = false;
    await s.channel.send(this.#stamp('LE'));
  }

  /** Sends LS: the vendor must answer LD, LR…, LA (p.25). */
  async linkStart(): Promise<void> {
    const s = this.#session;
    if (!s) return;
    s.alive = false;
    s.starting = true;
    await s.channel.send(this.#stamp('LS'));
  }

  /** Night audit: NS now; postings are answered NA until endNightAudit sends NE (p.38). */
  async startNightAudit(): Promise<void> {
    this.state.nightAudit = true;
    await this.#session?.channel.send(this.#stamp('NS'));
  }

  async endNightAudit(): Promise<void> {
    this.state.nightAudit = false;
    await this.#session?.channel.send(this.#stamp('NE'));
  }

  async close(): Promise<void> {
    this.#session?.close();
    this.#session = null;
    for (const s of this.#sockets) s.destroy();
    const server = this.#server;
    this.#server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #accept(socket: Socket): void {
    socket.setNoDelay(true);
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    if (this.#down) {
      socket.destroy();
      return;
    }
    const channel = plainChannel(socketStream(socket), {
      lrc: this.#o.lrc,
      encoding: this.#o.encoding,
      logger: this.#o.logger,
    });
    this.#open(channel, () => socket.destroy());
  }

  #open(channel: FrameChannel, close: () => void): void {
    // p.98: only one client per port; the new connection replaces the old one.
    this.#session?.close();
    const session: Session = {
      channel,
      alive: false,
      starting: true,
      inquired: new Set(),
      declared: [],
      close,
    };
    this.#session = session;
    channel.onClose(() => {
      if (this.#session === session) this.#session = null;
    });
    channel.onRecord((rec) => this.#onRecord(session, rec));
    void channel.send(this.#stamp('LS')).catch(() => {});
  }

  #onRecord(s: Session, rec: FiasRecord): void {
    if (this.silent) return;
    const reply = (r: FiasRecord) => void s.channel.send(r).catch(() => {});
    switch (rec.type) {
      case 'LD':
      case 'LR':
        s.declared.push(rec);
        return;
      case 'LS':
        // An alive check while Alive; otherwise the vendor asks for a link start, unless ours
        // (LS on connect) is already under way and merely crossed theirs on the wire.
        if (s.alive) reply(this.#stamp('LA'));
        else if (!s.starting) {
          s.starting = true;
          reply(this.#stamp('LS'));
        }
        return;
      case 'LA':
        if (!s.alive) {
          s.alive = true;
          s.starting = false;
          reply(this.#stamp('LA'));
        }
        return;
      case 'LE':
        s.alive = false;
        return;
    }
    if (!s.alive) {
      this.#o.logger.warn({ type: rec.type }, 'fias-sim: record before link alive ignored');
      return;
    }
    // p.25–28: the IFC uses only the fields the vendor declared for that record in its LR; the rest
    // never reach the PMS (an undeclared S2 leaves S1 alone to add up to TA).
    const fields = declaredFields(s.declared, rec.type);
    if (!fields) {
      this.#o.logger.warn({ type: rec.type }, 'fias-sim: record type not declared in LR ignored');
      return;
    }
    const kept: FiasRecord = { type: rec.type, fields: rec.fields.filter(([code]) => fields.has(code)) };
    const answers = this.state.handle(kept, s);
    const isPosting = rec.type === 'PS' || (rec.type === 'PR' && rec.fields.some(([code]) => code === 'TA'));
    if (isPosting && this.slowPostingsMs > 0) {
      const timer = setTimeout(() => answers.forEach(reply), this.slowPostingsMs);
      timer.unref();
    } else answers.forEach(reply);
  }

  #stamp(type: string): FiasRecord {
    const { DA, TI } = fiasDateTime(this.#o.clock.now(), this.#o.timeZone);
    return record(type, [
      ['DA', DA],
      ['TI', TI],
    ]);
  }
}

/** The field codes an LR declared for a record type (`FL` is a run of 2-character codes), or null. */
function declaredFields(declared: FiasRecord[], type: string): Set<string> | null {
  const lr = declared.find((d) => d.type === 'LR' && d.fields.some(([c, v]) => c === 'RI' && v === type));
  const fl = lr?.fields.find(([c]) => c === 'FL')?.[1];
  if (fl === undefined) return null;
  return new Set(fl.match(/.{2}/g) ?? []);
}
