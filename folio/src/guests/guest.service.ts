// Guest profiles. Minimal for now: enough to show "Mr. James Wilson" and a VIP level at the outlet.
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { optionalGstin, optionalStateCode } from '../invoices/invoice-settings.js';
import { optionalText, requireText } from '../validation.js';
import { insertGuest } from './guest.repository.js';

export interface CreateGuestInput {
  title?: string | null;
  firstName: string;
  lastName: string;
  vipLevel?: string | null;
  email?: string | null;
  phone?: string | null;
  /** Billing identity used as the invoice's bill-to: a company or the guest, with GSTIN and address. */
  billing?: BillingIdentityInput | null;
}

export interface BillingIdentityInput {
  name: string;
  gstin?: string | null;
  address?: string | null;
  stateCode?: string | null;
}

function billingColumns(input: BillingIdentityInput | null | undefined) {
  if (input == null) return {};
  const gstin = optionalGstin(input.gstin, 'billing.gstin');
  return {
    billing_name: requireText(input.name, 'billing.name', 200),
    billing_gstin: gstin,
    billing_address: optionalText(input.address, 'billing.address', 400),
    billing_state_code: optionalStateCode(input.stateCode, 'billing.stateCode') ?? gstin?.slice(0, 2) ?? null,
  };
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
        ...billingColumns(input.billing),
      });
      return id;
    },

    /** Sets (or with null clears) the billing identity on a guest or company profile. NOT_FOUND if unknown. */
    async setBillingIdentity(guestId: string, billing: BillingIdentityInput | null): Promise<void> {
      const columns =
        billing === null
          ? { billing_name: null, billing_gstin: null, billing_address: null, billing_state_code: null }
          : billingColumns(billing);
      const result = await db.updateTable('guests').set(columns).where('id', '=', guestId).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0)
        throw new FolioError('NOT_FOUND', 'unknown guest', { guestId });
    },
  };
}
