// Developer panel, shown only when the edge's card reader is simulated (OutletView.simulatedCards):
// one "Tap" per demo card, as if it were held to the reader (POST /api/dev/tap).
import type { OutletView } from '@roompost/sync/contract';
import { useState } from 'preact/hooks';
import { useKiosk } from '../kiosk-context.js';

export function DevPanel({ cards }: { cards: NonNullable<OutletView['simulatedCards']> }) {
  const { client } = useKiosk();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const tap = (uid: string) => {
    setError(null);
    setOpen(false); // out of the way of the screen the tap leads to
    client.devTap(uid).catch((failure: unknown) => {
      setError(failure instanceof Error ? failure.message : String(failure));
      setOpen(true);
    });
  };

  return (
    <div class="dev-panel" data-testid="dev-panel" data-open={String(open)}>
      <button
        type="button"
        class="dev-toggle"
        aria-expanded={open}
        data-testid="dev-panel-toggle"
        onClick={() => setOpen(!open)}
      >
        Dev
      </button>
      {open && (
        <div class="dev-body">
          <p class="dev-title">Simulated card reader</p>
          {cards.map((card) => (
            <button
              key={card.uid}
              type="button"
              class="button button--wide dev-tap"
              data-testid={`dev-tap-${card.uid}`}
              onClick={() => tap(card.uid)}
            >
              Tap {card.label}
            </button>
          ))}
          {error && <p class="dev-error">{error}</p>}
        </div>
      )}
    </div>
  );
}
