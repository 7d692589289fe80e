// Key cards come from the door-lock system, not from the PMS: only FIAS can carry track data to the
// PMS, and the HTTP PMSs have no lookup by card at all. With a key registry (which card opens which
// room) a tap resolves to a room locally, and the PMS is then asked who is in house there.
import type { RoomLookup } from '@roompost/sync';
import type { PmsAdapter, PmsFeature } from './adapter.js';

export interface KeyCardRegistry {
  /** The room a card opens; null when the registry does not know the card (the PMS may). */
  roomOf(uid: string): Promise<string | null>;
}

export function withKeyCardRegistry(adapter: PmsAdapter, registry: KeyCardRegistry): PmsAdapter {
  const features: ReadonlySet<PmsFeature> = new Set([...adapter.features, 'key_card_lookup']);
  // Delegates by prototype: every other member (and any getter) stays the adapter's own.
  return Object.assign(Object.create(adapter) as PmsAdapter, {
    features,
    async lookupCredential(uid: string): Promise<RoomLookup> {
      const room = await registry.roomOf(uid);
      return room === null ? adapter.lookupCredential(uid) : adapter.lookupRoom(room);
    },
  });
}
