import type { QueueView } from '../types.js';

const LINK_CODES = new Set(['CONNECTION_FAILED', 'RATE_LIMITED', 'POSTING_UNKNOWN']);

/** The PMS link is in trouble when a waiting charge's last attempt could not reach it. */
export function pmsTrouble(queue: QueueView): boolean {
  return queue.postings.some((p) => p.error !== null && LINK_CODES.has(p.error.code) && p.status !== 'held');
}

/** Charges not on a folio 15 minutes after central received them (held ones wait for a manager by design). */
export function stuckCharges(queue: QueueView, now: Date) {
  return queue.postings.filter(
    (p) => p.status !== 'held' && now.getTime() - Date.parse(p.receivedAt) > 15 * 60_000,
  );
}
