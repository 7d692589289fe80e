// The `charge` event normally brings status changes; if the stream drops one, a slow poll of
// GET /api/charges/:id catches up, until the charge reaches a final status.
import type { ChargeView } from '@roompost/sync/contract';
import { useEffect } from 'preact/hooks';
import { type FlowAction, isFinalStatus } from '../flow/flow.js';
import { useKiosk } from '../kiosk-context.js';

const POLL_MS = 4000;

export function useChargePoll(charge: ChargeView, dispatch: (action: FlowAction) => void): void {
  const { client } = useKiosk();
  const final = isFinalStatus(charge.status);

  useEffect(() => {
    if (final) return;
    const timer = window.setInterval(() => {
      client.charge(charge.id).then(
        (latest) => dispatch({ type: 'charge-updated', charge: latest }),
        () => {}, // the next poll or event will do; the charge is safe on the edge either way
      );
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [client, charge.id, final, dispatch]);
}
