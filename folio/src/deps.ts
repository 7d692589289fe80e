// What the folio engine needs from the outside world, injected so tests control time and ids.
import { randomBytes } from 'node:crypto';

export interface FolioClock {
  now(): Date;
}

export interface FolioDeps {
  clock: FolioClock;
  /** Ids of stays, folios, postings, guests… Defaults to UUIDv7 from `clock`, so ids sort by creation. */
  newId?: () => string;
}

/** RFC 9562 UUIDv7: 48-bit Unix milliseconds, version 7, variant 10, random rest. */
export function uuidV7From(clock: FolioClock): () => string {
  return () => {
    const bytes = randomBytes(16);
    let ms = clock.now().getTime();
    for (let i = 5; i >= 0; i--) {
      bytes[i] = ms % 256;
      ms = Math.floor(ms / 256);
    }
    bytes[6] = 0x70 | (bytes[6]! & 0x0f);
    bytes[8] = 0x80 | (bytes[8]! & 0x3f);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}
