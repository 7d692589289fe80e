// What the guest reads about a charge after "Charged": the edge has stored it (pending), central
// has it (accepted/queued), the hotel's folio has it (posted), the PMS refused it (rejected), or the
// retries are used up or the outlet posts by hand, and staff will post it (failed, held).
import type { ChargeView } from '@roompost/sync/contract';

import { type Translate, translator } from '../i18n/i18n.js';

export type StatusTone = 'progress' | 'done' | 'failed';

export function chargeStatusLabel(
  charge: Pick<ChargeView, 'status' | 'error'>,
  t: Translate = translator('en'),
): {
  text: string;
  tone: StatusTone;
} {
  // Sent, and the PMS never answered: it may be on the folio already. Never "failed", never "posted".
  if (charge.error?.code === 'POSTING_UNKNOWN' && (charge.status === 'queued' || charge.status === 'failed'))
    return { text: t('ss.st.checking'), tone: 'progress' };
  switch (charge.status) {
    case 'pending':
      return { text: t('ss.st.pending'), tone: 'progress' };
    case 'accepted':
      return { text: t('ss.st.accepted'), tone: 'progress' };
    case 'queued':
      return { text: t('ss.st.queued'), tone: 'progress' };
    case 'posted':
      return { text: t('ss.st.posted'), tone: 'done' };
    case 'rejected':
      return {
        text: t('ss.st.rejected', { reason: charge.error?.message ?? t('ss.st.rejectedReason') }),
        tone: 'failed',
      };
    case 'failed':
    // Held: the outlet does not post automatically; a manager posts it. Same words as failed.
    case 'held':
      return { text: t('ss.st.failed'), tone: 'progress' };
    default:
      // A status added to the contract after this build: the charge is stored, say no more.
      return { text: t('ss.st.saved'), tone: 'progress' };
  }
}
