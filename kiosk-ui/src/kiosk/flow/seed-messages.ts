// The reason line of "Room charge not available" is the seed's message for the code (seed 000
// "Error Codes"; CONNECTION_FAILED reads "Unable to connect to PMS"). The edge's own message is
// often more specific ("no guest with that last name in this room") and is shown under it.
// A copy, because the contract's ERROR_CATALOG sits behind an entry point that also loads zod.
import type { ErrorCode } from '@roompost/sync/contract';

export const SEED_MESSAGES: Partial<Record<ErrorCode, string>> = {
  ROOM_NOT_FOUND: 'Room number not found in PMS',
  GUEST_CHECKED_OUT: 'Guest has already checked out',
  CREDIT_EXCEEDED: 'Room credit limit exceeded',
  CHARGES_BLOCKED: 'Room charges are blocked',
  CONNECTION_FAILED: 'Unable to connect to PMS',
  POSTING_REJECTED: 'PMS rejected the posting',
};
