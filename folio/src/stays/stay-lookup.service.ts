// Resolving a room number or a key card to the stay an outlet may charge, with the seed 000 error codes.
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { sql } from 'kysely';
import type { FolioContext } from '../context.js';
import { normalizeCardUid } from '../credentials/card-uid.js';
import { FolioError } from '../errors.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { QueryTemplate } from '../persistence/query-template.js';
import { findStayCheckedOutOn, type StayDetailRow } from './stay.repository.js';
import { type StayLookup, toStayLookup } from './stay-lookup.js';

/**
 * One row per lookup: the property's currency and date, the room or key card asked for, its in-house
 * stay with the room, room type and guest, and the stay's balance. Every column past the property's
 * is null when nothing matched (left joins).
 */
type LookupRow = Pick<
  StayDetailRow,
  | 'confirmation'
  | 'arrival'
  | 'departure'
  | 'adults'
  | 'credit_limit_minor'
  | 'no_post'
  | 'room_number'
  | 'room_type_name'
  | 'guest_title'
  | 'guest_first_name'
  | 'guest_last_name'
  | 'guest_vip_level'
> & {
  currency: string;
  business_date: string;
  /** The room asked for (room lookup) or the card's stay's room (key card); null when unknown. */
  found_room_id: string | null;
  /** Key card: its stay's status; null without an active card. */
  stay_status: string | null;
  id: string | null;
  balance: number | string | bigint | null;
};

type Joined = SelectQueryBuilder<
  FolioDatabase & { property: FolioDatabase['property'] },
  'property' | 'stays' | 'rooms' | 'room_types' | 'guests',
  object
>;

/** The stay's columns an outlet is told about, and its balance over all folio windows. */
function selectStay(q: Joined) {
  return q.select((eb) => [
    'property.currency',
    'property.business_date',
    'stays.id',
    'stays.confirmation',
    'stays.arrival',
    'stays.departure',
    'stays.adults',
    'stays.credit_limit_minor',
    'stays.no_post',
    'rooms.number as room_number',
    'room_types.name as room_type_name',
    'guests.title as guest_title',
    'guests.first_name as guest_first_name',
    'guests.last_name as guest_last_name',
    'guests.vip_level as guest_vip_level',
    eb
      .selectFrom('postings')
      .innerJoin('folios', 'folios.id', 'postings.folio_id')
      .select(sql<number>`coalesce(sum(postings.amount_minor), 0)`.as('b'))
      .whereRef('folios.stay_id', '=', 'stays.id')
      .as('balance'),
  ]);
}

/**
 * Each lookup is one statement compiled once (QueryTemplate): an outlet's live re-check runs it for
 * every charge, and building the five reads it used to be (property, room, stay, stay detail, balance)
 * with kysely per charge cost more than running them.
 */
function lookupQueries(db: Kysely<FolioDatabase>) {
  const room = new QueryTemplate<{ room: string }, LookupRow>(['room'], (a) =>
    selectStay(
      db
        .selectFrom('property')
        .leftJoin('rooms', (j) => j.on('rooms.number', '=', a.room))
        .leftJoin('stays', (j) =>
          j.onRef('stays.room_id', '=', 'rooms.id').on('stays.status', '=', 'in_house'),
        )
        .leftJoin('room_types', 'room_types.id', 'rooms.room_type_id')
        .leftJoin('guests', 'guests.id', 'stays.guest_id') as unknown as Joined,
    )
      .select(['rooms.id as found_room_id', sql<null>`null`.as('stay_status')])
      .where('property.id', '=', 1),
  );
  const card = new QueryTemplate<{ uid: string }, LookupRow>(['uid'], (a) =>
    selectStay(
      db
        .selectFrom('property')
        .leftJoin('key_credentials', (j) =>
          j.on('key_credentials.uid', '=', a.uid).on('key_credentials.revoked_at', 'is', null),
        )
        .leftJoin('stays', 'stays.id', 'key_credentials.stay_id')
        .leftJoin('rooms', 'rooms.id', 'stays.room_id')
        .leftJoin('room_types', 'room_types.id', 'rooms.room_type_id')
        .leftJoin('guests', 'guests.id', 'stays.guest_id') as unknown as Joined,
    )
      .select(['rooms.id as found_room_id', 'stays.status as stay_status'])
      .where('property.id', '=', 1),
  );
  return { room, card };
}

function propertyOf(row: LookupRow | undefined): LookupRow {
  if (!row) throw new FolioError('NOT_FOUND', 'the property is not configured', { entity: 'property' });
  return row;
}

function toLookup(row: LookupRow & { id: string }): StayLookup {
  // Every column toStayLookup reads is selected (selectStay); the others of a stay row it never reads.
  return toStayLookup(row as unknown as StayDetailRow, Number(row.balance ?? 0), row.currency);
}

export function createStayLookupService({ db }: FolioContext) {
  // Plain reads, no transaction: a lookup is advisory; postCharge re-checks everything when it writes.
  let queries: ReturnType<typeof lookupQueries> | undefined;
  const compiled = () => {
    queries ??= lookupQueries(db);
    return queries;
  };

  return {
    /**
     * ROOM_NOT_FOUND for an unknown room, or with context.vacant for a room nobody is in;
     * GUEST_CHECKED_OUT when the room's guest checked out on the current business date.
     */
    async lookupRoom(roomNumber: string): Promise<StayLookup> {
      const row = propertyOf((await compiled().room.execute(db, { room: roomNumber })).rows[0]);
      if (row.found_room_id === null) {
        throw new FolioError('ROOM_NOT_FOUND', 'room number not found', { roomNumber });
      }
      if (row.id !== null) return toLookup(row as LookupRow & { id: string });
      const departed = await findStayCheckedOutOn(db, row.found_room_id, row.business_date);
      if (departed) {
        throw new FolioError('GUEST_CHECKED_OUT', 'the guest of this room has checked out', {
          roomNumber,
          stayRef: departed.id,
          checkedOutAt: departed.checked_out_at,
        });
      }
      throw new FolioError('ROOM_NOT_FOUND', 'no guest is in house in this room', {
        roomNumber,
        vacant: true,
      });
    },

    /** CREDENTIAL_NOT_FOUND for an unknown or revoked card; GUEST_CHECKED_OUT for a departed guest's card. */
    async lookupCredential(uid: string): Promise<StayLookup> {
      const cardUid = normalizeCardUid(uid);
      // The property is read even for a malformed card: an unconfigured property answers as before.
      const row = propertyOf((await compiled().card.execute(db, { uid: cardUid ?? '' })).rows[0]);
      if (cardUid === null || row.id === null) {
        throw new FolioError('CREDENTIAL_NOT_FOUND', 'key card not linked to a stay', { uid });
      }
      if (row.stay_status !== 'in_house') {
        throw new FolioError('GUEST_CHECKED_OUT', 'the guest of this key card has checked out', {
          uid: cardUid,
          stayRef: row.id,
        });
      }
      return toLookup(row as LookupRow & { id: string });
    },
  };
}
