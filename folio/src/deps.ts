// What the folio engine needs from the outside world, injected so tests control time and ids.
import { randomInt } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

export interface FolioClock {
  now(): Date;
}

export interface FolioDeps {
  clock: FolioClock;
  /** Ids of stays, folios, postings, guests… Defaults to UUIDv7 from `clock`, so ids sort by creation. */
  newId?: () => string;
}

/**
 * RFC 9562 UUIDv7 (the `uuid` package) with its time from `clock`. Ids from one generator sort by
 * creation even when the clock stands still (tests): within a millisecond the counter goes up, as
 * the package does with the system clock (RFC 9562 §6.2, method 1).
 */
export function uuidV7From(clock: FolioClock): () => string {
  let msecs = -1;
  let seq = 0;
  return () => {
    const now = clock.now().getTime();
    if (now > msecs) {
      msecs = now;
      seq = randomInt(0, 2 ** 31);
    } else {
      seq = (seq + 1) | 0;
      if (seq === 0) msecs++;
    }
    return uuidv7({ msecs, seq });
  };
}
