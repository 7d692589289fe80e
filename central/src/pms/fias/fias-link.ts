// The FIAS link layer (2.20.23 pp.25–30, 35–36, 99–110): connect, the link start LS → LD, LR…, LA,
// alive checks, Link End, and reconnecting with a capped back-off. Data records only flow while
// the link is Alive: "no data record would be sent by the PMS and incoming data records would be
// ignored" until the start sequence is complete (p.36).
import type { Logger } from '@roompost/sync';
import type { Clock } from '../../clock.js';
import type { FrameChannel } from './fias-channel.js';
import { type FiasRecord, KNOWN_RECORD_TYPES, record } from './fias-codec.js';
import { fiasDateTime } from './fias-fields.js';
import type { ChannelFactory } from './fias-transport.js';

export type LinkState = 'disconnected' | 'connecting' | 'linking' | 'alive' | 'ended' | 'stopped';
export type LinkHealth = 'connected' | 'retrying' | 'error';

export interface LinkTimers {
  /** p.36: on startup listen this long for the IFC's LS before sending anything (3 s). */
  startupListenMs: number;
  /** Give up on a start sequence that never reaches Alive, and reconnect. */
  linkStartTimeoutMs: number;
  /** p.99: an LS alive check at most every 5 minutes. */
  aliveIntervalMs: number;
  /** How long the LA answering an alive check may take before the link counts as dead. */
  aliveTimeoutMs: number;
  reconnectInitialMs: number;
  reconnectMaxMs: number;
}

export interface LinkOptions {
  openChannel: ChannelFactory;
  /** LD fields after DA/TI (V#, IF…) and the LR records declaring what we send and receive. */
  description: Array<[string, string]>;
  linkRecords: FiasRecord[];
  timers: LinkTimers;
  clock: Clock;
  timeZone: string;
  logger: Logger;
}

export class FiasLink {
  readonly #o: LinkOptions;
  #state: LinkState = 'disconnected';
  #channel: FrameChannel | null = null;
  #failures = 0;
  #timers = new Set<NodeJS.Timeout>();
  #aliveCheck: NodeJS.Timeout | null = null;
  /** The IFC has opened this connection with its LS. */
  #heardLs = false;
  #recordListeners: Array<(rec: FiasRecord) => void> = [];
  #stateListeners: Array<(s: LinkState) => void> = [];

  constructor(opts: LinkOptions) {
    this.#o = opts;
  }

  get state(): LinkState {
    return this.#state;
  }

