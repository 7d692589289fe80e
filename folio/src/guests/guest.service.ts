// Guest profiles. Minimal for now: enough to show "Mr. James Wilson" and a VIP level at the outlet.
import type { FolioContext } from '../context.js';
import { optionalText, requireText } from '../validation.js';
import { insertGuest } from './guest.repository.js';

export interface CreateGuestInput {
  title?: string | null;
  firstName: string;
  lastName: string;
  vipLevel?: string | null;
  email?: string | null;
  phone?: string | null;
}

export function createGuestService({ db, clock, newId }: FolioContext) {
  return {
    /** Returns the guest id. */
    async createGuest(input: CreateGuestInput): Promise<string> {
      const id = newId();
      await insertGuest(db, {
        id,
        title: optionalText(input.title, 'title', 20),
        first_name: requireText(input.firstName, 'firstName', 100),
        last_name: requireText(input.lastName, 'lastName', 100),
        vip_level: optionalText(input.vipLevel, 'vipLevel', 40),
        email: optionalText(input.email, 'email', 254),
        phone: optionalText(input.phone, 'phone', 40),
        created_at: clock.now().toISOString(),
      });
      return id;
    },
  };
}
