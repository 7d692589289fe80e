// Answer Status (AS) of a PA, FIAS 2.20.23 Appendix B pp.111–112 (the complete list), in our terms.
// "Checked out" has no code of its own: inquiries only match in-house guests (p.79), so a guest who
// left is simply not found (NG).
import type { ErrorCode } from '@roompost/sync';
import { PmsError } from '../adapter.js';

export interface AnswerStatusMeaning {
  meaning: string;
  /** null: success. */
  code: ErrorCode | null;
  retryable: boolean;
}

export const ANSWER_STATUS: Readonly<Record<string, AnswerStatusMeaning>> = {
  OK: { meaning: 'Completed successfully', code: null, retryable: false },
  NG: { meaning: 'Guest not found', code: 'ROOM_NOT_FOUND', retryable: false },
  NP: {
    meaning: 'Posting denied for this guest (NoPost flag set)',
    code: 'CHARGES_BLOCKED',
    retryable: false,
  },
  CO: {
    meaning: 'Posting denied: credit limit override not allowed',
    code: 'CREDIT_EXCEEDED',
    retryable: false,
  },
  DM: { meaning: 'Sum of subtotals does not match TotalAmount', code: 'POSTING_REJECTED', retryable: false },
  IA: { meaning: 'Invalid account', code: 'POSTING_REJECTED', retryable: false },
  FX: { meaning: 'Guest not allowed this feature', code: 'CHARGES_BLOCKED', retryable: false },
  DN: { meaning: 'Request denied', code: 'POSTING_REJECTED', retryable: false },
  NA: { meaning: 'Night audit in progress', code: 'CONNECTION_FAILED', retryable: true },
  RY: { meaning: 'Retry', code: 'RATE_LIMITED', retryable: true },
  UR: { meaning: 'Unprocessable request, no retry', code: 'POSTING_REJECTED', retryable: false },
  BY: { meaning: 'Busy', code: 'RATE_LIMITED', retryable: true },
  BM: { meaning: 'Balance mismatch (remote check-out)', code: 'POSTING_REJECTED', retryable: false },
  CD: { meaning: 'Check-out date not today (remote check-out)', code: 'POSTING_REJECTED', retryable: false },
  NF: { meaning: 'Feature not enabled', code: 'POSTING_REJECTED', retryable: false },
  AA: { meaning: 'Virtual number already assigned (PBX DID)', code: 'POSTING_REJECTED', retryable: false },
  AN: { meaning: 'Virtual number not found (PBX DID)', code: 'POSTING_REJECTED', retryable: false },
  DE: { meaning: 'Deleted (wakeup/key/message)', code: 'POSTING_REJECTED', retryable: false },
  NM: { meaning: 'Message not found', code: 'POSTING_REJECTED', retryable: false },
  NR: { meaning: 'No response', code: 'POSTING_REJECTED', retryable: false },
};

/**
 * The error for a non-OK answer. An AS outside Appendix B says nothing certain: for a posting it
 * is POSTING_UNKNOWN (the PMS may have booked it, and FIAS has no idempotency key), otherwise a
 * final rejection.
 */
export function answerError(
  as: string | undefined,
  text: string | undefined,
  kind: 'inquiry' | 'posting',
  context: Record<string, unknown>,
): PmsError {
  const known = as === undefined ? undefined : ANSWER_STATUS[as];
  const ctx = { ...context, answerStatus: as ?? null, pmsText: text ?? null };
  if (!known || known.code === null) {
    const code = kind === 'posting' ? 'POSTING_UNKNOWN' : 'POSTING_REJECTED';
    return new PmsError(code, `FIAS answered with unknown status ${as ?? '(none)'}`, {
      retryable: false,
      context: ctx,
    });
  }
  const suffix = text ? `: ${text}` : '';
  return new PmsError(known.code, `FIAS ${as} (${known.meaning})${suffix}`, {
    retryable: known.retryable,
    context: ctx,
  });
}
