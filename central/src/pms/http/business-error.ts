// Several PMSs state a business refusal only in prose (Mews 403 `Message`, apaleo 422 `messages[]`,
// Cloudbeds `success:false` + `message`). We map the prose with patterns the property can extend
// in config, because none of these vendors publishes the exact texts.
import { z } from 'zod';
import { PmsError } from '../adapter.js';

export const refusalCodes = z.enum([
  'ROOM_NOT_FOUND',
  'GUEST_CHECKED_OUT',
  'CREDIT_EXCEEDED',
  'CHARGES_BLOCKED',
  'POSTING_REJECTED',
]);
export type RefusalCode = z.infer<typeof refusalCodes>;

/** `{ pattern (case-insensitive regex), code }`, tried before the defaults. */
export const messagePatterns = z
  .array(
    z.object({
      pattern: z.string().refine(isRegex, 'a valid regular expression'),
      code: refusalCodes,
    }),
  )
  .default([]);
export type MessagePatterns = z.infer<typeof messagePatterns>;

const DEFAULTS: Array<[RegExp, RefusalCode]> = [
  [/credit\s*limit|insufficient\s+credit|not enough (available )?credit/i, 'CREDIT_EXCEEDED'],
  [/no[\s-]?post|charges? (are |is )?(blocked|not allowed)|posting (is )?not allowed/i, 'CHARGES_BLOCKED'],
  [/checked[\s_-]?out|not (in[\s-]?house|occupied)/i, 'GUEST_CHECKED_OUT'],
  [/(room|reservation|guest|customer|folio).*not found|unknown (room|reservation)/i, 'ROOM_NOT_FOUND'],
];

export function classifyMessage(message: string, extra: MessagePatterns = []): RefusalCode {
  for (const { pattern, code } of extra) if (new RegExp(pattern, 'i').test(message)) return code;
  for (const [re, code] of DEFAULTS) if (re.test(message)) return code;
  return 'POSTING_REJECTED';
}

/** A final refusal by the PMS: never retried, shown to staff with the PMS's own words. */
export function refusal(code: RefusalCode, message: string, context: Record<string, unknown> = {}): PmsError {
  return new PmsError(code, message || 'the PMS refused the request', { retryable: false, context });
}

function isRegex(s: string): boolean {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}
