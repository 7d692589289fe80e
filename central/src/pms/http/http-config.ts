import { z } from 'zod';
import { messagePatterns } from './business-error.js';

/** Config fields every HTTP PMS shares. */
export const httpConnectionFields = {
  /** Per request; a posting with no answer by then is a timeout (unknown outcome where not idempotent). */
  timeoutMs: z.number().int().positive().max(120_000).default(10_000),
  /** The property's currency: charges in another currency are refused before sending. */
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD'),
  /** Extra `{ pattern, code }` rules for the PMS's refusal texts, tried before the built-in ones. */
  messagePatterns,
};