  get health(): LinkHealth {
    if (this.#state === 'alive') return 'connected';
    return this.#state === 'stopped' ? 'error' : 'retrying';
  }

  onRecord(cb: (rec: FiasRecord) => void): void {
    this.#recordListeners.push(cb);
  }

  onState(cb: (s: LinkState) => void): void {
    this.#stateListeners.push(cb);
  }

  /** Resolves true once Alive, false after `ms`. */
  waitAlive(ms: number): Promise<boolean> {
    if (this.#state === 'alive') return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (alive: boolean) => {
        clearTimeout(timer);
        this.#stateListeners = this.#stateListeners.filter((l) => l !== onState);
        resolve(alive);
      };
      const onState = (s: LinkState) => {
        if (s === 'alive') done(true);
      };
      const timer = setTimeout(() => done(false), ms);
      this.#stateListeners.push(onState);
    });
  }

  start(): void {
    if (this.#state === 'disconnected') void this.#connect();
  }

  /** Sends a data record; only while Alive (the caller queues otherwise). */
  async send(rec: FiasRecord): Promise<void> {
    if (this.#state !== 'alive' || !this.#channel) throw new Error(`link is ${this.#state}`);
    await this.#channel.send(rec);
  }

  async stop(): Promise<void> {
    const channel = this.#channel;
    const wasAlive = this.#state === 'alive';
    this.#setState('stopped');
    this.#clearTimers();
    if (!channel) return;
    const closed = new Promise<void>((resolve) => channel.onClose(resolve));
    // p.29: LE tells the IFC we are going away on purpose.
    if (wasAlive) await channel.send(this.#stamp('LE')).catch(() => {});
    channel.close();
    // A port that is already gone may never report its close: do not hang on it.
    let timer: NodeJS.Timeout | undefined;
    const giveUp = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.#o.timers.aliveTimeoutMs);
    });
    await Promise.race([closed, giveUp]);
    clearTimeout(timer);
  }

  async #connect(): Promise<void> {
    this.#setState('connecting');
    let channel: FrameChannel;
    try {
      channel = await this.#o.openChannel();
    } catch (err) {
      this.#o.logger.warn({ err: (err as Error).message }, 'fias: connect failed');
      return this.#scheduleReconnect();
    }
    if (this.#state === 'stopped') return channel.close();
    this.#channel = channel;
    this.#heardLs = false;
    this.#setState('linking');
    channel.onRecord((rec) => this.#onRecord(rec));
    channel.onClose(() => this.#onClose(channel));
    this.#later(this.#o.timers.startupListenMs, () => {
      // p.36: the IFC normally opens with LS; if it stays silent, we ask for a link start.
      if (this.#state === 'linking' && !this.#heardLs) void channel.send(this.#stamp('LS')).catch(() => {});
    });
    this.#later(this.#o.timers.linkStartTimeoutMs, () => {
      if (this.#state === 'linking' && this.#channel === channel) {
        this.#o.logger.warn({}, 'fias: link start did not complete; reconnecting');
        channel.close();
      }
    });
  }

  #onRecord(rec: FiasRecord): void {
    switch (rec.type) {
      case 'LS':
        // p.25: on LS the vendor must send LD, then the LRs, then LA. In Alive this is the IFC
        // restarting the link, so we describe ourselves again.
        if (this.#state === 'stopped') return;
        this.#heardLs = true;
        this.#setState('linking');
        void this.#sendStart();
        return;
      case 'LA':
        if (this.#aliveCheck) {
          clearTimeout(this.#aliveCheck);
          this.#timers.delete(this.#aliveCheck);
          this.#aliveCheck = null;
          // The answer to our alive check: the next one is due an interval from now.
          if (this.#state === 'alive') {
            this.#scheduleAliveCheck();
            return;
          }
        }
        // p.100: the IFC's LA after our LA makes the link Alive. An LA after LE resumes it.
        if (this.#state === 'linking' || this.#state === 'ended') this.#becomeAlive();
        return;
      case 'LE':
        // p.29: the vendor "should buffer all non-discardable records … until it receives the
        // next communication": callers wait in the client's queue.
        this.#o.logger.warn({}, 'fias: link end received');
        this.#setState('ended');
        return;
      default:
        if (!KNOWN_RECORD_TYPES.has(rec.type)) {
          this.#o.logger.warn({ type: rec.type }, 'fias: unknown record type dropped');
          return;
        }
        if (this.#state !== 'alive') {
          this.#o.logger.warn({ type: rec.type, state: this.#state }, 'fias: record ignored, link not alive');
          return;
        }
        for (const cb of this.#recordListeners) cb(rec);
    }
  }

  async #sendStart(): Promise<void> {
    const channel = this.#channel;
    if (!channel) return;
    try {
      await channel.send(this.#stamp('LD', this.#o.description));
      for (const lr of this.#o.linkRecords) await channel.send(lr);
      await channel.send(this.#stamp('LA'));
    } catch (err) {
      this.#o.logger.warn({ err: (err as Error).message }, 'fias: link start send failed');
    }
  }

  #becomeAlive(): void {
    this.#failures = 0;
    this.#setState('alive');
    this.#scheduleAliveCheck();
  }

  #scheduleAliveCheck(): void {
    const channel = this.#channel;
    this.#later(this.#o.timers.aliveIntervalMs, () => {
      if (this.#state !== 'alive' || this.#channel !== channel || !channel) return;
      // p.99: alive check is an LS, answered by LA (the IFC never answers LA with LA while Alive).
      void channel.send(this.#stamp('LS')).catch(() => {});
      this.#aliveCheck = this.#later(this.#o.timers.aliveTimeoutMs, () => {
        this.#aliveCheck = null;
        this.#o.logger.warn({}, 'fias: alive check unanswered; reconnecting');
        channel.close();
      });
    });
  }

  #onClose(channel: FrameChannel): void {
    if (this.#channel !== channel) return;
    this.#channel = null;
    this.#clearTimers();
    if (this.#state === 'stopped') return;
    this.#o.logger.warn({}, 'fias: link closed');
    this.#setState('disconnected');
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#state === 'stopped') return;
    this.#setState('disconnected');
    // Back off ×1.5 per failure up to the cap (CONVENTIONS: SignalK's serial stream).
    const { reconnectInitialMs: first, reconnectMaxMs: cap } = this.#o.timers;
    const delay = Math.min(cap, first * 1.5 ** this.#failures);
    this.#failures += 1;
    this.#later(delay, () => {
      if (this.#state === 'disconnected') void this.#connect();
    });
  }

  #stamp(type: string, extra: Array<[string, string]> = []): FiasRecord {
    const { DA, TI } = fiasDateTime(this.#o.clock.now(), this.#o.timeZone);
    return record(type, [['DA', DA], ['TI', TI], ...extra]);
  }

  #later(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      fn();
    }, ms);
    this.#timers.add(t);
    return t;
  }

  #clearTimers(): void {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.#aliveCheck = null;
  }

  #setState(s: LinkState): void {
    if (this.#state === s) return;
    this.#state = s;
    for (const cb of this.#stateListeners) cb(s);
  }
}
