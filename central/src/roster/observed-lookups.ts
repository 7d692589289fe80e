import type { Logger, RoomLookup } from '@roompost/sync';
import { type PmsAdapter, PmsError } from '../pms/adapter.js';
import type { RosterService } from './roster-service.js';

/**
 * Every lookup central answers (an outlet's, the API's) also refreshes that room on the roster:
 * the freshest figure there is, at no extra PMS call. A room the PMS says is empty leaves it.
 * `also` sees every answer too (central remembers the guest's name per stay from them).
 */
export function withRosterObserver(
  adapter: PmsAdapter,
  roster: RosterService,
  logger: Logger,
  also: (lookup: RoomLookup) => void = () => {},
): PmsAdapter {
  const seen = (lookup: RoomLookup) => {
    also(lookup);
    roster.observe(lookup).catch((err: unknown) => logger.warn({ err }, 'roster not updated from a lookup'));
    return lookup;
  };
  const missed = (room: string | null, err: unknown): never => {
    if (
      room !== null &&
      err instanceof PmsError &&
      (err.code === 'ROOM_NOT_FOUND' || err.code === 'GUEST_CHECKED_OUT')
    ) {
      roster
        .observeGone(room)
        .catch((e: unknown) => logger.warn({ err: e }, 'roster not updated from a miss'));
    }
    throw err;
  };
  return new Proxy(adapter, {
    get(target, key, receiver) {
      if (key === 'lookupRoom')
        return (room: string) => target.lookupRoom(room).then(seen, (err: unknown) => missed(room, err));
      if (key === 'lookupCredential')
        return (uid: string) => target.lookupCredential(uid).then(seen, (err: unknown) => missed(null, err));
      return Reflect.get(target, key, receiver);
    },
  });
}
