// What a guest reads when a room charge cannot go ahead: plain guest words in the screen's language,
// never the seed's staff wording ("Verify room number with guest") nor a technical detail (those go
// to the log and the service screen).
import type { MessageKey, Translate } from '../i18n/i18n.js';
import type { Problem } from './problem.js';

const GUEST_WORDS: Partial<Record<Problem['code'], readonly [MessageKey, MessageKey]>> = {
  ROOM_NOT_FOUND: ['g.ROOM_NOT_FOUND', 'g.ROOM_NOT_FOUND.act'],
  CREDENTIAL_NOT_FOUND: ['g.CREDENTIAL_NOT_FOUND', 'g.CREDENTIAL_NOT_FOUND.act'],
  GUEST_CHECKED_OUT: ['g.GUEST_CHECKED_OUT', 'g.other.act'],
  CREDIT_EXCEEDED: ['g.CREDIT_EXCEEDED', 'g.other.act'],
  CHARGES_BLOCKED: ['g.CHARGES_BLOCKED', 'g.other.act'],
  CONNECTION_FAILED: ['g.CONNECTION_FAILED', 'g.other.act'],
  VERIFICATION_EXPIRED: ['g.VERIFICATION_EXPIRED', 'g.VERIFICATION_EXPIRED.act'],
  VALIDATION_FAILED: ['g.VALIDATION_FAILED', 'g.ROOM_NOT_FOUND.act'],
  EDGE_UNREACHABLE: ['g.EDGE_UNREACHABLE', 'g.other.act'],
  NOT_CONFIRMED: ['g.NOT_CONFIRMED', 'g.NOT_CONFIRMED.act'],
};

export function guestWords(t: Translate, code: Problem['code']): { message: string; action: string } {
  const [message, action] = GUEST_WORDS[code] ?? (['g.other', 'g.other.act'] as const);
  return { message: t(message), action: t(action) };
}
