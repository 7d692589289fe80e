// What the on-screen keypad and keyboard accept while a guest identifies by room number and last
// name. Every key goes through these rules, so a physical keyboard in the desktop demo behaves the
// same as the touch keys.

/** Longest room number the keypad accepts (the API allows 20; no hotel we know goes past 6). */
export const ROOM_NUMBER_MAX = 6;
/** Longest last name the keyboard accepts (the API allows 80). */
export const LAST_NAME_MAX = 40;

const SEPARATORS = new Set([' ', '-', "'"]);

/** A digit appended to the room number, or the room number unchanged when the key is not allowed. */
export function typeRoomKey(current: string, key: string): string {
  if (!/^[0-9]$/.test(key) || current.length >= ROOM_NUMBER_MAX) return current;
  return current + key;
}

/**
 * A letter, space, hyphen or apostrophe appended to the last name. Letters are cased as names
 * usually are (capital after the start or a separator: `O'Brien`, `Smith-Jones`), so a keyboard
 * that only shows capitals still produces what the front desk typed. A name cannot start with a
 * separator, and two separators cannot follow each other.
 */
export function typeNameKey(current: string, key: string): string {
  if (current.length >= LAST_NAME_MAX || Array.from(key).length !== 1) return current;
  const previous = current.slice(-1);
  if (SEPARATORS.has(key)) {
    if (current === '' || SEPARATORS.has(previous)) return current;
    return current + key;
  }
  if (!/^\p{L}$/u.test(key)) return current;
  const startsWord = current === '' || SEPARATORS.has(previous);
  return current + (startsWord ? key.toLocaleUpperCase() : key.toLocaleLowerCase());
}

/** Removes the last character (a whole code point). */
export function backspace(current: string): string {
  return Array.from(current).slice(0, -1).join('');
}

export interface RoomEntry {
  roomNumber: string;
  lastName: string;
}

/** Self-service needs the room number and the last name (docs/edge-api.md); staff only the room. */
export function canLookUp(entry: RoomEntry, mode: 'self-service' | 'staff'): boolean {
  if (entry.roomNumber.trim() === '') return false;
  return mode === 'staff' || entry.lastName.trim() !== '';
}

/** The body of POST /api/lookup for a typed room (`LookupRequest`). */
export function roomLookupRequest(entry: RoomEntry): { roomNumber: string; lastName?: string } {
  const lastName = entry.lastName.trim();
  return lastName === ''
    ? { roomNumber: entry.roomNumber.trim() }
    : { roomNumber: entry.roomNumber.trim(), lastName };
}
