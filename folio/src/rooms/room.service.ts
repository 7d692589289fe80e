// Room types and rooms: the inventory stays are checked into.
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { invalid, requireInteger, requireText } from '../validation.js';
import { findRoomByNumber, findRoomTypeByCode, insertRoom, insertRoomType } from './room.repository.js';

export interface CreateRoomTypeInput {
  code: string;
  name: string;
  baseOccupancy: number;
}

export interface CreateRoomInput {
  number: string;
  roomTypeCode: string;
}

export function createRoomService({ db, newId }: FolioContext) {
  return {
    /** Returns the room type id. A duplicate code is VALIDATION_FAILED. */
    async createRoomType(input: CreateRoomTypeInput): Promise<string> {
      const code = requireText(input.code, 'code', 16);
      const name = requireText(input.name, 'name', 80);
      const baseOccupancy = requireInteger(input.baseOccupancy, 'baseOccupancy', 1);
      return db.transaction().execute(async (trx) => {
        if (await findRoomTypeByCode(trx, code)) throw invalid('code', 'room type already exists', { code });
        const id = newId();
        await insertRoomType(trx, { id, code, name, base_occupancy: baseOccupancy });
        return id;
      });
    },

    /** Returns the room id. An unknown room type is NOT_FOUND, a duplicate number VALIDATION_FAILED. */
    async createRoom(input: CreateRoomInput): Promise<string> {
      const number = requireText(input.number, 'number', 20);
      return db.transaction().execute(async (trx) => {
        const roomType = await findRoomTypeByCode(trx, input.roomTypeCode);
        if (!roomType) {
          throw new FolioError('NOT_FOUND', 'unknown room type', { roomTypeCode: input.roomTypeCode });
        }
        if (await findRoomByNumber(trx, number)) throw invalid('number', 'room already exists', { number });
        const id = newId();
        await insertRoom(trx, { id, number, room_type_id: roomType.id });
        return id;
      });
    },
  };
}
