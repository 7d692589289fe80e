// What a FIAS PMS answers (the IFC side of 2.20.23 pp.36–43, 78–90, Appendix B): in-house-only
// inquiries, PR postings only after an inquiry, the AS codes NG/NP/CO/DM/RY/NA/UR, resync, night
// audit. Pure state and rules; fias-simulator-server.ts puts it on a TCP port or serial line.
import type { Logger } from '@roompost/sync';
import { type FiasRecord, field, hasField, record } from './fias-codec.js';
import { checkTotal } from './fias-fields.js';

export interface FiasSimGuest {
  roomNumber: string;
  reservation: string;
  firstName: string;
  lastName: string;
  creditLimitMinor: number | null;
  balanceMinor: number;
  status: 'in_house' | 'checked_out';
  noPost: boolean;
  track2?: string;
  /** YYMMDD. */
  /** YYMMDD; empty when the PMS is not set to send GA/GD in a PL (the spec's own example has none). */
  arrival: string;
  departure: string;
}

export interface FiasSimPosting {
  type: 'PR' | 'PS';
  sequence: string;
  roomNumber: string;
  reservation: string | null;
  totalMinor: number;
  checkNumber: string | null;
  DA: string;
  TI: string;
  /** The amount fields as received (TA, S1–S9, T1–T9, D1–D9, TP, SC), for tests of the layout. */
  amounts: Record<string, string>;
}

/** The per-connection memory the rules need: which guests were inquired (p.79). */
export interface SimSession {
  inquired: Set<string>;
}

export class FiasSimulatorState {
  readonly guests: FiasSimGuest[] = [];
  readonly postings: FiasSimPosting[] = [];
  nightAudit = false;
  #rateLimited = 0;
  #timeouts: Array<'before-apply' | 'after-apply'> = [];

  constructor(
    private readonly exponent: number,
    private readonly logger: Logger,
  ) {}

  rateLimitNext(n: number): void {
    this.#rateLimited = n;
  }

  timeoutNext(mode: 'before-apply' | 'after-apply'): void {
    this.#timeouts.push(mode);
  }

  inHouse(): FiasSimGuest[] {
    return this.guests.filter((g) => g.status === 'in_house');
  }

  /** Answers to one data record; [] means no answer at all. */
  handle(rec: FiasRecord, session: SimSession): FiasRecord[] {
    switch (rec.type) {
      case 'PR':
        return this.#isInquiry(rec) ? this.#inquiry(rec, session) : this.#posting(rec, session);
      case 'PS':
        return this.#posting(rec, session);
      case 'DR':
        return this.#resync(rec);
      default:
        this.logger.info({ type: rec.type }, 'fias-sim: record ignored');
        return [];
    }
  }

