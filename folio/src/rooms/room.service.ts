// Room types and rooms: the inventory stays are checked into. A property set up from scratch adds them
// (central's /api/folio/room-types and /api/folio/rooms); nothing here renames or removes one, since
// reservations and postings name them.
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { invalid, requireInteger, requireText } from '../validation.js';
import {
  existingRoomNumbers,
  findRoomByNumber,
  findRoomTypeByCode,
  insertRoom,
  insertRoomType,
  listRoomRows,
  listRoomTypeRows,
} from './room.repository.js';

export interface CreateRoomTypeInput {
  code: string;
  name: string;
  baseOccupancy: number;
}

export interface CreateRoomInput {
  number: string;
  roomTypeCode: string;
}

export interface CreateRoomsInput {
  roomTypeCode: string;
  numbers: readonly string[];
}

export interface RoomTypeView {
  code: string;
  name: string;
  baseOccupancy: number;
}

export interface RoomView {
  number: string;
  roomTypeCode: string;
}

/** Room numbers as front desks write them: letters, digits, `-` and `/` (101, 12A, B-204), at most 20. */
const ROOM_NUMBER = /^[A-Za-z0-9][A-Za-z0-9/-]{0,19}$/;
/** Room type codes as rate tables and rules name them: DLX, SUITE_2 (at most 16). */
const ROOM_TYPE_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$/;

function requireRoomNumber(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ROOM_NUMBER.test(value)) {
    throw invalid(field, 'a room number of letters, digits, "-" or "/" (at most 20)', { value });
  }
  return value;
}

const byNumber = (a: RoomView, b: RoomView) => a.number.localeCompare(b.number, 'en', { numeric: true });

export function createRoomService({ db, newId }: FolioContext) {
  return {
    /** Returns the room type id. A taken code is ALREADY_EXISTS. */
    async createRoomType(input: CreateRoomTypeInput): Promise<string> {
      const code = requireText(input.code, 'code', 16);
      if (!ROOM_TYPE_CODE.test(code)) {
        throw invalid('code', 'letters, digits, "-" or "_" (at most 16)', { value: code });
      }
      const name = requireText(input.name, 'name', 80);
      const baseOccupancy = requireInteger(input.baseOccupancy, 'baseOccupancy', 1);
      if (baseOccupancy > 20) throw invalid('baseOccupancy', 'at most 20', { value: baseOccupancy });
      return db.transaction().execute(async (trx) => {
        if (await findRoomTypeByCode(trx, code)) {
          throw new FolioError('ALREADY_EXISTS', `room type ${code} exists already`, { field: 'code', code });
        }
        const id = newId();
        await insertRoomType(trx, { id, code, name, base_occupancy: baseOccupancy });
        return id;
      });
    },

    /** Returns the room id. An unknown room type is NOT_FOUND, a taken number ALREADY_EXISTS. */
    async createRoom(input: CreateRoomInput): Promise<string> {
      const number = requireRoomNumber(input.number, 'number');
      return db.transaction().execute(async (trx) => {
        const roomType = await findRoomTypeByCode(trx, input.roomTypeCode);
        if (!roomType) {
          throw new FolioError('NOT_FOUND', 'unknown room type', {
            field: 'roomTypeCode',
            roomTypeCode: input.roomTypeCode,
          });
        }
        if (await findRoomByNumber(trx, number)) {
          throw new FolioError('ALREADY_EXISTS', `room ${number} exists already`, {
            field: 'number',
            number,
          });
        }
        const id = newId();
        await insertRoom(trx, { id, number, room_type_id: roomType.id });
        return id;
      });
    },

    /**
     * Adds several rooms of one type, all or none: an unknown type is NOT_FOUND, a number given twice
     * VALIDATION_FAILED, numbers that are rooms already ALREADY_EXISTS (listing them all).
     */
    async createRooms(input: CreateRoomsInput): Promise<RoomView[]> {
      if (!Array.isArray(input.numbers) || input.numbers.length === 0 || input.numbers.length > 500) {
        throw invalid('numbers', '1 to 500 room numbers', { count: input.numbers?.length });
      }
      const numbers = input.numbers.map((n, i) => requireRoomNumber(n, `numbers.${i}`));
      const twice = numbers.filter((n, i) => numbers.indexOf(n) !== i);
      if (twice.length > 0) throw invalid('numbers', `given twice: ${twice.join(', ')}`, { numbers: twice });
      return db.transaction().execute(async (trx) => {
        const roomType = await findRoomTypeByCode(trx, input.roomTypeCode);
        if (!roomType) {
          throw new FolioError('NOT_FOUND', 'unknown room type', {
            field: 'roomTypeCode',
            roomTypeCode: input.roomTypeCode,
          });
        }
        const taken = await existingRoomNumbers(trx, numbers);
        if (taken.length > 0) {
          throw new FolioError('ALREADY_EXISTS', `rooms exist already: ${taken.join(', ')}`, {
            field: 'numbers',
            numbers: taken,
          });
        }
        for (const number of numbers)
          await insertRoom(trx, { id: newId(), number, room_type_id: roomType.id });
        return numbers.map((number) => ({ number, roomTypeCode: roomType.code })).sort(byNumber);
      });
    },

    async listRoomTypes(): Promise<RoomTypeView[]> {
      return (await listRoomTypeRows(db)).map((t) => ({
        code: t.code,
        name: t.name,
        baseOccupancy: t.base_occupancy,
      }));
    },

    async listRooms(): Promise<RoomView[]> {
      return (await listRoomRows(db))
        .map((r) => ({ number: r.number, roomTypeCode: r.roomTypeCode }))
        .sort(byNumber);
    },
  };
}
