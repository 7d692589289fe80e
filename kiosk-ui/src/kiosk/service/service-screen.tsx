// The kiosk's service screen (staff mode, `deviceService`: managers and admins): each device's
// state live from the event stream, with a test page, a relay pulse and a reprint of the last
// receipt. The edge checks the permission on every call; this screen is only hidden from others.
import { useCallback, useEffect, useReducer, useState } from 'preact/hooks';
import { useKioskEvents } from '../events/use-kiosk-events.js';
import type { MessageKey } from '../i18n/i18n.js';
import { useKiosk } from '../kiosk-context.js';
import { asEdgeError } from '../staff/room-screen.js';
import { useStaff } from '../staff/staff-context.js';
import { boardReducer, type DeviceName, emptyBoard, SERVICE_DEVICES } from './device-states.js';
import './service.css';

type Action = 'test' | 'pulse' | 'reprint';
type Outcome = { action: Action; ok: boolean; text: string } | null;

const DEVICE_LABEL: Record<DeviceName, MessageKey> = {
  reader: 'service.device.reader',
  printer: 'service.device.printer',
  gpio: 'service.device.gpio',
  display: 'service.device.display',
};

export function ServiceScreen({ onBack }: { onBack: () => void }) {
  const { client } = useKiosk();
  const { t } = useStaff();
  const [board, dispatch] = useReducer(boardReducer, emptyBoard);
  const [live, setLive] = useState(false);
  const [busy, setBusy] = useState<Action | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const load = useCallback(() => {
    client.devices().then(
      (answer) => dispatch({ type: 'snapshot', devices: answer.devices }),
      () => {},
    );
  }, [client]);
  useEffect(load, [load]);
  useKioskEvents(client.eventsUrl(), {
    onEvent: dispatch,
    onOpen: () => {
      setLive(true);
      load();
    },
    onLost: () => setLive(false),
  });

  const run = (action: Action, call: () => Promise<string>) => {
    if (busy) return;
    setBusy(action);
    setOutcome(null);
    call()
      .then(
        (text) => setOutcome({ action, ok: true, text }),
        (error: unknown) => {
          const body = asEdgeError(error);
          const text =
            body.code === 'NOT_FOUND' && action === 'pulse'
              ? t('service.noRelay')
              : t('service.failed', { reason: body.message });
          setOutcome({ action, ok: false, text });
        },
      )
      .finally(() => setBusy(null));
  };

  return (
    <div class="service" data-testid="service-screen">
      <div class="service-head">
        <h1 class="screen-title">{t('service.title')}</h1>
        <span class="service-live" data-testid="service-live" data-live={live ? 'yes' : 'no'}>
          {live ? t('service.live') : t('service.lost')}
        </span>
        <button type="button" class="button" data-testid="service-back" onClick={onBack}>
          {t('service.back')}
        </button>
      </div>
      <div class="service-body">
        <ul class="service-devices card">
          {SERVICE_DEVICES.map((name) => {
            const state = board.devices[name];
            const health = state?.health ?? 'absent';
            return (
              <li key={name} class="service-device" data-testid={`device-${name}`} data-health={health}>
                <span class={`service-dot service-dot--${health}`} aria-hidden="true" />
                <span class="service-device-name">{t(DEVICE_LABEL[name])}</span>
                <span class="service-device-health">{t(`service.health.${health}`)}</span>
                {state?.reason && <span class="service-device-reason">{state.reason}</span>}
                {name === 'gpio' && board.doorOpen !== null && (
                  <span class="service-device-reason" data-testid="door-state">
                    {board.doorOpen ? t('service.door.open') : t('service.door.closed')}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
        <div class="service-actions">
          <button
            type="button"
            class="button"
            data-testid="service-print-test"
            disabled={busy !== null}
            onClick={() => run('test', () => client.printTestPage().then(() => t('service.printed')))}
          >
            {busy === 'test' ? t('service.working') : t('service.printTest')}
          </button>
          <button
            type="button"
            class="button"
            data-testid="service-pulse-relay"
            disabled={busy !== null}
            onClick={() =>
              run('pulse', () => client.pulseRelay().then((a) => t('service.pulsed', { seconds: a.seconds })))
            }
          >
            {busy === 'pulse' ? t('service.working') : t('service.pulseRelay')}
          </button>
          <button
            type="button"
            class="button"
            data-testid="service-reprint"
            disabled={busy !== null}
            onClick={() => run('reprint', () => client.reprint().then(() => t('service.printed')))}
          >
            {busy === 'reprint' ? t('service.working') : t('service.reprint')}
          </button>
          {outcome && (
            <p
              class={`service-outcome${outcome.ok ? '' : ' service-outcome--failed'}`}
              data-testid="service-outcome"
              data-ok={outcome.ok ? 'yes' : 'no'}
              role="status"
            >
              {outcome.text}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}

/** The header button that opens the service screen (only for roles with `deviceService`). */
export function ServiceButton({ onOpen }: { onOpen: () => void }) {
  const { t } = useStaff();
  return (
    <button type="button" class="header-button" data-testid="open-service" onClick={onOpen}>
      {t('service.open')}
    </button>
  );
}
