// The hotel every HTTP simulator fronts: stays by room, postings by reference, the credit limit and
// No-Post rules. Each simulator translates its PMS's wire shapes to and from this one model.

export interface SimGuestSeed {
  roomNumber: string;
  firstName: string;
  lastName: string;
  creditLimitMinor: number | null;
  balanceMinor?: number;
  status?: 'in_house' | 'checked_out';
  noPost?: boolean;
}

export interface SimStay {
  id: string;
  guestId: string;
  roomNumber: string;
  firstName: string;
  lastName: string;
  creditLimitMinor: number | null;
  balanceMinor: number;
  status: 'in_house' | 'checked_out';
  noPost: boolean;
  arrival: string;
  departure: string;
}

export interface SimPosting {
  id: string;
  stayId: string;
  roomNumber: string;
  reference: string;
  totalMinor: number;
  description: string;
}

export type BookOutcome =
  | { ok: true; posting: SimPosting; duplicate: boolean }
  | { ok: false; reason: 'NO_POST' | 'CREDIT_LIMIT' | 'NOT_IN_HOUSE' };

export class SimHotel {
  readonly stays: SimStay[] = [];
  readonly postings: SimPosting[] = [];
  #seq = 1000;

  constructor(readonly currency: string) {}

  nextId(prefix: string): string {
    return `${prefix}${++this.#seq}`;
  }

  seed(g: SimGuestSeed): SimStay {
    const stay: SimStay = {
      id: this.nextId('R'),
      guestId: this.nextId('G'),
      roomNumber: g.roomNumber,
      firstName: g.firstName,
      lastName: g.lastName,
      creditLimitMinor: g.creditLimitMinor,
      balanceMinor: g.balanceMinor ?? 0,
      status: g.status ?? 'in_house',
      noPost: g.noPost ?? false,
      arrival: '2026-01-25',
      departure: '2026-01-28',
    };
    this.stays.push(stay);
    return stay;
  }

  inHouse(roomNumber: string): SimStay | undefined {
    return this.stays.find((s) => s.roomNumber === roomNumber && s.status === 'in_house');
  }

  checkedOut(roomNumber: string): SimStay | undefined {
    return this.stays.find((s) => s.roomNumber === roomNumber && s.status === 'checked_out');
  }

  stay(id: string): SimStay | undefined {
    return this.stays.find((s) => s.id === id || s.guestId === id);
  }

  /** Books a charge. `dedupe`: the PMS honours our reference as an idempotency key. */
  book(
    stay: SimStay,
    reference: string,
    totalMinor: number,
    description: string,
    dedupe: boolean,
  ): BookOutcome {
    if (dedupe) {
      const earlier = this.postings.find((p) => p.reference === reference && p.stayId === stay.id);
      if (earlier) return { ok: true, posting: earlier, duplicate: true };
    }
    if (stay.status !== 'in_house') return { ok: false, reason: 'NOT_IN_HOUSE' };
    if (stay.noPost) return { ok: false, reason: 'NO_POST' };
    if (stay.creditLimitMinor !== null && stay.balanceMinor + totalMinor > stay.creditLimitMinor) {
      return { ok: false, reason: 'CREDIT_LIMIT' };
    }
    const posting: SimPosting = {
      id: this.nextId('T'),
      stayId: stay.id,
      roomNumber: stay.roomNumber,
      reference,
      totalMinor,
      description,
    };
    this.postings.push(posting);
    stay.balanceMinor += totalMinor;
    return { ok: true, posting, duplicate: false };
  }

  postingsFor(roomNumber: string): Array<{ reference: string; totalMinor: number }> {
    return this.postings
      .filter((p) => p.roomNumber === roomNumber)
      .map((p) => ({ reference: p.reference, totalMinor: p.totalMinor }));
  }
}
