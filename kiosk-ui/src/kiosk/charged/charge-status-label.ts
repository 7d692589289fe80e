// What the guest reads about a charge after "Charged": the edge has stored it (pending), central
// has it (accepted/queued), the hotel's folio has it (posted), the PMS refused it (rejected), or the
// retries are used up and staff will post it by hand (failed).
import type { ChargeView } from '@roompost/sync/contract';

export type StatusTone = 'progress' | 'done' | 'failed';

export function chargeStatusLabel(charge: Pick<ChargeView, 'status' | 'error'>): {
  text: string;
  tone: StatusTone;
} {
  switch (charge.status) {
    case 'pending':
      return { text: 'Sending to the hotel…', tone: 'progress' };
    case 'accepted':
      return { text: 'Received by the hotel', tone: 'progress' };
    case 'queued':
      return { text: 'Queued: it will post to your room shortly', tone: 'progress' };
    case 'posted':
      return { text: 'Posted to your room', tone: 'done' };
    case 'rejected':
      return {
        text: `Not posted: ${charge.error?.message ?? 'the hotel system rejected the charge'}. Please see the bar staff.`,
        tone: 'failed',
      };
    case 'failed':
      return { text: 'Received: the hotel staff will post it to your room', tone: 'progress' };
    default:
      // A status added to the contract after this build: the charge is stored, say no more.
      return { text: 'Saved at the outlet', tone: 'progress' };
  }
}
