// Identify by room number and last name (self-service needs both, docs/edge-api.md): the room on a
// numeric keypad first, then the name on a letter keyboard, then POST /api/lookup. A card tapped
// meanwhile still counts (the flow accepts taps on this screen too).
import { useEffect, useState } from 'preact/hooks';
import type { QuoteView } from '../api/edge-client.js';
import { EdgeRequestError } from '../api/edge-client.js';
import type { FlowAction } from '../flow/flow.js';
import { edgeUnreachable, type Problem, problemFromApiError } from '../flow/problem.js';
import { backspace, canLookUp, roomLookupRequest, typeNameKey, typeRoomKey } from '../keypad/keypad-input.js';
import { useKiosk } from '../kiosk-context.js';
import { EntryField } from './entry-field.js';
import { LetterKeyboard } from './letter-keyboard.js';
import { Notice } from './notice.js';
import { NumericKeypad } from './numeric-keypad.js';
import { OrderTotal } from './order-total.js';

export interface RoomEntryScreenProps {
  quote: QuoteView | null;
  notice: Problem | null;
  dispatch: (action: FlowAction) => void;
}

export function RoomEntryScreen({ quote, notice, dispatch }: RoomEntryScreenProps) {
  const { client, outlet, t } = useKiosk();
  const needsName = outlet.mode === 'self-service';
  const [step, setStep] = useState<'room' | 'name'>('room');
  const [roomNumber, setRoomNumber] = useState('');
  const [lastName, setLastName] = useState('');
  const [busy, setBusy] = useState(false);
  const entry = { roomNumber, lastName };
  const ready = canLookUp(entry, outlet.mode) && !busy;

  const lookUp = () => {
    if (!ready) return;
    setBusy(true);
    client
      .lookup(roomLookupRequest(entry))
      .then((lookup) => dispatch({ type: 'looked-up', lookup }))
      .catch((error: unknown) => {
        const problem =
          error instanceof EdgeRequestError && error.body ? problemFromApiError(error.body) : edgeUnreachable;
        dispatch({ type: 'lookup-failed', problem });
        if (problem.code === 'ROOM_NOT_FOUND') setStep('room');
      })
      .finally(() => setBusy(false));
  };
  const next = () => (step === 'room' && needsName ? setStep('name') : lookUp());

  // A physical keyboard (desktop demo, or a staff keyboard) types through the same rules.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'Backspace') {
        if (step === 'room') setRoomNumber(backspace);
        else setLastName(backspace);
      } else if (event.key === 'Enter') {
        if (step === 'room' && roomNumber !== '') next();
        else if (step === 'name') lookUp();
      } else if (step === 'room') {
        setRoomNumber((current) => typeRoomKey(current, event.key));
      } else {
        setLastName((current) => typeNameKey(current, event.key));
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  return (
    <div class={`room-entry room-entry--${step}`} data-testid="room-entry-screen" data-step={step}>
      <div class="room-entry-head">
        <h1 class="screen-title">{step === 'room' ? t('ss.yourRoom') : t('ss.yourName')}</h1>
        <OrderTotal quote={quote} />
        <EntryField
          label={t('ss.room')}
          value={roomNumber}
          active={step === 'room'}
          testId="room-number"
          onClick={() => setStep('room')}
        />
        {needsName && (
          <EntryField
            label={t('ss.lastName')}
            value={lastName}
            active={step === 'name'}
            testId="last-name"
            onClick={() => roomNumber !== '' && setStep('name')}
          />
        )}
        {busy ? (
          <p class="looking-up" data-testid="looking-up" role="status">
            {t('ss.lookingUp')}
          </p>
        ) : (
          <Notice problem={notice} />
        )}
      </div>
      {step === 'room' ? (
        <NumericKeypad
          onKey={(digit) => setRoomNumber((current) => typeRoomKey(current, digit))}
          onDelete={() => setRoomNumber(backspace)}
          onNext={next}
          nextLabel={needsName ? t('ss.next') : t('ss.lookUp')}
          nextDisabled={roomNumber === '' || busy}
        />
      ) : (
        <LetterKeyboard
          onKey={(key) => setLastName((current) => typeNameKey(current, key))}
          onDelete={() => setLastName(backspace)}
        />
      )}
      <div class="actions room-entry-actions">
        <button
          type="button"
          class="button"
          data-testid="use-card"
          onClick={() => (step === 'name' ? setStep('room') : dispatch({ type: 'use-card' }))}
        >
          {step === 'name' ? t('ss.back') : t('ss.useCard')}
        </button>
        {step === 'name' && (
          <button
            type="button"
            class="button button--primary"
            data-testid="look-up"
            disabled={!ready}
            onClick={lookUp}
          >
            {t('ss.lookUp')}
          </button>
        )}
      </div>
    </div>
  );
}
