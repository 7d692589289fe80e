// The header's pending count and PMS-trouble flag, from GET /api/staff/pending every few seconds.
// A 401 means the session ended on the edge (idle or restart): back to the PIN screen.
import { useEffect, useState } from 'preact/hooks';
import { EdgeRequestError } from '../api/edge-client.js';
import { useKiosk } from '../kiosk-context.js';

const POLL_MS = 5000;

export function usePendingCount(onSignedOut: () => void): { count: number; trouble: boolean } {
  const { client } = useKiosk();
  const [state, setState] = useState({ count: 0, trouble: false });
  useEffect(() => {
    let live = true;
    const load = () =>
      client.pending().then(
        (view) => {
          if (!live) return;
          const trouble = view.charges.some((c) => c.status === 'failed' || c.status === 'queued');
          setState({ count: view.charges.length, trouble });
        },
        (error: unknown) => {
          if (live && error instanceof EdgeRequestError && error.body?.code === 'UNAUTHENTICATED')
            onSignedOut();
        },
      );
    void load();
    const timer = window.setInterval(load, POLL_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [client, onSignedOut]);
  return state;
}
