import { z } from 'zod';

/** Seed 000 `hotel_pms.posting`: how a check is laid out in the PMS. */
export const postingOptions = z
  .object({
    /** The tip as its own PMS line (seed default) or folded into the check's amount. */
    tipAsSeparateLine: z.boolean().default(true),
    /** One PMS line per item (`include_itemized`) or one summarized line for the check (seed default). */
    itemized: z.boolean().default(false),
  })
  .strict();
export type PostingOptions = z.infer<typeof postingOptions>;
export const DEFAULT_POSTING_OPTIONS: PostingOptions = { tipAsSeparateLine: true, itemized: false };

export const GUEST_PROFILE_FIELDS = [
  'name',
  'email',
  'phone',
  'vip_level',
  'preferences',
  'allergies',
  'loyalty_number',
] as const;

/** Seed 000 `guest_profile_sync`. */
export const guestProfileOptions = z
  .object({
    enabled: z.boolean().default(false),
    syncFields: z.array(z.enum(GUEST_PROFILE_FIELDS)).default([...GUEST_PROFILE_FIELDS]),
    /** Keep what the PMS told about the guest in central's own profile table. */
    createLocalProfile: z.boolean().default(false),
  })
  .strict();
export type GuestProfileOptions = z.infer<typeof guestProfileOptions>;
export const DEFAULT_GUEST_PROFILE_OPTIONS: GuestProfileOptions = {
  enabled: false,
  syncFields: [...GUEST_PROFILE_FIELDS],
  createLocalProfile: false,
};
