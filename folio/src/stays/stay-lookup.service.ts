// Resolving a room number or a key card to the stay an outlet may charge, with the seed 000 error codes.
import type { FolioContext } from '../context.js';
import { normalizeCardUid } from '../credentials/card-uid.js';
import { findActiveCredential } from '../credentials/key-credential.repository.js';
import { FolioError } from '../errors.js';
import { sumStay } from '../folios/posting.repository.js';
import { requireProperty } from '../property/property.service.js';
import { findRoomByNumber } from '../rooms/room.repository.js';
import { findInHouseStayInRoom, findStayCheckedOutOn, findStayDetail } from './stay.repository.js';
import { type StayLookup, toStayLookup } from './stay-lookup.js';

export function createStayLookupService({ db }: FolioContext) {
  // Plain reads, no transaction: a lookup is advisory; postCharge re-checks everything when it writes.
  async function describe(stayId: string, currency: string): Promise<StayLookup> {
    const detail = await findStayDetail(db, stayId);
    if (!detail) throw new FolioError('NOT_FOUND', 'unknown stay', { stayRef: stayId });
    return toStayLookup(detail, await sumStay(db, stayId), currency);
  }

  return {
    /**
     * ROOM_NOT_FOUND for an unknown room, or with context.vacant for a room nobody is in;
     * GUEST_CHECKED_OUT when the room's guest checked out on the current business date.
     */
    async lookupRoom(roomNumber: string): Promise<StayLookup> {
      const property = await requireProperty(db);
      const room = await findRoomByNumber(db, roomNumber);
      if (!room) throw new FolioError('ROOM_NOT_FOUND', 'room number not found', { roomNumber });
      const stay = await findInHouseStayInRoom(db, room.id);
      if (stay) return describe(stay.id, property.currency);
      const departed = await findStayCheckedOutOn(db, room.id, property.businessDate);
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
      const property = await requireProperty(db);
      const credential = cardUid === null ? undefined : await findActiveCredential(db, cardUid);
      if (!credential) throw new FolioError('CREDENTIAL_NOT_FOUND', 'key card not linked to a stay', { uid });
      if (credential.stay_status !== 'in_house') {
        throw new FolioError('GUEST_CHECKED_OUT', 'the guest of this key card has checked out', {
          uid: cardUid,
          stayRef: credential.stay_id,
        });
      }
      return describe(credential.stay_id, property.currency);
    },
  };
}
