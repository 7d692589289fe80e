// Seed 000 "Error Codes" in staff words (its message and action, in the screen's language). The raw
// detail from the PMS or the network (a socket error, a PMS's own text) goes to the log and the
// service screen only, never onto a sales screen.
import type { MessageKey, Translate } from '../i18n/i18n.js';

const SEED_WORDS = {
  ROOM_NOT_FOUND: ['err.ROOM_NOT_FOUND', 'act.ROOM_NOT_FOUND'],
  CREDENTIAL_NOT_FOUND: ['err.CREDENTIAL_NOT_FOUND', 'act.CREDENTIAL_NOT_FOUND'],
  GUEST_CHECKED_OUT: ['err.GUEST_CHECKED_OUT', 'act.GUEST_CHECKED_OUT'],
  CREDIT_EXCEEDED: ['err.CREDIT_EXCEEDED', 'act.CREDIT_EXCEEDED'],
  CHARGES_BLOCKED: ['err.CHARGES_BLOCKED', 'act.CHARGES_BLOCKED'],
  CONNECTION_FAILED: ['err.CONNECTION_FAILED', 'act.CONNECTION_FAILED'],
  POSTING_REJECTED: ['err.POSTING_REJECTED', 'act.POSTING_REJECTED'],
  POSTING_UNKNOWN: ['err.POSTING_UNKNOWN', 'act.POSTING_UNKNOWN'],
  POSTING_WITHDRAWN: ['err.POSTING_WITHDRAWN', 'act.POSTING_WITHDRAWN'],
} as const satisfies Record<string, readonly [MessageKey, MessageKey]>;

/** The seed's message and action for `code`; a code the seed does not word reads as a rejection. */
export function staffError(t: Translate, code: string): { message: string; action: string } {
  const [message, action] = SEED_WORDS[code as keyof typeof SEED_WORDS] ?? SEED_WORDS.POSTING_REJECTED;
  return { message: t(message), action: t(action) };
}
