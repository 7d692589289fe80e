// Seed 000 "ROOM CHARGE": the order total, the room number on a keypad (or a key-card tap, which
// the kiosk hears on its event stream), then the lookup.
import { useState } from 'preact/hooks';
import type { QuoteView } from '../api/edge-client.js';
import { EdgeRequestError } from '../api/edge-client.js';
import type { EdgeError } from '../api/edge-error.js';
import { EntryField } from '../identify/entry-field.js';
import { NumericKeypad } from '../identify/numeric-keypad.js';
import { useKiosk } from '../kiosk-context.js';
import { Icon } from '../shell/icon.js';
import { useStaff } from './staff-context.js';
import type { StaffFlowAction } from './staff-flow.js';

export interface RoomScreenProps {
  quote: QuoteView | null;
  notice: EdgeError | null;
  dispatch: (action: StaffFlowAction) => void;
}

export function RoomScreen({ quote, notice, dispatch }: RoomScreenProps) {
  const { client } = useKiosk();
  const { t, money } = useStaff();
  const [room, setRoom] = useState('');
  const [busy, setBusy] = useState(false);

  const lookUp = () => {
    if (busy || room === '') return;
    setBusy(true);
    client.lookup({ roomNumber: room }).then(
      (lookup) => dispatch({ type: 'looked-up', lookup }),
      (error: unknown) => {
        setBusy(false);
        dispatch({ type: 'lookup-failed', error: asEdgeError(error) });
      },
    );
  };

  return (
    <div class="room-entry" data-testid="room-screen">
      <div class="room-entry-side">
        <h1 class="screen-title">{t('room.title')}</h1>
        <p class="order-total" data-testid="order-total">
          {t('room.total', { amount: quote ? money(quote.totalMinor) : '…' })}
        </p>
        <EntryField
          label={t('room.number')}
          value={room}
          active={true}
          testId="room-number"
          onClick={() => {}}
        />
        <p class="muted">
          {busy ? (
            t('room.looking')
          ) : (
            <>
              <Icon name="card" />
              {t('room.orTap')}
            </>
          )}
        </p>
        {notice && (
          <p class="notice notice--warn" role="alert" data-testid="room-notice" data-code={notice.code}>
            {notice.message}. {notice.action}
          </p>
        )}
        <button
          type="button"
          class="button"
          data-testid="back"
          onClick={() => dispatch({ type: 'start-over' })}
        >
          {t('room.back')}
        </button>
      </div>
      <NumericKeypad
        onKey={(d) => setRoom((r) => (r.length < 6 ? r + d : r))}
        onDelete={() => setRoom((r) => r.slice(0, -1))}
        onNext={lookUp}
        nextLabel={t('room.lookUp')}
        nextDisabled={busy || room === ''}
      />
    </div>
  );
}

export function asEdgeError(error: unknown): EdgeError {
  if (error instanceof EdgeRequestError && error.body) return error.body;
  return { code: 'CONNECTION_FAILED', message: 'The outlet service did not answer', action: 'Try again' };
}