  /** p.79: an inquiry has no (or an empty) G#, a PI, and no TA. */
  #isInquiry(rec: FiasRecord): boolean {
    return !field(rec, 'G#') && (hasField(rec, 'PI') || hasField(rec, '$2')) && !hasField(rec, 'TA');
  }

  #busy(rec: FiasRecord): FiasRecord[] | null {
    if (this.#rateLimited > 0) {
      this.#rateLimited -= 1;
      return [this.#answer(rec, 'RY', 'RETRY')];
    }
    if (this.nightAudit) return [this.#answer(rec, 'NA', 'NIGHT AUDIT')];
    return null;
  }

  #inquiry(rec: FiasRecord, session: SimSession): FiasRecord[] {
    if (!field(rec, 'P#')) return []; // P# is mandatory for PR/PL (p.80)
    const busy = this.#busy(rec);
    if (busy) return busy;
    const pi = field(rec, 'PI');
    const track2 = field(rec, '$2');
    const max = Number(field(rec, 'MX') ?? '0');
    // "Inquiries will only return a match on those guests which are currently checked in" (p.79).
    let found = this.inHouse().filter((g) => (track2 ? g.track2 === track2 : g.roomNumber === pi));
    if (found.length === 0 && pi && max > 0) {
      const prefix = pi.toUpperCase();
      found = this.inHouse()
        .filter((g) => g.lastName.toUpperCase().startsWith(prefix))
        .slice(0, max);
    }
    if (found.length === 0) return [this.#answer(rec, 'NG', 'INVALID ROOM')];
    const blocks: Array<[string, string | undefined]> = [];
    for (const g of found) {
      session.inquired.add(`${g.roomNumber}/${g.reservation}`);
      blocks.push(
        ['RN', g.roomNumber],
        ['G#', g.reservation],
        ['GN', `${g.lastName}, ${g.firstName}`],
        ['GA', g.arrival || undefined],
        ['GD', g.departure || undefined],
        ['NP', g.noPost ? 'Y' : 'N'],
        ['BA', this.#money(g.balanceMinor)],
        ['CL', g.creditLimitMinor === null ? undefined : this.#money(g.creditLimitMinor)],
      );
    }
    return [record('PL', [...this.#echo(rec), ...blocks, ['P#', field(rec, 'P#')]])];
  }

  #posting(rec: FiasRecord, session: SimSession): FiasRecord[] {
    const sequence = field(rec, 'P#');
    if (!sequence) return [];
    const busy = this.#busy(rec);
    if (busy) return busy;
    const fault = this.#timeouts.shift();
    if (fault === 'before-apply') return [];
    const room = field(rec, 'RN') ?? '';
    const reservation = rec.type === 'PR' ? (field(rec, 'G#') ?? '') : null;
    if (rec.type === 'PR' && !session.inquired.has(`${room}/${reservation}`)) {
      // p.79: a PR posting without a preceding inquiry "will be ignored".
      this.logger.warn({ room, reservation }, 'fias-sim: PR posting without inquiry ignored');
      return [];
    }
    if (rec.type === 'PR' && !field(rec, 'WS')) return [this.#answer(rec, 'UR', 'WS MISSING')];
    const guest = this.inHouse().find(
      (g) => g.roomNumber === room && (reservation === null || g.reservation === reservation),
    );
    if (!guest) return [this.#answer(rec, 'NG', 'GUEST NOT FOUND')];
    if (guest.noPost) return [this.#answer(rec, 'NP', 'NO POST')];
    if (!checkTotal(rec).ok) return [this.#answer(rec, 'DM', 'TOTAL MISMATCH')];
    const total = Number(field(rec, 'TA'));
    const over = guest.creditLimitMinor !== null && guest.balanceMinor + total > guest.creditLimitMinor;
    if (over && total > 0 && field(rec, 'CO') !== 'Y') return [this.#answer(rec, 'CO', 'CREDIT LIMIT')];
    guest.balanceMinor += total;
    const posting: FiasSimPosting = {
      type: rec.type === 'PS' ? 'PS' : 'PR',
      sequence,
      roomNumber: guest.roomNumber,
      reservation,
      totalMinor: total,
      checkNumber: field(rec, 'C#') ?? null,
      DA: field(rec, 'DA') ?? '',
      TI: field(rec, 'TI') ?? '',
      amounts: Object.fromEntries([...rec.fields].filter(([k]) => /^(TA|[STD][1-9]|TP|SC)$/.test(k))),
    };
    this.postings.push(posting);
    if (fault === 'after-apply') return [];
    return [
      record('PA', [
        ...this.#echo(rec),
        ['RN', guest.roomNumber],
        ['G#', reservation ?? undefined],
        ['GN', field(rec, 'GN')],
        ['AS', 'OK'],
        ['BA', this.#money(guest.balanceMinor)],
        ['DA', posting.DA],
        ['TI', posting.TI],
        ['P#', sequence],
      ]),
    ];
  }

  /** p.36: DR → DS, one GI per in-house guest with an empty SF (swap flag), DE. */
  #resync(rec: FiasRecord): FiasRecord[] {
    const stamp: Array<[string, string | undefined]> = [
      ['DA', field(rec, 'DA')],
      ['TI', field(rec, 'TI')],
    ];
    return [
      record('DS', stamp),
      ...this.inHouse().map((g) =>
        record('GI', [
          ['RN', g.roomNumber],
          ['G#', g.reservation],
          ['GS', 'N'],
          ['GN', `${g.lastName}, ${g.firstName}`],
          ['SF', ''],
        ]),
      ),
      record('DE', stamp),
    ];
  }

  /** A PA carrying a status, echoing SO/WS/ID and P# as in the spec's examples (p.85). */
  #answer(rec: FiasRecord, as: string, text: string): FiasRecord {
    return record('PA', [...this.#echo(rec), ['AS', as], ['CT', text], ['P#', field(rec, 'P#')]]);
  }

  #echo(rec: FiasRecord): Array<[string, string | undefined]> {
    return [
      ['SO', field(rec, 'SO')],
      ['WS', field(rec, 'WS')],
      ['ID', field(rec, 'ID')],
    ];
  }

  /** Money from the PMS: period as decimal indicator (p.21). */
  #money(minor: number): string {
    if (this.exponent === 0) return String(minor);
    const sign = minor < 0 ? '-' : '';
    const abs = String(Math.abs(minor)).padStart(this.exponent + 1, '0');
    return `${sign}${abs.slice(0, -this.exponent)}.${abs.slice(-this.exponent)}`;
  }
}
