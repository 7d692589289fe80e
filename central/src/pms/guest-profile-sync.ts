// Seed 000 `guest_profile_sync`: the `sync_fields` a PMS holds about a guest, read through
// `adapter.guestProfile` when a room is looked up, added to the lookup (the edge shows them to staff
// only), and kept in central's guest_profiles table when `create_local_profile` is on.
import type { GuestProfileFields, Logger, RoomLookup } from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { CentralDatabase } from '../db/central-database.js';
import type { GuestProfile, PmsAdapter } from './adapter.js';
import type { GuestProfileOptions } from './posting-options.js';

export interface GuestProfileSyncDeps {
  db: Kysely<CentralDatabase>;
  clock: Clock;
  logger: Logger;
  options: () => GuestProfileOptions;
}

/** The synced fields of a profile; a field not in `sync_fields` is left out. */
export function syncedFields(p: GuestProfile, fields: readonly string[]): GuestProfileFields {
  const on = new Set(fields);
  return {
    ...(on.has('email') ? { email: p.email } : {}),
    ...(on.has('phone') ? { phone: p.phone } : {}),
    ...(on.has('preferences') ? { preferences: p.preferences } : {}),
    ...(on.has('allergies') ? { allergies: p.allergies } : {}),
    ...(on.has('loyalty_number') ? { loyaltyNumber: p.loyaltyNumber } : {}),
  };
}

/**
 * The adapter as room lookups see it, with the guest's profile added. A profile that cannot be read
 * never fails the lookup (the guest can still be charged): it is logged and left out.
 */
export function withGuestProfiles(adapter: PmsAdapter, deps: GuestProfileSyncDeps): PmsAdapter {
  const enrich = async (lookup: RoomLookup): Promise<RoomLookup> => {
    const options = deps.options();
    if (!options.enabled || !adapter.guestProfile || !adapter.features.has('guest_profiles')) return lookup;
    let profile: GuestProfile | null;
    try {
      profile = await adapter.guestProfile(lookup.stayRef);
    } catch (err) {
      deps.logger.warn(
        { err, room: lookup.roomNumber },
        'guest profile not read; lookup answered without it',
      );
      return lookup;
    }
    if (!profile) return lookup;
    const fields = syncedFields(profile, options.syncFields);
    if (options.createLocalProfile) {
      const row = {
        stay_ref: lookup.stayRef,
        pms_kind: adapter.kind,
        profile_json: JSON.stringify({
          ...(options.syncFields.includes('name') ? { name: profile.name } : {}),
          ...(options.syncFields.includes('vip_level') ? { vipLevel: profile.vipLevel } : {}),
          ...fields,
        }),
        updated_at: deps.clock.now().toISOString(),
      };
      await deps.db
        .insertInto('guest_profiles')
        .values(row)
        .onConflict((oc) => oc.column('stay_ref').doUpdateSet(row))
        .execute();
    }
    return { ...lookup, profile: fields };
  };
  return new Proxy(adapter, {
    get(target, key, receiver) {
      if (key === 'lookupRoom') return async (room: string) => enrich(await target.lookupRoom(room));
      if (key === 'lookupCredential')
        return async (uid: string) => enrich(await target.lookupCredential(uid));
      return Reflect.get(target, key, receiver);
    },
  });
}
