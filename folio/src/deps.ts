// What the folio engine needs from the outside world, injected so tests control time and ids.
import { v7 as uuidv7 } from 'uuid';

export interface FolioClock {
  now(): Date;
}

export interface FolioDeps {
  clock: FolioClock;
  /** Ids of stays, folios, postings, guests… Defaults to UUIDv7 from `clock`, so ids sort by creation. */
  newId?: () => string;
}

/** RFC 9562 UUIDv7 (the `uuid` package) with its time from `clock`, so ids sort by creation and tests control them. */
export function uuidV7From(clock: FolioClock): () => string {
  return () => uuidv7({ msecs: clock.now().getTime() });
}
